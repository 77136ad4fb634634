package dev.hybridpane.lab;

import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.aws.LabCredentials;
import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.edge.LabHostProfile;
import dev.hybridpane.lab.edge.LabHostTiming;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.kube.LabKubelets;
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

/**
 * The embedded lab: an AWS emulator, one Kubernetes API per cluster and a simulation, all on loopback.
 * The production adapters talk to it over the real wire protocols.
 */
public final class Lab implements AutoCloseable {
    /** The lab user's throwaway key pair (printed by {@code hybridpane lab}; not secrets). */
    public static final String ACCESS_KEY_ID = LabCredentials.LAB_ACCESS_KEY_ID;
    public static final String SECRET_ACCESS_KEY = LabCredentials.LAB_SECRET_ACCESS_KEY;

    private final LabWorld world;
    private final LabKube kube;
    private final AwsEmulator aws;
    private final List<LabSimulation> simulations = new ArrayList<>();
    private final Duration startup;
    private final URI awsEndpoint;
    private CompletableFuture<LabEdgeHosts> edgeHosts;
    private LabNodeadmBackend nodeadm;
    private boolean closed;

    private Lab(LabWorld world, Duration flapPeriod, Consumer<URI> awsReady) {
        long t0 = System.nanoTime();
        this.world = world;
        // the AWS emulator answers first (a console can list clusters meanwhile); DescribeCluster, which names the
        // API servers, waits for them
        var apiEndpoints = new CompletableFuture<Map<String, String>>();
        this.aws = new AwsEmulator(world, apiEndpoints::join, "");
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
        return new Lab(world, flapPeriod, uri -> { });
    }

    /** As {@link #start(LabWorld, Duration)}; {@code awsReady} learns the AWS endpoint as soon as it answers. */
    public static Lab start(LabWorld world, Duration flapPeriod, Consumer<URI> awsReady) {
        return new Lab(world, flapPeriod, awsReady);
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

    public LabKube kube() {
        return kube;
    }

    /** "region/cluster" to the cluster's Kubernetes API URL. */
    public Map<String, String> kubeEndpoints() {
        return kube.endpoints();
    }

    /** "region/cluster" to the cluster's Kubernetes API over TLS, for kubectl (started at first call). */
    public Map<String, String> kubeTlsEndpoints() {
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
            LabNodeadmBackend backend = nodeadmBackend();
            edgeHosts = CompletableFuture.supplyAsync(() -> new LabEdgeHosts(LabHostProfile.world(), Clock.systemUTC(),
                    backend, LabHostTiming.realistic()).start());
        }
        return edgeHosts;
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
        return kube.writeKubeconfig(file);
    }

    public String description() {
        return describe(world).replaceFirst("\\.$", " (AWS emulator at " + awsEndpoint + ").");
    }

    /** One sentence about a lab of this world, before it has started (no endpoints). */
    public static String describe(LabWorld world) {
        int hybrid = world.clusters().stream().mapToInt(LabWorld.LabCluster::hybridNodeCount).sum();
        return "Embedded lab: " + world.clusters().size() + " clusters in " + String.join(", ", world.regions())
                + ", " + hybrid + " hybrid nodes, served on loopback.";
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
