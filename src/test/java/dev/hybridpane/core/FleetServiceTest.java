package dev.hybridpane.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.CallerIdentity;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.IpFamily;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FleetServiceTest {

    static Cluster cluster(String region, String name) {
        return new Cluster(new ClusterRef(region, name), "arn:aws:eks:" + region + ":1:cluster/" + name, "1.31", "ACTIVE",
                "https://" + name, EndpointAccess.PRIVATE, AuthenticationMode.API, IpFamily.IPV4, "vpc-1", List.of("s-1"),
                List.of("sg-1"), "sg-c", "172.20.0.0/16", List.of("10.200.0.0/16"), List.of(), "", Instant.EPOCH, Map.of());
    }

    /** AWS with two regions; eu-west-1 is denied, and "broken" fails to describe. */
    static final class FakeAws implements AwsPort {
        final List<String> tokensMinted = Collections.synchronizedList(new ArrayList<>());
        volatile boolean closed;

        @Override
        public CallerIdentity callerIdentity() {
            return new CallerIdentity("1", "arn:aws:iam::1:user/a", "AID");
        }

        @Override
        public List<String> listClusters(String region) {
            return switch (region) {
                case "us-west-2" -> List.of("a", "broken");
                case "eu-central-1" -> List.of("b");
                default -> throw new AwsFailure(FailureKind.ACCESS_DENIED, "eks:ListClusters", "AccessDeniedException",
                        "eks:ListClusters was denied in " + region, null);
            };
        }

        @Override
        public Cluster describeCluster(ClusterRef ref) {
            if (ref.name().equals("broken")) {
                throw new AwsFailure(FailureKind.ACCESS_DENIED, "eks:DescribeCluster", "AccessDeniedException",
                        "eks:DescribeCluster was denied for broken", null);
            }
            return cluster(ref.region(), ref.name());
        }

        @Override
        public List<AccessEntry> listAccessEntries(ClusterRef ref) {
            throw new AwsFailure(FailureKind.ACCESS_DENIED, "eks:ListAccessEntries", "AccessDeniedException",
                    "eks:ListAccessEntries was denied", null);
        }

        @Override
        public ClusterNetwork describeNetwork(String region, String vpcId, List<String> subnetIds, List<String> sgs) {
            return new ClusterNetwork(new ClusterNetwork.Vpc(vpcId, List.of("10.100.0.0/16"), "v"), List.of(), List.of(),
                    List.of());
        }

        @Override
        public EksToken eksToken(ClusterRef ref) {
            tokensMinted.add(ref.name());
            return new EksToken("k8s-aws-v1.x", Instant.now().plusSeconds(840));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class FakeKube implements ClusterPort {
        final Map<ClusterRef, ClusterListener> listeners = new ConcurrentHashMap<>();
        final Map<ClusterRef, ClusterAccess> accesses = new ConcurrentHashMap<>();

        @Override
        public ClusterConnection connect(ClusterRef ref, ClusterAccess access, ClusterListener listener) {
            listeners.put(ref, listener);
            accesses.put(ref, access);
            listener.onState(new ConnectionState.Connecting("test"));
            return () -> listeners.remove(ref);
        }

        @Override
        public List<String> kubeconfigContexts() {
            return List.of();
        }
    }

    @Test
    void discoversEveryRegionReportsFailuresAndConnects() {
        var updates = new CopyOnWriteArrayList<FleetUpdate>();
        var aws = new FakeAws();
        var kube = new FakeKube();
        try (var fleet = new FleetService(aws, kube, Runnable::run, updates::add,
                ref -> ref.name().equals("b") ? "my-context" : null, Clock.systemUTC())) {
            List<Cluster> found = fleet.discover(List.of("us-west-2", "eu-central-1", "eu-west-1")).join();

            assertThat(found).extracting(Cluster::name).containsExactlyInAnyOrder("a", "b");
            assertThat(updates).filteredOn(u -> u instanceof FleetUpdate.RegionFailed)
                    .singleElement().extracting(u -> ((FleetUpdate.RegionFailed) u).reason()).asString().contains("denied");
            assertThat(updates).filteredOn(u -> u instanceof FleetUpdate.ClusterUnavailable).hasSize(1);
            assertThat(updates.get(updates.size() - 1)).isInstanceOf(FleetUpdate.DiscoveryFinished.class);
            assertThat(kube.accesses.get(new ClusterRef("eu-central-1", "b")))
                    .isEqualTo(new ClusterAccess.KubeconfigContext("my-context"));
            var a = (ClusterAccess.EksTokenAccess) kube.accesses.get(new ClusterRef("us-west-2", "a"));
            assertThat(a.endpoint()).isEqualTo("https://a");
            assertThat(a.tokens().get().value()).startsWith("k8s-aws-v1.");
            a.tokens().get();
            assertThat(aws.tokensMinted).containsExactly("a");

            kube.listeners.get(new ClusterRef("us-west-2", "a")).onNodeDelete("n1");
            assertThat(updates).contains(new FleetUpdate.NodeDeleted(new ClusterRef("us-west-2", "a"), "n1"));
        }
        assertThat(kube.listeners).isEmpty();
    }

    @Test
    void detailKeepsWhatItCouldReadAndExplainsTheRest() {
        var fleet = new FleetService(new FakeAws(), new FakeKube(), Runnable::run, u -> { }, r -> null, Clock.systemUTC());
        ClusterDetail d = fleet.loadDetail(cluster("us-west-2", "a")).join();
        assertThat(d.network().vpc().cidrs()).containsExactly("10.100.0.0/16");
        assertThat(d.accessEntries()).isEmpty();
        assertThat(d.accessEntriesError()).contains("denied");
        assertThat(d.checks()).isNotEmpty();
    }
}
