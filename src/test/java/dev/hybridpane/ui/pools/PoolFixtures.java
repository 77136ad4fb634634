package dev.hybridpane.ui.pools;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.core.pool.PoolEventsPort;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.profile.MemoryProfiles;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.core.profile.ProfileStoreException;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.LivePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.pool.Taint;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.ContainerdSource;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.ui.TestData;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.pools.day2.PoolDay2Port;
import dev.hybridpane.ui.pools.day2.PoolDay2ViewModel;
import dev.hybridpane.ui.profiles.ProfilesServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * A fleet for the Node Pools tests: retail-edge (hybrid) holds dallas-gpu, a managed pool on gpu-ssm v1 whose
 * profile has a v2 (an update is available), with three hosts and nodes, one NotReady; and store-pos, a pool that is
 * only node labels, on gpu-ssm v2. factory is hybrid but not reachable yet; payments has no hybrid nodes.
 */
final class PoolFixtures {
    static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    static final Cluster RETAIL = TestData.cluster("us-west-2", "retail-edge", "1.31", true, AuthenticationMode.API,
            EndpointAccess.PUBLIC);
    static final Cluster FACTORY = TestData.cluster("us-east-1", "factory", "1.31", true, AuthenticationMode.API,
            EndpointAccess.PUBLIC);
    static final Cluster PAYMENTS = TestData.cluster("us-west-2", "payments", "1.32", false, AuthenticationMode.API,
            EndpointAccess.PUBLIC);
    static final ClusterRef REF = RETAIL.ref();
    static final ClusterAccess ACCESS = new ClusterAccess.EksTokenAccess("https://x", null,
            () -> new EksToken("t", Instant.now().plusSeconds(600)));
    static final HybridNodePool GPU = new HybridNodePool("dallas-gpu", "dallas-dc", new ProfileRef("gpu-ssm", 1),
            Map.of("workload", "gpu"), List.of(new Taint("dedicated", "gpu", "NoSchedule")), "amd64",
            List.of("time.example.net"), List.of(PoolHost.of("dallas-01"), new PoolHost("dallas-02", "10.200.1.1"),
            PoolHost.of("dallas-03"), PoolHost.of("dallas-04")));

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final FleetViewModel fleet = new FleetViewModel();
    final MemoryProfiles retailProfiles = new MemoryProfiles();
    final List<String> profileReads = new CopyOnWriteArrayList<>();
    final List<String> historyReads = new CopyOnWriteArrayList<>();
    final TestClock clock = new TestClock();
    final ProfileStore store = (ref, access) -> {
        profileReads.add(ref.name());
        if (!ref.equals(REF)) {
            throw new ProfileStoreException("No store for " + ref.name() + ".", null);
        }
        return retailProfiles;
    };
    /** The pool's history in the cluster: an old pool Event, a node Event also seen live, and the status members. */
    final PoolEventsPort history = (ref, access, pool, nodes) -> {
        historyReads.add(pool + " " + List.copyOf(nodes));
        if (!pool.equals("dallas-gpu")) {
            return PoolEventsPort.PoolHistory.NONE;
        }
        return new PoolEventsPort.PoolHistory(List.of(
                event("h2", "Node", "mi-0c", true, "NodeNotReady", T0.minusSeconds(300)),
                event("h1", "HybridNodePool", "dallas-gpu", false, "PoolCreated", T0.minusSeconds(3000))),
                List.of(new PoolStore.Member("dallas-01", "mi-0a"), new PoolStore.Member("dallas-02", "mi-0b"),
                        new PoolStore.Member("dallas-03", "mi-0c")));
    };

    PoolFixtures() {
        ClusterProfile gpu = ClusterProfile.create("gpu-ssm", v1(), T0.minusSeconds(86400), "ana")
                .save(v2(), T0.minusSeconds(3600), "bo").profile();
        retailProfiles.put(gpu);
        retailProfiles.usage.put("gpu-ssm", new HashMap<>(Map.of(1, List.of("dallas-gpu"), 2, List.of("store-pos"))));
        List<FleetUpdate> seed = new ArrayList<>();
        seed.add(new FleetUpdate.ClusterFound(RETAIL));
        seed.add(new FleetUpdate.ClusterFound(FACTORY));
        seed.add(new FleetUpdate.ClusterFound(PAYMENTS));
        seed.add(new FleetUpdate.AccessChanged(REF, new ConnectionState.Connected(T0)));
        seed.add(new FleetUpdate.NodeUpserted(REF, TestData.hybrid("mi-0a", "dallas-gpu", "dallas-dc", true)));
        seed.add(new FleetUpdate.NodeUpserted(REF, TestData.hybrid("mi-0b", "dallas-gpu", "dallas-dc", true)));
        seed.add(new FleetUpdate.NodeUpserted(REF, TestData.hybrid("mi-0c", "dallas-gpu", "dallas-dc", false)));
        seed.add(new FleetUpdate.NodeUpserted(REF, TestData.hybrid("pos-1", "store-pos", "austin-112", true)));
        seed.add(new FleetUpdate.NodeUpserted(PAYMENTS.ref(), TestData.hybrid("pay-1", "pay-pool", "x", true)));
        seed.add(new FleetUpdate.PoolUpserted(REF, new LivePool(GPU, "Running")));
        fleet.apply(seed);
    }

    static ClusterEvent event(String uid, String kind, String name, boolean warning, String reason, Instant at) {
        return new ClusterEvent(uid, kind, name, warning ? "Warning" : "Normal", reason, reason + " " + name, at, 1,
                "kubelet");
    }

    ProfilesServices services() {
        return new ProfilesServices(store, () -> "arn:aws:iam::111122223333:user/ana", Clock.fixed(T0, ZoneOffset.UTC));
    }

    /** The day-2 strip where no day-2 service is wired (this is what these tests show). */
    PoolDay2ViewModel day2(TaskRunner runner, Executor fx) {
        return new PoolDay2ViewModel(PoolDay2Port.unavailable(), this::access, runner, fx, j -> { }, clock);
    }

    /** factory is not connected: no access for it. */
    Optional<ClusterAccess> access(Cluster c) {
        return c.ref().equals(FACTORY.ref()) ? Optional.empty() : Optional.of(ACCESS);
    }

    static ProfileLayers v1() {
        return new ProfileLayers(OsLayer.agent(List.of("htop"), List.of("time.aws.com"), Map.of(), List.of(), ""),
                KubernetesLayer.of("1.30", CredentialProvider.SSM),
                new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of("10.201.0.0/16"), false));
    }

    static ProfileLayers v2() {
        return new ProfileLayers(OsLayer.agent(List.of("htop", "jq"), List.of("time.aws.com"), Map.of(), List.of(), ""),
                new KubernetesLayer("1.31", CredentialProvider.SSM, ContainerdSource.DISTRO, Map.of(), List.of(), ""),
                new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of("10.201.0.0/16"), false));
    }
}
