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
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolFacts;
import dev.hybridpane.domain.pool.PoolRules;
import dev.hybridpane.domain.profile.KubernetesLayer;
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
import java.util.function.Function;

/**
 * Creating a node pool (SSM or IAM Roles Anywhere): gathers what the plan needs (DescribeCluster, the Hybrid Nodes role
 * whose trust policy trusts the profile's credential provider, for Roles Anywhere its trust anchor and profile, the profile version,
 * the inventory's hosts and facts, the other pools), checks it (field rules, per-host checks, version skew; errors are
 * invalid input), plans the operation and applies it as a journaled operation under a lock named after the pool. The
 * activation codes this service creates stay in its memory only: another instance (another workstation, a restart)
 * cannot reuse them, and deletes and replaces an activation it cannot use.
 */
public final class PoolService {
    public static final Duration LOCK_TTL = Duration.ofMinutes(2);

    private final AwsPort aws;
    private final HybridAwsPort iam;
    private final ActivationPort ssm;
    private final EdgePort edge;
    private final Clock clock;
    private final Map<String, ActivationPort.Created> held = new ConcurrentHashMap<>();
    private volatile NodeRemoval.Timings removalTimings = NodeRemoval.Timings.DEFAULT;

    public PoolService(AwsPort aws, HybridAwsPort iam, ActivationPort ssm, EdgePort edge, Clock clock) {
        this.aws = aws;
        this.iam = iam;
        this.ssm = ssm;
        this.edge = edge;
        this.clock = clock;
    }

    /** What was gathered, and every problem found (errors: the pool cannot be created as it is). */
    public record Checked(PoolInputs inputs, List<ProfileProblem> problems) {
        public boolean valid() {
            return !PoolRules.hasErrors(problems);
        }

        public List<ProfileProblem> errors() {
            return problems.stream().filter(ProfileProblem::isError).toList();
        }
    }

    /** {@link #check(HybridNodePool, ClusterRef, ProfileStore.Profiles, InventoryPort.Inventory, PoolStore.Pools,
     * SshIdentity, int, Duration, CaKey)} without a CA key (an IAM Roles Anywhere pool is then refused). */
    public Checked check(HybridNodePool pool, ClusterRef ref, ProfileStore.Profiles profiles, InventoryPort.Inventory inventory,
                         PoolStore.Pools pools, SshIdentity identity, int parallelism, Duration readyTimeout) {
        return check(pool, ref, profiles, inventory, pools, identity, parallelism, readyTimeout, null);
    }

    /**
     * Reads the cluster, role, profile version, inventory and pools, and checks the pool against them: the profile's
     * credential provider must be one a HYBRID_LINUX role of the cluster trusts; for IAM Roles Anywhere the role's trust
     * anchor must be enabled and {@code caKey} (held in memory by the caller, who closes it) its CA's private key.
     */
    public Checked check(HybridNodePool pool, ClusterRef ref, ProfileStore.Profiles profiles, InventoryPort.Inventory inventory,
                         PoolStore.Pools pools, SshIdentity identity, int parallelism, Duration readyTimeout, CaKey caKey) {
        List<ProfileProblem> problems = new ArrayList<>(PoolRules.validate(pool, true));
        Cluster cluster = aws.describeCluster(ref);
        if (!cluster.hybridEnabled()) {
            problems.add(ProfileProblem.error("cluster", "Cluster " + ref.name() + " has no remote node networks: enable hybrid "
                    + "nodes on it first (hybridpane hybrid enable)."));
        }
        KubernetesLayer k = profiles.get(pool.profile().name()).flatMap(s -> s.profile().version(pool.profile().version()))
                .map(ProfileVersion::kubernetes).orElse(null);
        String role = null;
        PoolInputs.RolesAnywhere ra = null;
        if (k == null) {
            problems.add(ProfileProblem.error("profile", "Cluster " + ref.name() + " has no profile " + pool.profile() + "."));
        } else {
            HybridRoles.Resolved r = new HybridRoles(aws, iam).resolve(ref, pool.profile().toString(), k.credentialProvider(),
                    caKey, problems);
            role = r.roleName();
            ra = r.rolesAnywhere();
            problems.addAll(PoolRules.versionSkew(k, ref.name(), cluster.version()));
        }
        Map<String, StoredHost> hosts = new LinkedHashMap<>();
        inventory.hosts().forEach(h -> hosts.put(h.spec().name(), h));
        Site site = inventory.sites().stream().filter(s -> s.name().equals(pool.site())).findFirst().orElse(null);
        Map<String, String> poolOfHost = new HashMap<>();
        hosts.values().forEach(h -> {
            if (h.status().pool() != null && !h.status().pool().isBlank()) {
                poolOfHost.put(h.spec().name(), h.status().pool());
            }
        });
        for (PoolStore.Stored other : pools.list()) {
            other.pool().hostNames().forEach(h -> poolOfHost.put(h, other.pool().name()));
        }
        List<String> vpc = List.of();
        if (pool.hosts().stream().anyMatch(h -> h.vpn().isPresent())) {
            vpc = aws.describeNetwork(ref.region(), cluster.vpcId(), cluster.subnetIds(), cluster.securityGroupIds()).vpc().cidrs();
        }
        PoolInputs in = new PoolInputs(pool, cluster, role, vpc, k, site, hosts, poolOfHost, identity, parallelism, readyTimeout,
                ra);
        if (k != null) {
            Map<String, EdgeHostSpec> specs = new HashMap<>();
            Map<String, HostFacts> facts = new HashMap<>();
            hosts.forEach((n, h) -> {
                specs.put(n, h.spec());
                if (h.status().facts() != null) {
                    facts.put(n, h.status().facts());
                }
            });
            problems.addAll(PoolRules.hosts(pool, new PoolFacts(site, cluster.remoteNodeCidrs(), k, specs, facts, poolOfHost)));
        }
        if (parallelism < 1) {
            problems.add(ProfileProblem.error("parallel", "Parallelism must be at least 1, not " + parallelism + "."));
        }
        return new Checked(in, List.copyOf(problems));
    }

    /** The plan: nothing is called. */
    public Operation plan(PoolInputs in, PoolStore.Pools pools) {
        return plan(in, pools, NodeDrain.Options.DEFAULT);
    }

    /**
     * The plan: a creation, or for a pool that exists with hosts added or removed a {@link PoolChange} (the hosts that join,
     * then each removed node's steps in order, drained with {@code drain}). Nothing is called but reads.
     */
    public Operation plan(PoolInputs in, PoolStore.Pools pools, NodeDrain.Options drain) {
        Operation creation = new PoolCreation(in, pools, ssm, held, Map.of(), clock).operation();
        Optional<PoolChange.Delta> delta = PoolChange.delta(in.pool(), pools, Optional.empty()).filter(d -> !d.empty());
        return delta.map(d -> PoolChange.operation(in, creation, d, removal(in, pools, null, drain, h -> null)))
                .orElse(creation);
    }

    private NodeRemoval.Context removal(PoolInputs in, PoolStore.Pools pools, InventoryPort.Inventory inventory,
                                        NodeDrain.Options drain, Function<String, HostRun> runs) {
        return new NodeRemoval.Context(in.region(), in.clusterName(), in.pool().name(), pools, inventory, ssm, runs, drain,
                removalTimings);
    }

    /** The waits of node removals (tests shorten them). */
    public PoolService withRemovalTimings(NodeRemoval.Timings timings) {
        this.removalTimings = timings;
        return this;
    }

    /**
     * {@link #apply(PoolInputs, PoolStore.Pools, InventoryPort.Inventory, NodeDrain.Options, JournalStore, OperationLock,
     * String, CancelToken, Consumer)} without the inventory (the EdgeHosts' status is not written) and default drain choices.
     */
    public Journal apply(PoolInputs in, PoolStore.Pools pools, JournalStore journals, OperationLock lock, String holder,
                         CancelToken cancel, Consumer<Journal> listener) throws OperationLock.LockedException {
        return apply(in, pools, null, NodeDrain.Options.DEFAULT, journals, lock, holder, cancel, listener);
    }

    /**
     * Runs the operation (a creation, or a {@link PoolChange} when the pool exists with hosts added or removed) under the
     * pool's lock; the journal goes to {@code journals}. Returns the final journal. Each joined host's EdgeHost status
     * then names the pool; a removed host's no longer does.
     *
     * @param inventory the inventory whose EdgeHosts' status is written (null: not written)
     * @param drain     how removed nodes are drained
     * @param holder    who runs it (caller ARN and host name): the lock's holder
     */
    public Journal apply(PoolInputs in, PoolStore.Pools pools, InventoryPort.Inventory inventory, NodeDrain.Options drain,
                         JournalStore journals, OperationLock lock, String holder, CancelToken cancel,
                         Consumer<Journal> listener) throws OperationLock.LockedException {
        Map<String, HostRun> runs = new ConcurrentHashMap<>();
        Function<String, HostRun> run = h -> runs.computeIfAbsent(h, x -> {
            StoredHost s = in.inventory().get(x);
            if (s == null) {
                throw new IllegalStateException("Host " + x + " is not in the inventory: it cannot be reached.");
            }
            return new HostRun(edge, new EdgeTarget(s.spec(), in.identity(), null));
        });
        for (String h : in.pool().hostNames()) {
            run.apply(h);
        }
        Operation creation = new PoolCreation(in, pools, ssm, held, runs, clock).inventory(inventory)
                .accessEntries(() -> aws.listAccessEntries(in.cluster().ref())).operation();
        try (OperationLock.Held l = lock.acquire("pool-" + in.pool().name(), holder, LOCK_TTL)) {
            String changeId = PoolChange.operationId(in.region(), in.clusterName(), in.pool().name());
            Optional<PoolChange.Delta> delta = PoolChange.delta(in.pool(), pools, journals.load(changeId))
                    .filter(d -> !d.empty());
            Operation op = delta.map(d -> PoolChange.operation(in, creation, d, removal(in, pools, inventory, drain, run)))
                    .orElse(creation);
            Journal j = new OperationEngine(journals, clock).run(op, cancel, listener);
            if (j.status() == OperationStatus.FAILED) {
                try {
                    pools.event(in.pool().name(), PoolStore.EventType.Warning, "PoolOperationFailed",
                            j.error() == null ? "The pool operation failed." : j.error());
                } catch (PoolStoreException e) {
                    listener.accept(j); // the pool object may not exist: the journal says what failed
                }
            }
            return j;
        } finally {
            runs.values().forEach(HostRun::close);
        }
    }
}
