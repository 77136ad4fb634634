package dev.hybridpane.ui.pools;

import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.pools.day2.CertificateExpiry;
import dev.hybridpane.ui.pools.day2.Day2Bar;
import dev.hybridpane.ui.pools.day2.Day2Dialogs;
import dev.hybridpane.ui.pools.day2.PoolDay2ViewModel;
import dev.hybridpane.ui.profiles.LayerField;
import dev.hybridpane.ui.profiles.ProfileGrids;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The selected pool: its name, health and status; its summary above the chart of its ready nodes over the last hour;
 * beside them its nodes, its event stream (filterable by type and node) and its update (field | from | to) in tabs.
 */
final class PoolDetailView extends StackPane {
    private final PoolDetailViewModel detail;
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label health = Widgets.pill("", Widgets.NEUTRAL);
    private final Label status = Widgets.pill("", Widgets.NEUTRAL);
    private final Label update = new Label();
    private final GridPane summary = new GridPane();
    private final GridPane diff = new GridPane();
    private final TableView<PoolNodeRow> nodes = new TableView<>();
    private final TableView<ClusterEvent> events = new TableView<>();
    private final TabPane tabs = new TabPane();
    private final Tab updateTab;
    private final ReadyChart chart;

    PoolDetailView(PoolDetailViewModel detail, Day2Dialogs dialogs) {
        this.detail = detail;
        getStyleClass().add("pools-detail");
        setId("pools-detail");
        title.setId("pools-detail-title");
        title.getStyleClass().add("pools-detail-title");
        subtitle.setId("pools-detail-subtitle");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        health.setId("pools-detail-health");
        status.setId("pools-detail-status");
        update.setId("pools-detail-update");
        update.getStyleClass().add(Styles.WARNING);
        update.setGraphic(Widgets.icon(Feather.ARROW_UP_CIRCLE, "icon-warning"));
        update.managedProperty().bind(update.visibleProperty());
        HBox head = new HBox(10, title, health, status, update);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, head, subtitle, new Day2Bar(detail.day2(), dialogs));
        top.getStyleClass().add("pools-detail-head");

        summary.setId("pools-summary");
        summary.getStyleClass().add("kv-grid");
        summary.setHgap(14);
        summary.setVgap(4);
        chart = new ReadyChart(detail.chart(), detail::now);
        VBox chartBox = new VBox(2, Widgets.sectionSubtitle("Ready nodes, last hour"), chart);
        // summary and chart in a column beside the tabs, which get the width their tables need
        VBox overview = new VBox(12, summary, chartBox);
        overview.getStyleClass().add("pools-detail-overview");
        overview.setMinWidth(260);
        overview.setPrefWidth(330);
        overview.setMaxWidth(360);
        ScrollPane overviewScroll = new ScrollPane(overview);
        overviewScroll.setFitToWidth(true);
        overviewScroll.setMinWidth(270);
        overviewScroll.setPrefWidth(340);
        overviewScroll.getStyleClass().add("pools-detail-scroll");

        nodes.setId("pools-nodes");
        PoolTables.nodes(nodes);
        PoolDay2ViewModel day2 = detail.day2();
        PoolTables.certificates(nodes, host -> day2.certificates().get(host), Bindings.isNotEmpty(day2.certificates()));
        day2.certificates().addListener((MapChangeListener<String, CertificateExpiry>) c -> nodes.refresh());
        nodes.setItems(detail.nodes());
        nodes.setPlaceholder(Widgets.muted("No node of this pool is in the cluster."));
        events.setId("pools-events");
        PoolTables.events(events);
        events.setItems(detail.events().shown());
        Label noEvents = Widgets.muted("");
        noEvents.textProperty().bind(Bindings.when(Bindings.isEmpty(detail.events().events()))
                .then("No events for this pool or its nodes yet.").otherwise("No event matches the filters."));
        events.setPlaceholder(noEvents);
        updateTab = tab("Update", updatePane());
        tabs.getTabs().addAll(tab("Nodes", nodesPane()), tab("Events", eventsPane()), updateTab);
        tabs.setId("pools-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        HBox.setHgrow(tabs, Priority.ALWAYS);
        HBox body = new HBox(16, overviewScroll, tabs);
        body.setPadding(new Insets(0, 16, 12, 16));
        BorderPane content = new BorderPane(body);
        content.setTop(top);

        Node empty = Widgets.emptyState(Feather.BOX, "No pool selected",
                "Select a pool to see its nodes, its ready nodes over the last hour, its events and its update.");
        getChildren().setAll(empty);
        detail.rowProperty().addListener((o, a, b) -> {
            getChildren().setAll(b == null ? empty : content);
            showHead(b);
        });
        detail.summary().addListener((ListChangeListener<LayerField>) c -> showSummary());
        detail.diff().addListener((ListChangeListener<Object>) c -> showDiff());
        detail.diffFromProperty().addListener((o, a, b) -> showDiff());
        detail.diffToProperty().addListener((o, a, b) -> showDiff());
        if (detail.rowProperty().get() != null) {
            getChildren().setAll(content);
        }
        showHead(detail.rowProperty().get());
        showSummary();
        showDiff();
    }

    /** The nodes, with "Remove node…" for the selected one (a button, and the row's context menu). */
    private Node nodesPane() {
        PoolDay2ViewModel day2 = detail.day2();
        Button remove = new Button("Remove node…", Widgets.icon(Feather.USER_MINUS, null));
        remove.setId("pools-remove-node");
        remove.setMinWidth(Region.USE_PREF_SIZE);
        remove.disableProperty().bind(day2.actionsDisabledProperty().or(Bindings.createBooleanBinding(() -> {
            PoolNodeRow r = nodes.getSelectionModel().getSelectedItem();
            return r == null || r.node() == null;
        }, nodes.getSelectionModel().selectedItemProperty())));
        remove.setOnAction(e -> removeSelected());
        Label hint = Widgets.muted("Select a node to drain and remove it; its host goes back to the inventory.");
        HBox bar = new HBox(8, remove, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        nodes.setRowFactory(t -> {
            TableRow<PoolNodeRow> row = new TableRow<>();
            MenuItem item = new MenuItem("Remove node…");
            item.setOnAction(e -> removeSelected());
            item.disableProperty().bind(day2.actionsDisabledProperty());
            ContextMenu menu = new ContextMenu(item);
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null).otherwise(menu));
            return row;
        });
        VBox.setVgrow(nodes, Priority.ALWAYS);
        VBox box = new VBox(8, bar, nodes);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private void removeSelected() {
        PoolNodeRow r = nodes.getSelectionModel().getSelectedItem();
        if (r != null && r.node() != null) {
            detail.day2().removeNode(r.node().name(), r.host());
        }
    }

    private Node eventsPane() {
        PoolEventsViewModel ev = detail.events();
        ComboBox<String> type = new ComboBox<>(ev.types());
        type.setId("pools-events-type");
        type.valueProperty().bindBidirectional(ev.typeProperty());
        ComboBox<String> source = new ComboBox<>(ev.sources());
        source.setId("pools-events-source");
        source.valueProperty().bindBidirectional(ev.sourceProperty());
        source.setPrefWidth(200);
        Label count = new Label();
        count.setId("pools-events-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> ev.shown().size() + " of " + ev.events().size()
                + " events", ev.shown(), ev.events()));
        Label state = new Label();
        state.setId("pools-events-status");
        state.getStyleClass().add(Styles.TEXT_MUTED);
        state.textProperty().bind(detail.eventsStatusProperty());
        state.setWrapText(true);
        state.managedProperty().bind(state.visibleProperty());
        state.visibleProperty().bind(detail.eventsStatusProperty().isNotEmpty());
        HBox filters = new HBox(8, Widgets.muted("Type"), type, Widgets.muted("Node"), source, count);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.getChildren().stream().filter(n -> n instanceof Label).forEach(n -> ((Label) n).setMinWidth(Region.USE_PREF_SIZE));
        VBox.setVgrow(events, Priority.ALWAYS);
        VBox box = new VBox(8, filters, state, events);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private Node updatePane() {
        Label text = new Label();
        text.setId("pools-update-summary");
        text.setWrapText(true);
        text.textProperty().bind(detail.updateSummaryProperty());
        diff.setId("pools-diff");
        diff.getStyleClass().add("kv-grid");
        diff.setHgap(16);
        diff.setVgap(6);
        VBox box = new VBox(12, text, diff);
        box.setPadding(new Insets(10, 4, 16, 4));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("pools-detail-scroll");
        return scroll;
    }

    private void showHead(PoolRow r) {
        if (r == null) {
            return;
        }
        title.setText(r.name());
        Widgets.setPill(health, r.healthText(), Widgets.kind(r.health().status()));
        Widgets.setPill(status, r.statusText(), PoolTables.statusKind(r.statusText()));
        subtitle.setText(r.cluster().name() + " (" + r.cluster().region() + ") · site " + r.siteText() + " · "
                + r.readyText() + " nodes ready · profile " + r.profileText());
        update.setText(r.updateAvailable() ? r.updateText() : "");
        update.setVisible(r.updateAvailable());
    }

    /** Label | value, two pairs a line when there is room. */
    private void showSummary() {
        summary.getChildren().clear();
        ColumnConstraints key = new ColumnConstraints();
        key.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints value = new ColumnConstraints();
        // the values wrap in the room beside the chart rather than widen the grid
        value.setMinWidth(80);
        value.setPrefWidth(180);
        value.setHgrow(Priority.ALWAYS);
        summary.getColumnConstraints().setAll(key, value);
        List<LayerField> fields = detail.summary();
        for (int i = 0; i < fields.size(); i++) {
            Label k = new Label(fields.get(i).label());
            k.getStyleClass().add("kv-key");
            GridPane.setValignment(k, VPos.TOP);
            Label v = new Label(fields.get(i).value());
            v.getStyleClass().add("kv-value");
            v.setWrapText(true);
            v.setMinHeight(Region.USE_PREF_SIZE);
            summary.add(k, 0, i);
            summary.add(v, 1, i);
        }
    }

    private void showDiff() {
        ProfileGrids.diff(diff, detail.diff(), detail.diffFromProperty().get(), detail.diffToProperty().get());
        diff.setVisible(!detail.diff().isEmpty());
        diff.setManaged(!detail.diff().isEmpty());
    }

    /** Shows the Update tab (the diff of the pool's version and the latest). */
    void showUpdate() {
        tabs.getSelectionModel().select(updateTab);
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("pools-tab-" + title.toLowerCase(Locale.ROOT));
        return t;
    }

    /** For tests. */
    TabPane tabs() {
        return tabs;
    }

    ReadyChart chart() {
        return chart;
    }
}
