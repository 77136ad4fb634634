package dev.hybridpane.core.network;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.hybrid.HybridAwsPort;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.OperationCancelledException;
import dev.hybridpane.core.pool.ActivationPort;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The network doctor: every hybrid network requirement of one cluster checked with the evidence it read, and the topology
 * they are drawn on. The probes (route tables, transit gateway, VPN, security groups, VPC settings, pod networking,
 * identity, CNI and, when asked, the hosts) run in parallel; each read is made once per run and shared. A denied or
 * failed call makes the checks that needed it UNKNOWN ("unknown: missing permission ec2:DescribeTransitGateways"),
 * never a failure of the whole run. Blocking: call it off the FX thread.
 */
public final class NetworkDoctor {
    static final int PARALLEL = 4;

    /**
     * One run: the cluster (name and region) and whether to probe its hosts over SSH ({@code hosts}: needs a
     * {@link HostProbeRunner}, see {@link #withHostProbes}).
     */
    public record Request(String cluster, String region, boolean hosts) {
        public Request {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(region, "region");
        }

        public ClusterRef ref() {
            return new ClusterRef(region, cluster);
        }
    }

    /** Progress of a run: {@code done} of {@code total} probes finished, and what just finished or started. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total, message) -> { };

        void update(int done, int total, String message);
    }

    private final AwsPort aws;
    private final NetworkReadPort network;
    private final HybridAwsPort hybrid;
    private final ActivationPort activations;
    private final ClusterNetworkPort clusterSide;
    private final Clock clock;
    private final HostProbeRunner hostProbes;

    public NetworkDoctor(AwsPort aws, NetworkReadPort network, HybridAwsPort hybrid, ActivationPort activations,
            ClusterNetworkPort clusterSide, Clock clock) {
        this(aws, network, hybrid, activations, clusterSide, clock, null);
    }

    private NetworkDoctor(AwsPort aws, NetworkReadPort network, HybridAwsPort hybrid, ActivationPort activations,
            ClusterNetworkPort clusterSide, Clock clock, HostProbeRunner hostProbes) {
        this.aws = aws;
        this.network = network;
        this.hybrid = hybrid;
        this.activations = activations;
        this.clusterSide = clusterSide;
        this.clock = clock;
        this.hostProbes = hostProbes;
    }

    /** The same doctor, with the on-prem probes of {@link Request#hosts()} runs. */
    public NetworkDoctor withHostProbes(HostProbeRunner runner) {
        return new NetworkDoctor(aws, network, hybrid, activations, clusterSide, clock, runner);
    }

    /**
     * Runs every check of the cluster. Throws {@link AwsFailure} only when the cluster itself cannot be described (no
     * such cluster, or DescribeCluster denied: there is nothing to check against), and
     * {@link OperationCancelledException} when {@code cancel} was set before the last probe finished.
     */
    public DoctorReport run(Request request, Progress progress, CancelToken cancel) {
        Progress p = progress == null ? Progress.NONE : progress;
        CancelToken c = cancel == null ? new CancelToken() : cancel;
        if (c.cancelled()) {
            throw new OperationCancelledException();
        }
        p.update(0, 1, "Describing cluster " + request.cluster());
        Cluster cluster = aws.describeCluster(request.ref());
        try (DoctorReads reads = new DoctorReads(cluster, aws, network, hybrid, activations, clusterSide, clock)) {
            List<Probe> probes = new ArrayList<>(Probes.all());
            if (request.hosts()) {
                probes.add(HostProbe.probe(hostProbes, c));
            }
            List<DoctorCheck> checks = runAll(probes, reads, p, c);
            return new DoctorReport(cluster.name(), cluster.region(), clock.instant(), checks, TopologyBuilder.build(reads));
        }
    }

    private static List<DoctorCheck> runAll(List<Probe> probes, DoctorReads reads, Progress p, CancelToken cancel) {
        int total = probes.size();
        @SuppressWarnings("unchecked")
        List<DoctorCheck>[] results = new List[total];
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(PARALLEL, total), r -> {
            Thread t = new Thread(r, "network-doctor");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(threads);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                int index = i;
                futures.add(done.submit(() -> {
                    if (cancel.cancelled()) {
                        return index;
                    }
                    results[index] = probes.get(index).run(reads);
                    return index;
                }));
            }
            p.update(0, total, "Checking " + total + " areas");
            for (int finished = 0; finished < total; ) {
                if (cancel.cancelled()) {
                    futures.forEach(f -> f.cancel(true));
                    throw new OperationCancelledException();
                }
                Future<Integer> f = done.poll(100, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                finished++;
                int index = f.get();
                p.update(finished, total, probes.get(index).title() + " checked");
            }
            if (cancel.cancelled()) {
                throw new OperationCancelledException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a doctor probe failed: " + e.getCause(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
        List<DoctorCheck> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (List<DoctorCheck> r : results) {
            for (DoctorCheck check : r == null ? List.<DoctorCheck>of() : r) {
                if (ids.add(check.id())) {
                    out.add(check);
                }
            }
        }
        return out;
    }
}
