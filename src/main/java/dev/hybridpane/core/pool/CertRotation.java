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
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.pool.NodeCertificates;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Rotating the IAM Roles Anywhere certificates of a pool's hosts, one host at a time: a new certificate with the same CN
 * (the node name) from the CA key held in memory, written with its new key (0600), {@code aws_signing_helper_update}
 * restarted where it runs, and the node checked Ready, with an Event per host. A journaled operation in the cluster
 * ({@code pool-rotate-certs/REGION/CLUSTER/POOL}) under the pool's lock ({@link PoolLocks}): a re-run after a kill resumes
 * and rotates no host twice; a run after a finished rotation finds everything already done unless a new rotation is asked
 * for ({@code again}). The CA key and the new keys never reach the plan, the log, the journal, an Event or an exception.
 */
public final class CertRotation {
    public static final String KIND = "pool-rotate-certs";
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final AwsPort aws;
    private final HybridAwsPort iam;
    private final EdgePort edge;
    private final Clock clock;

    public CertRotation(AwsPort aws, HybridAwsPort iam, EdgePort edge, Clock clock) {
        this.aws = aws;
        this.iam = iam;
        this.edge = edge;
        this.clock = clock;
    }

    /** The rotation's journal id. */
    public static String operationId(ClusterRef ref, String pool) {
        return KIND + "/" + ref.region() + "/" + ref.name() + "/" + pool;
    }

    /**
     * What a rotation is planned from: the pool, its hosts (inventory) and their nodes, the trust anchor's CA certificate
     * and the CA key held in memory by the caller ({@code toString} shows no key).
     */
    public record Inputs(ClusterRef ref, PoolStore.Stored pool, Map<String, StoredHost> hosts, Map<String, String> nodes,
                         String anchorName, String caCertificatePem, CaKey caKey, SshIdentity identity, Duration readyTimeout) {
        public Inputs {
            hosts = Map.copyOf(hosts);
            nodes = Map.copyOf(nodes);
            readyTimeout = readyTimeout == null ? READY_TIMEOUT : readyTimeout;
        }

        @Override
        public String toString() {
            return "CertRotation.Inputs[" + ref + ", pool=" + pool.pool().name() + ", trustAnchor=" + anchorName + "]";
        }
    }

    /** What was gathered and every problem (errors: nothing can be rotated as it is); {@code inputs} null when no pool. */
    public record Checked(Inputs inputs, List<ProfileProblem> problems) {
        public Checked {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return inputs != null && problems.stream().noneMatch(ProfileProblem::isError);
        }

        public List<ProfileProblem> errors() {
            return problems.stream().filter(ProfileProblem::isError).toList();
        }
    }

    /**
     * Reads the pool, its profile (its credential provider must be IAM Roles Anywhere), the Hybrid Nodes role's trust
     * anchor (its CA certificate must be {@code caKey}'s) and the inventory's hosts of the pool.
     */
    public Checked check(ClusterRef ref, String poolName, ProfileStore.Profiles profiles, InventoryPort.Inventory inventory,
                         PoolStore.Pools pools, SshIdentity identity, CaKey caKey, Duration readyTimeout) {
        List<ProfileProblem> problems = new ArrayList<>();
        Optional<PoolStore.Stored> stored = pools.get(poolName);
        if (stored.isEmpty()) {
            problems.add(ProfileProblem.error("pool", "Cluster " + ref.name() + " has no node pool named " + poolName + "."));
            return new Checked(null, problems);
        }
        PoolStore.Stored s = stored.get();
        KubernetesLayer k = profiles.get(s.pool().profile().name()).flatMap(p -> p.profile().version(s.pool().profile().version()))
                .map(ProfileVersion::kubernetes).orElse(null);
        if (k == null) {
            problems.add(ProfileProblem.error("profile", "Cluster " + ref.name() + " has no profile " + s.pool().profile() + "."));
        } else if (k.credentialProvider() != CredentialProvider.IAM_RA) {
            problems.add(ProfileProblem.error("pool", "Pool " + poolName + " uses " + k.credentialProvider().label() + " (profile "
                    + s.pool().profile() + "): its nodes have no IAM Roles Anywhere certificates to rotate."));
        }
        String anchorName = "";
        String caPem = "";
        if (k != null && k.credentialProvider() == CredentialProvider.IAM_RA) {
            HybridRoles.Resolved r = new HybridRoles(aws, iam).resolve(ref, s.pool().profile().toString(), CredentialProvider.IAM_RA,
                    caKey, problems);
            if (r.rolesAnywhere() != null) {
                anchorName = r.rolesAnywhere().anchor().name();
                caPem = r.rolesAnywhere().anchor().certificatePem();
            }
        }
        Map<String, StoredHost> hosts = new LinkedHashMap<>();
        Map<String, StoredHost> all = new LinkedHashMap<>();
        inventory.hosts().forEach(h -> all.put(h.spec().name(), h));
        for (String h : s.pool().hostNames()) {
            if (all.containsKey(h)) {
                hosts.put(h, all.get(h));
            } else {
                problems.add(ProfileProblem.error("hosts", "Host " + h + " of pool " + poolName + " is not in the inventory: "
                        + "HybridPane cannot reach it."));
            }
        }
        if (s.pool().hostNames().isEmpty()) {
            problems.add(ProfileProblem.error("hosts", "Pool " + poolName + " has no hosts."));
        }
        return new Checked(new Inputs(ref, s, hosts, HostCertificates.nodes(s), anchorName, caPem, caKey, identity, readyTimeout),
                problems);
    }

    /** Which rotation a run is: the journal's, kept while unfinished or unless {@code again} after a finished one. */
    static int rotation(Optional<Journal> before, boolean again) {
        int last = before.flatMap(j -> Optional.ofNullable(j.outputs().get("rotation"))).map(Integer::parseInt).orElse(0);
        if (last == 0) {
            return 1;
        }
        boolean finished = before.get().status() == OperationStatus.SUCCEEDED;
        return finished && again ? last + 1 : last;
    }

    /** The plan (reads the journal to know which rotation this is; nothing is changed, no host is reached). */
    public Operation plan(Inputs in, PoolStore.Pools pools, JournalStore journals, boolean again) {
        return operation(in, pools, rotation(journals.load(operationId(in.ref(), in.pool().pool().name())), again),
                host -> null, () -> true);
    }

    private Operation operation(Inputs in, PoolStore.Pools pools, int rotation, Function<String, HostRun> runs,
                                BooleanSupplier held) {
        String pool = in.pool().pool().name();
        List<Step> steps = new ArrayList<>();
        steps.add(Steps.of("rotation", "Rotation " + rotation + " of pool " + pool + "'s certificates",
                List.of("one host at a time: " + String.join(", ", in.pool().pool().hostNames()),
                        "CA " + subject(in.caCertificatePem()) + " (trust anchor " + in.anchorName() + ")"),
                ctx -> ctx.get("rotation").filter(r -> r.equals(String.valueOf(rotation))).isPresent(),
                ctx -> ctx.put("rotation", String.valueOf(rotation))));
        CertRotationSteps hostSteps = new CertRotationSteps(in, rotation, runs, pools, held);
        for (String h : in.pool().pool().hostNames()) {
            steps.addAll(hostSteps.steps(h));
        }
        return new Operation(operationId(in.ref(), pool), KIND, "Rotate the certificates of pool " + pool,
                in.ref().name() + " · " + in.ref().region(), steps);
    }

    /**
     * Runs the rotation under the pool's lock ({@link PoolLocks#acquire}, taking over a stale one only when
     * {@code takeOver}); the journal goes to {@code journals}. Returns the final journal.
     */
    public Journal apply(Inputs in, PoolStore.Pools pools, JournalStore journals, OperationLock lock, String holder,
                         boolean takeOver, boolean again, CancelToken cancel, Consumer<Journal> listener)
            throws OperationLock.LockedException {
        String pool = in.pool().pool().name();
        Map<String, HostRun> runs = new ConcurrentHashMap<>();
        try (OperationLock.Held l = PoolLocks.acquire(pools, lock, pool, holder, takeOver)) {
            int rotation = rotation(journals.load(operationId(in.ref(), pool)), again);
            Operation op = operation(in, pools, rotation, h -> runs.computeIfAbsent(h,
                    x -> new HostRun(edge, new EdgeTarget(in.hosts().get(x).spec(), in.identity(), null))), l::stillHeld);
            Journal j = new OperationEngine(journals, clock).run(op, cancel, listener);
            if (j.status() == OperationStatus.FAILED) {
                try {
                    pools.event(pool, PoolStore.EventType.Warning, "PoolOperationFailed",
                            j.error() == null ? "The certificate rotation failed." : j.error());
                } catch (PoolStoreException e) {
                    listener.accept(j); // the journal says what failed
                }
            }
            return j;
        } finally {
            runs.values().forEach(HostRun::close);
        }
    }

    static String subject(String caPem) {
        return NodeCertificates.parse(caPem).map(c -> c.getSubjectX500Principal().toString()).orElse("(no CA certificate)");
    }
}
