package dev.hybridpane.ui.hosts;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.ui.common.Widgets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Every fact and check of the selected host. */
final class HostDetailView extends ScrollPane {
    private final VBox content = new VBox(14);
    private final Label title = new Label();
    private final Label status = Widgets.pill("", "neutral");
    private final Label reason = new Label();
    private final GridPane facts = new GridPane();
    private final VBox checks = new VBox(8);
    private final Button refresh = new Button("Refresh", Widgets.icon(Feather.REFRESH_CW, null));
    private final Button remove = new Button("Remove", Widgets.icon(Feather.TRASH_2, null));
    private final Node empty = Widgets.emptyState(Feather.HARD_DRIVE, "No host selected",
            "Select a host to see every fact gathered over SSH and every compatibility check.");

    HostDetailView(HostsViewModel vm, Consumer<HostRow> onRemove) {
        getStyleClass().add("host-detail");
        setId("host-detail");
        setFitToWidth(true);
        title.getStyleClass().add("detail-title");
        reason.setId("host-detail-reason");
        reason.setWrapText(true);
        facts.getStyleClass().add("host-facts");
        facts.setHgap(14);
        facts.setVgap(6);
        refresh.setId("host-refresh");
        remove.setId("host-remove");
        remove.getStyleClass().add(Styles.DANGER);
        HBox head = new HBox(10, title, status, new Spacer(), refresh, remove);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(8, Widgets.sectionTitle("Checks"), checks);
        VBox right = new VBox(8, Widgets.sectionTitle("Facts"), facts);
        left.setPrefWidth(520);
        right.setPrefWidth(480);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox columns = new HBox(24, left, right);
        content.getChildren().addAll(head, reason, columns);
        content.setPadding(new Insets(16));
        setContent(content);
        vm.selectedProperty().addListener((o, a, b) -> show(b, vm));
        refresh.setOnAction(e -> vm.refresh(vm.selectedProperty().get()));
        remove.setOnAction(e -> onRemove.accept(vm.selectedProperty().get()));
        show(vm.selectedProperty().get(), vm);
    }

    private void show(HostRow r, HostsViewModel vm) {
        if (r == null) {
            setContent(empty);
            return;
        }
        setContent(content);
        title.setText(r.name());
        Widgets.setPill(status, r.statusText(), r.statusKind());
        reason.setText(r.status().reason());
        reason.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        reason.getStyleClass().add(r.status().phase() == HostPhase.UNREACHABLE || r.status().phase() == HostPhase.INCOMPATIBLE
                ? Styles.DANGER : Styles.TEXT_MUTED);
        reason.setManaged(!r.status().reason().isBlank());
        reason.setVisible(!r.status().reason().isBlank());
        remove.setDisable(r.inPool());
        checks.getChildren().clear();
        if (r.status().checks().isEmpty()) {
            Label none = new Label("No checks yet: the host has not been reached.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            checks.getChildren().add(none);
        }
        for (Check c : r.status().checks()) {
            checks.getChildren().add(checkRow(c));
        }
        facts.getChildren().clear();
        List<String[]> kv = new ArrayList<>();
        var s = r.spec();
        kv.add(new String[] {"Address", s.user() + "@" + s.address() + ":" + s.port()});
        kv.add(new String[] {"Site", s.site().isBlank() ? "—" : s.site()});
        kv.add(new String[] {"Root access", s.sudo().label()});
        kv.add(new String[] {"Pool", r.poolText()});
        kv.add(new String[] {"Last seen", r.lastSeenText(vm.clock().instant())});
        HostFacts f = r.status().facts();
        if (f != null) {
            kv.add(new String[] {"Hostname", nz(f.hostname())});
            kv.add(new String[] {"Operating system", f.osLabel() + " (" + nz(f.osId()) + " " + nz(f.osVersion()) + ")"});
            kv.add(new String[] {"Kernel", nz(f.kernel())});
            kv.add(new String[] {"Architecture", nz(f.arch())});
            kv.add(new String[] {"CPUs", f.cpus() == null ? "—" : f.cpus().toString()});
            kv.add(new String[] {"Memory", f.memoryMiB() == null ? "—" : String.format(Locale.ROOT, "%.1f GiB (%d MiB)",
                    f.memoryMiB() / 1024.0, f.memoryMiB())});
            kv.add(new String[] {"Free disk on /", f.diskFreeGiB() == null ? "—" : String.format(Locale.ROOT, "%.1f GiB", f.diskFreeGiB())});
            kv.add(new String[] {"IPv4 addresses", f.addresses().isEmpty() ? "—" : String.join(", ", f.addresses())});
            kv.add(new String[] {"Default route", nz(f.defaultRoute())});
            kv.add(new String[] {"Node IP", nz(f.nodeIp())});
            kv.add(new String[] {"Time sync", f.timeSynced() == null ? "unknown" : f.timeSynced() ? "NTP synchronised" : "not synchronised"});
            kv.add(new String[] {"Swap", f.swapOn() == null ? "unknown" : f.swapOn() ? "on" : "off"});
            kv.add(new String[] {"Packages", packages(f.packages())});
            kv.add(new String[] {"Package index", f.packageIndexAgeHours() == null ? "not found" : f.packageIndexAgeHours() + " h old"});
            kv.add(new String[] {"nodeadm", f.nodeadmVersion() == null ? "not installed" : f.nodeadmVersion()});
            kv.add(new String[] {"kubelet", f.kubeletVersion() == null ? "not installed" : f.kubeletVersion()});
            kv.add(new String[] {"Already a node of", f.existingNode() == null ? "no cluster" : f.existingNode()});
        }
        for (int i = 0; i < kv.size(); i++) {
            Label k = new Label(kv.get(i)[0]);
            k.getStyleClass().add("kv-key");
            k.setMinWidth(Region.USE_PREF_SIZE);
            Label v = new Label(kv.get(i)[1]);
            v.getStyleClass().add("kv-value");
            v.setWrapText(true);
            facts.add(k, 0, i);
            facts.add(v, 1, i);
        }
    }

    private static String packages(Map<String, Boolean> p) {
        if (p.isEmpty()) {
            return "—";
        }
        List<String> parts = new ArrayList<>();
        p.forEach((k, v) -> parts.add(v ? k : k + " (missing)"));
        return String.join(", ", parts);
    }

    private static String nz(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    private static Node checkRow(Check c) {
        Label t = new Label(c.title());
        t.getStyleClass().add("check-title");
        Label why = new Label(c.reason());
        why.getStyleClass().add("check-reason");
        why.setWrapText(true);
        VBox text = new VBox(2, t, why);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(10, Widgets.checkIcon(c.status()), text);
        row.getStyleClass().addAll("check-row", "check-" + Widgets.kind(c.status()));
        row.setId("check-" + c.id());
        return row;
    }
}
