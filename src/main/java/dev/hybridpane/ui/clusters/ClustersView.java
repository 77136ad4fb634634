package dev.hybridpane.ui.clusters;

import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.common.Cells;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.fleet.ClusterRow;
import java.util.Comparator;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Every cluster in a sortable, filterable table; the selected one in a detail pane beside it. */
public final class ClustersView extends BorderPane {
    private final TableView<ClusterRow> table = new TableView<>();
    private final SplitPane split = new SplitPane();
    private ClusterDetailView detailView;
    private double divider = 0.55;

    public ClustersView(ClustersViewModel vm) {
        getStyleClass().add("clusters-view");
        TextField filter = TextFields.createClearableTextField();
        filter.setPromptText("Filter by name, account, region, version or status");
        filter.setPrefColumnCount(28);
        filter.setId("clusters-filter");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        Label count = new Label();
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.setMinWidth(Region.USE_PREF_SIZE); // the subtitle gives way first
        count.textProperty().bind(Bindings.createStringBinding(
                () -> vm.sorted().size() + " of " + vm.total() + " clusters", vm.sorted()));
        Button importButton = new Button("Import cluster", Widgets.icon(Feather.DOWNLOAD_CLOUD, null));
        importButton.setId("import-cluster");
        importButton.getStyleClass().add(Styles.ACCENT);
        importButton.setMinWidth(Region.USE_PREF_SIZE);
        importButton.setOnAction(e -> vm.importCluster());
        Node[] right = {count, filter, importButton};
        setTop(Widgets.header("Clusters", "EKS clusters in the selected regions, with their hybrid setup and live connection",
                right));

        table.setId("clusters-table");
        table.getStyleClass().add("dense");
        table.getColumns().add(nameColumn());
        table.getColumns().add(accountColumn(vm));
        table.getColumns().add(Cells.column("Region", 104, r -> r.cluster().region()));
        table.getColumns().add(Cells.column("Version", 76, r -> r.cluster().version()));
        table.getColumns().add(statusColumn());
        table.getColumns().add(Cells.column("Endpoint", 132, r -> r.cluster().endpointAccess().label()));
        TableColumn<ClusterRow, String> auth = Cells.column("Auth mode", 140, r -> authLabel(r.cluster().authenticationMode()));
        table.getColumns().add(auth);
        TableColumn<ClusterRow, String> hybrid = Cells.column("Hybrid (nodes / pods)", 186, ClusterRow::hybridText);
        table.getColumns().add(hybrid);
        TableColumn<ClusterRow, ClusterRow> nodes = Cells.column("Nodes", 68, r -> r);
        nodes.setComparator(Comparator.comparingInt((ClusterRow r) -> r.counts().hybridTotal())
                .thenComparingInt(r -> r.counts().cloud()));
        nodes.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ClusterRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.nodesText());
                setTooltip(empty || r == null ? null : new Tooltip(r.counts().cloud() + " cloud nodes; "
                        + r.counts().hybridReady() + " of " + r.counts().hybridTotal() + " hybrid nodes ready"));
            }
        });
        table.getColumns().add(nodes);
        table.getColumns().add(connectionColumn());
        // the columns share the table's width (no horizontal scrolling at a laptop's 1280 px); the user can still
        // resize them, and below their minimum widths the table scrolls
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().forEach(c -> c.setMinWidth(Math.max(c.getMinWidth(), Math.min(c.getPrefWidth(), 70))));
        vm.sortBy(table.comparatorProperty());
        table.setItems(vm.sorted());
        Label placeholder = new Label();
        placeholder.setId("clusters-placeholder");
        // when regions or the credentials failed, the banner above says why: the filter is not to blame
        placeholder.textProperty().bind(Bindings.when(vm.listingFailed())
                .then("No clusters could be listed: see the message above.")
                .otherwise("No clusters match. Clear the filter, or pick other regions in the top bar."));
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(placeholder);

        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b.ref());
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> selectInTable(b));
        vm.sorted().addListener((ListChangeListener<ClusterRow>) c -> {
            ClusterRow sel = table.getSelectionModel().getSelectedItem();
            if (sel == null || !sel.ref().equals(vm.selectedProperty().get())) {
                selectInTable(vm.selectedProperty().get());
            }
        });

        ClusterDetailView detail = new ClusterDetailView(vm.detail(), vm::accountLabel);
        split.setOrientation(Orientation.HORIZONTAL);
        detailView = detail;
        split.getItems().add(table);
        split.setId("clusters-split");
        SplitPane.setResizableWithParent(detail, false);
        setCenter(split);
        // the detail pane shows only while a cluster is selected, so the table has the width otherwise
        vm.detail().rowProperty().addListener((o, a, b) -> showDetail(b != null));
        showDetail(vm.detail().rowProperty().get() != null);
        selectInTable(vm.selectedProperty().get());
    }

    private void showDetail(boolean show) {
        boolean shown = split.getItems().contains(detailView);
        if (show && !shown) {
            split.getItems().add(detailView);
            split.setDividerPositions(divider);
            split.getDividers().get(0).positionProperty().addListener((o, a, b) -> divider = b.doubleValue());
        } else if (!show && shown) {
            split.getItems().remove(detailView);
        }
    }

    /** Where the divider between table and detail is (or was last), 0..1. */
    public double dividerPosition() {
        return divider;
    }

    public void setDividerPosition(double position) {
        if (position > 0.1 && position < 0.9) {
            divider = position;
            if (!split.getDividers().isEmpty()) {
                split.setDividerPositions(position);
            }
        }
    }

    private void selectInTable(ClusterRef ref) {
        if (ref == null) {
            return;
        }
        for (ClusterRow r : table.getItems()) {
            if (r.ref().equals(ref)) {
                if (table.getSelectionModel().getSelectedItem() != r) {
                    table.getSelectionModel().select(r);
                    table.scrollTo(r);
                }
                return;
            }
        }
    }

    private static String authLabel(AuthenticationMode m) {
        return switch (m) {
            case API -> "API";
            case API_AND_CONFIG_MAP -> "API and ConfigMap";
            case CONFIG_MAP -> "ConfigMap";
            case UNKNOWN -> "Unknown";
        };
    }

    private static TableColumn<ClusterRow, String> nameColumn() {
        TableColumn<ClusterRow, String> c = Cells.column("Name", 140, r -> r.cluster().name());
        c.getStyleClass().add("name-column");
        return c;
    }

    /** The cluster's AWS account: the picked account's name (its id in the tooltip), else the id. */
    private static TableColumn<ClusterRow, ClusterRow> accountColumn(ClustersViewModel vm) {
        TableColumn<ClusterRow, ClusterRow> c = Cells.column("Account", 124, r -> r);
        c.setId("account-column");
        c.setComparator(Comparator.comparing(vm::account));
        c.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(ClusterRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : vm.account(r));
                if (!empty && r != null) {
                    tip.setText(vm.accountLabel(r));
                }
                setTooltip(empty || r == null ? null : tip);
            }
        });
        return c;
    }

    private static TableColumn<ClusterRow, String> statusColumn() {
        TableColumn<ClusterRow, String> c = Cells.column("Status", 88, r -> r.cluster().status());
        // one pill per cell, changed in place: rows are replaced on every live batch
        c.setCellFactory(Cells.graphicCells(() -> Widgets.pill("", "neutral"),
                (pill, status) -> Widgets.setPill(pill, status, Widgets.clusterStatusKind(status))));
        return c;
    }

    private static TableColumn<ClusterRow, ClusterRow> connectionColumn() {
        TableColumn<ClusterRow, ClusterRow> c = Cells.column("Connection", 150, r -> r);
        c.setMinWidth(120); // "Connected" with its icon
        c.setComparator(Comparator.comparing(ClusterRow::connectionText));
        c.setCellFactory(col -> new TableCell<>() {
            // the kind is a pseudo-class and the icon and tooltip are reused: rows are replaced on every live batch,
            // and a style class change or a new node per update would restyle the cell each time
            private final FontIcon icon = Widgets.icon(Feather.LOADER, null);
            private final Tooltip tip = new Tooltip();

            {
                getStyleClass().add("conn-cell");
            }

            @Override
            protected void updateItem(ClusterRow r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    Widgets.clearKind(this);
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                String reason = r.connectionReason();
                setText(r.failed() ? "Failed: " + reason : r.connectionText());
                Widgets.setKind(this, r.failed() ? Styles.DANGER : r.connected() ? Styles.SUCCESS : Styles.WARNING);
                icon.setIconCode(r.failed() ? Feather.ALERT_CIRCLE : r.connected() ? Feather.CHECK_CIRCLE : Feather.LOADER);
                setGraphic(icon);
                tip.setText(reason == null ? "" : reason);
                setTooltip(reason == null ? null : tip);
            }
        });
        return c;
    }

    public TableView<ClusterRow> table() {
        return table;
    }

    public SplitPane split() {
        return split;
    }
}
