package dev.hybridpane.core;

import dev.hybridpane.core.ClusterPort.ClusterConnection;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
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
 */
public final class FleetService implements AutoCloseable {
    private final AwsPort aws;
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
        this.aws = aws;
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
        AwsPort aws = profiles.open(profile);
        FleetService fleet = null;
        try {
            fleet = new FleetService(aws, kube, io, sink, kubeContextFor, clock);
            return new Opened(aws, fleet, fleet.discover(regions));
        } catch (RuntimeException | Error e) {
            closeBoth(fleet, aws); // e.g. the I/O executor was shut down as the console closed
            throw e;
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
        try {
            aws.close();
        } catch (RuntimeException e) {
            // closing is best effort
        }
    }

    /** Lists and describes the clusters of every region in parallel, then connects to each. */
    public CompletableFuture<List<Cluster>> discover(List<String> regions) {
        Instant start = clock.instant();
        sink.accept(new FleetUpdate.DiscoveryStarted(List.copyOf(regions)));
        List<CompletableFuture<List<Cluster>>> perRegion = new ArrayList<>();
        for (String region : regions) {
            perRegion.add(CompletableFuture.supplyAsync(() -> discoverRegion(region), io));
        }
        return CompletableFuture.allOf(perRegion.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Cluster> all = new ArrayList<>();
            perRegion.forEach(f -> all.addAll(f.join()));
            sink.accept(new FleetUpdate.DiscoveryFinished(all.size(), Duration.between(start, clock.instant())));
            return all;
        });
    }

    private List<Cluster> discoverRegion(String region) {
        List<String> names;
        try {
            names = aws.listClusters(region);
        } catch (AwsFailure e) {
            sink.accept(new FleetUpdate.RegionFailed(region, e.getMessage(), e.credentialProblem().orElse(null)));
            return List.of();
        }
        List<CompletableFuture<Cluster>> described = new ArrayList<>();
        for (String name : names) {
            ClusterRef ref = new ClusterRef(region, name);
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
            cluster = aws.describeCluster(ref);
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
                cluster = aws.describeCluster(ref);
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
                        new CachingTokens(() -> aws.eksToken(cluster.ref()), clock));
    }

    /** Access entries, network and requirement checks of one cluster. Blocking parts run on the I/O executor. */
    public CompletableFuture<ClusterDetail> loadDetail(Cluster cluster) {
        return CompletableFuture.supplyAsync(() -> {
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
                entries = aws.listAccessEntries(cluster.ref());
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

    @Override
    public void close() {
        closed = true;
        connections.values().forEach(ClusterConnection::close);
        connections.clear();
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
