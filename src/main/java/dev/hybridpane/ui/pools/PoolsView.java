package dev.hybridpane.ui.pools;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.pools.day2.Day2Dialogs;
import dev.hybridpane.ui.profiles.ClusterChoice;
import dev.hybridpane.ui.profiles.ClusterNotice;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.feather.Feather;

/**
 * The node pools of every hybrid cluster in a filterable, live table (health, status, update availability, nodes,
 * profile); the selected pool's detail below it. "New pool" opens the Create-pool wizard when one is given. Starts
 * following the fleet when it is made; samples the pools' ready nodes every minute for the detail's chart.
 */
public final class PoolsView extends StackPane {
    static final String NO_POOLS_TEXT = "A pool is a group of edge hosts made into hybrid nodes from one profile "
            + "version. New pool creates one from the hosts in Edge Hosts; hybridpane pool apply -f POOL.yaml does too.";

    private final PoolsViewModel vm;
    private final TableView<PoolRow> table = new TableView<>();
    private final PoolDetailView detail;
    private final Day2Dialogs dialogs;
    private final SplitPane split = new SplitPane();
    private final Timeline ticks;

    /**
     * @param onCreate opens the Create-pool wizard; null: not offered here (the button says so)
     */
    public PoolsView(PoolsViewModel vm, Runnable onCreate) {
        this.vm = vm;
        getStyleClass().add("pools-view");
        setId("pools-view");
        ComboBox<ClusterChoice> cluster = new ComboBox<>(vm.clusterChoices());
        cluster.setId("pools-cluster");
        cluster.valueProperty().bindBidirectional(vm.clusterChoiceProperty());
        cluster.setPrefWidth(240);
        // replacing the choices clears the box's value; the model's choice stands
        vm.clusterChoices().addListener((ListChangeListener<ClusterChoice>) c ->
                cluster.setValue(vm.clusterChoiceProperty().get()));
        Label clusterLabel = Widgets.muted("Cluster");
        clusterLabel.setMinWidth(Region.USE_PREF_SIZE);
        BorderPane main = new BorderPane();
        main.setTop(new VBox(Widgets.header("Node Pools", "Hybrid nodes made from edge hosts and one profile version: "
                + "health, status, updates and events per pool", clusterLabel, cluster), toolbar(onCreate), notices()));
        dialogs = new Day2Dialogs(vm.detail().day2());
        detail = new PoolDetailView(vm.detail(), dialogs);
        table.setId("pools-table");
        PoolTables.pools(table, this::openUpdate);
        SortedList<PoolRow> sorted = new SortedList<>(vm.filteredRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Label placeholder = Widgets.muted("No pool matches the filter.");
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> select(b));
        table.getItems().addListener((ListChangeListener<PoolRow>) c -> select(vm.selectedProperty().get()));
        // the pools above, the selected one's detail below at full width (its tables have many columns)
        split.setOrientation(Orientation.VERTICAL);
        split.setId("pools-split");
        split.getItems().addAll(table, detail);
        split.setDividerPositions(0.3);

        Node noClusters = Widgets.emptyState(Feather.BOX, "No hybrid cluster",
                "Node pools belong to a cluster with hybrid nodes enabled (remote node networks).",
                "Enable hybrid mode on a cluster in Clusters, then create its pools here.");
        noClusters.setId("pools-empty-clusters");
        Node noPools = Widgets.emptyState(Feather.BOX, "No node pools yet", NO_POOLS_TEXT,
                "Each pool's health, status, updates and events show here as soon as it exists.");
        noPools.setId("pools-empty-pools");
        StackPane center = new StackPane();
        Runnable choose = () -> {
            Node want = vm.clusters().isEmpty() ? noClusters : vm.rows().isEmpty() ? noPools : split;
            if (center.getChildren().size() != 1 || center.getChildren().get(0) != want) {
                center.getChildren().setAll(want);
            }
        };
        vm.clusters().addListener((ListChangeListener<Object>) c -> choose.run());
        vm.rows().addListener((ListChangeListener<Object>) c -> choose.run());
        main.setCenter(center);
        getChildren().addAll(main, dialogs.pane());
        vm.load();
        choose.run();
        ticks = new Timeline(new KeyFrame(Duration.minutes(1), e -> vm.sample()));
        ticks.setCycleCount(Animation.INDEFINITE);
        ticks.play();
    }

    private HBox toolbar(Runnable onCreate) {
        Button add = new Button("New pool", Widgets.icon(Feather.PLUS, null));
        add.setId("pools-new");
        add.getStyleClass().add(Styles.ACCENT);
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setDisable(onCreate == null);
        if (onCreate != null) {
            add.setOnAction(e -> onCreate.run());
        }
        // a disabled button gets no mouse events: the reason sits on a wrapper that does
        Label addWhy = new Label(null, add);
        addWhy.setId("pools-new-why");
        Widgets.lazyTooltip(addWhy, onCreate != null ? "Create a node pool from edge hosts"
                : "Creating pools is not available here yet: use hybridpane pool apply -f POOL.yaml.");
        Button refresh = new Button("Refresh updates", Widgets.icon(Feather.REFRESH_CW, null));
        refresh.setId("pools-refresh");
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> vm.refreshProfiles());
        Widgets.lazyTooltip(refresh, "Read the clusters' profiles again, to see new versions");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("pools-busy");
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        Label count = new Label();
        count.setId("pools-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.filteredRows().size() + " of "
                + vm.rows().size() + (vm.rows().size() == 1 ? " pool" : " pools"), vm.filteredRows(), vm.rows()));
        TextField filter = TextFields.createClearableTextField();
        filter.setId("pools-filter");
        filter.setPromptText("Filter: pool, site, status, profile, update");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setPrefColumnCount(22);
        HBox bar = new HBox(8, addWhy, refresh, busy, new Spacer(), count, filter);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pools-toolbar");
        return bar;
    }

    /** One warning per cluster whose update availability is unknown, in its own words. */
    private Node notices() {
        VBox box = new VBox(6);
        box.setId("pools-notices");
        box.getStyleClass().add("pools-notices");
        Runnable rebuild = () -> {
            box.getChildren().setAll(vm.notices().stream().map(n -> {
                Message m = Widgets.notice(Feather.ALERT_TRIANGLE, Styles.WARNING, n.cluster().name() + " ("
                        + n.cluster().region() + ")", n.message());
                m.getStyleClass().add("pools-notice");
                return (Node) m;
            }).toList());
            box.setVisible(!box.getChildren().isEmpty());
            box.setManaged(box.isVisible());
        };
        vm.notices().addListener((ListChangeListener<ClusterNotice>) c -> rebuild.run());
        rebuild.run();
        return box;
    }

    /** The update's diff, one click from the list: selects the pool and shows its Update tab. */
    private void openUpdate(PoolRow r) {
        vm.selectedProperty().set(r);
        detail.showUpdate();
    }

    private void select(PoolRow r) {
        if (r == null) {
            table.getSelectionModel().clearSelection();
            return;
        }
        PoolRow shown = table.getItems().stream().filter(x -> x.key().equals(r.key())).findFirst().orElse(null);
        if (shown == null) {
            return;
        }
        if (table.getSelectionModel().getSelectedItem() != shown) {
            table.getSelectionModel().select(shown);
        }
    }

    /** Stops the minute samples (the window closed). */
    public void stop() {
        ticks.stop();
    }

    public PoolsViewModel viewModel() {
        return vm;
    }

    /** For tests. */
    TableView<PoolRow> table() {
        return table;
    }

    PoolDetailView detail() {
        return detail;
    }

    Day2Dialogs dialogs() {
        return dialogs;
    }
}
