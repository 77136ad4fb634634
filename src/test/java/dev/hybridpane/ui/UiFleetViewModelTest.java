package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static dev.hybridpane.ui.TestData.cloud;
import static dev.hybridpane.ui.TestData.event;
import static dev.hybridpane.ui.TestData.hybrid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.HealthStatus;
import dev.hybridpane.domain.NodeCounts;
import dev.hybridpane.domain.PoolHealth;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.LivePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import java.util.Map;
import dev.hybridpane.ui.common.FxBatchingBridge;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.fleet.NodeKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UiFleetViewModelTest {
    private static final ClusterRef EDGE = new ClusterRef("us-west-2", "edge-prod");

    private final FleetViewModel fleet = new FleetViewModel();
    private final List<List<FleetUpdate>> batches = new ArrayList<>();
    private FxBatchingBridge bridge;

    @BeforeEach
    void setUp() {
        bridge = new FxBatchingBridge(b -> {
            batches.add(b);
            fleet.apply(b);
        });
        bridge.accept(new FleetUpdate.DiscoveryStarted(List.of("us-west-2")));
        bridge.accept(new FleetUpdate.ClusterFound(cluster("us-west-2", "edge-prod", "1.31", true, AuthenticationMode.API,
                EndpointAccess.PRIVATE)));
        bridge.accept(new FleetUpdate.AccessChanged(EDGE, new ConnectionState.Connected(TestData.T0)));
        bridge.drain();
        batches.clear();
    }

    @Test
    void coalescesManyUpsertsOfOneNodeIntoOneAppliedRow() {
        List<Set<NodeKey>> applied = new ArrayList<>();
        fleet.addBatchListener(applied::add);
        for (int i = 0; i < 500; i++) {
            bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("mi-1", "racks-a", "store-12", i % 2 == 0)));
        }
        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("mi-2", "racks-a", "store-12", true)));
        int size = bridge.drain();

        assertEquals(2, size, "500 upserts of mi-1 and one of mi-2 become two updates");
        assertEquals(1, batches.size(), "one batch per drain");
        assertEquals(2, fleet.hybridNodes(EDGE).size());
        ClusterNode mi1 = fleet.node(new NodeKey(EDGE, "mi-1")).orElseThrow();
        assertFalse(mi1.ready(), "the last upsert (i=499, odd, NotReady) wins");
        assertEquals(Set.of(new NodeKey(EDGE, "mi-1"), new NodeKey(EDGE, "mi-2")), applied.get(0));
        assertEquals(0, bridge.drain(), "nothing left to drain");
    }

    @Test
    void countsPoolsAndNotReadyFlipTheClusterRow() {
        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, cloud("ip-1")));
        for (int i = 0; i < 4; i++) {
            bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("a-" + i, "racks-a", "store-12", true)));
            bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("b-" + i, "racks-b", "store-40", true)));
        }
        bridge.drain();
        assertEquals(new NodeCounts(1, 8, 8), fleet.row(EDGE).orElseThrow().counts());
        assertEquals("1 · 8/8", fleet.row(EDGE).orElseThrow().nodesText());
        assertEquals(List.of("racks-a", "racks-b"), fleet.pools(EDGE).stream().map(PoolHealth::pool).toList());
        assertEquals(2, fleet.poolsHealthyProperty().get());

        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("a-2", "racks-a", "store-12", false)));
        bridge.drain();
        assertEquals(new NodeCounts(1, 7, 8), fleet.row(EDGE).orElseThrow().counts());
        PoolHealth a = fleet.pools(EDGE).get(0);
        assertEquals(new PoolHealth("racks-a", "store-12", 3, 4, HealthStatus.DEGRADED), a);
        assertEquals(1, fleet.poolsHealthyProperty().get());
        assertEquals(1, fleet.poolsDegradedProperty().get());
        assertEquals(7, fleet.hybridReadyProperty().get());
        assertEquals(8, fleet.hybridTotalProperty().get());

        for (int i = 0; i < 4; i++) {
            bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("b-" + i, "racks-b", "store-40", false)));
        }
        bridge.drain();
        assertEquals(HealthStatus.DOWN, fleet.pools(EDGE).get(1).status());
        assertEquals(1, fleet.poolsDownProperty().get());
        assertEquals(new NodeCounts(1, 3, 8), fleet.row(EDGE).orElseThrow().counts());
    }

    @Test
    void poolObjectsMakePoolsManagedAndCountTheirMissingHosts() {
        HybridNodePool gpu = new HybridNodePool("racks-a", "dallas-dc", new ProfileRef("gpu-ssm", 2), Map.of(), List.of(), "",
                List.of(), List.of(new PoolHost("dallas-01", null), new PoolHost("dallas-02", null), new PoolHost("dallas-03", null)));
        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("a-1", "racks-a", "store-12", true)));
        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("a-2", "racks-a", "store-12", true)));
        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("b-1", "racks-b", "store-40", true)));
        bridge.drain();
        assertFalse(fleet.pools(EDGE).get(0).managed(), "before its object arrives, a labelled pool is unmanaged");

        bridge.accept(new FleetUpdate.PoolUpserted(EDGE, new LivePool(gpu, "Provisioning")));
        bridge.accept(new FleetUpdate.PoolUpserted(EDGE, new LivePool(gpu, "Running")));
        bridge.accept(new FleetUpdate.PoolUpserted(EDGE, new LivePool(new HybridNodePool("empty-pool", "austin", new ProfileRef("p", 1),
                Map.of(), List.of(), "", List.of(), List.of(new PoolHost("austin-01", null))), "Provisioning")));
        bridge.drain();
        assertEquals(List.of("empty-pool", "racks-a", "racks-b"), fleet.pools(EDGE).stream().map(PoolHealth::pool).toList());
        PoolHealth a = fleet.pools(EDGE).get(1);
        assertEquals(new PoolHealth("racks-a", "dallas-dc", 2, 3, HealthStatus.DEGRADED, true, "Running",
                new ProfileRef("gpu-ssm", 2), 3), a, "the object's site, phase and profile; 2 of 3 hosts joined");
        PoolHealth empty = fleet.pools(EDGE).get(0);
        assertEquals(0, empty.ready());
        assertEquals(1, empty.total());
        assertEquals(HealthStatus.DOWN, empty.status(), "a pool whose one host has not joined is down");
        assertFalse(fleet.pools(EDGE).get(2).managed(), "racks-b has no object: unmanaged");
        assertEquals("Running", fleet.poolObject(EDGE, "racks-a").orElseThrow().phase());

        bridge.accept(new FleetUpdate.PoolDeleted(EDGE, "racks-a"));
        bridge.accept(new FleetUpdate.PoolDeleted(EDGE, "empty-pool"));
        bridge.drain();
        assertEquals(List.of("racks-a", "racks-b"), fleet.pools(EDGE).stream().map(PoolHealth::pool).toList(),
                "a deleted object leaves its labelled nodes as an unmanaged pool, and an empty one disappears");
        assertEquals(new PoolHealth("racks-a", "store-12", 2, 2, HealthStatus.HEALTHY), fleet.pools(EDGE).get(0));
        assertTrue(fleet.poolObject(EDGE, "racks-a").isEmpty());
    }

    @Test
    void deletesRemoveRowsCountsAndEmptyPools() {
        for (int i = 0; i < 5; i++) {
            bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("n-" + i, i < 3 ? "p1" : "p2", "s", true)));
        }
        bridge.drain();
        bridge.accept(new FleetUpdate.NodeDeleted(EDGE, "n-0"));
        bridge.accept(new FleetUpdate.NodeDeleted(EDGE, "n-3"));
        bridge.accept(new FleetUpdate.NodeDeleted(EDGE, "n-4"));
        bridge.drain();
        assertEquals(Set.of("n-1", "n-2"), new HashSet<>(fleet.hybridNodes(EDGE).stream().map(ClusterNode::name).toList()));
        assertEquals(new NodeCounts(0, 2, 2), fleet.row(EDGE).orElseThrow().counts());
        assertEquals(List.of("p1"), fleet.pools(EDGE).stream().map(PoolHealth::pool).toList());
        // a replace after swap-removal still lands on the right row
        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("n-2", "p1", "s", false)));
        bridge.drain();
        assertFalse(fleet.hybridNodes(EDGE).stream().filter(n -> n.name().equals("n-2")).findFirst().orElseThrow().ready());
        assertEquals(2, fleet.hybridNodes(EDGE).size());
    }

    @Test
    void eventsAreOrderedByWhenTheyHappenedNotByArrival() {
        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("mi-1", "p", "s", true)));
        bridge.drain();
        // an initial list comes in the API server's order, not by time
        Instant t = Instant.parse("2026-11-21T13:00:00Z");
        bridge.accept(new FleetUpdate.EventSeen(EDGE, at(event("late", "mi-1", true, "FreeDiskSpaceFailed"), t.plusSeconds(1800))));
        bridge.accept(new FleetUpdate.EventSeen(EDGE, at(event("start", "mi-1", false, "Starting"), t)));
        bridge.accept(new FleetUpdate.EventSeen(EDGE, at(event("ready", "mi-1", false, "NodeReady"), t.plusSeconds(40))));
        bridge.drain();
        assertEquals(List.of("late", "ready", "start"), fleet.recentEvents().stream().map(e -> e.event().uid()).toList());
        // a newer event goes on top; an older one seen later goes where its time puts it
        bridge.accept(new FleetUpdate.EventSeen(EDGE, at(event("newest", "mi-1", false, "NodeReady"), t.plusSeconds(3600))));
        bridge.drain();
        bridge.accept(new FleetUpdate.EventSeen(EDGE, at(event("registered", "mi-1", false, "RegisteredNode"), t.plusSeconds(10))));
        bridge.drain();
        assertEquals(List.of("newest", "late", "ready", "registered", "start"),
                fleet.recentEvents().stream().map(e -> e.event().uid()).toList());
    }

    private static ClusterEvent at(ClusterEvent e, Instant when) {
        return new ClusterEvent(e.uid(), e.involvedKind(), e.involvedName(), e.type(), e.reason(),
                e.message(), when, e.count(), e.source());
    }

    @Test
    void eventsAreNewestFirstDedupedBoundedAndCountWarnings() {
        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("mi-1", "p", "s", true)));
        bridge.drain();
        bridge.accept(new FleetUpdate.EventSeen(EDGE, event("e1", "mi-1", false, "NodeReady")));
        bridge.accept(new FleetUpdate.EventSeen(EDGE, event("e2", "mi-1", true, "NodeNotReady")));
        bridge.drain();
        assertEquals(List.of("e2", "e1"), fleet.recentEvents().stream().map(e -> e.event().uid()).toList());
        assertTrue(fleet.recentEvents().get(0).hybridNode());
        assertEquals(1, fleet.warningsProperty().get());

        bridge.accept(new FleetUpdate.EventSeen(EDGE, event("e1", "mi-1", true, "Rebooted")));
        bridge.drain();
        assertEquals(List.of("e1", "e2"), fleet.recentEvents().stream().map(e -> e.event().uid()).toList());
        assertEquals(2, fleet.warningsProperty().get());

        for (int i = 0; i < FleetViewModel.MAX_EVENTS + 50; i++) {
            bridge.accept(new FleetUpdate.EventSeen(EDGE, event("x" + i, "mi-1", false, "Tick")));
        }
        bridge.drain();
        assertEquals(FleetViewModel.MAX_EVENTS, fleet.recentEvents().size());
        assertEquals("x" + (FleetViewModel.MAX_EVENTS + 49), fleet.recentEvents().get(0).event().uid());
        assertEquals(0, fleet.warningsProperty().get(), "old warnings fell out of the window");
    }

    @Test
    void connectionFailureShowsOnTheRowAndInTheStatus() {
        bridge.accept(new FleetUpdate.AccessChanged(EDGE, new ConnectionState.Failed(
                ConnectionState.FailureKind.UNAUTHORIZED, "The API server rejected the token.")));
        bridge.accept(new FleetUpdate.DiscoveryFinished(1, Duration.ofMillis(300)));
        bridge.drain();
        assertTrue(fleet.row(EDGE).orElseThrow().failed());
        assertEquals("The API server rejected the token.", fleet.row(EDGE).orElseThrow().connectionReason());
        assertEquals("1 cluster · 0 connected · 1 failed", fleet.statusTextProperty().get());
    }

    @Test
    void fiveThousandNodesAndManyChangesStayCheapPerBatch() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int nodes = 5000;
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            int part = t;
            pool.execute(() -> {
                for (int i = part; i < nodes; i += 4) {
                    bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("n-" + i, "pool-" + (i % 50), "s", true)));
                }
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        pool.shutdown();
        bridge.drain();
        assertEquals(nodes, fleet.hybridNodes(EDGE).size());
        int[] changes = {0};
        fleet.hybridNodes(EDGE).addListener((ListChangeListener<ClusterNode>) c -> changes[0]++);
        long start = System.nanoTime();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 1000; i++) {
                int n = (round * 1000 + i * 7) % nodes;
                bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("n-" + n, "pool-" + (n % 50), "s", (round + i) % 3 != 0)));
            }
            bridge.drain();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 3000, "20 batches of 1000 changes over 5000 nodes took " + ms + " ms");
        assertEquals(nodes, fleet.hybridNodes(EDGE).size());
        long readyNow = fleet.hybridNodes(EDGE).stream().filter(ClusterNode::ready).count();
        assertEquals(readyNow, fleet.row(EDGE).orElseThrow().counts().hybridReady(), "incremental count matches a recount");
        assertEquals(readyNow, fleet.pools(EDGE).stream().mapToInt(PoolHealth::ready).sum());
    }

    @Test
    void eventsThatArriveBeforeTheirNodeAreAboutAHybridNodeOnceTheNodeIsKnown() {
        // the event and node lists come from two informers: here the events come first, as they do at startup
        bridge.accept(new FleetUpdate.EventSeen(EDGE, event("early", "mi-1", true, "NodeNotReady")));
        bridge.accept(new FleetUpdate.EventSeen(EDGE, event("cloud", "ip-1", false, "NodeReady")));
        bridge.drain();
        assertFalse(fleet.recentEvents().get(0).hybridNode(), "mi-1 is not known yet");

        // and within one batch, an event listed before its node
        bridge.accept(new FleetUpdate.EventSeen(EDGE, event("same-batch", "mi-2", false, "Starting")));
        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("mi-1", "racks-a", "store-12", true)));
        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, hybrid("mi-2", "racks-a", "store-12", true)));
        bridge.accept(new FleetUpdate.NodeUpserted(EDGE, cloud("ip-1")));
        bridge.drain();

        assertEquals(Set.of("early", "same-batch"), fleet.recentEvents().stream().filter(e -> e.hybridNode())
                .map(e -> e.event().uid()).collect(Collectors.toSet()));
        assertEquals(3, fleet.recentEvents().size());
        assertEquals(1, fleet.warningsProperty().get());
    }
}
