package dev.hybridpane.core.pool;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.hybrid.HybridAwsPort;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.PauseToken;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.NodeCertificates;
import dev.hybridpane.domain.pool.PoolRules;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.OsMode;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Upgrading a pool from the profile version its nodes run to a newer version N of the same profile, as an explicit,
 * reviewed choice: {@link #plan} reads the pool, the profile, the cluster, the nodes and the inventory and says per node
 * how it goes and in which order (nothing is called on a host); {@link #apply} runs it as a journaled operation
 * ({@code pool-upgrade/REGION/CLUSTER/POOL}, in the cluster, its inputs recorded as {@code input/…} outputs so that
 * {@code pool resume} re-runs it) under the pool's Lease: the pool's phase "Upgrading", the nodes rolled at most
 * {@code maxUnavailable} at a time ({@link dev.hybridpane.core.ops.Rolling}; pause, resume and cancel at a node
 * boundary), then the pool's spec on version N and its phase "Running". An Event on the pool for every node step.
 */
public final class PoolUpgrade {
    public static final String KIND = "pool-upgrade";
    public static final String PHASE = "Upgrading";

    /** How the pool is upgraded. Nodes nodeadm cannot upgrade in place are repaved whatever the strategy. */
    public enum Strategy {
        IN_PLACE("in-place"), CUTOVER("cutover"), REPAVE("repave");

        private final String text;

        Strategy(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** "in-place", "cutover" or "repave" (every node repaved, even where nodeadm could upgrade it); else empty. */
        public static Optional<Strategy> parse(String s) {
            for (Strategy x : values()) {
                if (x.text.equals(s)) {
                    return Optional.of(x);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * What the administrator chose.
     *
     * @param toVersion      the profile version N the nodes go to
     * @param maxUnavailable nodes out of service at once (default 1)
     * @param maxSurge       cutover: new nodes joined before old ones go (default 1)
     * @param stopOnFailure  no new node starts after a failure (default)
     * @param pauseBetween   a pause after each node (default none)
     * @param readyTimeout   how long a node may take to be Ready again
     * @param drain          how nodes are drained
     */
    public record Options(int toVersion, Strategy strategy, int maxUnavailable, int maxSurge, boolean stopOnFailure,
                          Duration pauseBetween, Duration readyTimeout, NodeDrain.Options drain) {
        public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(5);

        public Options {
            strategy = strategy == null ? Strategy.IN_PLACE : strategy;
            pauseBetween = pauseBetween == null ? Duration.ZERO : pauseBetween;
            readyTimeout = readyTimeout == null ? DEFAULT_READY_TIMEOUT : readyTimeout;
            drain = drain == null ? NodeDrain.Options.DEFAULT : drain;
        }

        /** In place, one at a time, surge 1, stop on the first failure, no pause. */
        public static Options to(int version) {
            return new Options(version, Strategy.IN_PLACE, 1, 1, true, Duration.ZERO, DEFAULT_READY_TIMEOUT, NodeDrain.Options.DEFAULT);
        }

        /** The inputs as journal outputs ({@code input/…}): what a resume re-runs with. */
        public Map<String, String> inputs() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("input/toVersion", Integer.toString(toVersion));
            m.put("input/strategy", strategy.text());
            m.put("input/maxUnavailable", Integer.toString(maxUnavailable));
            m.put("input/maxSurge", Integer.toString(maxSurge));
            m.put("input/stopOnFailure", Boolean.toString(stopOnFailure));
            m.put("input/pauseBetweenMillis", Long.toString(pauseBetween.toMillis()));
            m.put("input/readyTimeoutMillis", Long.toString(readyTimeout.toMillis()));
            m.put("input/drainTimeoutMillis", Long.toString(drain.timeout().toMillis()));
            m.put("input/drainDeleteEmptyDirData", Boolean.toString(drain.deleteEmptyDirData()));
            m.put("input/drainForce", Boolean.toString(drain.force()));
            m.put("input/drainDisableEviction", Boolean.toString(drain.disableEviction()));
            return m;
        }

        /** The options a journal recorded; empty when it recorded none (or not all). */
        public static Optional<Options> fromInputs(Map<String, String> outputs) {
            try {
                Strategy s = Strategy.parse(outputs.get("input/strategy")).orElseThrow();
                NodeDrain.Options d = new NodeDrain.Options(Boolean.parseBoolean(outputs.get("input/drainDeleteEmptyDirData")),
                        Boolean.parseBoolean(outputs.get("input/drainForce")),
                        Boolean.parseBoolean(outputs.get("input/drainDisableEviction")),
                        Duration.ofMillis(Long.parseLong(outputs.get("input/drainTimeoutMillis"))), null);
                return Optional.of(new Options(Integer.parseInt(outputs.get("input/toVersion")), s,
                        Integer.parseInt(outputs.get("input/maxUnavailable")), Integer.parseInt(outputs.get("input/maxSurge")),
                        Boolean.parseBoolean(outputs.get("input/stopOnFailure")),
                        Duration.ofMillis(Long.parseLong(outputs.get("input/pauseBetweenMillis"))),
                        Duration.ofMillis(Long.parseLong(outputs.get("input/readyTimeoutMillis"))), d));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    private final AwsPort aws;
    private final HybridAwsPort iam;
    private final ActivationPort ssm;
    private final EdgePort edge;
    private final Clock clock;
    private final Map<String, ActivationPort.Created> held = new ConcurrentHashMap<>();
    private volatile NodeRemoval.Timings removalTimings = NodeRemoval.Timings.DEFAULT;

    /** In-place upgrades only: a repave or a cutover is refused in the plan (it needs IAM and SSM). */
    public PoolUpgrade(AwsPort aws, EdgePort edge, Clock clock) {
        this(aws, null, null, edge, clock);
    }

    /** Every strategy: new nodes of a repave or a cutover join with the cluster's Hybrid Nodes role (SSM or Roles Anywhere). */
    public PoolUpgrade(AwsPort aws, HybridAwsPort iam, ActivationPort ssm, EdgePort edge, Clock clock) {
        this.aws = aws;
        this.iam = iam;
        this.ssm = ssm;
        this.edge = edge;
        this.clock = clock;
    }

    /** The waits of node removals in a repave or a cutover (tests shorten them). */
    public PoolUpgrade withRemovalTimings(NodeRemoval.Timings timings) {
        this.removalTimings = timings;
        return this;
    }

    public static String operationId(ClusterRef ref, String pool) {
        return KIND + "/" + ref.region() + "/" + ref.name() + "/" + pool;
    }

    /**
     * The pool's newest day-2 journal that did not succeed (any kind but pool creation), or empty: what {@code pool resume}
     * picks up. History (a finished run kept under {@code ID-run-MILLIS}) is not.
     */
    public static Optional<Journal> unfinished(JournalStore journals, ClusterRef ref, String pool) {
        String tail = "/" + ref.region() + "/" + ref.name() + "/" + pool;
        String nodes = NodeRemovalService.KIND + "/" + ref.region() + "/" + ref.name() + "/";
        // a node removal's journal is named after its node: it names its pool in its recorded inputs
        return journals.list().stream().filter(j -> j.id().endsWith(tail) && !j.id().startsWith("pool-create/")
                        || j.id().startsWith(nodes) && !j.id().contains("-run-")
                        && pool.equals(j.outputs().get(NodeRemovalService.INPUT_POOL)))
                .filter(j -> j.status() != OperationStatus.SUCCEEDED).findFirst();
    }

    /**
     * The plan: reads the pool, profile, cluster, nodes and inventory; calls nothing on a host. A pool or profile version
     * that does not exist: {@link IllegalArgumentException} (its sentence names it); other problems are in the plan.
     */
    public UpgradePlan plan(ClusterRef ref, String poolName, Options o, PoolStore.Pools pools, ProfileStore.Profiles profiles,
                            InventoryPort.Inventory inventory) {
        return plan(ref, poolName, o, pools, profiles, inventory, null);
    }

    /**
     * The plan, with the CA key of the cluster's Roles Anywhere trust anchor (held in memory by the caller, who closes it;
     * null when not given): the nodes a repave or a cutover joins to a Roles Anywhere pool get their certificates from it.
     * A repave or a cutover keeps {@code inventory} until the run ends (the hosts' EdgeHost status follows them).
     */
    public UpgradePlan plan(ClusterRef ref, String poolName, Options o, PoolStore.Pools pools, ProfileStore.Profiles profiles,
                            InventoryPort.Inventory inventory, CaKey caKey) {
        PoolStore.Stored stored = pools.get(poolName).orElseThrow(() -> new IllegalArgumentException("Cluster " + ref.name()
                + " has no pool " + poolName + "."));
        HybridNodePool pool = stored.pool();
        List<ProfileProblem> problems = new ArrayList<>();
        ClusterProfile profile = profiles.get(pool.profile().name()).map(ProfileStore.Stored::profile).orElse(null);
        ProfileVersion from = profile == null ? null : profile.version(pool.profile().version()).orElse(null);
        ProfileVersion to = profile == null ? null : profile.version(o.toVersion()).orElse(null);
        if (from == null || to == null) {
            throw new IllegalArgumentException("Profile " + pool.profile().name() + " has no version " + (from == null
                    ? pool.profile().version() + " (the pool's)" : o.toVersion()) + " in cluster " + ref.name() + ".");
        }
        options(o, pool, problems);
        List<String> f = List.of(from.kubernetes().version().split("\\.")), t = List.of(to.kubernetes().version().split("\\."));
        if (f.size() == 2 && t.size() == 2 && Integer.parseInt(t.get(1)) < Integer.parseInt(f.get(1))) {
            problems.add(ProfileProblem.error("toVersion", "Version " + to.number() + " has Kubernetes " + to.kubernetes().version()
                    + ", older than the nodes' " + from.kubernetes().version() + ": nodeadm does not downgrade."));
        }
        problems.addAll(PoolRules.versionSkew(to.kubernetes(), ref.name(), aws.describeCluster(ref).version()));
        Map<String, EdgeHostSpec> hosts = new HashMap<>();
        List<String> free = new ArrayList<>();
        List<String> claimed = new ArrayList<>();
        for (StoredHost h : inventory.hosts()) {
            hosts.put(h.spec().name(), h.spec());
            boolean inPool = h.status().pool() != null && !h.status().pool().isBlank();
            boolean outside = h.spec().site().equals(pool.site()) && !pool.hostNames().contains(h.spec().name());
            if (!inPool && outside) {
                free.add(h.spec().name());
            } else if (outside && h.status().pool().equals(pool.name())) {
                claimed.add(h.spec().name()); // an earlier cutover run claimed it and died before the swap: it goes first
            }
        }
        free.addAll(0, claimed);
        for (PoolStore.Stored other : pools.list()) {
            free.removeAll(other.pool().hostNames());
        }
        boolean repave = o.strategy() == Strategy.REPAVE
                || from.kubernetes().credentialProvider() != to.kubernetes().credentialProvider()
                || to.os().mode() == OsMode.APPLIANCE && !to.os().imageReference().equals(from.os().imageReference());
        List<UpgradePlan.NodePlan> nodes = nodes(pool, stored.status(), pools, from, to, o, repave, problems);
        if (!hosts.keySet().containsAll(pool.hostNames())) {
            problems.add(ProfileProblem.error("hosts", "The inventory has no host " + String.join(", ", pool.hostNames().stream()
                    .filter(h -> !hosts.containsKey(h)).toList()) + ": the pool's hosts cannot be reached."));
        }
        PoolUpgradeRebuild rebuild = null;
        if (nodes.stream().anyMatch(n -> n.method() == UpgradePlan.Method.REPAVE || n.method() == UpgradePlan.Method.CUTOVER)) {
            rebuild = iam == null || ssm == null ? refuse(problems) : PoolUpgradeRebuild.gather(new PoolService(aws, iam, ssm,
                    edge, clock), ref, pool, to, o, nodes, free, pools, profiles, inventory, caKey, ssm, problems);
        }
        UpgradePlan plan = new UpgradePlan(ref, pool, from, to, o, nodes, free, hosts, problems, null, rebuild);
        return plan.withOperation(operation(plan, pools, Map.of(), null));
    }

    private static PoolUpgradeRebuild refuse(List<ProfileProblem> problems) {
        problems.add(ProfileProblem.error("strategy", "This console runs in-place upgrades only: a repave or a cutover needs "
                + "its IAM and SSM access to join new nodes."));
        return null;
    }

    private static void options(Options o, HybridNodePool pool, List<ProfileProblem> problems) {
        if (o.toVersion() <= pool.profile().version()) {
            problems.add(ProfileProblem.error("toVersion", "Pool " + pool.name() + " is on " + pool.profile() + " already: "
                    + "an upgrade goes to a newer version."));
        }
        if (o.maxUnavailable() < 1) {
            problems.add(ProfileProblem.error("maxUnavailable", "Max unavailable must be at least 1, not " + o.maxUnavailable()
                    + "."));
        }
        if (o.maxSurge() < 1) {
            problems.add(ProfileProblem.error("maxSurge", "Max surge must be at least 1, not " + o.maxSurge() + "."));
        }
        if (o.pauseBetween().isNegative()) {
            problems.add(ProfileProblem.error("pauseBetween", "The pause between nodes cannot be negative."));
        }
    }

    /** Each host's node (the pool's status, else the pool's Node with the host's name), method, batch and steps. */
    private List<UpgradePlan.NodePlan> nodes(HybridNodePool pool, PoolStore.PoolStatus status, PoolStore.Pools pools,
                                             ProfileVersion from, ProfileVersion to, Options o, boolean repave,
                                             List<ProfileProblem> problems) {
        Map<String, String> nodeOf = new HashMap<>();
        status.members().forEach(m -> nodeOf.put(m.host(), m.node()));
        Map<String, PoolStore.NodeState> states = new HashMap<>();
        pools.nodesOfPool(pool.name()).forEach(n -> states.put(n.name(), n));
        List<UpgradePlan.NodePlan> out = new ArrayList<>();
        int order = 0;
        int perBatch = o.strategy() == Strategy.CUTOVER ? Math.max(1, o.maxSurge()) : Math.max(1, o.maxUnavailable());
        for (String h : pool.hostNames()) {
            order++;
            String node = nodeOf.getOrDefault(h, "");
            PoolStore.NodeState s = node.isEmpty() ? null : states.get(node);
            List<String> notes = new ArrayList<>();
            UpgradePlan.Method m;
            if (s == null && (repave || o.strategy() == Strategy.CUTOVER)) {
                m = repave ? UpgradePlan.Method.REPAVE : UpgradePlan.Method.CUTOVER;
                notes.add("its node " + (node.isEmpty() ? "" : node + " ") + "is gone: an interrupted run's removal is finished"
                        + (repave ? ", then the host joins again" : ""));
            } else if (s == null) {
                problems.add(ProfileProblem.error("hosts[" + h + "]", "Host " + h + " has no node in the cluster"
                        + (node.isEmpty() ? "" : " (" + node + ")") + ": finish the pool first (pool apply, or pool resume)."));
                m = UpgradePlan.Method.IN_PLACE;
            } else if (s.ready() && !s.unschedulable() && PoolUpgradeSteps.atVersion(s, to.kubernetes().version())
                    && Integer.toString(to.number()).equals(s.labels().get(NodeLabels.PROFILE_VERSION))) {
                m = UpgradePlan.Method.UP_TO_DATE;
                notes.add("already Ready at " + s.kubeletVersion() + " on v" + to.number() + ": its steps only observe");
            } else if (repave) {
                m = UpgradePlan.Method.REPAVE;
            } else {
                m = o.strategy() == Strategy.CUTOVER ? UpgradePlan.Method.CUTOVER : UpgradePlan.Method.IN_PLACE;
            }
            if (m == UpgradePlan.Method.IN_PLACE) {
                notes.add("nodeadm upgrade keeps the SSM registration or Roles Anywhere identity: the node keeps its name"
                        + (s == null ? "" : " " + s.name()));
            }
            if (m == UpgradePlan.Method.REPAVE) {
                notes.add(from.kubernetes().credentialProvider() != to.kubernetes().credentialProvider()
                        ? "the credential provider changes (" + from.kubernetes().credentialProvider().id() + " → "
                        + to.kubernetes().credentialProvider().id() + "): nodeadm cannot upgrade it in place"
                        : o.strategy() == Strategy.REPAVE ? "a repave was asked: the node is removed and the host joins again"
                        : "the appliance image changes: the host is rebuilt");
                notes.add(to.kubernetes().credentialProvider().id().equals("ssm")
                        ? "the node's name changes: SSM registers the host again and names it by its new managed instance id"
                        : "the node is named " + NodeCertificates.nodeName(pool.name(), h)
                        + " (its Roles Anywhere certificate's CN)");
            }
            out.add(new UpgradePlan.NodePlan(h, node, order, (order - 1) / perBatch + 1, m, stepTitles(m), notes));
        }
        return out;
    }

    private static List<String> stepTitles(UpgradePlan.Method m) {
        return switch (m) {
            case IN_PLACE, UP_TO_DATE -> List.of("check", "cordon", "drain", "NodeConfig for the new version", "nodeadm upgrade",
                    "uncordon", "wait Ready with the new kubelet");
            case REPAVE -> List.of("cordon", "drain", "nodeadm uninstall", "wait NotReady", "delete the Node",
                    "SSM: wait until deregistered", "NodeConfig", "nodeadm install", "nodeadm init", "wait Ready");
            case CUTOVER -> List.of("a new node joins on a free host", "cordon", "drain", "nodeadm uninstall", "delete the Node",
                    "the host back to the inventory");
        };
    }

    /** The operation: inputs, phase Upgrading, the nodes rolled, the pool on the new version. */
    Operation operation(UpgradePlan plan, PoolStore.Pools pools, Map<String, HostRun> runs, PauseToken pause) {
        NodeRemoval.Context removal = new NodeRemoval.Context(plan.ref().region(), plan.ref().name(), plan.pool().name(), pools,
                plan.rebuild() == null ? null : plan.rebuild().inventory(), ssm, runs::get, plan.options().drain(), removalTimings);
        return PoolUpgradeOperation.build(plan, pools, runs, pause, removal, held, clock);
    }

    /**
     * Runs the plan under the pool's lock; the journal goes to {@code journals}. Returns the final journal. {@code pause}
     * pauses, resumes or cancels at a node boundary (the operation's {@code cancel} does the same as its cancel).
     *
     * @param holder who runs it (caller ARN and host name): the lock's holder
     */
    public Journal apply(UpgradePlan plan, SshIdentity identity, PoolStore.Pools pools, JournalStore journals, OperationLock lock,
                         String holder, CancelToken cancel, PauseToken pause, Consumer<Journal> listener)
            throws OperationLock.LockedException {
        return apply(plan, identity, pools, journals, lock, holder, false, cancel, pause, listener);
    }

    /** {@link #apply} that, with {@code takeOver}, takes a stale lease over explicitly (an Event says so; {@link PoolLocks}). */
    public Journal apply(UpgradePlan plan, SshIdentity identity, PoolStore.Pools pools, JournalStore journals, OperationLock lock,
                         String holder, boolean takeOver, CancelToken cancel, PauseToken pause, Consumer<Journal> listener)
            throws OperationLock.LockedException {
        if (!plan.valid()) {
            throw new IllegalArgumentException("The plan has errors: " + plan.errors().get(0).message());
        }
        Map<String, HostRun> runs = new ConcurrentHashMap<>();
        List<String> reached = new ArrayList<>(plan.pool().hostNames());
        if (plan.rebuild() != null) {
            reached.addAll(plan.rebuild().replacements().values());
        }
        for (String h : reached) {
            runs.put(h, new HostRun(edge, new EdgeTarget(plan.hosts().get(h), identity, null)));
        }
        Operation op = operation(plan, pools, runs, pause);
        try (OperationLock.Held l = PoolLocks.acquire(pools, lock, plan.pool().name(), holder, takeOver)) {
            Journal j = new OperationEngine(journals, clock).run(op, cancel, listener);
            if (j.status() == OperationStatus.FAILED) {
                try {
                    pools.event(plan.pool().name(), PoolStore.EventType.Warning, "PoolUpgradeFailed",
                            j.error() == null ? "The pool upgrade failed." : j.error());
                } catch (PoolStoreException e) {
                    listener.accept(j);
                }
            }
            return j;
        } finally {
            runs.values().forEach(HostRun::close);
        }
    }
}
