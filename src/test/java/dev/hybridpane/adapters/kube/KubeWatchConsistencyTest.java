package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.core.FleetService;
import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.CallerIdentity;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.IpFamily;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.kube.LabKubeFaults;
import dev.hybridpane.lab.kube.LabSimulation;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Watches: with every watch of the lab's API server ended every 5 s (as an API server ends one at its timeout) while
 * nodes change all the time, the console's live model (what FleetService hands the fleet views: node upserts and
 * deletes from the cluster port's informers) comes back to what a fresh list says within 2 s. Rounds of ~1.5 s of
 * changes (Ready flips, site label changes over the API) are each followed by a pause, in which the time for the model
 * to equal a fresh list is measured. Prints the lags, the worst, and the faults injected.
 */
class KubeWatchConsistencyTest {
    static final ClusterRef REF = new ClusterRef("us-west-2", "retail-edge");
    static final String KEY = "us-west-2/retail-edge";
    static final long SEED = 33L;
    static final Duration RUN = Duration.ofSeconds(20);

    /** What the views show of a node, and what a fresh list says of it. */
    record Seen(boolean ready, String pool, String site) {
    }

    @Test
    void theLiveModelEqualsAFreshListWithin2sWhileWatchesAreDroppedEvery5s() throws Exception {
        System.out.println("KubeWatchConsistencyTest seed " + SEED);
        try (LabKube lab = new LabKube(LabWorld.load())) {
            lab.start();
            LabKubeFaults faults = lab.faults().seed(SEED).dropWatchesEvery(Duration.ofSeconds(5));
            KubernetesClient api = lab.client(KEY);
            Map<String, Seen> model = new ConcurrentHashMap<>();
            FleetService fleet = new FleetService(new LabToken(lab.adminToken()), new Fabric8ClusterPort(null, Clock.systemUTC()),
                    Runnable::run, u -> apply(model, u), ref -> null, Clock.systemUTC());
            Random random = new Random(SEED);
            LabSimulation sim = new LabSimulation(lab.server(KEY), Duration.ofHours(1), Clock.systemUTC(), new Random(SEED));
            List<Long> lags = new ArrayList<>();
            try {
                fleet.connect(cluster(lab.endpoints().get(KEY)));
                assertThat(converge(api, model, Duration.ofSeconds(30))).as("the first list arrives").isGreaterThanOrEqualTo(0);
                List<String> hybrid = sim.hybridNodeNames();
                assertThat(hybrid).isNotEmpty();
                long end = System.nanoTime() + RUN.toNanos();
                int round = 0;
                while (System.nanoTime() < end) {
                    long changeUntil = System.nanoTime() + 1_500_000_000L;
                    while (System.nanoTime() < changeUntil) {
                        sim.flipRandomNodes(3);
                        String node = hybrid.get(random.nextInt(hybrid.size()));
                        api.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE),
                                "{\"metadata\":{\"labels\":{\"" + NodeLabels.SITE + "\":\"site-" + round + "\"}}}");
                        Thread.sleep(50);
                    }
                    long lag = converge(api, model, Duration.ofSeconds(20));
                    assertThat(lag).as("round %d: the model came back to a fresh list", round).isGreaterThanOrEqualTo(0);
                    lags.add(lag);
                    round++;
                }
            } finally {
                fleet.close();
                sim.close();
            }
            List<Long> sorted = new ArrayList<>(lags);
            Collections.sort(sorted);
            long worst = sorted.get(sorted.size() - 1);
            long within2s = lags.stream().filter(l -> l <= 2000).count();
            System.out.printf("Watch consistency: %d rounds, lag to a fresh list (ms) %s; median %d, worst %d; %d/%d within 2 s; "
                    + "faults: %s%n", lags.size(), lags, sorted.get(sorted.size() / 2), worst, within2s, lags.size(),
                    faults.counts());
            assertThat(faults.counts().watchesDropped()).as("watches were dropped").isPositive();
            assertThat(lags.size()).isGreaterThanOrEqualTo(5);
            // the goal is 2 s; a loaded CI machine may miss it now and then: most rounds must make it
            assertThat(within2s).as("rounds whose lag is within 2 s, of %s", lags).isGreaterThanOrEqualTo(lags.size() * 8L / 10);
        }
    }

    private static void apply(Map<String, Seen> model, FleetUpdate u) {
        if (u instanceof FleetUpdate.NodeUpserted n) {
            model.put(n.node().name(), new Seen(n.node().ready(), n.node().pool(), n.node().site()));
        } else if (u instanceof FleetUpdate.NodeDeleted d) {
            model.remove(d.nodeName());
        }
    }

    /** Milliseconds until the model equals a fresh list (read once, now), or -1 past the deadline. */
    private static long converge(KubernetesClient api, Map<String, Seen> model, Duration deadline) throws InterruptedException {
        long start = System.nanoTime();
        Map<String, Seen> fresh = fresh(api);
        while (System.nanoTime() - start < deadline.toNanos()) {
            if (new TreeMap<>(model).equals(fresh)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(10);
        }
        return -1;
    }

    /** A fresh list of the nodes, read as a user would read it: the Ready condition and the pool and site labels. */
    private static Map<String, Seen> fresh(KubernetesClient api) {
        Map<String, Seen> out = new TreeMap<>();
        for (Node n : api.nodes().list().getItems()) {
            boolean ready = n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions()
                    .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
            out.put(n.getMetadata().getName(), new Seen(ready, labels.getOrDefault(NodeLabels.POOL, ""),
                    labels.getOrDefault(NodeLabels.SITE, "")));
        }
        return out;
    }

    private static Cluster cluster(String endpoint) {
        return new Cluster(REF, "arn:aws:eks:us-west-2:111122223333:cluster/retail-edge", "1.31", "ACTIVE", endpoint,
                EndpointAccess.PUBLIC, AuthenticationMode.API, IpFamily.IPV4, "vpc-1", List.of(), List.of(), "sg-c",
                "172.20.0.0/16", List.of(), List.of(), "", Instant.EPOCH, Map.of());
    }

    /** The AWS side of the fleet: only the cluster's token is asked for (the lab's admin token). */
    private record LabToken(String token) implements AwsPort {
        @Override
        public EksToken eksToken(ClusterRef ref) {
            return new EksToken(token, Instant.now().plusSeconds(600));
        }

        @Override
        public CallerIdentity callerIdentity() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> listClusters(String region) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Cluster describeCluster(ClusterRef ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AccessEntry> listAccessEntries(ClusterRef ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ClusterNetwork describeNetwork(String region, String vpcId, List<String> subnetIds, List<String> sgs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
