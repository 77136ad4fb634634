package dev.hybridpane.ui.overview;

import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.PoolHealth;
import dev.hybridpane.ui.common.Cells;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.EventRow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One cluster on the overview: its pools, its hybrid nodes and their latest events. */
final class ClusterSection extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Label counts = new Label();
    private final Label conn = Widgets.pill("", "neutral");
    private final GridPane pools = new GridPane();
    private final javafx.collections.ObservableList<PoolHealth> poolList;

    ClusterSection(OverviewViewModel vm, ClusterRow row) {
        super(10);
        getStyleClass().addAll("card-section");
        Hyperlink name = new Hyperlink(row.cluster().name());
        name.getStyleClass().add("section-link");
        name.setOnAction(e -> vm.open(row.ref()));
        Label region = new Label(row.cluster().region() + " · Kubernetes " + row.cluster().version());
        region.getStyleClass().add("muted");
        counts.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(10, name, region, spacer, counts, conn);
        head.setAlignment(Pos.CENTER_LEFT);
        getChildren().add(head);
        poolList = vm.pools(row.ref());
        if (!row.cluster().hybridEnabled() && row.counts().hybridTotal() == 0) {
            getChildren().add(Widgets.muted("Hybrid nodes are not enabled on this cluster: it has no remote node network."));
            update(row);
            return;
        }
        pools.getStyleClass().add("pool-grid");
        pools.setHgap(16);
        pools.setVgap(6);
        // at most a few grid refreshes a second: under thousands of node changes a second, relaying out a grid of
        // hundreds of labels on every frame stalls the FX thread, and a pool's health a fraction of a second late
        // is still live
        poolRefresh.setOnFinished(e -> rebuildPools());
        poolList.addListener((ListChangeListener<PoolHealth>) c -> {
            if (poolRows.isEmpty()) {
                rebuildPools(); // the first pools show at once
            } else if (poolRefresh.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                poolRefresh.playFromStart();
            }
        });
        rebuildPools();
        getChildren().addAll(pools, nodesTable(vm, row), Widgets.sectionSubtitle("Latest hybrid node events"),
                eventsTable(vm, row));
        update(row);
    }

    void update(ClusterRow row) {
        counts.setText(row.counts().cloud() + " cloud · " + row.counts().hybridReady() + "/" + row.counts().hybridTotal()
                + " hybrid ready");
        Widgets.setPill(conn, row.connectionText(), row.failed() ? "danger" : row.connected() ? "success" : "neutral");
        connTip.setText(row.connectionReason() == null ? "" : row.connectionReason());
        conn.setTooltip(row.connectionReason() == null ? null : connTip);
    }

    private final javafx.scene.control.Tooltip connTip = new javafx.scene.control.Tooltip();

    /** One pool's row in the grid; reused across updates so a batch never rebuilds controls. */
    private record PoolRowNodes(Label pool, Label site, Label ready, Label health, ProgressBar bar) {
    }

    private final javafx.animation.PauseTransition poolRefresh =
            new javafx.animation.PauseTransition(javafx.util.Duration.millis(200));
    private final java.util.List<PoolRowNodes> poolRows = new java.util.ArrayList<>();
    /** What each row shows now: a pool that did not change in a batch is not touched at all. */
    private final java.util.List<PoolHealth> shownPools = new java.util.ArrayList<>();
    private final Label noPools = Widgets.muted("No hybrid nodes have joined yet.");

    /**
     * Brings the grid in line with the pool list, updating existing rows in place: at thousands of node
     * changes a second, creating controls (and their CSS) per batch would stall the FX thread.
     */
    private void rebuildPools() {
        if (poolList.isEmpty()) {
            pools.getChildren().setAll(noPools);
            GridPane.setConstraints(noPools, 0, 0, 5, 1);
            poolRows.clear();
            shownPools.clear();
            return;
        }
        if (poolRows.isEmpty()) {
            pools.getChildren().clear();
            String[] headers = {"Pool", "Site", "Ready", "Health", ""};
            for (int c = 0; c < headers.length; c++) {
                Label h = new Label(headers[c]);
                h.getStyleClass().add("mini-table-header");
                pools.add(h, c, 0);
            }
        }
        while (poolRows.size() < poolList.size()) {
            Label pool = new Label();
            pool.getStyleClass().add("pool-name");
            Label ready = new Label();
            ready.getStyleClass().add("mono");
            ProgressBar bar = new ProgressBar(0);
            bar.getStyleClass().add("ready-bar");
            bar.setPrefWidth(180);
            PoolRowNodes nodes = new PoolRowNodes(pool, new Label(), ready, Widgets.pill("", "neutral"), bar);
            pools.addRow(poolRows.size() + 1, nodes.pool(), nodes.site(), nodes.ready(), nodes.health(), nodes.bar());
            poolRows.add(nodes);
            shownPools.add(null);
        }
        while (poolRows.size() > poolList.size()) {
            PoolRowNodes gone = poolRows.remove(poolRows.size() - 1);
            shownPools.remove(shownPools.size() - 1);
            pools.getChildren().removeAll(gone.pool(), gone.site(), gone.ready(), gone.health(), gone.bar());
        }
        for (int i = 0; i < poolList.size(); i++) {
            PoolHealth p = poolList.get(i);
            if (!p.equals(shownPools.get(i))) {
                show(poolRows.get(i), p);
                shownPools.set(i, p);
            }
        }
    }

    private static void show(PoolRowNodes n, PoolHealth p) {
        n.pool().setText(p.pool().isEmpty() ? "(no pool label)" : p.pool());
        n.site().setText(p.site().isEmpty() ? "—" : p.site());
        n.ready().setText(p.ready() + "/" + p.total());
        String kind = Widgets.kind(p.status());
        Widgets.setPill(n.health(), p.status().name(), kind);
        n.bar().setProgress(p.total() == 0 ? 0 : (double) p.ready() / p.total());
        Widgets.setKind(n.bar(), kind);
    }

    private static final javafx.css.PseudoClass READY = javafx.css.PseudoClass.getPseudoClass("ready");
    private static final javafx.css.PseudoClass NOT_READY = javafx.css.PseudoClass.getPseudoClass("not-ready");

    private static TableView<ClusterNode> nodesTable(OverviewViewModel vm, ClusterRow row) {
        TableView<ClusterNode> t = new TableView<>();
        t.getStyleClass().addAll("dense", "overview-nodes");
        var sorted = vm.nodes(row.ref());
        t.getColumns().add(Cells.column("Pool", 120, ClusterNode::pool));
        t.getColumns().add(Cells.column("Site", 110, ClusterNode::site));
        t.getColumns().add(Cells.column("Node", 190, ClusterNode::name));
        TableColumn<ClusterNode, ClusterNode> ready = Cells.column("Ready", 250, n -> n);
        ready.setComparator(java.util.Comparator.comparing(ClusterNode::ready));
        ready.setCellFactory(c -> new TableCell<>() {
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            @Override
            protected void updateItem(ClusterNode n, boolean empty) {
                super.updateItem(n, empty);
                // pseudo-classes, not style classes: changing a style class re-applies all CSS to the cell
                pseudoClassStateChanged(NOT_READY, !empty && n != null && !n.ready());
                pseudoClassStateChanged(READY, !empty && n != null && n.ready());
                if (empty || n == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(n.ready() ? "Ready" : "NotReady" + (n.readyReason() == null || n.readyReason().isBlank() ? ""
                        : " · " + n.readyReason()));
                boolean hasMessage = n.readyMessage() != null && !n.readyMessage().isBlank();
                tip.setText(hasMessage ? n.readyMessage() : "");
                setTooltip(hasMessage ? tip : null);
            }
        });
        t.getColumns().add(ready);
        t.getColumns().add(Cells.column("IP", 110, ClusterNode::internalIp));
        t.getColumns().add(Cells.column("Kubelet", 120, ClusterNode::kubeletVersion));
        t.getColumns().add(Cells.column("Credentials", 100, ClusterNode::credentialProvider));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // one sorted view (each layer of sorting costs O(n) per change at thousands of nodes): the table's
        // column sort when the user picks one, else the view model's pool-then-name order
        var byDefault = sorted.getComparator();
        sorted.comparatorProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> t.getComparator() == null ? byDefault : t.getComparator(), t.comparatorProperty()));
        t.setItems(sorted);
        t.setPrefHeight(230);
        t.setMinHeight(150);
        t.setPlaceholder(Widgets.muted("No hybrid nodes."));
        return t;
    }

    private static TableView<EventRow> eventsTable(OverviewViewModel vm, ClusterRow row) {
        TableView<EventRow> t = new TableView<>(vm.events(row.ref()));
        t.getStyleClass().addAll("dense", "overview-events");
        t.getColumns().add(Cells.column("Time", 80, e -> TIME.format(e.event().lastSeen())));
        t.getColumns().add(Cells.column("Type", 80, e -> e.event().type()));
        t.getColumns().add(Cells.column("Reason", 150, e -> e.event().reason()));
        t.getColumns().add(Cells.column("Node", 170, e -> e.event().involvedName()));
        t.getColumns().add(Cells.column("Message", 400, e -> e.event().message()));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(EventRow e, boolean empty) {
                super.updateItem(e, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("warning"), !empty && e != null && e.warning());
            }
        });
        t.setPrefHeight(150);
        t.setMinHeight(110);
        t.setPlaceholder(Widgets.muted("No events about hybrid nodes yet."));
        return t;
    }
}
