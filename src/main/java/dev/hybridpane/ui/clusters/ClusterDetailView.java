package dev.hybridpane.ui.clusters;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.ClusterDetail;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ComputeType;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.NodeCounts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Callback;
import org.kordamp.ikonli.feather.Feather;

/** The selected cluster: header, node counts, hybrid checks, networking and access entries. */
final class ClusterDetailView extends StackPane {
    private final ClusterDetailViewModel vm;
    private final VBox content = new VBox(18);
    private final HBox typeTiles = new HBox(10);
    private final VBox checks = new VBox(8);
    private final VBox networking = new VBox(10);
    private final VBox access = new VBox(8);
    private final Label name = new Label();
    private final Label arn = new Label();
    private final Label account = new Label();
    private final Function<ClusterRow, String> accountLabel;
    private final Label status = Widgets.pill("", "neutral");
    private final Label version = Widgets.pill("", Styles.ACCENT);
    private final Label connection = new Label();
    private Button enableButton;
    private final VBox header = new VBox(4);
    private Node readOnly;

    /** "API access: [EKS token from the AWS profile | kubeconfig context ▾]" with a note when there is none. */
    private static VBox accessRow(ClusterAccessViewModel a) {
        ComboBox<String> box = new ComboBox<>(a.choices());
        box.setId("cluster-access");
        box.valueProperty().bindBidirectional(a.selectedProperty());
        box.setMaxWidth(Double.MAX_VALUE);
        Callback<ListView<String>, ListCell<String>> cells =
                lv -> new ListCell<>() {
                    @Override
                    protected void updateItem(String item, boolean empty) {
                        super.updateItem(item, empty);
                        setText(empty || item == null ? null
                                : ClusterAccessViewModel.EKS_TOKEN.equals(item) ? item : "kubeconfig context: " + item);
                    }
                };
        box.setCellFactory(cells);
        box.setButtonCell(cells.call(null));
        box.setTooltip(new Tooltip("How the console reaches this cluster's Kubernetes API: its own "
                + "EKS token from the selected AWS profile, or a context of your kubeconfig. Remembered per cluster."));
        Label label = new Label("API access");
        label.getStyleClass().add("kv-key");
        label.setMinWidth(Label.USE_PREF_SIZE);
        HBox row = new HBox(10, label, box);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(box, Priority.ALWAYS);
        Label note = new Label();
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(a.noteProperty());
        note.visibleProperty().bind(a.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        VBox v = new VBox(4, row, note);
        VBox.setMargin(v, new Insets(6, 0, 0, 0));
        return v;
    }

    /** @param accountLabel the row's AWS account as the header names it ("name (id)") */
    ClusterDetailView(ClusterDetailViewModel vm, Function<ClusterRow, String> accountLabel) {
        this.vm = vm;
        this.accountLabel = accountLabel;
        account.setId("detail-account");
        account.getStyleClass().add(Styles.TEXT_MUTED);
        getStyleClass().add("cluster-detail");
        setId("cluster-detail");
        name.getStyleClass().add("detail-title");
        arn.getStyleClass().addAll(Styles.TEXT_MUTED, "mono");
        arn.setWrapText(true);
        connection.setId("detail-connection");
        connection.getStyleClass().add(Styles.TEXT_MUTED);
        connection.setWrapText(true);
        HBox titleRow = new HBox(10, name, status, version);
        Button enable = new Button("Enable hybrid mode…", Widgets.icon(Feather.ZAP, null));
        enable.setId("enable-hybrid");
        enable.getStyleClass().add(Styles.SMALL);
        enable.setOnAction(e -> vm.enableHybrid());
        // another account's cluster is read through the picked role: nothing is changed on it from here
        enable.disableProperty().bind(vm.otherAccountProperty());
        // ...and the notice that says so stands in its place
        enable.visibleProperty().bind(vm.otherAccountProperty().not());
        enable.managedProperty().bind(enable.visibleProperty());
        enableButton = enable;
        titleRow.setAlignment(Pos.CENTER_LEFT);
        header.getChildren().addAll(titleRow, account, arn, connection);
        header.getChildren().addAll(accessRow(vm.access()), enableButton);
        VBox.setMargin(enableButton, new Insets(6, 0, 0, 0));
        content.getChildren().addAll(header,
                section("Hybrid configuration", new HybridConfigSection(vm.hybrid())),
                section("Nodes by compute type", typeTiles),
                section("Hybrid requirements", checks),
                section("Networking", networking),
                section("Access entries", access));
        content.getStyleClass().add("detail-content");
        ScrollPane scroll = Widgets.liveScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox empty = Widgets.emptyState(Feather.MOUSE_POINTER, "Select a cluster",
                "Its networking, access entries, node counts and hybrid readiness show here.");
        getChildren().addAll(empty, scroll);
        scroll.visibleProperty().bind(vm.rowProperty().isNotNull());
        empty.visibleProperty().bind(vm.rowProperty().isNull());
        setMinWidth(320);

        vm.rowProperty().addListener((o, a, b) -> showRow(b));
        vm.byTypeProperty().addListener((o, a, b) -> showTypes(b));
        vm.detailProperty().addListener((o, a, b) -> showDetail());
        vm.loadingProperty().addListener((o, a, b) -> showDetail());
        vm.errorProperty().addListener((o, a, b) -> showDetail());
        showRow(vm.rowProperty().get());
        showTypes(vm.byTypeProperty().get());
        showDetail();
    }

    private static VBox section(String title, Node body) {
        VBox box = new VBox(8, Widgets.sectionTitle(title), body);
        box.getStyleClass().add("detail-section");
        return box;
    }

    private void showRow(ClusterRow r) {
        if (r == null) {
            return;
        }
        Cluster c = r.cluster();
        name.setText(c.name());
        arn.setText(c.arn());
        String a = accountLabel.apply(r);
        account.setText(a.isEmpty() ? "" : "AWS account " + a);
        // a new Message each time, as a direct child: AtlantaFX's Message lays out only the parts it had when made
        content.getChildren().remove(readOnly);
        readOnly = null;
        if (r.ref().inOtherAccount()) {
            // under the header, where the hidden button was, as the page's own block (its height follows its width)
            readOnly = otherAccountNotice(a.isEmpty() ? r.ref().account() : a, r.ref().account());
            content.getChildren().add(content.getChildren().indexOf(header) + 1, readOnly);
        }
        Widgets.setPill(status, c.status(), Widgets.clusterStatusKind(c.status()));
        version.setText("Kubernetes " + c.version());
        String reason = r.connectionReason();
        connection.setText(c.region() + " · API " + r.connectionText().toLowerCase(Locale.ROOT)
                + (reason == null ? "" : ": " + reason));
        connection.getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.DANGER);
        connection.getStyleClass().add(r.failed() ? Styles.DANGER : Styles.TEXT_MUTED);
    }

    private void showTypes(EnumMap<ComputeType, NodeCounts> m) {
        typeTiles.getChildren().clear();
        if (m == null) {
            return;
        }
        for (ComputeType t : ComputeType.values()) {
            NodeCounts c = m.get(t);
            String value = t == ComputeType.HYBRID ? c.ready() + "/" + c.total() : String.valueOf(c.total());
            Label v = new Label(value);
            v.getStyleClass().add("stat-value");
            Label k = new Label(t == ComputeType.HYBRID ? "Hybrid ready" : t.label());
            k.getStyleClass().add("stat-label");
            VBox tile = new VBox(2, v, k);
            tile.getStyleClass().add("stat-tile");
            if (t == ComputeType.HYBRID && c.ready() < c.total()) {
                tile.getStyleClass().add("stat-warning");
            }
            typeTiles.getChildren().add(tile);
        }
    }

    private void showDetail() {
        ClusterDetail d = vm.detailProperty().get();
        checks.getChildren().clear();
        networking.getChildren().clear();
        access.getChildren().clear();
        if (d == null) {
            Node n = vm.loadingProperty().get() ? loading() : error(vm.errorProperty().get());
            checks.getChildren().add(n);
            networking.getChildren().add(vm.loadingProperty().get() ? loading() : error(vm.errorProperty().get()));
            access.getChildren().add(vm.loadingProperty().get() ? loading() : error(vm.errorProperty().get()));
            return;
        }
        for (Check c : d.checks()) {
            checks.getChildren().add(checkRow(c));
        }
        showNetworking(d);
        if (d.accessEntriesError() != null) {
            access.getChildren().add(error(d.accessEntriesError()));
        } else if (d.accessEntries().isEmpty()) {
            access.getChildren().add(Widgets.muted("No access entries."));
        } else {
            for (AccessEntry e : d.accessEntries()) {
                Label principal = new Label(e.principalArn());
                principal.getStyleClass().add("access-principal");
                principal.setWrapText(true);
                String user = e.username() == null || e.username().isBlank() ? "" : "  ·  " + e.username();
                Label type = Widgets.pill(e.type(), "HYBRID_LINUX".equals(e.type()) ? Styles.ACCENT : "neutral");
                Label username = Widgets.muted(user.isEmpty() ? "" : e.username());
                HBox meta = new HBox(8, type, username);
                meta.setAlignment(Pos.CENTER_LEFT);
                VBox entry = new VBox(3, principal, meta);
                entry.getStyleClass().add("access-entry");
                access.getChildren().add(entry);
            }
        }
    }

    private void showNetworking(ClusterDetail d) {
        Cluster c = d.cluster();
        GridPane kv = DetailGrids.keyValues();
        ClusterNetwork n = d.network();
        DetailGrids.add(kv, "VPC", c.vpcId() + (n == null ? "" : "  ·  " + String.join(", ", n.vpc().cidrs())));
        DetailGrids.add(kv, "Service CIDR", c.serviceCidr());
        DetailGrids.add(kv, "Remote nodes", String.join(", ", c.remoteNodeCidrs()));
        DetailGrids.add(kv, "Remote pods", String.join(", ", c.remotePodCidrs()));
        DetailGrids.add(kv, "Cluster SG", c.clusterSecurityGroupId());
        networking.getChildren().add(kv);
        if (n == null) {
            networking.getChildren().add(error(d.networkError() == null ? "The VPC could not be read." : d.networkError()));
            return;
        }
        networking.getChildren().addAll(Widgets.sectionSubtitle("Subnets"), DetailGrids.table(n.subnets(),
                DetailGrids.column("Subnet", ClusterNetwork.Subnet::id),
                DetailGrids.column("AZ", ClusterNetwork.Subnet::availabilityZone),
                DetailGrids.column("CIDR", ClusterNetwork.Subnet::cidr),
                DetailGrids.column("Name", ClusterNetwork.Subnet::name)));
        List<String> remote = new ArrayList<>(c.remoteNodeCidrs());
        remote.addAll(c.remotePodCidrs());
        List<TableRoute> routes = new ArrayList<>();
        for (ClusterNetwork.RouteTable rt : n.routeTables()) {
            for (ClusterNetwork.Route r : rt.routes()) {
                if (touchesAny(r.destination(), remote)) {
                    routes.add(new TableRoute(rt.id(), r));
                }
            }
        }
        networking.getChildren().add(Widgets.sectionSubtitle("Routes to remote networks"));
        networking.getChildren().add(routes.isEmpty()
                ? Widgets.muted(remote.isEmpty() ? "No remote networks configured."
                        : "No VPC route table sends the remote networks anywhere; hybrid nodes cannot be reached.")
                : DetailGrids.table(routes,
                        DetailGrids.column("Route table", TableRoute::table),
                        DetailGrids.column("Destination", r -> r.route().destination()),
                        DetailGrids.column("Target", r -> r.route().target()),
                        DetailGrids.column("State", r -> r.route().state())));
        List<GroupRule> rules = new ArrayList<>();
        for (ClusterNetwork.SecurityGroup sg : n.securityGroups()) {
            for (ClusterNetwork.IngressRule r : sg.ingress()) {
                rules.add(new GroupRule(sg, r));
            }
        }
        networking.getChildren().add(Widgets.sectionSubtitle("Security group ingress"));
        networking.getChildren().add(rules.isEmpty() ? Widgets.muted("No ingress rules.")
                : DetailGrids.table(rules,
                        DetailGrids.column("Group", r -> r.group().id() + (r.group().name() == null ? "" : " (" + r.group().name() + ")")),
                        DetailGrids.column("Protocol / ports", r -> protocol(r.rule())),
                        DetailGrids.column("Sources", r -> String.join(", ", r.rule().cidrs()))));
    }

    /** A route of a VPC route table, with the table's id. */
    private record TableRoute(String table, ClusterNetwork.Route route) {
    }

    /** An ingress rule of a security group, with the group. */
    private record GroupRule(ClusterNetwork.SecurityGroup group, ClusterNetwork.IngressRule rule) {
    }

    private static boolean touchesAny(String destination, List<String> cidrs) {
        Optional<Cidr> d = Cidr.tryParse(destination);
        if (d.isEmpty()) {
            return false;
        }
        return cidrs.stream().map(Cidr::tryParse).flatMap(Optional::stream).anyMatch(c -> c.overlaps(d.get()));
    }

    private static String protocol(ClusterNetwork.IngressRule r) {
        if ("-1".equals(r.protocol())) {
            return "All traffic";
        }
        String ports = r.fromPort() < 0 ? "" : r.fromPort() == r.toPort() ? " " + r.fromPort() : " " + r.fromPort() + "–" + r.toPort();
        return r.protocol().toUpperCase(Locale.ROOT) + ports;
    }

    private static Node checkRow(Check c) {
        Label title = new Label(c.title());
        title.getStyleClass().add("check-title");
        Label reason = new Label(c.reason());
        reason.setWrapText(true);
        reason.getStyleClass().add("check-reason");
        VBox text = new VBox(2, title, reason);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(10, Widgets.checkIcon(c.status()), text);
        row.setAlignment(Pos.TOP_LEFT);
        row.getStyleClass().addAll("check-row", "check-" + Widgets.kind(c.status()));
        return row;
    }

    private static Node loading() {
        ProgressIndicator p = new ProgressIndicator();
        p.setPrefSize(16, 16);
        Label l = new Label("Loading…", p);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    /**
     * Why a cluster of another account offers no change: it is read through a picked account's role, and changes are
     * made with a profile of that account.
     */
    private static Node otherAccountNotice(String account, String accountId) {
        Message m = new Message("Read through another account's role", "This cluster is in AWS account " + account
                + ", read with the role picked for it (Accounts… in the top bar). Import, hybrid mode, node pools and"
                + " the doctor's fixes need that account's own credentials: open a profile of account " + accountId
                + " to change it.", Widgets.icon(Feather.EYE, null)) {
            @Override
            public Orientation getContentBias() {
                return Orientation.HORIZONTAL;
            }
        };
        // as tall as its wrapped text at the width it is given (the header's VBox asks without a width), so it never
        // draws over the line above it: settles on the pulse after its width is known
        m.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> m.getWidth() > 0 ? m.prefHeight(m.getWidth()) : Region.USE_PREF_SIZE, m.widthProperty()));
        m.setId("detail-other-account");
        m.getStyleClass().add(Styles.ACCENT);
        return m;
    }

    /** An error box; its height follows its width, so a sentence that wraps in the narrow pane gets its lines. */
    static Node error(String sentence) {
        Message m = new Message(null, sentence == null ? "Not available." : sentence, Widgets.icon(Feather.ALERT_CIRCLE, null)) {
            @Override
            public Orientation getContentBias() {
                return Orientation.HORIZONTAL;
            }
        };
        m.getStyleClass().add(Styles.DANGER);
        m.setMinHeight(Region.USE_PREF_SIZE);
        return m;
    }
}
