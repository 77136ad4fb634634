package dev.hybridpane.lab;

import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.aws.LabCredentials;
import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.edge.LabHostFleet;
import dev.hybridpane.lab.edge.LabHostProfile;
import dev.hybridpane.lab.edge.LabHostTiming;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.kube.LabKubelets;
import dev.hybridpane.lab.kube.LabPoolObjects;
import dev.hybridpane.lab.kube.LabSimulation;
import dev.hybridpane.lab.world.LabWorld;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded lab: an AWS emulator, one Kubernetes API per cluster and a simulation, all on loopback.
 * The production adapters talk to it over the real wire protocols.
 */
public final class Lab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);
    /** The lab user's throwaway key pair (printed by {@code hybridpane lab}; not secrets). */
    public static final String ACCESS_KEY_ID = LabCredentials.LAB_ACCESS_KEY_ID;
    public static final String SECRET_ACCESS_KEY = LabCredentials.LAB_SECRET_ACCESS_KEY;

    private final LabWorld world;
    private final LabKube kube;
    private final AwsEmulator aws;
    private final List<LabSimulation> simulations = new ArrayList<>();
    private final Duration startup;
    private final URI awsEndpoint;
    private final LabHostFleet fleet;
    private final CompletableFuture<Map<String, String>> seeded = new CompletableFuture<>();
    private volatile Thread seeder;
    private volatile Duration seedTime;
    private CompletableFuture<LabEdgeHosts> edgeHosts;
    private LabNodeadmBackend nodeadm;
    private boolean closed;

    private Lab(LabWorld seed, Duration flapPeriod, Consumer<URI> awsReady, int extraHosts) {
        long t0 = System.nanoTime();
        LabWorld world = seed.withLiveHosts();
        this.world = world;
        // the AWS emulator answers first (a console can list clusters meanwhile); DescribeCluster, which names the
        // API servers, waits for them and for the seeded pools (but answers the seeding hosts' own nodeadm); so does SSM
        var apiEndpoints = new CompletableFuture<Map<String, String>>();
        this.aws = new AwsEmulator(world, () -> {
            if (Thread.currentThread() != seeder) {
                seeded.join();
            }
            return apiEndpoints.join();
        }, "");
        aws.hold("ssm", seeded);
        this.awsEndpoint = aws.start();
        // the API servers authenticate EKS tokens against this account (keys, access entries), presigned for AWS STS
        // or for the lab's own endpoint (where the console and AWS_ENDPOINT_URL send the aws CLI's get-token)
        this.kube = new LabKube(world, Clock.systemUTC(), aws.eksIdentities(), awsEndpoint);
        try {
            awsReady.accept(awsEndpoint);
            kube.start();
            apiEndpoints.complete(kube.endpoints());
        } catch (RuntimeException | Error e) {
            apiEndpoints.completeExceptionally(e);
            aws.close();
            kube.close();
            throw e;
        }
        // the edge hosts as machines (their SSH servers start later); the seeded pools' hosts are installed and
        // initialised in-process, on a thread of their own, so that the lab's start does not wait for them. Every way
        // into the lab waits for them instead (DescribeCluster, SSM, kube(), the endpoints, the kubeconfig, the edge
        // hosts), so nobody sees the world before its Nodes, SSM instances, EdgeHosts and pools agree.
        this.fleet = new LabHostFleet(LabHostProfile.world(extraHosts), Clock.systemUTC(), nodeadmBackend(),
                LabHostTiming.realistic(), true);
        Thread t = new Thread(() -> {
            long s0 = System.nanoTime();
            try {
                Map<String, String> hosts = new LabSeededPools(world, kube, aws.nodeadm(), fleet, Clock.systemUTC()).seed();
                seedTime = Duration.ofNanos(System.nanoTime() - s0);
                seeded.complete(hosts);
            } catch (RuntimeException | Error e) {
                if (isClosed()) {
                    // closed while seeding (a short test): its servers are gone, which is why the hosts refused
                    LOG.debug("the lab closed while seeding its pools' edge hosts: {}", e.getMessage());
                } else {
                    LOG.error("the lab could not seed its pools' edge hosts: {}", e.getMessage(), e);
                }
                seeded.completeExceptionally(e);
            }
        }, "lab-seeded-pools");
        t.setDaemon(true);
        seeder = t;
        t.start();
        if (flapPeriod != null && !flapPeriod.isZero()) {
            for (var c : world.clusters()) {
                if (c.hybridNodeCount() > 0) {
                    var sim = new LabSimulation(kube.server(LabKube.key(c.region(), c.name())), flapPeriod,
                            Clock.systemUTC(), new Random());
                    sim.start();
                    simulations.add(sim);
                }
            }
        }
        this.startup = Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Starts the lab; {@code flapPeriod} null or zero leaves the simulation off. */
    public static Lab start(LabWorld world, Duration flapPeriod) {
        return new Lab(world, flapPeriod, uri -> { }, 0);
    }

    /**
     * As {@link #start(LabWorld, Duration)}, with {@code extraHosts} more free Ubuntu edge hosts at dallas-dc
     * ({@link LabHostProfile#world(int)}), for scale work.
     */
    public static Lab start(LabWorld world, Duration flapPeriod, int extraHosts) {
        return new Lab(world, flapPeriod, uri -> { }, extraHosts);
    }

    /** As {@link #start(LabWorld, Duration)}; {@code awsReady} learns the AWS endpoint as soon as it answers. */
    public static Lab start(LabWorld world, Duration flapPeriod, Consumer<URI> awsReady) {
        return new Lab(world, flapPeriod, awsReady, 0);
    }

    public LabWorld world() {
        return world;
    }

    public URI awsEndpoint() {
        return awsEndpoint;
    }

    public AwsEmulator aws() {
        return aws;
    }

    /** The clusters' API servers, once the seeded pools are in them. */
    public LabKube kube() {
        awaitSeeded();
        return kube;
    }

    /**
     * Waits until the world's seeded pools are real (their hosts initialised, their Nodes, SSM instances, EdgeHosts and
     * pool objects stored); throws what stopped them.
     */
    public void awaitSeeded() {
        seeded.join();
    }

    /** How long making the seeded pools real took, after {@link #startupTime()}; null until done. */
    public Duration seedTime() {
        return seedTime;
    }

    /** "region/cluster" to the cluster's Kubernetes API URL. */
    public Map<String, String> kubeEndpoints() {
        awaitSeeded();
        return kube.endpoints();
    }

    /** "region/cluster" to the cluster's Kubernetes API over TLS, for kubectl (started at first call). */
    public Map<String, String> kubeTlsEndpoints() {
        awaitSeeded();
        return kube.tlsEndpoints();
    }

    /**
     * The simulated edge hosts: real SSH servers on loopback, with the lab's login key and a CSV of them. They
     * start on first use (setting up SSH loads security providers that the console's first view does not need);
     * this waits for them.
     */
    public LabEdgeHosts edgeHosts() {
        return startEdgeHosts().join();
    }

    /** Starts the edge hosts in the background, if they are not started yet. */
    public synchronized CompletableFuture<LabEdgeHosts> startEdgeHosts() {
        if (closed) {
            throw new IllegalStateException("the lab is closed");
        }
        if (edgeHosts == null) {
            // the hosts' nodeadm reaches this lab's AWS account and API servers (install time: hybridpane.lab.nodeadm.ms)
            // after the seeding, which works on the same hosts; a seeded host whose reserved port was taken meanwhile
            // listens elsewhere, and its EdgeHost then says where
            edgeHosts = seeded.handle((hosts, failed) -> hosts == null ? Map.<String, String>of() : hosts)
                    .thenApplyAsync(hosts -> {
                        LabEdgeHosts e = new LabEdgeHosts(fleet).start();
                        hosts.forEach((host, server) -> LabPoolObjects.setPort(kube.server(server), host, fleet.port(host)));
                        return e;
                    });
        }
        return edgeHosts;
    }

    /** The edge hosts as machines (their disks, units and reserved ports), whether or not their SSH servers run. */
    public LabHostFleet hostFleet() {
        awaitSeeded();
        return fleet;
    }

    /** The edge hosts if they have started, without waiting. */
    public synchronized Optional<LabEdgeHosts> startedEdgeHosts() {
        return edgeHosts != null && edgeHosts.isDone() && !edgeHosts.isCompletedExceptionally()
                ? Optional.of(edgeHosts.join()) : Optional.empty();
    }

    /** What the edge hosts' nodeadm reaches beyond the host: this lab's AWS account and API servers (made at first call). */
    public synchronized LabNodeadmBackend nodeadmBackend() {
        if (nodeadm == null) {
            nodeadm = new LabNodeadmBackend(aws.nodeadm(), new LabKubelets(kube, Clock.systemUTC()));
        }
        return nodeadm;
    }

    public Duration startupTime() {
        return startup;
    }

    /**
     * Writes the lab's kubeconfig: per cluster a context NAME that authenticates with {@code aws eks get-token} against
     * this lab's AWS endpoint and keys, and NAME-static with the lab's admin token; kubectl reaches the API servers
     * over TLS ({@link #kubeTlsEndpoints()}).
     */
    public Path writeKubeconfig(Path file) {
        awaitSeeded();
        return kube.writeKubeconfig(file);
    }

    /**
     * As {@link #writeKubeconfig(Path)}; a cluster of another account than the world's gets its context NAME too, whose
     * {@code aws eks get-token} runs with that account's aws CLI profile ({@code accountProfiles}: account to profile).
     */
    public Path writeKubeconfig(Path file, Map<String, String> accountProfiles) {
        awaitSeeded();
        return kube.writeKubeconfig(file, accountProfiles);
    }

    public String description() {
        return describe(world).replaceFirst("\\.$", " (AWS emulator at " + awsEndpoint + ").");
    }

    /**
     * One sentence about a lab of this world, before it has started (no endpoints): what the lab's own account holds,
     * which is what the console sees with the lab's keys.
     */
    public static String describe(LabWorld world) {
        List<LabWorld.LabCluster> own = world.clusters(world.accountId());
        int hybrid = own.stream().mapToInt(LabWorld.LabCluster::hybridNodeCount).sum();
        return "Embedded lab: " + own.size() + " clusters in " + String.join(", ", world.regions())
                + ", " + hybrid + " hybrid nodes, served on loopback.";
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        simulations.forEach(LabSimulation::close);
        synchronized (this) {
            closed = true;
            if (nodeadm != null) {
                nodeadm.kubelets().close();
            }
            if (edgeHosts != null) {
                // at once when they are up; hosts still starting close as they finish
                edgeHosts.thenAccept(LabEdgeHosts::close);
            }
        }
        aws.close();
        kube.close();
    }
}
