package dev.hybridpane.core.pool;

import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.ops.FanOut;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.Arns;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.pool.HostCommands;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.NodeCredentials;
import dev.hybridpane.domain.pool.PoolMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The "create a pool" operation: store the HybridNodePool object, an SSM hybrid activation for the hosts still to join
 * (SSM; with IAM Roles Anywhere each host's steps issue its certificate instead), every host's steps in parallel, wait
 * until every node is Ready, then the pool's status and an Event per host joined. The activation code lives only in {@link #held} (this process's memory).
 */
final class PoolCreation {
    static final String ACTIVATION = "activation/id";
    static final Duration ACTIVATION_LIFETIME = Duration.ofHours(4);
    static final String EVENTED = "/joined-event";

    private final PoolInputs in;
    private final PoolStore.Pools pools;
    private final ActivationPort ssm;
    private final Map<String, ActivationPort.Created> held;
    private final Map<String, HostRun> runs;
    private final HostSteps hostSteps;
    private final Clock clock;
    private Supplier<List<AccessEntry>> accessEntries;
    private InventoryPort.Inventory inventory;

    PoolCreation(PoolInputs in, PoolStore.Pools pools, ActivationPort ssm, Map<String, ActivationPort.Created> held,
                 Map<String, HostRun> runs, Clock clock) {
        this.in = in;
        this.pools = pools;
        this.ssm = ssm;
        this.held = held;
        this.runs = runs;
        this.clock = clock;
        this.hostSteps = new HostSteps(in, pools, runs::get, this::credentials);
    }

    static String operationId(PoolInputs in) {
        return "pool-create/" + in.region() + "/" + in.clusterName() + "/" + in.pool().name();
    }

    Operation operation() {
        HybridNodePool p = in.pool();
        List<Step> steps = new ArrayList<>();
        steps.add(Steps.of("pool-object", "Kubernetes: create or update HybridNodePool " + PoolStore.NAMESPACE + "/" + p.name(),
                List.of(PoolMapper.toYaml(p).stripTrailing()), ctx -> pools.get(p.name()).filter(s -> s.pool().equals(p))
                        .isPresent(), ctx -> storePool()));
        if (in.rolesAnywhere() == null) { // IAM Roles Anywhere: each host's certificate is issued in its own steps
            steps.add(Steps.of("ssm-activation", "ssm:CreateActivation for the hosts that have not joined yet",
                    List.of("IamRole: " + in.hybridRole(), "RegistrationLimit: " + p.hosts().size() + " (the hosts still to join)",
                            "ExpirationDate: " + ACTIVATION_LIFETIME.toHours() + " hours from now",
                            "DefaultInstanceName: " + p.name(), "Tags: EKSClusterARN=" + in.cluster().arn(),
                            "the activation code is held in memory only (shown nowhere); an activation an earlier run "
                                    + "created and this one cannot use is deleted (ssm:DeleteActivation)"),
                    this::activationInPlace, this::createActivation));
        }
        int parallelism = Math.max(1, in.parallelism());
        steps.add(new FanOut("hosts", "On each host over SSH: sudo check, NTP, route, NodeConfig, nodeadm install, nodeadm init",
                p.hostNames(), parallelism, hostSteps::steps));
        steps.add(Steps.of("nodes-ready", "Kubernetes: wait until every node is Ready (at most "
                        + in.readyTimeout().toMinutes() + " min)", List.of("get Node NAME for each host's node"),
                ctx -> notReady(ctx).isEmpty(), this::waitReady));
        steps.add(Steps.of("pool-status", "Kubernetes: the pool's status (phase Running, ready n/m) and an Event per host joined",
                List.of("update HybridNodePool " + p.name() + " status", "create Event NodeJoined on HybridNodePool " + p.name()
                        + " for each host that joined", "update each joined host's EdgeHost status: in pool " + p.name()),
                ctx -> false, this::status));
        return new Operation(operationId(in), "pool-create", "Create node pool " + p.name(),
                p.name() + " · " + in.clusterName() + " · " + in.region(), steps);
    }

    private void storePool() {
        Optional<PoolStore.Stored> now = pools.get(in.pool().name());
        if (now.isPresent()) {
            pools.update(in.pool(), now.get().resourceVersion());
        } else {
            pools.create(in.pool());
        }
    }

    private Optional<NodeCredentials.Ssm> credentials(StepContext ctx) {
        return ctx.get(ACTIVATION).flatMap(id -> Optional.ofNullable(held.get(id)))
                .map(c -> new NodeCredentials.Ssm(c.id(), c.code()));
    }

    /** Hosts whose node the journal does not name, or whose named node is not in the cluster with their providerID. */
    private List<String> toJoin(StepContext ctx) {
        List<String> out = new ArrayList<>();
        for (String h : in.pool().hostNames()) {
            Optional<String> node = ctx.get(HostSteps.nodeKey(h));
            if (node.isEmpty() || pools.nodeByProviderId(HostCommands.providerId(in.region(), in.clusterName(), node.get())).isEmpty()) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * The hosts that need an activation's registration: those still to join, less those whose recorded managed
     * instance SSM still lists (their node was deleted, but nodeadm init re-uses the host's registration).
     */
    private List<String> toRegister(StepContext ctx) {
        List<String> out = new ArrayList<>();
        for (String h : toJoin(ctx)) {
            Optional<String> node = ctx.get(HostSteps.nodeKey(h));
            if (node.isPresent() && node.get().startsWith("mi-") && NodeRemoval.listed(ssm, in.region(), node.get())) {
                ctx.log(h + " keeps its SSM registration " + node.get() + ": it needs no activation");
                continue;
            }
            out.add(h);
        }
        return out;
    }

    private boolean activationInPlace(StepContext ctx) {
        List<String> join = toRegister(ctx);
        if (join.isEmpty()) {
            ctx.log("every host's node is in the cluster or its host is still registered: no activation is needed");
            return true;
        }
        Optional<String> id = ctx.get(ACTIVATION);
        if (id.isEmpty() || !held.containsKey(id.get())) {
            return false;
        }
        return ssm.describe(in.region(), id.get()).filter(a -> a.usable(clock.instant())
                && a.registrationLimit() - a.registrationsCount() >= join.size()).isPresent();
    }

    private void createActivation(StepContext ctx) {
        Optional<String> old = ctx.get(ACTIVATION);
        if (old.isPresent()) {
            ActivationPort.Created mine = held.remove(old.get());
            ctx.log("activation " + old.get() + (mine == null ? " was made by an earlier run whose code is gone"
                    : " has no registrations left or expired") + ": deleting it");
            ssm.delete(in.region(), old.get());
            if (mine != null) {
                mine.wipe();
            }
        }
        int limit = toRegister(ctx).size();
        ActivationPort.Created c = ssm.create(in.region(), in.hybridRole(), limit, clock.instant().plus(ACTIVATION_LIFETIME),
                in.pool().name(), "HybridPane node pool " + in.pool().name() + " in " + in.clusterName(),
                Map.of("EKSClusterARN", in.cluster().arn()));
        held.put(c.id(), c);
        ctx.put(ACTIVATION, c.id());
        ctx.log("activation " + c.id() + " for " + limit + " host(s), code held in memory only");
    }

    private List<String> notReady(StepContext ctx) {
        List<String> out = new ArrayList<>();
        for (String h : in.pool().hostNames()) {
            Optional<String> node = ctx.get(HostSteps.nodeKey(h));
            if (node.isEmpty()) {
                out.add(h + ": no node recorded");
                continue;
            }
            Optional<PoolStore.NodeState> n = pools.node(node.get());
            if (n.isEmpty()) {
                out.add(node.get() + " (" + h + "): not in the cluster");
            } else if (!n.get().ready()) {
                out.add(node.get() + " (" + h + "): NotReady, " + n.get().reason());
            }
        }
        return out;
    }

    private void waitReady(StepContext ctx) throws Exception {
        long end = System.nanoTime() + in.readyTimeout().toNanos();
        List<String> waiting = notReady(ctx);
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("Not Ready after " + in.readyTimeout().toSeconds() + " s: "
                        + String.join("; ", waiting) + diagnosed(ctx));
            }
            ctx.pause(Duration.ofMillis(500));
            waiting = notReady(ctx);
        }
    }

    /** The inventory whose EdgeHosts' status names the pool once their node joined (none: not written). */
    PoolCreation inventory(InventoryPort.Inventory inv) {
        this.inventory = inv;
        return this;
    }

    /** What the diagnosis needs besides the pool: the role's access entries (unknown when not given). */
    PoolCreation accessEntries(Supplier<List<AccessEntry>> entries) {
        this.accessEntries = entries;
        return this;
    }

    /**
     * Why the nodes are not Ready and the fixes ({@link NotReadyDiagnosis}): each finding logged and recorded as a Warning
     * Event on the pool; returned as the failure's tail (" Why: ...").
     */
    private String diagnosed(StepContext ctx) {
        List<NotReadyDiagnosis.Finding> findings;
        try {
            findings = NotReadyDiagnosis.diagnose(facts(ctx));
        } catch (RuntimeException e) {
            ctx.log("could not diagnose the nodes that are not Ready: " + e.getMessage());
            return "";
        }
        List<String> texts = new ArrayList<>();
        for (NotReadyDiagnosis.Finding f : findings) {
            ctx.log("Not Ready: " + f.text());
            texts.add(f.text());
            try {
                pools.event(in.pool().name(), PoolStore.EventType.Warning, f.kind(), f.text());
            } catch (PoolStoreException e) {
                ctx.log("could not record the Event: " + e.getMessage());
            }
        }
        return texts.isEmpty() ? "" : ". Why: " + String.join(" ", texts);
    }

    /** What the diagnosis reads: each host's node, the CNI DaemonSets, the access entries. */
    NotReadyDiagnosis.Facts facts(StepContext ctx) {
        List<NotReadyDiagnosis.HostView> hosts = new ArrayList<>();
        for (String h : in.pool().hostNames()) {
            Optional<String> node = ctx.get(HostSteps.nodeKey(h));
            PoolStore.NodeState state = node.flatMap(pools::node).orElse(null);
            var stored = in.inventory().get(h);
            String ip = stored == null || stored.status().facts() == null ? null : stored.status().facts().nodeIp();
            HostRun run = runs.get(h);
            hosts.add(new NotReadyDiagnosis.HostView(h, node.orElse(null), state, ip, run == null ? null : run.lastNodeadm));
        }
        String roleArn = Arns.iamRole(Arns.partition(in.cluster().ref().region(), in.cluster().arn()),
                Arns.accountOf(in.cluster().arn()), in.hybridRole());
        Boolean entry = null;
        if (accessEntries != null && in.cluster().authenticationMode() != AuthenticationMode.CONFIG_MAP) {
            try {
                entry = accessEntries.get().stream().anyMatch(e -> "HYBRID_LINUX".equals(e.type()) && e.principalArn() != null
                        && e.principalArn().endsWith(":role/" + in.hybridRole()));
            } catch (RuntimeException e) {
                ctx.log("could not read the cluster's access entries (" + e.getMessage() + "): the diagnosis leaves them out");
            }
        }
        return new NotReadyDiagnosis.Facts(in.clusterName(), in.region(), in.pool().name(), hosts,
                in.cluster().remoteNodeCidrs(), pools.cniDaemonSets(), in.pool().taints(), roleArn, entry);
    }

    private void status(StepContext ctx) {
        List<PoolStore.Member> members = new ArrayList<>();
        int ready = 0;
        for (String h : in.pool().hostNames()) {
            Optional<String> node = ctx.get(HostSteps.nodeKey(h));
            members.add(new PoolStore.Member(h, node.orElse("")));
            if (node.flatMap(pools::node).map(PoolStore.NodeState::ready).orElse(false)) {
                ready++;
            }
        }
        int total = in.pool().hosts().size();
        pools.updateStatus(in.pool().name(), new PoolStore.PoolStatus(ready == total ? "Running" : "Provisioning", ready,
                total, members));
        for (PoolStore.Member m : members) {
            if (!m.node().isEmpty() && ctx.get(m.host() + EVENTED).isEmpty()) {
                pools.event(in.pool().name(), PoolStore.EventType.Normal, "NodeJoined",
                        "Host " + m.host() + " joined the cluster as node " + m.node() + ".");
                ctx.put(m.host() + EVENTED, "yes");
            }
            if (!m.node().isEmpty() && inventory != null) {
                String now = in.inventory().containsKey(m.host()) ? in.inventory().get(m.host()).status().pool() : null;
                if (!in.pool().name().equals(now)) {
                    NodeRemoval.setHostPool(inventory, m.host(), in.pool().name()); // the inventory shows it "in pool"
                }
            }
        }
        if (in.rolesAnywhere() == null) {
            retireActivations(ctx);
        }
    }

    /**
     * Every host has joined: an activation of this pool that HybridPane made and that still has registrations left is only
     * a risk (its code is in no one's hands: this process's copy is wiped, and one made by a run that died is gone with it),
     * so it is deleted. Such activations are left by a run killed between CreateActivation and its journal, or made for a
     * host that had joined though the journal did not say so yet. The pool's lease keeps other consoles out meanwhile.
     */
    private void retireActivations(StepContext ctx) {
        String mine = "HybridPane node pool " + in.pool().name() + " in " + in.clusterName();
        for (ActivationPort.Activation a : ssm.activationsTagged(in.region(), "EKSClusterARN", in.cluster().arn())) {
            if (a.defaultInstanceName().equals(in.pool().name()) && a.description().equals(mine) && a.usable(clock.instant())) {
                ctx.log("activation " + a.id() + " has " + (a.registrationLimit() - a.registrationsCount())
                        + " registration(s) left that no host needs: deleting it");
                ssm.delete(in.region(), a.id());
                ActivationPort.Created c = held.remove(a.id());
                if (c != null) {
                    c.wipe();
                }
            }
        }
    }
}
