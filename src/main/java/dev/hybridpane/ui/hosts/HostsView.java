package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.ui.common.Widgets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Edge hosts of the chosen hybrid cluster, grouped by site, with facts and checks of the selected one. */
public final class HostsView extends BorderPane {
    private final HostsViewModel vm;
    private final TreeTableView<HostTreeEntry> table = new TreeTableView<>(new TreeItem<>());
    private final HostDetailView detail;
    private final SplitPane split = new SplitPane();
    private final StackPane center = new StackPane();

    /** Without edge services (no composition): an honest empty state. */
    public HostsView() {
        this.vm = null;
        this.detail = null;
        getStyleClass().add("placeholder-view");
        setTop(Widgets.header("Edge Hosts", "Machines at your sites that run or will run hybrid nodes"));
        setCenter(Widgets.emptyState(Feather.HARD_DRIVE, "Edge hosts are not available",
                "This window was started without SSH and inventory services."));
    }

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
        clusterLabel.getStyleClass().add("muted");
        setTop(new VBox(Widgets.header("Edge Hosts", "Reached over SSH with your own keys; inventory kept in the cluster",
                clusterLabel, cluster), toolbar(), banner()));
        detail = new HostDetailView(vm, this::remove);
        buildTable();
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.getItems().addAll(table, detail);
        split.setDividerPositions(0.52);
        Region empty = Widgets.emptyState(Feather.HARD_DRIVE, "No hybrid cluster",
                "Edge hosts belong to a cluster with hybrid nodes enabled (remote node networks).",
                "Enable hybrid mode on a cluster, then add its sites and hosts here.");
        center.getChildren().setAll(vm.clusters().isEmpty() ? empty : split);
        vm.clusters().addListener((ListChangeListener<Cluster>) c -> center.getChildren().setAll(vm.clusters().isEmpty() ? empty : split));
        setCenter(center);
        setBottom(progressStrip());
        vm.filteredHosts().addListener((ListChangeListener<HostRow>) c -> rebuild());
        vm.sites().addListener((ListChangeListener<Object>) c -> rebuild());
        vm.prompts().pendingKeys().addListener((ListChangeListener<KnownHost>) c -> {
            if (!vm.prompts().pendingKeys().isEmpty()) {
                askHostKeys(List.copyOf(vm.prompts().pendingKeys()));
            }
        });
        vm.prompts().changedKeys().addListener((ListChangeListener<ProbeResult.HostKeyChanged>) c -> {
            if (!vm.prompts().changedKeys().isEmpty()) {
                HostKeyDialog.changed(List.copyOf(vm.prompts().changedKeys()), this).show();
            }
        });
        vm.prompts().sudoPasswordRequest().addListener((ListChangeListener<String>) c -> {
            if (!vm.prompts().sudoPasswordRequest().isEmpty()) {
                askSudoPassword(List.copyOf(vm.prompts().sudoPasswordRequest()));
            }
        });
        vm.prompts().passphraseRequestProperty().addListener((o, a, host) -> {
            if (host != null) {
                askPassphrase(host);
            }
        });
        rebuild();
    }

    private HBox toolbar() {
        Button add = button("hosts-add", "Add host", Feather.PLUS);
        add.getStyleClass().add("accent");
        add.setOnAction(e -> new AddHostDialog(vm.edit(), this).show());
        Button csv = button("hosts-import", "Import CSV", Feather.UPLOAD);
        csv.setOnAction(e -> new ImportCsvDialog(vm, this).show());
        Button sites = button("hosts-sites", "Sites", Feather.MAP_PIN);
        sites.setOnAction(e -> new SitesDialog(vm.siteEdit(), this).show());
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
                new AddHostDialog(vm.edit(), this, vm.selectedProperty().get()).show();
            }
        });
        edit.disableProperty().bind(vm.selectedProperty().isNull());
        Button forget = button("hosts-forget-key", "Forget host key…", Feather.KEY);
        forget.getStyleClass().add("danger");
        forget.setOnAction(e -> forgetKey(vm.prompts().selectedKeyChangeProperty().get()));
        forget.visibleProperty().bind(vm.prompts().selectedKeyChangeProperty().isNotNull());
        forget.managedProperty().bind(forget.visibleProperty());
        Button appliance = button("hosts-appliance", "Appliance files", Feather.DOWNLOAD);
        appliance.setOnAction(e -> new ApplianceDialog(vm, this).show());
        for (Button b : List.of(add, csv, sites, all)) {
            b.disableProperty().bind(vm.clusterProperty().isNull());
        }
        // the row actions are icon buttons (name in the tooltip) so the toolbar fits a 1280-px window
        for (Button b : List.of(refresh, all, edit, remove, appliance)) {
            b.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            b.setTooltip(new javafx.scene.control.Tooltip(b.getText()));
            b.getStyleClass().add(atlantafx.base.theme.Styles.BUTTON_ICON);
        }
        TextField filter = new TextField();
        filter.setId("hosts-filter");
        filter.setPromptText("Filter: name, address, site, OS, status");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setPrefWidth(260);
        filter.setMinWidth(140);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        javafx.scene.control.Separator gap = new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL);
        HBox bar = new HBox(8, add, csv, sites, gap, refresh, all, edit, remove, appliance, forget, spacer, filter);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("hosts-toolbar");
        return bar;
    }

    private Label banner() {
        Label l = new Label();
        l.setId("hosts-message");
        l.getStyleClass().addAll("hosts-message", "text-danger");
        l.setWrapText(true);
        l.textProperty().bind(vm.messageProperty());
        l.managedProperty().bind(l.visibleProperty());
        l.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        return l;
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
        vm.sites().forEach(s -> bySite.put(s.name(), new java.util.ArrayList<>()));
        for (HostRow r : vm.filteredHosts()) {
            bySite.computeIfAbsent(r.spec().site(), k -> new java.util.ArrayList<>()).add(r);
        }
        TreeItem<HostTreeEntry> root = new TreeItem<>();
        TreeItem<HostTreeEntry> select = null;
        for (var e : bySite.entrySet()) {
            if (e.getValue().isEmpty() && !vm.filterProperty().get().isBlank()) {
                continue;
            }
            int available = (int) e.getValue().stream()
                    .filter(r -> r.status().phase() == dev.hybridpane.domain.edge.HostPhase.AVAILABLE).count();
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

    private void askHostKeys(List<KnownHost> keys) {
        var d = HostKeyDialog.unknown(keys, this);
        d.setOnHidden(e -> {
            if (d.getResult() == HostKeyDialog.TRUST) {
                vm.prompts().trust(keys);
            } else {
                vm.prompts().reject(keys);
            }
        });
        d.show();
    }

    private void askPassphrase(String host) {
        TextInputDialog d = new TextInputDialog();
        HostDialogs.prepare(d, this, "Key passphrase", "passphrase-dialog");
        d.setHeaderText("The private key for " + host + " is encrypted. Its passphrase is kept in memory only.");
        javafx.scene.control.PasswordField pw = new javafx.scene.control.PasswordField();
        pw.setId("passphrase-field");
        d.getDialogPane().setContent(new VBox(8, new Label("Passphrase"), pw));
        d.setOnHidden(e -> {
            char[] p = d.getResult() != null ? pw.getText().toCharArray() : null;
            pw.clear();
            vm.prompts().providePassphrase(host, p);
        });
        d.show();
    }

    /** The administrator confirms forgetting a changed host key; the host is then offered for trust again. */
    private void forgetKey(ProbeResult.HostKeyChanged change) {
        if (change == null) {
            return;
        }
        var d = HostKeyDialog.forget(change, this);
        d.setOnHidden(e -> {
            if (d.getResult() == HostKeyDialog.FORGET) {
                vm.prompts().forgetHostKey(change);
            }
        });
        d.show();
    }

    private void askSudoPassword(List<String> hosts) {
        TextInputDialog d = new TextInputDialog();
        HostDialogs.prepare(d, this, "Sudo password", "sudo-password-dialog");
        d.setHeaderText((hosts.size() == 1 ? hosts.get(0) + " uses" : String.join(", ", hosts) + " use")
                + " sudo with a password. It is kept in memory for this session only, never saved.");
        javafx.scene.control.PasswordField pw = new javafx.scene.control.PasswordField();
        pw.setId("sudo-password-field");
        Label note = new Label(hosts.size() == 1 ? "" : "The same password is used for these hosts; "
                + "use Edit on a host to give it its own.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        d.getDialogPane().setContent(new VBox(8, new Label("Sudo password"), pw, note));
        d.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).setId("sudo-password-ok");
        d.setOnHidden(e -> {
            char[] p = d.getResult() != null ? pw.getText().toCharArray() : null;
            pw.clear();
            vm.prompts().provideSudoPassword(hosts, p);
        });
        d.show();
    }

    private static Button button(String id, String text, Feather icon) {
        Button b = new Button(text, Widgets.icon(icon, null));
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private static String host(HostTreeEntry e, java.util.function.Function<HostRow, String> f) {
        return e instanceof HostTreeEntry.Host h ? f.apply(h.row()) : "";
    }

    private static TreeTableColumn<HostTreeEntry, String> text(String title, double width,
            java.util.function.Function<HostTreeEntry, String> f) {
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

}
