package dev.hybridpane.ui.pools.wizard;

import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.wizard.FormParts;
import java.io.File;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Hosts page: the site's hosts as a grid (choose, host, address, system, checks, whether it is offered and why
 * not, VPN server IP; hovering a host or its state shows every check and reason), then how the hosts are reached,
 * how many at once, and for an iam-ra profile the CA's key.
 */
final class PoolHostsPage {
    private PoolHostsPage() {
    }

    static Node page(PoolWizardViewModel vm) {
        PoolHostsStepViewModel h = vm.hosts();
        Label summary = new Label();
        summary.setId("pwiz2-hosts-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(h.summaryProperty());
        GridPane grid = new GridPane();
        grid.setId("pwiz2-hosts");
        grid.setHgap(12);
        grid.setVgap(6);
        grid.getStyleClass().add("pool-hosts");
        Runnable fill = () -> fill(grid, h);
        h.hosts().addListener((ListChangeListener<HostChoice>) c -> fill.run());
        fill.run();

        TextField key = new TextField();
        key.setId("pwiz2-ssh-key");
        key.textProperty().bindBidirectional(h.keyFileProperty());
        PasswordField pass = new PasswordField();
        pass.setId("pwiz2-ssh-passphrase");
        pass.setPromptText("only if the key is encrypted");
        pass.textProperty().addListener((o, a, b) -> h.passphrase(b.toCharArray()));
        HBox keyRow = new HBox(8, key, browse("pwiz2-ssh-key-browse", h.keyFileProperty()), pass);
        HBox.setHgrow(key, Priority.ALWAYS);
        Spinner<Integer> parallel = new Spinner<>(1, 64, h.parallelismProperty().get());
        parallel.setId("pwiz2-parallel");
        parallel.setEditable(true);
        parallel.setPrefWidth(90);
        parallel.valueProperty().addListener((o, a, b) -> h.parallelismProperty().set(b == null ? 0 : b));

        TextField ca = new TextField();
        ca.setId("pwiz2-ca-key");
        ca.setPromptText("the CA private key (PEM) chosen when hybrid mode was enabled");
        ca.textProperty().bindBidirectional(h.caKeyFileProperty());
        PasswordField caPass = new PasswordField();
        caPass.setId("pwiz2-ca-passphrase");
        caPass.setPromptText("passphrase, if any");
        caPass.textProperty().addListener((o, a, b) -> h.caPassphrase(b.toCharArray()));
        HBox caRow = new HBox(8, ca, browse("pwiz2-ca-key-browse", h.caKeyFileProperty()), caPass);
        HBox.setHgrow(ca, Priority.ALWAYS);
        VBox caBox = PoolWizardPages.field("Roles Anywhere CA key", caRow, "The profile uses IAM Roles Anywhere: each host "
                + "gets a certificate (CN = its node name) issued from this CA. The key and passphrase stay in memory only.",
                h.caKeyErrorProperty(), null);
        caBox.setId("pwiz2-ca");
        caBox.visibleProperty().bind(h.rolesAnywhereProperty());
        caBox.managedProperty().bind(caBox.visibleProperty());

        VBox page = new VBox(16, summary, grid,
                PoolWizardPages.field("SSH key", keyRow, "The key the Edge Hosts view logs in to these hosts with ('agent': "
                        + "ssh-agent). A passphrase is kept in memory only.", h.keyFileErrorProperty(), null),
                PoolWizardPages.field("Hosts at once", parallel, "How many hosts are set up in parallel.", null, null),
                caBox);
        page.setId("pwiz2-hosts-page");
        return page;
    }

    private static Button browse(String id, StringProperty into) {
        Button b = new Button("Browse…", Widgets.icon(Feather.FOLDER, null));
        b.setId(id);
        b.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose a private key file");
            File f = chooser.showOpenDialog(b.getScene().getWindow());
            if (f != null) {
                into.set(f.getPath());
            }
        });
        return b;
    }

    private static void fill(GridPane grid, PoolHostsStepViewModel h) {
        grid.getChildren().clear();
        grid.getColumnConstraints().setAll(fit(), fit(), fit(), fit(), grow(), new ColumnConstraints(130));
        String[] heads = {"Host", "Address", "System", "Checks", "Offered", "VPN server IP"};
        for (int i = 0; i < heads.length; i++) {
            Label l = FormParts.label(heads[i]);
            grid.add(l, i, 0);
        }
        int row = 1;
        for (HostChoice c : h.hosts()) {
            CheckBox pick = new CheckBox(c.name());
            pick.setId("pwiz2-host-" + c.name());
            pick.setDisable(!c.offered());
            pick.selectedProperty().bindBidirectional(c.selectedProperty());
            Widgets.lazyTooltip(pick, c.details());
            Label address = new Label(c.address());
            address.getStyleClass().add("mono");
            Label system = new Label(c.system());
            Label checks = new Label(c.checkSummary());
            checks.getStyleClass().add(Styles.TEXT_MUTED);
            Widgets.lazyTooltip(checks, c.details());
            Label state = c.offered()
                    ? Widgets.pill(c.warnings().isEmpty() ? "Offered" : "Offered · " + c.warnings().size() + " warning"
                            + (c.warnings().size() > 1 ? "s" : ""), c.warnings().isEmpty() ? Styles.SUCCESS : Styles.WARNING)
                    : new Label(c.blocked().get(0) + (c.blocked().size() > 1 ? " (+" + (c.blocked().size() - 1) + " more)" : ""));
            state.setId("pwiz2-host-" + c.name() + "-state");
            if (!c.offered()) {
                state.setWrapText(true);
                state.getStyleClass().addAll(Styles.TEXT_SMALL, "field-error");
                state.setGraphic(Widgets.icon(Feather.SLASH, "icon-danger"));
            }
            Widgets.lazyTooltip(state, c.details());
            TextField vpn = new TextField();
            vpn.setId("pwiz2-host-" + c.name() + "-vpn");
            vpn.setPromptText("optional");
            vpn.textProperty().bindBidirectional(c.vpnProperty());
            vpn.disableProperty().bind(c.selectedProperty().not());
            vpn.visibleProperty().set(c.offered());
            grid.addRow(row++, pick, address, system, checks, state, vpn);
            Label vpnError = FormParts.fieldError(c.vpnErrorProperty());
            vpnError.setId("pwiz2-host-" + c.name() + "-vpn-error");
            vpnError.setAlignment(Pos.CENTER_RIGHT);
            grid.add(vpnError, 1, row++, 5, 1);
        }
    }

    /** A column as wide as its widest cell. */
    private static ColumnConstraints fit() {
        ColumnConstraints c = new ColumnConstraints();
        c.setMinWidth(Region.USE_PREF_SIZE);
        return c;
    }

    private static ColumnConstraints grow() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        c.setMinWidth(120);
        return c;
    }
}
