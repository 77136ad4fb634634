package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static dev.hybridpane.ui.TestData.hybrid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.core.Settings;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.PoolHealth;
import dev.hybridpane.ui.common.LiveRow;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.fleet.NodeKey;
import dev.hybridpane.ui.shell.MainWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** 5,000 hybrid nodes on screen, 1,000 changes a second: a NotReady flip still shows within a second. */
@ExtendWith(ApplicationExtension.class)
class UiLiveLoadTest {
    private static final ClusterRef BIG = new ClusterRef("us-west-2", "edge-big");
    private static final int NODES = 5000;

    private final FakeAws aws = new FakeAws();
    private final FakeClusterPort kube = new FakeClusterPort();
    private final ExecutorService io = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "io");
        t.setDaemon(true);
        return t;
    });
    private MainWindow window;

    @Start
    void start(Stage stage) {
        aws.clustersByProfile.put("lab", List.of(
                cluster("us-west-2", "edge-big", "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE)));
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(hybrid("n-" + i, "pool-" + (i % 50), "site-" + (i % 10), true));
        }
        kube.initialNodes.put(BIG, nodes);
        window = TestConsole.window(TestConsole.ports(aws, kube, new MemorySettingsStore(Settings.DEFAULTS.withTheme("LIGHT")),
                io, true, "load test", Path.of("/tmp"), "test")).window();
        window.show(stage);
    }

    @Test
    @SuppressWarnings("unchecked")
    void notReadyShowsWithinASecondUnderLoad(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.readyProperty().get());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.viewModel().fleet().hybridTotalProperty().get() == NODES);
        NodeKey target = new NodeKey(BIG, "n-4321");
        AtomicLong sentAt = new AtomicLong();
        AtomicLong shownAt = new AtomicLong();
        window.viewModel().fleet().addBatchListener(keys -> {
            if (keys.contains(target) && sentAt.get() > 0 && shownAt.get() == 0
                    && !window.viewModel().fleet().node(target).orElseThrow().ready()) {
                shownAt.set(System.nanoTime());
            }
        });
        ExecutorService load = Executors.newSingleThreadExecutor();
        load.execute(() -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            int tick = 0;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 100; i++) {
                    int n = (tick * 100 + i * 37) % NODES;
                    if (n != 4321) {
                        kube.listener(BIG).onNodeUpsert(hybrid("n-" + n, "pool-" + (n % 50), "site-" + (n % 10),
                                (tick + i) % 4 != 0));
                    }
                }
                if (tick == 10) {
                    sentAt.set(System.nanoTime());
                    kube.listener(BIG).onNodeUpsert(hybrid("n-4321", "pool-21", "site-1", false));
                }
                tick++;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        load.shutdown();
        assertTrue(load.awaitTermination(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shownAt.get() > 0);
        long ms = TimeUnit.NANOSECONDS.toMillis(shownAt.get() - sentAt.get());
        System.out.println("NotReady reached the view model in " + ms + " ms under load");
        assertTrue(ms < 1000, "NotReady took " + ms + " ms to reach the view model");
        WaitForAsyncUtils.waitForFxEvents();

        TableView<LiveRow<ClusterNode>> table = robot.lookup(".overview-nodes").queryTableView();
        assertEquals(NODES, table.getItems().size());
        ClusterNode shown = table.getItems().stream().map(LiveRow::get)
                .filter(n -> n.name().equals("n-4321")).findFirst().orElseThrow();
        assertEquals(false, shown.ready(), "the overview table's row shows NotReady");
        long ready = table.getItems().stream().map(LiveRow::get).filter(ClusterNode::ready).count();
        assertEquals(ready, window.viewModel().fleet().row(BIG).orElseThrow().counts().hybridReady());

        // the pool table refreshes a few times a second and replaces only the rows of pools that changed; within a
        // second of the last change every row must match the fleet, and so must every row on screen
        TableView<LiveRow<PoolHealth>> poolTable = robot.lookup(".overview-pools").queryTableView();
        List<PoolHealth> pools = List.copyOf(window.viewModel().fleet().pools(BIG));
        assertEquals(50, pools.size());
        assertTrue(pools.stream().anyMatch(p -> p.ready() < p.total()), "the load left some pools degraded");
        Supplier<String> mismatch = () -> {
            if (!poolTable.getItems().stream().map(LiveRow::get).toList().equals(pools)) {
                return "the pool table's rows differ from the fleet's pools";
            }
            int checked = 0;
            for (Node r : poolTable.lookupAll(".table-row-cell")) {
                @SuppressWarnings("unchecked")
                var row = (TableRow<LiveRow<PoolHealth>>) r;
                PoolHealth p = row.getItem() == null ? null : row.getItem().get();
                if (p == null || !r.isVisible()) {
                    continue;
                }
                List<Node> cells = row.getChildrenUnmodifiable();
                var pill = (Label) ((TableCell<?, ?>) cells.get(3)).getGraphic();
                var bar = (ProgressBar) ((TableCell<?, ?>) cells.get(4)).getGraphic();
                String kind = Widgets.kind(p.status());
                String onScreen = ((TableCell<?, ?>) cells.get(0)).getText() + " "
                        + ((TableCell<?, ?>) cells.get(2)).getText() + " " + pill.getText() + " "
                        + Widgets.kindOf(pill) + " " + Widgets.kindOf(bar)
                        + " " + bar.getProgress();
                // these pools are node labels only: no HybridNodePool object, so the Overview marks them unmanaged
                String expected = p.pool() + (p.managed() ? "" : " · unmanaged") + " " + p.ready() + "/" + p.total() + " " + p.status().name() + " " + kind + " "
                        + kind + " " + (double) p.ready() / p.total();
                if (!onScreen.equals(expected)) {
                    return "row of " + p.pool() + ": shows '" + onScreen + "', expected '" + expected + "'";
                }
                checked++;
            }
            return checked >= 5 ? null : "only " + checked + " pool rows on screen";
        };
        try {
            WaitForAsyncUtils.waitFor(1, TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(() -> mismatch.get() == null).get());
        } catch (TimeoutException e) {
            // reported below with the row that differs
        }
        assertEquals(null, WaitForAsyncUtils.asyncFx(mismatch::get).get());

        // the node table's cells follow their rows: flip the node in the first visible row and its Ready cell says so
        ClusterNode first = WaitForAsyncUtils.asyncFx(() -> table.getItems().get(0).get()).get();
        kube.listener(BIG).onNodeUpsert(hybrid(first.name(), first.pool(), first.site(), !first.ready()));
        String expected = first.ready() ? "NotReady" : "Ready";
        Callable<String> firstReadyCell = () -> {
            for (Node r : table.lookupAll(".table-row-cell")) {
                var row = (TableRow<?>) r;
                if (row.getIndex() == 0 && r.isVisible()) {
                    return ((TableCell<?, ?>) row.getChildrenUnmodifiable().get(3)).getText();
                }
            }
            return null;
        };
        try {
            WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS,
                    () -> String.valueOf(WaitForAsyncUtils.asyncFx(firstReadyCell).get()).startsWith(expected));
        } catch (TimeoutException e) {
            // reported below with what the cell shows
        }
        String cell = WaitForAsyncUtils.asyncFx(firstReadyCell).get();
        assertTrue(cell != null && cell.startsWith(expected), "the first row's Ready cell shows '" + cell + "' for "
                + first.name() + ", expected " + expected);
    }
}
