package dev.hybridpane.ui.hosts;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SiteRules;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Create or edit a site: its node and pod CIDRs (inside the cluster's remote networks), VPN gateway, NTP servers. */
final class SitesDialog extends HostModal {
    static final String NEW = "New site…";

    private final HostModals modals;
    private final ComboBox<String> choose = new ComboBox<>();
    private final TextField name = tf("site-name", "dallas-dc");
    private final TextField description = tf("site-description", "Dallas data centre, rack 14");
    private final TextField nodeCidrs = tf("site-node-cidrs", "10.200.1.0/24");
    private final TextField podCidrs = tf("site-pod-cidrs", "10.201.1.0/24 (optional)");
    private final TextField vpn = tf("site-vpn", "10.200.1.254 (optional)");
    private final TextField ntp = tf("site-ntp", "time.aws.com, 10.200.1.2 (optional)");
    private final Label nameError = HostDialogs.errorLabel("site-name-error");
    private final Label nodeError = HostDialogs.errorLabel("site-node-cidrs-error");
    private final Label podError = HostDialogs.errorLabel("site-pod-cidrs-error");
    private final Label vpnError = HostDialogs.errorLabel("site-vpn-error");
    private final Label ntpError = HostDialogs.errorLabel("site-ntp-error");
    private final Message saved = new Message();

    /** @param modals where the delete confirmation opens, as a step of this page's flow */
    SitesDialog(SiteEditViewModel vm, HostModals modals) {
        super("sites-dialog", "Sites", header(vm.cluster()));
        this.modals = modals;
        choose.setId("site-choose");
        choose.getItems().add(NEW);
        vm.sites().forEach(s -> choose.getItems().add(s.name()));
        choose.getSelectionModel().select(0);
        choose.setMaxWidth(Double.MAX_VALUE);
        choose.valueProperty().addListener((o, a, b) -> fill(vm, b));
        GridPane g = HostDialogs.form();
        HostDialogs.row(g, 0, "Site", choose, null);
        HostDialogs.row(g, 1, "Name", name, nameError);
        HostDialogs.row(g, 2, "Description", description, null);
        HostDialogs.row(g, 3, "Node CIDRs", nodeCidrs, nodeError);
        HostDialogs.row(g, 4, "Pod CIDRs", podCidrs, podError);
        HostDialogs.row(g, 5, "VPN gateway", vpn, vpnError);
        HostDialogs.row(g, 6, "NTP servers", ntp, ntpError);
        saved.setId("site-saved");
        saved.managedProperty().bind(saved.visibleProperty());
        saved.setVisible(false);
        Button delete = new Button("Delete site…");
        delete.setId("site-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.disableProperty().bind(choose.valueProperty().isEqualTo(NEW));
        delete.setOnAction(e -> delete(vm, choose.getValue()));
        setPrefWidth(640);
        setBody(new VBox(12, g, delete, saved));
        setFocus(name);
        dismissButton("Close", "site-close");
        button("Save site", "site-save", () -> save(vm)).setDefaultButton(true);
    }

    private static String header(Cluster c) {
        return c == null ? "Sites" : "Sites of " + c.name() + ": remote node networks " + String.join(", ",
                c.remoteNodeCidrs()) + (c.remotePodCidrs().isEmpty() ? "" : ", pod networks " + String.join(", ", c.remotePodCidrs()));
    }

    private void save(SiteEditViewModel vm) {
        boolean creating = NEW.equals(choose.getValue());
        Site s = new Site(name.getText().strip(), description.getText().strip(), SiteRules.items(nodeCidrs.getText()),
                SiteRules.items(podCidrs.getText()), vpn.getText().strip(), SiteRules.items(ntp.getText()));
        Map<String, String> errors = vm.save(s, creating);
        nameError.setText(errors.getOrDefault(SiteRules.NAME, ""));
        nodeError.setText(errors.getOrDefault(SiteRules.NODE_CIDRS, ""));
        podError.setText(errors.getOrDefault(SiteRules.POD_CIDRS, ""));
        vpnError.setText(errors.getOrDefault(SiteRules.VPN, ""));
        ntpError.setText(errors.getOrDefault(SiteRules.NTP, ""));
        Map<TextField, String> fields = Map.of(name, SiteRules.NAME, nodeCidrs, SiteRules.NODE_CIDRS,
                podCidrs, SiteRules.POD_CIDRS, vpn, SiteRules.VPN, ntp, SiteRules.NTP);
        fields.forEach((field, key) -> field.pseudoClassStateChanged(Styles.STATE_DANGER, errors.containsKey(key)));
        if (errors.isEmpty()) {
            status(true, "Saved " + s.name() + ".");
            if (creating) {
                choose.getItems().add(s.name());
                choose.getSelectionModel().select(0);
                fill(vm, NEW);
            }
        } else {
            status(true, "");
        }
    }

    /** Asks (a step over this page), then deletes the chosen site; a site with hosts is refused with the reason. */
    private void delete(SiteEditViewModel vm, String site) {
        HostModal confirm = new HostModal("site-delete-dialog", "Delete " + site + "?",
                "Delete site " + site + " from the cluster's inventory? Hosts and nodes are not touched.");
        confirm.dismissButton("Cancel", "site-delete-cancel").setDefaultButton(true);
        confirm.button("Delete site", "site-delete-ok", () -> {
            confirm.close();
            var refused = vm.delete(site);
            if (refused.isPresent()) {
                status(false, refused.get());
            } else {
                status(true, "Deleted " + site + ".");
                choose.getSelectionModel().select(NEW);
                choose.getItems().remove(site);
            }
        }).getStyleClass().add(Styles.DANGER);
        confirm.setPrefWidth(480);
        modals.open(confirm);
    }

    private void status(boolean ok, String text) {
        saved.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        saved.getStyleClass().add(ok ? Styles.SUCCESS : Styles.DANGER);
        saved.setDescription(text);
        saved.setVisible(!text.isEmpty());
    }

    private void fill(SiteEditViewModel vm, String site) {
        Site s = vm.sites().stream().filter(x -> x.name().equals(site)).findFirst().orElse(null);
        name.setText(s == null ? "" : s.name());
        name.setEditable(s == null);
        description.setText(s == null ? "" : s.description());
        nodeCidrs.setText(s == null ? "" : String.join(", ", s.nodeCidrs()));
        podCidrs.setText(s == null ? "" : String.join(", ", s.podCidrs()));
        vpn.setText(s == null ? "" : s.vpnGateway());
        ntp.setText(s == null ? "" : String.join(", ", s.ntpServers()));
    }

    private static TextField tf(String id, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        return t;
    }
}
