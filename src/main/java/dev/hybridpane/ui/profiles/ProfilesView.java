package dev.hybridpane.ui.profiles;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.Cells;
import dev.hybridpane.ui.common.Widgets;
import java.util.Comparator;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The cluster profiles of every hybrid cluster, in a filterable table; the selected one's layers, history and version
 * comparison beside it. Reads the clusters when it is made, and again on Refresh.
 */
public final class ProfilesView extends StackPane {
    private final ProfilesViewModel vm;
    private final TableView<ProfileRow> table = new TableView<>();
    private final ProfileDialogs dialogs;
    private final ProfileDetailView detail;
    private final SplitPane split = new SplitPane();

    public ProfilesView(ProfilesViewModel vm) {
        this.vm = vm;
        this.dialogs = new ProfileDialogs(vm);
        getStyleClass().add("profiles-view");
        setId("profiles-view");
        ComboBox<ClusterChoice> cluster = new ComboBox<>(vm.clusterChoices());
        cluster.setId("profiles-cluster");
        cluster.valueProperty().bindBidirectional(vm.clusterChoiceProperty());
        cluster.setPrefWidth(240);
        Label clusterLabel = Widgets.muted("Cluster");
        clusterLabel.setMinWidth(Region.USE_PREF_SIZE);
        BorderPane main = new BorderPane();
        main.setTop(new VBox(Widgets.header("Profiles", "Versioned OS, Kubernetes and Network layers for hybrid node "
                + "pools, kept in each cluster", clusterLabel, cluster), toolbar(), notices(), banner()));
        detail = new ProfileDetailView(vm, dialogs::export, dialogs::confirmDelete);
        buildTable();
        split.setOrientation(Orientation.HORIZONTAL);
        split.setId("profiles-split");
        split.getItems().addAll(table, detail);
        split.setDividerPositions(0.54);
        Node empty = Widgets.emptyState(Feather.LAYERS, "No hybrid cluster",
                "Profiles belong to a cluster with hybrid nodes enabled (remote node networks), stored in it as "
                        + "ClusterProfile objects.", "Enable hybrid mode on a cluster, then define its profiles here.");
        StackPane center = new StackPane(vm.clusters().isEmpty() ? empty : split);
        vm.clusters().addListener((ListChangeListener<Object>) c ->
                center.getChildren().setAll(vm.clusters().isEmpty() ? empty : split));
        main.setCenter(center);
        getChildren().addAll(main, dialogs.pane());
        vm.load();
    }

    private HBox toolbar() {
        Button add = new Button("New profile", Widgets.icon(Feather.PLUS, null));
        add.setId("profiles-new");
        add.getStyleClass().add(Styles.ACCENT);
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setOnAction(e -> vm.newProfile());
        add.disableProperty().bind(vm.newProfileClusterProperty().isNull());
        // a disabled button gets no mouse events: the reason sits on a wrapper that does
        Label addWhy = new Label(null, add);
        addWhy.setId("profiles-new-why");
        Widgets.lazyTooltip(addWhy, () -> vm.newProfileHintProperty().get());
        vm.newProfileHintProperty().addListener((o, a, b) -> Widgets.updateTooltip(addWhy, b));
        Button refresh = new Button("Refresh", Widgets.icon(Feather.REFRESH_CW, null));
        refresh.setId("profiles-refresh");
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> vm.load());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("profiles-busy");
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        Label status = new Label();
        status.setId("profiles-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(vm.statusProperty());
        Label count = new Label();
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.filteredRows().size() + " of "
                + vm.rows().size() + (vm.rows().size() == 1 ? " profile" : " profiles"), vm.filteredRows(), vm.rows()));
        TextField filter = TextFields.createClearableTextField();
        filter.setId("profiles-filter");
        filter.setPromptText("Filter: name, cluster, version, CNI, pool");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setPrefColumnCount(22);
        HBox bar = new HBox(8, addWhy, refresh, busy, status, new Spacer(), count, filter);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("profiles-toolbar");
        return bar;
    }

    /** One warning per cluster whose profiles could not be read, in its own words. */
    private Node notices() {
        VBox box = new VBox(6);
        box.setId("profiles-notices");
        box.getStyleClass().add("profiles-notices");
        Runnable rebuild = () -> {
            box.getChildren().setAll(vm.notices().stream().map(n -> {
                Message m = Widgets.notice(Feather.ALERT_TRIANGLE, Styles.WARNING, n.cluster().name() + " ("
                        + n.cluster().region() + ")", n.message());
                m.getStyleClass().add("profiles-notice");
                return (Node) m;
            }).toList());
            box.setVisible(!box.getChildren().isEmpty());
            box.setManaged(box.isVisible());
        };
        vm.notices().addListener((ListChangeListener<ClusterNotice>) c -> rebuild.run());
        rebuild.run();
        return box;
    }

    /** The last action's failure (a refused delete, a file not written), until dismissed. */
    private Node banner() {
        Message m = new Message();
        m.setId("profiles-message");
        m.getStyleClass().add(Styles.DANGER);
        m.descriptionProperty().bind(vm.messageProperty());
        m.setOnClose(e -> vm.messageProperty().set(null));
        StackPane box = new StackPane(m);
        box.getStyleClass().add("profiles-message");
        box.managedProperty().bind(box.visibleProperty());
        box.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        return box;
    }

    private void buildTable() {
        table.setId("profiles-table");
        table.getStyleClass().add("dense");
        table.getColumns().add(Cells.column("Cluster", 84, ProfileRow::clusterText));
        TableColumn<ProfileRow, String> name = Cells.column("Name", 100, ProfileRow::name);
        name.getStyleClass().add("name-column");
        table.getColumns().add(name);
        table.getColumns().add(latestColumn());
        table.getColumns().add(Cells.column("K8s", 48, ProfileRow::kubernetesText));
        table.getColumns().add(Cells.column("Credentials", 84, ProfileRow::credentialText));
        table.getColumns().add(Cells.column("CNI", 56, ProfileRow::cniText));
        TableColumn<ProfileRow, String> pools = Cells.column("Pools by version", 130, ProfileRow::poolsText);
        pools.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                // the cell is narrow beside the detail: the whole list on hover
                setTooltip(empty || value == null || value.isEmpty() ? null : new Tooltip(value));
            }
        });
        table.getColumns().add(pools);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().forEach(c -> c.setMinWidth(Math.min(c.getPrefWidth(), 60)));
        SortedList<ProfileRow> sorted = new SortedList<>(vm.filteredRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Label placeholder = Widgets.muted("");
        placeholder.textProperty().bind(Bindings.when(vm.busyProperty()).then("Reading the clusters' profiles…")
                .otherwise("No profiles here yet. New profile creates one in the chosen cluster; "
                        + "hybridpane profile apply -f does too."));
        placeholder.setMaxWidth(420);
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> select(b));
        table.getItems().addListener((ListChangeListener<ProfileRow>) c -> select(vm.selectedProperty().get()));
    }

    /** The latest version, with a warning mark when pools use an older one ("update available", named in the tip). */
    private static TableColumn<ProfileRow, ProfileRow> latestColumn() {
        TableColumn<ProfileRow, ProfileRow> c = Cells.column("Latest", 66, r -> r);
        c.setComparator(Comparator.comparingInt((ProfileRow r) -> r.summary().latestVersion()));
        c.setCellFactory(col -> new TableCell<>() {
            private final FontIcon mark = Widgets.icon(Feather.ARROW_UP_CIRCLE, "icon-warning");
            private final Tooltip tip = new Tooltip();

            {
                setContentDisplay(ContentDisplay.RIGHT);
                getStyleClass().add("profiles-latest-cell");
            }

            @Override
            protected void updateItem(ProfileRow r, boolean empty) {
                super.updateItem(r, empty);
                boolean update = !empty && r != null && !r.updateAvailable().isEmpty();
                setText(empty || r == null ? null : r.latestText());
                setGraphic(update ? mark : null);
                tip.setText(update ? r.updateText() + " (pools on an older version)" : "");
                setTooltip(update ? tip : null);
            }
        });
        return c;
    }

    private void select(ProfileRow r) {
        if (r == null) {
            table.getSelectionModel().clearSelection();
            return;
        }
        if (table.getSelectionModel().getSelectedItem() != r) {
            table.getSelectionModel().select(r);
            table.scrollTo(r);
        }
    }

    public ProfilesViewModel viewModel() {
        return vm;
    }

    /** For tests. */
    TableView<ProfileRow> table() {
        return table;
    }

    ProfileDetailView detail() {
        return detail;
    }

    ProfileDialogs dialogs() {
        return dialogs;
    }
}
