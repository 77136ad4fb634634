package dev.hybridpane.core;

import dev.hybridpane.core.ClusterPort.ClusterConnection;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.pool.LivePool;
import dev.hybridpane.domain.HybridRequirements;
import dev.hybridpane.domain.AccessEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Discovers the clusters of one AWS environment and keeps a live connection to each one's
 * Kubernetes API. Everything it learns goes to the sink as {@link FleetUpdate}s, from worker threads.
 * The environment is a profile's own account and, for an AWS SSO profile, the other accounts' roles the user picked
 * (IAM Identity Center): their clusters carry their account ({@link ClusterRef#account()}), and every call about a
 * cluster goes to the AWS of its account.
 */
public final class FleetService implements AutoCloseable {
    /** AWS as one picked account/role pair of the profile's sign-in. */
    public record AccountAws(SsoAccounts.AccountRole pick, AwsPort aws) {
    }

    private final AwsPort aws;
    /** The other accounts picked, one per account; this service closes them. */
    private final List<AccountAws> others;
    private final ClusterPort kube;
    private final Executor io;
    private final Consumer<FleetUpdate> sink;
    private final Function<ClusterRef, String> kubeContextFor;
    private final Clock clock;
    private final Map<ClusterRef, ClusterConnection> connections = new ConcurrentHashMap<>();
    private final Map<ClusterRef, Cluster> clusters = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param kubeContextFor the kubeconfig context chosen for a cluster, or null to use the console's own EKS token
     */
    public FleetService(AwsPort aws, ClusterPort kube, Executor io, Consumer<FleetUpdate> sink,
            Function<ClusterRef, String> kubeContextFor, Clock clock) {
        this(aws, List.of(), kube, io, sink, kubeContextFor, clock);
    }

    /**
     * @param others the AWS of other accounts picked, at most one per account (this service closes them); a pick of
     *               the profile's own account is skipped when discovering
     */
    public FleetService(AwsPort aws, List<AccountAws> others, ClusterPort kube, Executor io, Consumer<FleetUpdate> sink,
            Function<ClusterRef, String> kubeContextFor, Clock clock) {
        this.aws = aws;
        this.others = List.copyOf(others);
        this.kube = kube;
        this.io = io;
        this.sink = sink;
        this.kubeContextFor = kubeContextFor;
        this.clock = clock;
    }

    /** An environment opened for discovery: its AWS clients, the service, and the discovery under way. */
    public record Opened(AwsPort aws, FleetService fleet, CompletableFuture<List<Cluster>> discovery) {
        /** Closes the clusters' connections, then the AWS clients; best effort, each part whatever the other did. */
        public void close() {
            closeBoth(fleet, aws);
        }
    }

    /**
     * Opens a profile and starts discovering the regions. Blocks while the profile opens (its files are read, a login
     * may be needed); the discovery itself runs on {@code io}. The caller closes what it returns; if it throws, what
     * it had opened is closed.
     */
    public static Opened openAndDiscover(AwsProfiles profiles, String profile, List<String> regions, ClusterPort kube,
            Executor io, Consumer<FleetUpdate> sink, Function<ClusterRef, String> kubeContextFor, Clock clock) {
        return openAndDiscover(profiles, SsoAccounts.NONE, List.of(), profile, regions, kube, io, sink, kubeContextFor,
                clock);
    }

    /**
     * As above, with the other accounts' roles picked for the profile ({@code picks}: keys "accountId/roleName"), each
     * opened through {@code accounts} when the profile signs in through AWS SSO (else they are ignored).
     */
    public static Opened openAndDiscover(AwsProfiles profiles, SsoAccounts accounts, List<String> picks, String profile,
            List<String> regions, ClusterPort kube, Executor io, Consumer<FleetUpdate> sink,
            Function<ClusterRef, String> kubeContextFor, Clock clock) {
        AwsPort aws = profiles.open(profile);
        List<AccountAws> others = new ArrayList<>();
        FleetService fleet = null;
        try {
            List<SsoAccounts.AccountRole> wanted = picks.isEmpty() || !accounts.supports(profile) ? List.of()
                    : AccountPicks.onePerAccount(picks);
            for (SsoAccounts.AccountRole pick : wanted) {
                others.add(new AccountAws(pick, accounts.open(profile, pick)));
            }
            fleet = new FleetService(aws, others, kube, io, sink, kubeContextFor, clock);
            return new Opened(aws, fleet, fleet.discover(regions));
        } catch (RuntimeException | Error e) {
            if (fleet == null) {
                others.forEach(o -> closeQuietly(o.aws()));
            }
            closeBoth(fleet, aws); // e.g. the I/O executor was shut down as the console closed
            throw e;
        }
    }

    private static void closeQuietly(AwsPort port) {
        try {
            port.close();
        } catch (RuntimeException e) {
            // closing is best effort
        }
    }

    private static void closeBoth(FleetService fleet, AwsPort aws) {
        try {
            if (fleet != null) {
                fleet.close();
            }
        } catch (RuntimeException e) {
            // the AWS clients are closed all the same
        }
        closeQuietly(aws);
    }

    /**
     * Lists and describes the clusters of every region in parallel, then connects to each; in every account picked
     * too, once the profile's own account is known (a pick of it would find its clusters twice).
     */
    public CompletableFuture<List<Cluster>> discover(List<String> regions) {
        Instant start = clock.instant();
        sink.accept(new FleetUpdate.DiscoveryStarted(List.copyOf(regions)));
        List<CompletableFuture<List<Cluster>>> perRegion = new ArrayList<>();
        for (String region : regions) {
            perRegion.add(CompletableFuture.supplyAsync(() -> discoverRegion(aws, null, region), io));
        }
        if (!others.isEmpty()) {
            CompletableFuture<String> own = CompletableFuture.supplyAsync(this::ownAccount, io);
            for (AccountAws other : others) {
                for (String region : regions) {
                    perRegion.add(own.thenApplyAsync(account -> other.pick().accountId().equals(account) ? List.of()
                            : discoverRegion(other.aws(), other.pick(), region), io));
                }
            }
        }
        return CompletableFuture.allOf(perRegion.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Cluster> all = new ArrayList<>();
            perRegion.forEach(f -> all.addAll(f.join()));
            sink.accept(new FleetUpdate.DiscoveryFinished(all.size(), Duration.between(start, clock.instant())));
            return all;
        });
    }

    /** The profile's own account, or null when it cannot be read (its own regions then say why). */
    private String ownAccount() {
        try {
            return aws.callerIdentity().account();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @param pick the other account's pair, or null for the profile's own account */
    private List<Cluster> discoverRegion(AwsPort port, SsoAccounts.AccountRole pick, String region) {
        List<String> names;
        try {
            names = port.listClusters(region);
        } catch (AwsFailure e) {
            sink.accept(new FleetUpdate.RegionFailed(region, pick == null ? e.getMessage()
                    : "In " + AccountPicks.label(pick) + ": " + e.getMessage(), e.credentialProblem().orElse(null)));
            return List.of();
        } catch (RuntimeException e) {
            if (pick == null) {
                throw e;
            }
            // one account's failure of another kind does not end the discovery of the others
            sink.accept(new FleetUpdate.RegionFailed(region, "In " + AccountPicks.label(pick) + ": " + e.getMessage(),
                    null));
            return List.of();
        }
        List<CompletableFuture<Cluster>> described = new ArrayList<>();
        for (String name : names) {
            ClusterRef ref = new ClusterRef(region, name, pick == null ? null : pick.accountId());
            described.add(CompletableFuture.supplyAsync(() -> describeAndConnect(ref), io));
        }
        List<Cluster> found = new ArrayList<>();
        for (CompletableFuture<Cluster> f : described) {
            Cluster c = f.join();
            if (c != null) {
                found.add(c);
            }
        }
        return found;
    }

    private Cluster describeAndConnect(ClusterRef ref) {
        Cluster cluster;
        try {
            cluster = describe(ref);
        } catch (AwsFailure e) {
            sink.accept(new FleetUpdate.ClusterUnavailable(ref, e.getMessage()));
            return null;
        }
        clusters.put(ref, cluster);
        sink.accept(new FleetUpdate.ClusterFound(cluster));
        connect(cluster);
        return cluster;
    }

    /**
     * Reads one cluster again (DescribeCluster) after the console changed it, and emits {@code ClusterFound} with the
     * new record, so every view shows what AWS now says. A cluster not seen before is also connected.
     */
    public CompletableFuture<Cluster> refresh(ClusterRef ref) {
        return CompletableFuture.supplyAsync(() -> {
            Cluster cluster;
            try {
                cluster = describe(ref);
            } catch (AwsFailure e) {
                sink.accept(new FleetUpdate.ClusterUnavailable(ref, e.getMessage()));
                throw e;
            }
            boolean known = clusters.put(ref, cluster) != null;
            sink.accept(new FleetUpdate.ClusterFound(cluster));
            if (!known) {
                connect(cluster);
            }
            return cluster;
        }, io);
    }

    /** DescribeCluster in the cluster's account; the record names that account. */
    private Cluster describe(ClusterRef ref) {
        return AccountPicks.inAccount(awsOf(ref).describeCluster(own(ref)), ref.account());
    }

    /** The ref as the AWS of its own account knows it (that account's own cluster). */
    private static ClusterRef own(ClusterRef ref) {
        return ref.account() == null ? ref : new ClusterRef(ref.region(), ref.name());
    }

    /** The AWS of a cluster's account: the profile's own, or that of the pair picked for its account. */
    private AwsPort awsOf(ClusterRef ref) {
        if (ref.account() == null) {
            return aws;
        }
        return others.stream().filter(o -> o.pick().accountId().equals(ref.account())).findFirst().map(AccountAws::aws)
                .orElseThrow(() -> new AwsFailure(FailureKind.NOT_FOUND, "eks:DescribeCluster", null, "Account "
                        + ref.account() + " is not among the accounts picked for this profile: pick it to reach "
                        + ref.name() + ".", null));
    }

    /** (Re)connects the live watch of a cluster, with the access the user chose for it. */
    public void connect(Cluster cluster) {
        if (closed) {
            return;
        }
        ClusterRef ref = cluster.ref();
        ClusterConnection old = connections.remove(ref);
        if (old != null) {
            old.close();
        }
        ClusterAccess access = accessFor(cluster);
        ClusterConnection conn = kube.connect(ref, access, new Forwarder(ref));
        connections.put(ref, conn);
        if (closed) {
            conn.close();
        }
    }

    /** How this console reaches a cluster's API: the chosen kubeconfig context, else its own EKS token. */
    public ClusterAccess accessFor(Cluster cluster) {
        String context = kubeContextFor.apply(cluster.ref());
        return context != null
                ? new ClusterAccess.KubeconfigContext(context)
                : new ClusterAccess.EksTokenAccess(cluster.endpoint(), cluster.certificateAuthority(),
                        new CachingTokens(() -> awsOf(cluster.ref()).eksToken(own(cluster.ref())), clock));
    }

    /** Access entries, network and requirement checks of one cluster. Blocking parts run on the I/O executor. */
    public CompletableFuture<ClusterDetail> loadDetail(Cluster cluster) {
        return CompletableFuture.supplyAsync(() -> {
            AwsPort aws = awsOf(cluster.ref());
            ClusterNetwork network = null;
            String networkError = null;
            try {
                network = aws.describeNetwork(cluster.region(), cluster.vpcId(), cluster.subnetIds(),
                        cluster.securityGroupIds());
            } catch (AwsFailure e) {
                networkError = e.getMessage();
            }
            List<AccessEntry> entries = List.of();
            String entriesError = null;
            try {
                entries = aws.listAccessEntries(own(cluster.ref()));
            } catch (AwsFailure e) {
                entriesError = e.getMessage();
            }
            List<String> vpcCidrs = network == null ? List.of() : network.vpc().cidrs();
            List<Check> checks = HybridRequirements.evaluate(cluster, vpcCidrs);
            return new ClusterDetail(cluster, network, networkError, entries, entriesError, checks);
        }, io);
    }

    public Map<ClusterRef, Cluster> clusters() {
        return Map.copyOf(clusters);
    }

    /** Closes the clusters' connections and the AWS of the other accounts picked (the caller closes its own). */
    @Override
    public void close() {
        closed = true;
        connections.values().forEach(ClusterConnection::close);
        connections.clear();
        others.forEach(o -> closeQuietly(o.aws()));
    }

    private final class Forwarder implements ClusterListener {
        private final ClusterRef ref;

        Forwarder(ClusterRef ref) {
            this.ref = ref;
        }

        @Override
        public void onState(ConnectionState state) {
            sink.accept(new FleetUpdate.AccessChanged(ref, state));
        }

        @Override
        public void onNodeUpsert(ClusterNode node) {
            sink.accept(new FleetUpdate.NodeUpserted(ref, node));
        }

        @Override
        public void onNodeDelete(String nodeName) {
            sink.accept(new FleetUpdate.NodeDeleted(ref, nodeName));
        }

        @Override
        public void onEvent(ClusterEvent event) {
            sink.accept(new FleetUpdate.EventSeen(ref, event));
        }

        @Override
        public void onPoolUpsert(LivePool pool) {
            sink.accept(new FleetUpdate.PoolUpserted(ref, pool));
        }

        @Override
        public void onPoolDelete(String poolName) {
            sink.accept(new FleetUpdate.PoolDeleted(ref, poolName));
        }
    }
}
