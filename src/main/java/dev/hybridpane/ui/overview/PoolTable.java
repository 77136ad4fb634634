package dev.hybridpane.ui.overview;

import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.HealthStatus;
import dev.hybridpane.domain.PoolHealth;
import dev.hybridpane.ui.common.Cells;
import dev.hybridpane.ui.common.LiveRow;
import dev.hybridpane.ui.common.LiveRows;
import dev.hybridpane.ui.common.Widgets;
import java.util.Comparator;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * A cluster's pools with their health, as a virtualized table: at thousands of nodes a cluster has
 * hundreds of pools, and a grid of hundreds of labels is laid out in full whenever one of them changes.
 * The table shows up to {@link #MAX_VISIBLE_ROWS} rows and scrolls beyond; its columns sort (Health puts
 * down pools first).
 */
final class PoolTable extends TableView<LiveRow<PoolHealth>> {
    static final int MAX_VISIBLE_ROWS = 8;
    private static final double ROW = 28;

    private final ObservableList<PoolHealth> source;
    /** The fleet's pools as of the last refresh. */
    private final ObservableList<PoolHealth> shown = FXCollections.observableArrayList();
    // at most a few refreshes a second: a pool's health a fraction of a second late is still live, and under
    // thousands of node changes a second the fleet republishes the pools on every frame
    private final PauseTransition refresh = new PauseTransition(Duration.millis(200));

    /** The pool's name; a pool that is only a node label, with no HybridNodePool object, is marked unmanaged. */
    static String poolText(PoolHealth p) {
        if (p.pool().isEmpty()) {
            return "(no pool label)";
        }
        return p.managed() ? p.pool() : p.pool() + " · unmanaged";
    }

    PoolTable(ObservableList<PoolHealth> source) {
        this.source = source;
        getStyleClass().addAll(Styles.DENSE, "overview-pools");
        setFixedCellSize(ROW);
        TableColumn<LiveRow<PoolHealth>, String> pool = Cells.liveColumn("Pool", 150,
                PoolTable::poolText);
        pool.getStyleClass().add("pool-name");
        TableColumn<LiveRow<PoolHealth>, String> site = Cells.liveColumn("Site", 150,
                p -> p.site().isEmpty() ? "—" : p.site());
        TableColumn<LiveRow<PoolHealth>, PoolHealth> ready = Cells.liveColumn("Ready", 80, p -> p);
        ready.setComparator(Comparator.comparingDouble(PoolTable::readyShare));
        ready.setCellFactory(c -> new TableCell<>() {
            {
                getStyleClass().add("mono");
            }

            @Override
            protected void updateItem(PoolHealth p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.ready() + "/" + p.total());
            }
        });
        TableColumn<LiveRow<PoolHealth>, HealthStatus> health = Cells.liveColumn("Health", 110, PoolHealth::status);
        // worst first when sorted ascending
        health.setComparator(Comparator.comparingInt(PoolTable::severity));
        health.setCellFactory(Cells.graphicCells(() -> Widgets.pill("", Widgets.NEUTRAL),
                (pill, status) -> Widgets.setPill(pill, status.name(), Widgets.kind(status))));
        TableColumn<LiveRow<PoolHealth>, PoolHealth> bar = Cells.liveColumn("", 200, p -> p);
        bar.setSortable(false);
        bar.setCellFactory(Cells.graphicCells(() -> {
            ProgressBar progress = new ProgressBar(0);
            progress.getStyleClass().add("ready-bar");
            progress.setPrefWidth(180);
            return progress;
        }, (progress, p) -> {
            progress.setProgress(readyShare(p));
            Widgets.setKind(progress, Widgets.kind(p.status()));
        }));
        getColumns().setAll(List.of(pool, site, ready, health, bar));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // one stable row per pool, sorted by the rows themselves (by pool unless a column sort is chosen): a pool whose
        // health changes repaints its own cells
        LiveRows<String, PoolHealth> sorted = new LiveRows<>(shown, PoolHealth::pool,
                Comparator.comparing(PoolHealth::pool).thenComparing(PoolHealth::site));
        sorted.comparatorProperty().bind(comparatorProperty());
        setSortPolicy(table -> true);
        setItems(sorted);
        setPlaceholder(Widgets.muted("No hybrid nodes have joined yet."));
        fitToRows();
        refresh.setOnFinished(e -> sync());
        source.addListener((ListChangeListener<PoolHealth>) c -> {
            if (shown.isEmpty()) {
                sync(); // the first pools show at once
            } else if (refresh.getStatus() != Animation.Status.RUNNING) {
                refresh.playFromStart();
            }
        });
        sync();
    }

    /**
     * Brings the table in line with the fleet's pools. The fleet keeps the same record for a pool that did not
     * change, and the live rows repaint only the pools whose record is new.
     */
    private void sync() {
        shown.setAll(source);
    }

    /** As tall as its rows, up to MAX_VISIBLE_ROWS; the header's height is read once the skin lays it out. */
    private void fitToRows() {
        setMinHeight(Region.USE_PREF_SIZE);
        setMaxHeight(Region.USE_PREF_SIZE);
        DoubleProperty header = new SimpleDoubleProperty(30);
        skinProperty().addListener((o, was, skin) -> {
            if (lookup(".column-header-background") instanceof Region r) {
                header.bind(r.heightProperty());
            }
        });
        prefHeightProperty().bind(Bindings.createDoubleBinding(() -> {
            int rows = Math.max(1, Math.min(MAX_VISIBLE_ROWS, shown.size()));
            return header.get() + rows * ROW + 2; // 2: the table's border
        }, header, shown)); // the list itself, not Bindings.size(shown): nothing would hold that binding
    }

    private static double readyShare(PoolHealth p) {
        return p.total() == 0 ? 0 : (double) p.ready() / p.total();
    }

    private static int severity(HealthStatus s) {
        return switch (s) {
            case DOWN -> 0;
            case DEGRADED -> 1;
            case EMPTY -> 2;
            case HEALTHY -> 3;
        };
    }
}
