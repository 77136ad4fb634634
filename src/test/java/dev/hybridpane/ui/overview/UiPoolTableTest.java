package dev.hybridpane.ui.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.domain.HealthStatus;
import dev.hybridpane.domain.PoolHealth;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.common.LiveRow;
import dev.hybridpane.ui.common.Widgets;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Overview's pool table: as tall as its pools up to eight rows, live, and sortable worst first. */
@ExtendWith(ApplicationExtension.class)
class UiPoolTableTest {
    private final ObservableList<PoolHealth> pools = FXCollections.observableArrayList();
    private PoolTable table;

    @Start
    void start(Stage stage) {
        pools.add(pool(0, 4, 4));
        table = new PoolTable(pools);
        stage.setScene(new Scene(new VBox(table), 900, 700));
        stage.show();
    }

    private static PoolHealth pool(int i, int ready, int total) {
        return new PoolHealth(String.format("pool-%02d", i), "site-" + i / 10, ready, total,
                PoolHealth.statusOf(ready, total));
    }

    private List<TableRow<LiveRow<PoolHealth>>> filledRows() {
        List<TableRow<LiveRow<PoolHealth>>> rows = new ArrayList<>();
        for (Node n : table.lookupAll(".table-row-cell")) {
            @SuppressWarnings("unchecked")
            TableRow<LiveRow<PoolHealth>> r = (TableRow<LiveRow<PoolHealth>>) n;
            if (r.isVisible() && r.getItem() != null && r.getBoundsInParent().getMaxY() <= table.getHeight()) {
                rows.add(r);
            }
        }
        return rows;
    }

    @Test
    void marksPoolsWithoutAnObjectAsUnmanaged() {
        assertEquals("pool-01 · unmanaged", PoolTable.poolText(pool(1, 4, 4)));
        assertEquals("edge-gpu", PoolTable.poolText(new PoolHealth("edge-gpu", "dallas-dc", 1, 3, HealthStatus.DEGRADED, true,
                "Running", new ProfileRef("gpu-ssm", 1), 3)));
        assertEquals("(no pool label)", PoolTable.poolText(new PoolHealth("", "", 1, 1, HealthStatus.HEALTHY)));
    }

    @Test
    void growsWithItsPoolsUpToEightRowsAndFollowsTheirHealth() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        double oneRow = table.getHeight();
        assertEquals(1, filledRows().size());
        // a collection in between: the table's height must not hang on a binding nothing holds
        System.gc();
        WaitForAsyncUtils.asyncFx(() -> {
            List<PoolHealth> next = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                next.add(pool(i, i == 3 ? 0 : i == 5 ? 2 : 4, 4));
            }
            pools.setAll(next);
        }).get();
        FxWait.until(2, () -> table.getItems().size() == 20);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(oneRow + 7 * 28, table.getHeight(), 0.5, "eight rows tall");
        assertEquals(PoolTable.MAX_VISIBLE_ROWS, filledRows().size());

        // sorted by Health: the down pool first, then the degraded one
        WaitForAsyncUtils.asyncFx(() -> {
            table.getSortOrder().setAll(List.of(table.getColumns().get(3)));
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("pool-03", table.getItems().get(0).get().pool());
        assertEquals("pool-05", table.getItems().get(1).get().pool());
        TableRow<LiveRow<PoolHealth>> first = filledRows().stream().filter(r -> r.getIndex() == 0).findFirst().orElseThrow();
        Label pill = (Label) ((TableCell<?, ?>) first.getChildrenUnmodifiable().get(3)).getGraphic();
        assertEquals("DOWN", pill.getText());
        assertEquals("danger", Widgets.kindOf(pill));

        // pool-03 recovers: under the Health sort it moves down among the healthy pools, and its row shows it
        WaitForAsyncUtils.asyncFx(() -> pools.set(3, pool(3, 4, 4))).get();
        FxWait.until(2, () -> table.getItems().get(0).get().pool().equals("pool-05"));
        assertTrue(table.getItems().stream().map(LiveRow::get).filter(p -> p.pool().equals("pool-03"))
                .allMatch(p -> p.status() == HealthStatus.HEALTHY));
        assertEquals(20, table.getItems().size());
    }
}
