package dev.hybridpane.app;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.PauseToken;
import dev.hybridpane.core.pool.CertRotation;
import dev.hybridpane.core.pool.FinishedUpgrades;
import dev.hybridpane.core.pool.HostCertificates;
import dev.hybridpane.core.pool.NodeDrain;
import dev.hybridpane.core.pool.NodeRemovalService;
import dev.hybridpane.core.pool.PoolChange;
import dev.hybridpane.core.pool.PoolInputs;
import dev.hybridpane.core.pool.PoolLocks;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.PoolUpgrade;
import dev.hybridpane.core.pool.UpgradePlan.Method;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.domain.profile.ProfileVersion;
import dev.hybridpane.ui.pools.day2.PoolDay2Port;
import dev.hybridpane.ui.pools.day2.RunControl;
import dev.hybridpane.ui.pools.wizard.CaKeyFile;
import dev.hybridpane.ui.pools.wizard.PoolTools;
import dev.hybridpane.ui.pools.wizard.PoolsServices;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The pool detail's day-2 port over core's use cases (the same the CLI twins run): the pool's Lease through
 * {@link PoolLocks}, its unfinished journal, host changes through {@link PoolService} ({@code PoolChange}), node removal,
 * the rolling upgrade, certificate rotation and SSM hygiene. Each call opens what it needs on the cluster and closes it.
 * Hosts are reached with the Edge Hosts view's key choice for them (or the default key, or the environment's).
 */
final class CorePoolDay2 implements PoolDay2Port {
    private final PoolsServices services;
    private final Function<String, Day2Core> day2;

    CorePoolDay2(PoolsServices services, Function<String, Day2Core> day2) {
        this.services = services;
        this.day2 = day2;
    }

    private Day2Core core() {
        return day2.apply(services.awsProfile().get());
    }

    private String holder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "this workstation";
        }
        return services.caller().get() + " on " + host;
    }

    /** What one call opens on the cluster, closed together. */
    private final class Open implements AutoCloseable {
        final ClusterRef ref;
        final ClusterAccess access;
        final PoolStore.Pools pools;
        final PoolTools.Operations ops;
        final InventoryPort.Inventory inventory;
        private ProfileStore.Profiles profiles;

        Open(PoolTarget target) {
            ref = target.cluster().ref();
            access = target.access();
            pools = services.tools().store().open(ref, access);
            ops = services.tools().operations().open(access);
            inventory = services.inventory().open(ref, access);
        }

        ProfileStore.Profiles profiles() {
            if (profiles == null) {
                profiles = services.profiles().open(ref, access);
            }
            return profiles;
        }

        PoolStore.Stored pool(String name) {
            return pools.get(name).orElseThrow(() -> new IllegalArgumentException("Cluster " + ref.name() + " has no node pool "
                    + name + "."));
        }

        @Override
        public void close() {
            for (AutoCloseable c : new AutoCloseable[] {profiles, inventory, ops, pools}) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception e) {
                    // closing is best effort
                }
            }
        }
    }

    /** How the hosts are logged into: the Edge Hosts view's key for them, else its default, else the environment's. */
    /** Shared with the Network view's host probes. */
    static SshIdentity identity(PoolsServices services, ClusterRef ref, Collection<String> hosts) {
        SshSettings s = services.sshSettings().load();
        String prefix = ref.region() + "/" + ref.name() + "/";
        String key = hosts.stream().map(h -> s.keyFiles().get(prefix + h)).filter(Objects::nonNull).findFirst()
                .orElse(s.defaultKeyFile() != null ? s.defaultKeyFile() : services.suggestedKeyFile().get());
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("No SSH key is chosen for these hosts: choose one in Edge Hosts first.");
        }
        return SshSettings.isAgent(key) ? SshIdentity.agent() : new SshIdentity(Path.of(key), null);
    }

    private static KubernetesLayer kubernetes(Open o, HybridNodePool pool) {
        return o.profiles().get(pool.profile().name()).flatMap(s -> s.profile().version(pool.profile().version()))
                .map(ProfileVersion::kubernetes).orElse(null);
    }

    // ---- state, lock, resume ---------------------------------------------------------------------------------------

    @Override
    public Day2State state(PoolTarget target) throws InterruptedException {
        try (Open o = new Open(target)) {
            PoolStore.Stored stored = o.pool(target.pool());
            LockState lock = PoolLocks.state(o.ops.lock(), target.pool()).map(CorePoolDay2::lock)
                    .orElse(new LockState.Free());
            Optional<Unfinished> unfinished = PoolUpgrade.unfinished(o.ops.journals(), o.ref, target.pool())
                    .map(j -> new Unfinished(j.id(), j.kind(), j.title(), j.started(), ""));
            KubernetesLayer k = kubernetes(o, stored.pool());
            CredentialProvider provider = k == null ? null : k.credentialProvider();
            List<HostCertificate> certificates = new ArrayList<>();
            if (provider == CredentialProvider.IAM_RA) {
                for (HostCertificates.HostCertificate c : core().certificates().read(stored, o.inventory,
                        identity(services, o.ref, stored.pool().hostNames()))) {
                    certificates.add(new HostCertificate(c.host(), c.node(), c.notAfter(), c.problem()));
                }
            }
            return new Day2State(lock, unfinished, provider, certificates);
        }
    }

    private static LockState lock(OperationLock.LockState s) {
        return s.stale() ? new LockState.Stale(s.holder(), s.since(), s.renewed())
                : new LockState.Held(s.holder(), s.since(), s.renewed());
    }

    @Override
    public LockState takeOver(PoolTarget target) throws Exception {
        try (Open o = new Open(target);
             OperationLock.Held held = PoolLocks.acquire(o.pools, o.ops.lock(), target.pool(), holder(), true)) {
            return new LockState.Held(holder(), null, null);
        }
    }

    @Override
    public Journal resume(PoolTarget target, Unfinished op, RunControl control, Consumer<Journal> progress) throws Exception {
        try (Open o = new Open(target)) {
            Journal j = o.ops.journals().load(op.operationId()).orElseThrow(() -> new IllegalStateException("The journal of "
                    + op.title() + " is gone: nothing to resume."));
            return switch (j.kind()) {
                case PoolUpgrade.KIND -> {
                    PoolUpgrade.Options options = PoolUpgrade.Options.fromInputs(j.outputs()).orElseThrow(() ->
                            new IllegalStateException("The upgrade's journal records no options: start it again from Upgrade…."));
                    Optional<Journal> closed = FinishedUpgrades.close(o.ops.journals(), o.ref, o.pool(target.pool()));
                    closed.ifPresent(progress); // the run that finished it died before its journal said so
                    yield closed.isPresent() ? closed.get() : runUpgrade(o, target.pool(), options, control, progress);
                }
                case NodeRemovalService.KIND -> {
                    String node = j.id().substring(j.id().lastIndexOf('/') + 1);
                    yield runRemoval(o, node, PoolChange.recordedDrain(j), control, progress);
                }
                case PoolChange.KIND -> {
                    HybridNodePool desired = PoolChange.recordedPool(j).orElseThrow(() -> new IllegalStateException(
                            "The change's journal records no pool: start it again from Edit hosts…."));
                    yield runChange(o, desired, PoolChange.recordedDrain(j), control, progress);
                }
                case CertRotation.KIND -> throw new IllegalStateException("A certificate rotation needs the CA key again: "
                        + "open Rotate certificates… to finish it.");
                default -> throw new IllegalStateException("HybridPane cannot resume a " + j.kind() + " operation from here.");
            };
        }
    }

    // ---- hosts and nodes -------------------------------------------------------------------------------------------

    @Override
    public List<HostOption> hosts(PoolTarget target) {
        try (Open o = new Open(target)) {
            return PoolDay2Hosts.options(o.pool(target.pool()), target.cluster(), kubernetes(o, o.pool(target.pool()).pool()),
                    o.inventory, o.pools.list());
        }
    }

    private static NodeDrain.Options drain(DrainOptions d) {
        return new NodeDrain.Options(d.deleteEmptyDirData(), d.force(), d.disableEviction(), d.timeout(), null);
    }

    /** The pool as it would be after the change: removed hosts gone, added hosts appended (no VPN server IP). */
    private static HybridNodePool desired(HybridNodePool pool, HostChange change) {
        List<PoolHost> hosts = new ArrayList<>(pool.hosts().stream().filter(h -> !change.remove().contains(h.host())).toList());
        change.add().stream().filter(h -> hosts.stream().noneMatch(x -> x.host().equals(h))).forEach(h -> hosts.add(PoolHost.of(h)));
        return pool.withHosts(hosts);
    }

    private PoolService.Checked check(Open o, HybridNodePool desired) {
        PoolService.Checked c = core().pools().check(desired, o.ref, o.profiles(), o.inventory, o.pools,
                identity(services, o.ref, desired.hostNames()), PoolInputs.DEFAULT_PARALLELISM, PoolInputs.DEFAULT_READY_TIMEOUT);
        if (!c.valid()) {
            throw new IllegalArgumentException(c.errors().get(0).message());
        }
        return c;
    }

    @Override
    public Operation planHosts(PoolTarget target, HostChange change) {
        try (Open o = new Open(target)) {
            PoolService.Checked c = check(o, desired(o.pool(target.pool()).pool(), change));
            return core().pools().plan(c.inputs(), o.pools, drain(change.drain()));
        }
    }

    @Override
    public Journal changeHosts(PoolTarget target, HostChange change, RunControl control, Consumer<Journal> progress)
            throws Exception {
        try (Open o = new Open(target)) {
            return runChange(o, desired(o.pool(target.pool()).pool(), change), drain(change.drain()), control, progress);
        }
    }

    private Journal runChange(Open o, HybridNodePool desired, NodeDrain.Options drain, RunControl control,
                              Consumer<Journal> progress) throws Exception {
        PoolService.Checked c = check(o, desired);
        return core().pools().apply(c.inputs(), o.pools, o.inventory, drain, o.ops.journals(), o.ops.lock(), holder(),
                control.cancelToken(), progress);
    }

    @Override
    public Operation planRemoval(PoolTarget target, String node, DrainOptions drain) {
        try (Open o = new Open(target)) {
            NodeRemovalService removals = core().removals();
            return removals.plan(removals.resolve(o.ref, node, drain(drain), o.pools, o.ops.journals()), o.pools, o.inventory);
        }
    }

    @Override
    public Journal removeNode(PoolTarget target, String node, DrainOptions drain, RunControl control,
                              Consumer<Journal> progress) throws Exception {
        try (Open o = new Open(target)) {
            return runRemoval(o, node, drain(drain), control, progress);
        }
    }

    private Journal runRemoval(Open o, String node, NodeDrain.Options drain, RunControl control, Consumer<Journal> progress)
            throws Exception {
        NodeRemovalService removals = core().removals();
        NodeRemovalService.Target t = removals.resolve(o.ref, node, drain, o.pools, o.ops.journals());
        return removals.apply(t, o.pools, o.inventory, identity(services, o.ref, List.of(t.host())), o.ops.journals(), o.ops.lock(),
                holder(), control.cancelToken(), progress);
    }

    // ---- upgrade ---------------------------------------------------------------------------------------------------

    private static PoolUpgrade.Options options(UpgradeOptions o) {
        PoolUpgrade.Strategy s = o.strategy() == Strategy.CUTOVER ? PoolUpgrade.Strategy.CUTOVER : PoolUpgrade.Strategy.IN_PLACE;
        // the dialog leaves max surge empty (0) unless the strategy is cutover; core wants at least 1 whatever the strategy
        int surge = s == PoolUpgrade.Strategy.CUTOVER ? o.maxSurge() : Math.max(1, o.maxSurge());
        return new PoolUpgrade.Options(o.toVersion(), s, o.maxUnavailable(), surge, o.stopOnFirstFailure(),
                o.pauseBetweenNodes(), null, null);
    }

    private dev.hybridpane.core.pool.UpgradePlan upgradePlan(Open o, String pool, PoolUpgrade.Options options) {
        var plan = core().upgrades().plan(o.ref, pool, options, o.pools, o.profiles(), o.inventory);
        if (!plan.valid()) {
            throw new IllegalArgumentException(plan.errors().get(0).message());
        }
        return plan;
    }

    @Override
    public UpgradePlan planUpgrade(PoolTarget target, UpgradeOptions options) {
        try (Open o = new Open(target)) {
            var plan = upgradePlan(o, target.pool(), options(options));
            List<NodePlan> nodes = plan.nodes().stream().map(n -> new NodePlan(n.node(), n.host(), n.batch(), switch (n.method()) {
                case REPAVE -> Strategy.REPAVE;
                case CUTOVER -> Strategy.CUTOVER;
                default -> Strategy.IN_PLACE;
            }, n.steps(), n.method() == Method.UP_TO_DATE ? concat(n.notes(), "already at the new version: nothing to do")
                    : n.notes())).toList();
            List<String> warnings = plan.problems().stream().filter(p -> !p.isError()).map(ProfileProblem::message).toList();
            return new UpgradePlan(plan.operation(), nodes, warnings);
        }
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    @Override
    public Journal upgrade(PoolTarget target, UpgradeOptions options, RunControl control, Consumer<Journal> progress)
            throws Exception {
        try (Open o = new Open(target)) {
            return runUpgrade(o, target.pool(), options(options), control, progress);
        }
    }

    private Journal runUpgrade(Open o, String pool, PoolUpgrade.Options options, RunControl control,
                               Consumer<Journal> progress) throws Exception {
        var plan = upgradePlan(o, pool, options);
        PauseToken pause = new PauseToken();
        if (control.pauseRequested()) {
            pause.pause();
        }
        control.onPauseChanged(p -> {
            if (control.cancelled()) {
                pause.cancel();
            } else if (p) {
                pause.pause();
            } else {
                pause.resume();
            }
        });
        return core().upgrades().apply(plan, identity(services, o.ref, plan.hosts().keySet()), o.pools, o.ops.journals(), o.ops.lock(),
                holder(), false, control.cancelToken(), pause, progress);
    }

    // ---- certificates and SSM --------------------------------------------------------------------------------------

    @Override
    public Operation planRotation(PoolTarget target) {
        try (Open o = new Open(target)) {
            PoolStore.Stored stored = o.pool(target.pool());
            CertRotation.Checked c = core().rotation().check(o.ref, target.pool(), o.profiles(), o.inventory, o.pools,
                    identity(services, o.ref, stored.pool().hostNames()), null, null);
            // without the CA key the plan can still be shown: only the key's own problem is left for the run
            Optional<ProfileProblem> error = c.errors().stream().filter(p -> !p.field().equals("ca-key")).findFirst();
            if (error.isPresent() || c.inputs() == null) {
                throw new IllegalArgumentException(error.map(ProfileProblem::message).orElse("The pool cannot be rotated."));
            }
            return core().rotation().plan(c.inputs(), o.pools, o.ops.journals(), false);
        }
    }

    @Override
    public Journal rotate(PoolTarget target, CaKeyFile ca, RunControl control, Consumer<Journal> progress) throws Exception {
        try (Open o = new Open(target);
             CaKey key = services.tools().authority().readKey(ca.keyFile(), ca::passphrase)) {
            PoolStore.Stored stored = o.pool(target.pool());
            CertRotation.Checked c = core().rotation().check(o.ref, target.pool(), o.profiles(), o.inventory, o.pools,
                    identity(services, o.ref, stored.pool().hostNames()), key, null);
            if (!c.valid()) {
                throw new IllegalArgumentException(c.errors().isEmpty() ? "The pool cannot be rotated."
                        : c.errors().get(0).message());
            }
            return core().rotation().apply(c.inputs(), o.pools, o.ops.journals(), o.ops.lock(), holder(), false, false,
                    control.cancelToken(), progress);
        }
    }

    @Override
    public SsmHygiene hygiene(PoolTarget target) {
        try (Open o = new Open(target)) {
            return PoolDay2Hosts.hygiene(core().hygiene().scan(o.ref, target.cluster().arn(), o.pools, o.ops.journals()),
                    target.pool());
        }
    }

    @Override
    public String cleanUp(PoolTarget target, SsmHygiene chosen) {
        try (Open o = new Open(target)) {
            var hygiene = core().hygiene();
            var report = PoolDay2Hosts.only(hygiene.scan(o.ref, target.cluster().arn(), o.pools, o.ops.journals()), chosen);
            return PoolDay2Hosts.sentence(hygiene.clean(o.ref, report, o.pools));
        }
    }

    /** The real port for the console, or none where the environment has no pool tools. */
    static PoolDay2Port of(PoolsServices services, Function<String, Day2Core> day2) {
        return day2 == null ? PoolDay2Port.unavailable() : new CorePoolDay2(services, day2);
    }
}
