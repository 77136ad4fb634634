package dev.hybridpane.ui.overview;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.ui.common.Cells;
import dev.hybridpane.ui.common.LiveRow;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.EventRow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** One cluster on the overview: its pools, its hybrid nodes and their latest events. */
final class ClusterSection extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Label counts = new Label();
    private final Label conn = Widgets.pill("", Widgets.NEUTRAL);
    /** The connection's reason (connecting to where, or why it failed): the pill's tooltip. */
    private String reason;

    ClusterSection(OverviewViewModel vm, ClusterRow row) {
        super(10);
        getStyleClass().add("card-section");
        Hyperlink name = new Hyperlink(row.cluster().name());
        name.getStyleClass().add("section-link");
        name.setOnAction(e -> vm.open(row.ref()));
        Label region = new Label(row.cluster().region() + " · Kubernetes " + row.cluster().version());
        region.getStyleClass().add(Styles.TEXT_MUTED);
        counts.getStyleClass().add(Styles.TEXT_MUTED);
        Widgets.lazyTooltip(conn, () -> reason);
        HBox head = new HBox(10, name, region, new Spacer(), counts, conn);
        head.setAlignment(Pos.CENTER_LEFT);
        getChildren().add(head);
        if (!row.cluster().hybridEnabled() && row.counts().hybridTotal() == 0) {
            getChildren().add(Widgets.muted("Hybrid nodes are not enabled on this cluster: it has no remote node network."));
            update(row);
            return;
        }
        getChildren().addAll(new PoolTable(vm.pools(row.ref())), nodesTable(vm, row),
                Widgets.sectionSubtitle("Latest hybrid node events"), eventsTable(vm, row));
        update(row);
    }

    void update(ClusterRow row) {
        counts.setText(row.counts().cloud() + " cloud · " + row.counts().hybridReady() + "/" + row.counts().hybridTotal()
                + " hybrid ready");
        Widgets.setPill(conn, row.connectionText(), row.failed() ? Styles.DANGER
                : row.connected() ? Styles.SUCCESS : Widgets.NEUTRAL);
        reason = row.connectionReason();
        Widgets.updateTooltip(conn, reason);
    }

    private static final PseudoClass READY = PseudoClass.getPseudoClass("ready");
    private static final PseudoClass NOT_READY = PseudoClass.getPseudoClass("not-ready");

    private static String message(ClusterNode n) {
        return n == null ? null : n.readyMessage();
    }

    private static TableView<LiveRow<ClusterNode>> nodesTable(OverviewViewModel vm, ClusterRow row) {
        TableView<LiveRow<ClusterNode>> t = new TableView<>();
        t.getStyleClass().addAll(Styles.DENSE, "overview-nodes");
        t.setFixedCellSize(28);
        var rows = vm.nodes(row.ref());
        t.getColumns().add(Cells.liveColumn("Pool", 120, ClusterNode::pool));
        t.getColumns().add(Cells.liveColumn("Site", 110, ClusterNode::site));
        t.getColumns().add(Cells.liveColumn("Node", 190, ClusterNode::name));
        TableColumn<LiveRow<ClusterNode>, ClusterNode> ready = Cells.liveColumn("Ready", 250, n -> n);
        ready.setComparator(Comparator.comparing(ClusterNode::ready));
        ready.setCellFactory(c -> new TableCell<>() {
            {
                // the node's Ready message, made into a tooltip only when the pointer first enters the cell
                Widgets.lazyTooltip(this, () -> message(getItem()));
            }

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
                Widgets.updateTooltip(this, message(n));
            }
        });
        t.getColumns().add(ready);
        t.getColumns().add(Cells.liveColumn("IP", 110, ClusterNode::internalIp));
        t.getColumns().add(Cells.liveColumn("Kubelet", 120, ClusterNode::kubeletVersion));
        t.getColumns().add(Cells.liveColumn("Credentials", 100, ClusterNode::credentialProvider));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // one stable row per node, sorted by the rows themselves (their comparator follows the table's column sort;
        // unsorted, pool then name): a node whose state changes repaints its own cells, and the table's items change
        // only when a node comes, goes or moves under the sort
        rows.comparatorProperty().bind(t.comparatorProperty());
        t.setSortPolicy(table -> true);
        t.setItems(rows);
        t.setPrefHeight(230);
        t.setMinHeight(150);
        t.setPlaceholder(Widgets.muted("No hybrid nodes."));
        return t;
    }

    private static TableView<EventRow> eventsTable(OverviewViewModel vm, ClusterRow row) {
        TableView<EventRow> t = new TableView<>(vm.events(row.ref()));
        t.getStyleClass().addAll(Styles.DENSE, "overview-events");
        // one line per event (long messages end in an ellipsis): the flow need not measure each row
        t.setFixedCellSize(28);
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
                pseudoClassStateChanged(Styles.STATE_WARNING, !empty && e != null && e.warning());
            }
        });
        t.setPrefHeight(150);
        t.setMinHeight(110);
        t.setPlaceholder(Widgets.muted("No events about hybrid nodes yet."));
        return t;
    }
}
