package dev.hybridpane.ui.hosts;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.ui.common.Widgets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Edge hosts of the chosen hybrid cluster, grouped by site, with facts and checks of the selected one. Its forms and
 * prompts open in the view's own in-window modal ({@link HostModals}), above the view.
 */
public final class HostsView extends StackPane {
    private final HostsViewModel vm;
    private final BorderPane main = new BorderPane();
    private final HostModals modals = new HostModals();
    private final TreeTableView<HostTreeEntry> table = new TreeTableView<>(new TreeItem<>());
    private final HostDetailView detail;
    private final SplitPane split = new SplitPane();
    private final StackPane center = new StackPane();

    /** Without edge services (no composition): an honest empty state. */
    public HostsView(HostsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("hosts-view");
        setId("hosts-view");
        ComboBox<Cluster> cluster = new ComboBox<>(vm.clusters());
        cluster.setId("hosts-cluster");
        cluster.valueProperty().bindBidirectional(vm.clusterProperty());
        cluster.setCellFactory(l -> clusterCell());
        cluster.setButtonCell(clusterCell());
        cluster.setPrefWidth(260);
        Label clusterLabel = new Label("Cluster");
        clusterLabel.getStyleClass().add(Styles.TEXT_MUTED);
        main.setTop(new VBox(Widgets.header("Edge Hosts", "Reached over SSH with your own keys; inventory kept in the cluster",
                clusterLabel, cluster), toolbar(), banner()));
        detail = new HostDetailView(vm, this::remove);
        buildTable();
        split.setOrientation(Orientation.VERTICAL);
        split.getItems().addAll(table, detail);
        split.setDividerPositions(0.52);
        Region empty = Widgets.emptyState(Feather.HARD_DRIVE, "No hybrid cluster",
                "Edge hosts belong to a cluster with hybrid nodes enabled (remote node networks).",
                "Enable hybrid mode on a cluster, then add its sites and hosts here.");
        center.getChildren().setAll(vm.clusters().isEmpty() ? empty : split);
        vm.clusters().addListener((ListChangeListener<Cluster>) c -> center.getChildren().setAll(vm.clusters().isEmpty() ? empty : split));
        main.setCenter(center);
        main.setBottom(progressStrip());
        getChildren().addAll(main, modals.pane());
        vm.filteredHosts().addListener((ListChangeListener<HostRow>) c -> rebuild());
        vm.sites().addListener((ListChangeListener<Object>) c -> rebuild());
        HostPromptsViewModel prompts = vm.prompts();
        prompts.pendingKeys().addListener((ListChangeListener<KnownHost>) c -> {
            if (!prompts.pendingKeys().isEmpty()) {
                List<KnownHost> keys = List.copyOf(prompts.pendingKeys());
                modals.offer(HostKeyDialog.unknown(keys, () -> prompts.trust(keys), () -> prompts.reject(keys)));
            }
        });
        prompts.changedKeys().addListener((ListChangeListener<ProbeResult.HostKeyChanged>) c -> {
            if (!prompts.changedKeys().isEmpty()) {
                modals.offer(HostKeyDialog.changed(List.copyOf(prompts.changedKeys())));
            }
        });
        prompts.sudoPasswordRequest().addListener((ListChangeListener<String>) c -> {
            if (!prompts.sudoPasswordRequest().isEmpty()) {
                List<String> hosts = List.copyOf(prompts.sudoPasswordRequest());
                modals.offer(PasswordPrompts.sudoPassword(hosts, p -> prompts.provideSudoPassword(hosts, p)));
            }
        });
        prompts.passphraseRequestProperty().addListener((o, a, host) -> {
            if (host != null) {
                modals.offer(PasswordPrompts.passphrase(host, p -> prompts.providePassphrase(host, p)));
            }
        });
        rebuild();
    }

    private HBox toolbar() {
        Button add = button("hosts-add", "Add host", Feather.PLUS);
        add.getStyleClass().add(Styles.ACCENT);
        add.setOnAction(e -> modals.open(new AddHostDialog(vm.edit(), null)));
        Button csv = button("hosts-import", "Import CSV", Feather.UPLOAD);
        csv.setOnAction(e -> modals.open(new ImportCsvDialog(vm)));
        Button sites = button("hosts-sites", "Sites", Feather.MAP_PIN);
        sites.setOnAction(e -> modals.open(new SitesDialog(vm.siteEdit(), modals)));
        Button refresh = button("hosts-refresh", "Refresh", Feather.REFRESH_CW);
        refresh.setOnAction(e -> vm.refresh(vm.selectedProperty().get()));
        refresh.disableProperty().bind(vm.selectedProperty().isNull());
        Button all = button("hosts-refresh-all", "Refresh all", Feather.REFRESH_CCW);
        all.setOnAction(e -> vm.refreshAll());
        Button remove = button("hosts-remove", "Remove", Feather.TRASH_2);
        remove.setOnAction(e -> remove(vm.selectedProperty().get()));
        remove.disableProperty().bind(vm.selectedProperty().isNull());
        Button edit = button("hosts-edit", "Edit", Feather.EDIT_2);
        edit.setOnAction(e -> {
            if (vm.selectedProperty().get() != null) {
                modals.open(new AddHostDialog(vm.edit(), vm.selectedProperty().get()));
            }
        });
        edit.disableProperty().bind(vm.selectedProperty().isNull());
        Button forget = button("hosts-forget-key", "Forget host key…", Feather.KEY);
        forget.getStyleClass().add(Styles.DANGER);
        forget.setOnAction(e -> forgetKey(vm.prompts().selectedKeyChangeProperty().get()));
        forget.visibleProperty().bind(vm.prompts().selectedKeyChangeProperty().isNotNull());
        forget.managedProperty().bind(forget.visibleProperty());
        Button appliance = button("hosts-appliance", "Appliance files", Feather.DOWNLOAD);
        appliance.setOnAction(e -> modals.open(new ApplianceDialog(vm)));
        for (Button b : List.of(add, csv, sites, all)) {
            b.disableProperty().bind(vm.clusterProperty().isNull());
        }
        // the row actions are icon buttons (name in the tooltip) so the toolbar fits a 1280-px window
        for (Button b : List.of(refresh, all, edit, remove, appliance)) {
            b.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            b.setTooltip(new Tooltip(b.getText()));
            b.getStyleClass().add(Styles.BUTTON_ICON);
        }
        TextField filter = new TextField();
        filter.setId("hosts-filter");
        filter.setPromptText("Filter: name, address, site, OS, status");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setPrefWidth(260);
        filter.setMinWidth(140);
        Separator gap = new Separator(Orientation.VERTICAL);
        HBox bar = new HBox(8, add, csv, sites, gap, refresh, all, edit, remove, appliance, forget, new Spacer(), filter);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("hosts-toolbar");
        return bar;
    }

    /** The view's last failure, under the toolbar, until it is dismissed or the next action succeeds. */
    private Node banner() {
        Message m = new Message();
        m.setId("hosts-message");
        m.getStyleClass().add(Styles.DANGER);
        m.descriptionProperty().bind(vm.messageProperty());
        m.setOnClose(e -> vm.messageProperty().set(null));
        StackPane box = new StackPane(m);
        box.getStyleClass().add("hosts-message");
        box.managedProperty().bind(box.visibleProperty());
        box.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        return box;
    }

    private HBox progressStrip() {
        ProgressBar bar = new ProgressBar();
        bar.setId("hosts-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(220);
        Label text = new Label();
        text.setId("hosts-progress-text");
        text.textProperty().bind(vm.progressTextProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("hosts-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(vm.busyProperty());
        bar.visibleProperty().bind(vm.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        HBox strip = new HBox(10, bar, text, cancel);
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.getStyleClass().add("hosts-progress");
        strip.managedProperty().bind(strip.visibleProperty());
        strip.visibleProperty().bind(vm.progressTextProperty().isNotEmpty());
        return strip;
    }

    private void buildTable() {
        table.setId("hosts-table");
        table.setShowRoot(false);
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(text("Name", 230, e -> e instanceof HostTreeEntry.SiteGroup g ? g.title()
                : ((HostTreeEntry.Host) e).row().name()));
        table.getColumns().add(text("Address", 140, e -> host(e, HostRow::addressText)));
        table.getColumns().add(text("OS", 140, e -> host(e, HostRow::osText)));
        table.getColumns().add(text("Arch", 70, e -> host(e, HostRow::archText)));
        table.getColumns().add(text("vCPU · Memory", 120, e -> host(e, HostRow::capacityText)));
        TreeTableColumn<HostTreeEntry, HostTreeEntry> status = new TreeTableColumn<>("Status");
        status.setPrefWidth(130);
        status.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(v.getValue().getValue()));
        status.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(HostTreeEntry item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || !(item instanceof HostTreeEntry.Host h)) {
                    setGraphic(null);
                    return;
                }
                setGraphic(Widgets.pill(h.row().statusText(), h.row().statusKind()));
            }
        });
        table.getColumns().add(status);
        table.getColumns().add(text("Pool", 120, e -> host(e, HostRow::poolText)));
        table.getColumns().add(text("Last seen", 100, e -> host(e, r -> r.lastSeenText(vm.clock().instant()))));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.getValue() instanceof HostTreeEntry.Host h) {
                vm.selectedProperty().set(h.row());
            } else if (b == null || b.getValue() instanceof HostTreeEntry.SiteGroup) {
                vm.selectedProperty().set(null);
            }
        });
        table.setPlaceholder(new Label("No edge hosts yet. Create the sites first (Sites), then add hosts one at a time "
                + "or import a CSV."));
    }

    private void rebuild() {
        String selected = vm.selectedProperty().get() == null ? null : vm.selectedProperty().get().name();
        Map<String, List<HostRow>> bySite = new LinkedHashMap<>();
        vm.sites().forEach(s -> bySite.put(s.name(), new ArrayList<>()));
        for (HostRow r : vm.filteredHosts()) {
            bySite.computeIfAbsent(r.spec().site(), k -> new ArrayList<>()).add(r);
        }
        TreeItem<HostTreeEntry> root = new TreeItem<>();
        TreeItem<HostTreeEntry> select = null;
        for (var e : bySite.entrySet()) {
            if (e.getValue().isEmpty() && !vm.filterProperty().get().isBlank()) {
                continue;
            }
            int available = (int) e.getValue().stream()
                    .filter(r -> r.status().phase() == HostPhase.AVAILABLE).count();
            TreeItem<HostTreeEntry> group = new TreeItem<>(new HostTreeEntry.SiteGroup(e.getKey(), e.getValue().size(), available));
            group.setExpanded(true);
            for (HostRow r : e.getValue()) {
                TreeItem<HostTreeEntry> item = new TreeItem<>(new HostTreeEntry.Host(r));
                group.getChildren().add(item);
                if (r.name().equals(selected)) {
                    select = item;
                }
            }
            root.getChildren().add(group);
        }
        table.setRoot(root);
        if (select != null) {
            table.getSelectionModel().select(select);
        }
    }

    private void remove(HostRow row) {
        if (row != null) {
            vm.remove(row).ifPresent(vm.messageProperty()::set);
        }
    }

    /** The administrator confirms forgetting a changed host key; the host is then offered for trust again. */
    private void forgetKey(ProbeResult.HostKeyChanged change) {
        if (change != null) {
            modals.open(HostKeyDialog.forget(change, () -> vm.prompts().forgetHostKey(change)));
        }
    }

    private static Button button(String id, String text, Feather icon) {
        Button b = new Button(text, Widgets.icon(icon, null));
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private static String host(HostTreeEntry e, Function<HostRow, String> f) {
        return e instanceof HostTreeEntry.Host h ? f.apply(h.row()) : "";
    }

    private static TreeTableColumn<HostTreeEntry, String> text(String title, double width,
            Function<HostTreeEntry, String> f) {
        TreeTableColumn<HostTreeEntry, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(v.getValue().getValue() == null ? ""
                : f.apply(v.getValue().getValue())));
        return c;
    }

    private static ListCell<Cluster> clusterCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Cluster c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? "No hybrid cluster" : c.name() + "  (" + c.region() + ")");
            }
        };
    }

    public HostsViewModel viewModel() {
        return vm;
    }

    /** For tests and the palette: the hosts table. */
    TreeTableView<HostTreeEntry> table() {
        return table;
    }

    /** For tests: the view's modal. */
    HostModals modals() {
        return modals;
    }

}
