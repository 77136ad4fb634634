package dev.hybridpane.ui.network;

import atlantafx.base.controls.ModalPane;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.network.NetworkDoctorPort.DoctorTarget;
import dev.hybridpane.ui.network.NetworkDoctorPort.ReportFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.transform.Scale;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Network view: choose a hybrid cluster and Run the doctor (progress, Cancel); the topology picture (click an
 * element or a link for its checks in the side pane), the checks grouped by area, Fix… (review the plan, then apply),
 * and exports (picture as PNG or SVG, report as Markdown or HTML).
 */
public final class NetworkView extends StackPane {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private final NetworkViewModel vm;
    private final TopologyPicture picture;
    private final ChecksTable table;
    private final ModalPane modal = new ModalPane();
    private final Group zoom;
    private final ScrollPane scroll;

    public NetworkView(NetworkViewModel vm) {
        this.vm = vm;
        setId("network-view");
        getStyleClass().add("network-view");
        getStylesheets().add(NetworkView.class.getResource("/dev/hybridpane/ui/network/network.css").toExternalForm());
        picture = new TopologyPicture(vm::select);
        table = new ChecksTable(vm::selectCheck);
        zoom = new Group(picture);
        StackPane centred = new StackPane(zoom);
        centred.setPadding(new Insets(8));
        centred.getStyleClass().add("topo-canvas");
        scroll = new ScrollPane(centred);
        scroll.setId("network-picture-scroll");
        scroll.getStyleClass().add("topo-scroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.viewportBoundsProperty().addListener((o, a, b) -> fit());

        ComboBox<DoctorTarget> cluster = new ComboBox<>(vm.clusters());
        cluster.setId("network-cluster");
        cluster.valueProperty().bindBidirectional(vm.targetProperty());
        cluster.setPrefWidth(260);
        cluster.setPromptText("No hybrid cluster");
        vm.clusters().addListener((ListChangeListener<DoctorTarget>) c -> cluster.setValue(vm.targetProperty().get()));
        cluster.disableProperty().bind(vm.runningProperty());
        Label clusterLabel = Widgets.muted("Cluster");
        clusterLabel.setMinWidth(Region.USE_PREF_SIZE);

        BorderPane main = new BorderPane();
        main.setPadding(new Insets(0));
        main.setTop(new VBox(Widgets.header("Network", "Routes, gateways, VPN tunnels, security groups and hosts between "
                + "the VPC and your sites, checked with evidence", clusterLabel, cluster), toolbar(), status(), notices()));
        main.setCenter(center());
        modal.setId("network-modal-pane");
        modal.setInTransitionFactory(null);
        modal.setOutTransitionFactory(null);
        modal.setPersistent(true);
        vm.fixProperty().addListener((o, a, f) -> {
            if (f == null) {
                modal.hide(true);
            } else {
                StackPane frame = new StackPane(new FixCard(f));
                frame.setPadding(new Insets(24));
                frame.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
                modal.show(frame);
            }
        });
        getChildren().addAll(main, modal);

        vm.reportProperty().addListener((o, a, r) -> {
            picture.show(r);
            table.show(r);
            fit();
        });
        vm.selectedProperty().addListener((o, a, s) -> picture.mark(s));
        picture.show(vm.reportProperty().get());
        table.show(vm.reportProperty().get());
        vm.load();
    }

    private HBox toolbar() {
        Button run = new Button("Run checks", Widgets.icon(Feather.PLAY, null));
        run.setId("network-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(vm.runningProperty().or(vm.targetProperty().isNull()));
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel", Widgets.icon(Feather.X, null));
        cancel.setId("network-cancel");
        cancel.visibleProperty().bind(vm.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        CheckBox hosts = new CheckBox("Probe hosts over SSH");
        hosts.setId("network-hosts");
        hosts.selectedProperty().bindBidirectional(vm.probeHostsProperty());
        hosts.disableProperty().bind(vm.runningProperty());
        Widgets.lazyTooltip(hosts, "Also run read-only commands on each pool's hosts: route to the VPC, firewall, "
                + "time sync, API endpoint reachability.");

        Button fix = new Button("Fix…", Widgets.icon(Feather.TOOL, null));
        fix.setId("network-fix-open");
        fix.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.runningProperty().get()
                || vm.reportProperty().get() == null
                || vm.reportProperty().get().worst() == DoctorStatus.PASS, vm.runningProperty(), vm.reportProperty()));
        fix.setOnAction(e -> vm.openFix());
        MenuButton export = new MenuButton("Export", Widgets.icon(Feather.DOWNLOAD, null));
        export.setId("network-export");
        export.disableProperty().bind(vm.reportProperty().isNull());
        MenuItem png = new MenuItem("Picture as PNG…");
        png.setId("network-export-png");
        png.setOnAction(e -> choose("PNG image", "png").ifPresent(this::exportPng));
        MenuItem svg = new MenuItem("Picture as SVG…");
        svg.setId("network-export-svg");
        svg.setOnAction(e -> choose("SVG image", "svg").ifPresent(this::exportSvg));
        MenuItem md = new MenuItem("Report as Markdown…");
        md.setId("network-export-md");
        md.setOnAction(e -> choose("Markdown", "md").ifPresent(f -> vm.exportReport(ReportFormat.MARKDOWN, f.toPath())));
        MenuItem html = new MenuItem("Report as HTML…");
        html.setId("network-export-html");
        html.setOnAction(e -> choose("HTML", "html").ifPresent(f -> vm.exportReport(ReportFormat.HTML, f.toPath())));
        export.getItems().addAll(png, svg, md, html);
        HBox bar = new HBox(8, run, cancel, hosts, new Spacer(), fix, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("network-toolbar");
        return bar;
    }

    private HBox status() {
        ProgressBar bar = new ProgressBar();
        bar.setId("network-progress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label text = new Label();
        text.setId("network-progress-text");
        text.textProperty().bind(vm.progressTextProperty());
        HBox pills = new HBox(6);
        pills.setId("network-counts");
        vm.reportProperty().addListener((o, a, r) -> pills.getChildren().setAll(counts(r)));
        HBox box = new HBox(10, bar, pills, text);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("network-status");
        box.visibleProperty().bind(vm.runningProperty().or(vm.reportProperty().isNotNull())
                .or(vm.progressTextProperty().isNotEmpty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static List<Node> counts(DoctorReport r) {
        if (r == null) {
            return List.of();
        }
        List<Node> out = new ArrayList<>();
        for (DoctorStatus s : new DoctorStatus[] {DoctorStatus.FAIL, DoctorStatus.WARN, DoctorStatus.UNKNOWN, DoctorStatus.PASS}) {
            long n = NetworkViewModel.count(r, s);
            if (n > 0) {
                Label p = Widgets.pill(n + " " + CheckCards.text(s).toLowerCase(Locale.ROOT), CheckCards.kind(s));
                p.setId("network-count-" + s.name().toLowerCase(Locale.ROOT));
                out.add(p);
            }
        }
        return out;
    }

    private VBox notices() {
        var error = Widgets.notice(Feather.ALERT_OCTAGON, Styles.DANGER, "The doctor could not run", "");
        error.setId("network-error");
        error.descriptionProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        var saved = Widgets.notice(Feather.CHECK_CIRCLE, Styles.SUCCESS, "Exported", "");
        saved.setId("network-notice");
        saved.descriptionProperty().bind(vm.noticeProperty());
        saved.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        saved.managedProperty().bind(saved.visibleProperty());
        saved.setOnClose(e -> vm.dismissNotice());
        VBox box = new VBox(8, error, saved);
        box.getStyleClass().add("network-notices");
        return box;
    }

    private StackPane center() {
        SplitPane left = new SplitPane(scroll, table);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.58);
        CheckDetailPane detail = new CheckDetailPane(vm);
        SplitPane split = new SplitPane(left, detail);
        split.setId("network-split");
        split.setDividerPositions(0.73);
        SplitPane.setResizableWithParent(detail, false);
        detail.setMinWidth(300);

        Node noClusters = Widgets.emptyState(Feather.SHARE_2, "No hybrid cluster",
                "The network doctor checks clusters with hybrid nodes enabled (remote node and pod networks).",
                "Enable hybrid mode on a cluster in Clusters; its network can then be checked here.");
        noClusters.setId("network-empty-clusters");
        Node noReport = Widgets.emptyState(Feather.ACTIVITY, "Check the network",
                "Run checks reads the route tables, transit or virtual private gateways, VPN tunnels, security groups, "
                        + "VPC settings, pod networking, identity and the CNI, in parallel.",
                "The path from the VPC to every site and pool is then drawn here: broken links red, naming the "
                        + "failing check; click anything to see what was read and how to fix it.");
        noReport.setId("network-empty-report");
        Node unavailable = Widgets.emptyState(Feather.SHARE_2, "Network doctor not available",
                "This environment offers no network doctor; hybridpane doctor runs the same checks from a shell.");
        unavailable.setId("network-unavailable");
        StackPane center = new StackPane();
        Runnable choose = () -> {
            Node want = vm.reportProperty().get() != null ? split
                    : !vm.unavailableProperty().get().isEmpty() ? unavailable
                    : vm.loadedProperty().get() && vm.clusters().isEmpty() ? noClusters : noReport;
            if (center.getChildren().size() != 1 || center.getChildren().get(0) != want) {
                center.getChildren().setAll(want);
            }
        };
        vm.reportProperty().addListener((o, a, b) -> choose.run());
        vm.loadedProperty().addListener((o, a, b) -> choose.run());
        vm.clusters().addListener((ListChangeListener<DoctorTarget>) c -> choose.run());
        choose.run();
        return center;
    }

    /** Shrinks a picture wider than the pane so it fits (never below 70 %; wider pictures scroll), and never enlarges it. */
    private void fit() {
        double w = picture.getPrefWidth();
        double avail = scroll.getViewportBounds().getWidth() - 16;
        double s = w <= 0 || avail <= 0 ? 1 : Math.max(0.7, Math.min(1, avail / w));
        picture.setScaleX(s);
        picture.setScaleY(s);
    }

    private Optional<File> choose(String what, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + what);
        chooser.setInitialFileName(vm.fileName(extension));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, "*." + extension));
        return Optional.ofNullable(chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow()));
    }

    /** The picture at full size as PNG: snapshot on the FX thread, encoded and written in the background. */
    void exportPng(File file) {
        BufferedImage image = SwingFXUtils.fromFXImage(snapshot(), null);
        vm.exportBytes("Exporting the picture", file.toPath(), () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        });
    }

    /** The picture as SVG in the theme the window shows (dark background and light text in the dark theme). */
    private void exportSvg(File file) {
        DoctorReport r = vm.reportProperty().get();
        if (r != null) {
            boolean dark = darkTheme();
            vm.exportBytes("Exporting the picture", file.toPath(), () -> TopologySvg.write(r, dark)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Whether the window shows the dark theme: its root's :dark state, else a dark user-agent stylesheet. */
    boolean darkTheme() {
        Scene scene = getScene();
        if (scene != null && scene.getRoot().getPseudoClassStates().contains(DARK)) {
            return true;
        }
        String ua = Application.getUserAgentStylesheet();
        return ua != null && ua.toLowerCase(Locale.ROOT).contains("dark");
    }

    /** The picture at full size (whatever the view's fit scale), with the theme's background. */
    WritableImage snapshot() {
        double s = picture.getScaleX();
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(new Scale(1 / s, 1 / s));
        // the exported picture shows the network, not what is chosen in the view
        String chosen = vm.selectedProperty().get();
        picture.mark(null);
        try {
            return picture.snapshot(p, null);
        } finally {
            picture.mark(chosen);
        }
    }
}
