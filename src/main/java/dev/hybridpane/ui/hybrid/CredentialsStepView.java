package dev.hybridpane.ui.hybrid;

import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.ui.common.Widgets;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/** Step b): SSM or Roles Anywhere, the role and its policies, and for Roles Anywhere the CA, names and session. */
final class CredentialsStepView extends VBox {

    CredentialsStepView(CredentialsStepViewModel vm) {
        super(14);
        setId("enable-credentials");
        ToggleGroup g = new ToggleGroup();
        RadioButton ssm = new RadioButton(CredentialProvider.SSM.label());
        ssm.setId("cred-ssm");
        RadioButton ra = new RadioButton(CredentialProvider.IAM_RA.label());
        ra.setId("cred-ra");
        ssm.setToggleGroup(g);
        ra.setToggleGroup(g);
        ssm.setSelected(vm.providerProperty().get() == CredentialProvider.SSM);
        ra.setSelected(vm.providerProperty().get() == CredentialProvider.IAM_RA);
        g.selectedToggleProperty().addListener((o, a, b) -> vm.providerProperty().set(b == ra ? CredentialProvider.IAM_RA
                : CredentialProvider.SSM));
        VBox providers = new VBox(6, WizardParts.label("Credential provider"), new HBox(18, ssm, ra),
                WizardParts.help("SSM: each node registers with a one-time hybrid activation. Roles Anywhere: each node presents "
                        + "a certificate signed by your CA (not on Ubuntu 20.04 or RHEL 8)."));

        TextField role = new TextField();
        role.setId("cred-role");
        role.setPrefColumnCount(30);
        role.textProperty().bindBidirectional(vm.roleNameProperty());
        VBox roleBox = new VBox(4, WizardParts.label("Hybrid nodes IAM role"), role, WizardParts.fieldError(vm.roleNameErrorProperty()));

        VBox raBox = rolesAnywhere(vm);
        raBox.visibleProperty().bind(ra.selectedProperty());
        raBox.managedProperty().bind(raBox.visibleProperty());

        getChildren().addAll(providers, roleBox, raBox,
                WizardParts.code("Trust policy", vm.trustPolicyProperty(), "trust-policy.json", 9),
                WizardParts.code("Permission policies", vm.permissionsProperty(), "permission-policies.txt", 9));
    }

    private static VBox rolesAnywhere(CredentialsStepViewModel vm) {
        ToggleGroup g = new ToggleGroup();
        RadioButton imp = new RadioButton("Import a CA certificate (PEM)");
        RadioButton gen = new RadioButton("Generate a new CA on this workstation");
        imp.setToggleGroup(g);
        gen.setToggleGroup(g);
        imp.setSelected(!vm.generateCaProperty().get());
        gen.setSelected(vm.generateCaProperty().get());
        gen.selectedProperty().addListener((o, a, b) -> vm.generateCaProperty().set(b));
        Button choose = new Button("Choose certificate…", Widgets.icon(Feather.FILE, null));
        choose.setId("cred-ca-import");
        choose.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PEM certificate", "*.pem", "*.crt", "*.cer"));
            File f = fc.showOpenDialog(choose.getScene().getWindow());
            if (f != null) {
                vm.importCertificate(f.toPath());
            }
        });
        choose.visibleProperty().bind(imp.selectedProperty());
        choose.managedProperty().bind(choose.visibleProperty());
        Button generate = new Button("Generate CA and save key…", Widgets.icon(Feather.KEY, null));
        generate.setId("cred-ca-generate");
        generate.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Where to keep the CA private key");
            fc.setInitialFileName("hybridpane-ca.key");
            File f = fc.showSaveDialog(generate.getScene().getWindow());
            if (f != null) {
                vm.generate(f.toPath());
            }
        });
        Label keyNote = WizardParts.help("The private key is written only to the file you choose (owner-only permissions). "
                + "It stays on this workstation: it is never uploaded, shown or logged. Only the certificate goes to AWS.");
        VBox genBox = new VBox(6, generate, keyNote);
        genBox.visibleProperty().bind(gen.selectedProperty());
        genBox.managedProperty().bind(genBox.visibleProperty());
        Label status = new Label();
        status.setId("cred-ca-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.caStatusProperty());
        status.setGraphic(Widgets.icon(Feather.SHIELD, null));
        status.getStyleClass().add("ca-status");
        status.getStyleClass().add(vm.certificateProperty().get() == null ? Styles.TEXT_MUTED : Styles.SUCCESS);
        vm.certificateProperty().addListener((o, a, b) -> {
            status.getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.SUCCESS);
            status.getStyleClass().add(b == null ? Styles.TEXT_MUTED : Styles.SUCCESS);
        });

        TextField anchor = new TextField();
        anchor.textProperty().bindBidirectional(vm.trustAnchorNameProperty());
        TextField profile = new TextField();
        profile.textProperty().bindBidirectional(vm.profileNameProperty());
        TextField session = new TextField();
        session.setId("cred-session");
        session.setPrefColumnCount(8);
        session.textProperty().bindBidirectional(vm.sessionSecondsProperty());
        Label hours = new Label();
        hours.getStyleClass().add(Styles.TEXT_MUTED);
        hours.textProperty().bind(Bindings.createStringBinding(() -> {
            int s = vm.sessionSecondsValue();
            return s > 0 ? String.format("seconds (%.1f h; at most 12 h)", s / 3600.0) : "seconds (at most 12 h)";
        }, vm.sessionSecondsProperty()));
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, WizardParts.label("Trust anchor name"), anchor);
        grid.addRow(1, WizardParts.label("Profile name"), profile);
        HBox sessionRow = new HBox(8, session, hours);
        sessionRow.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(2, WizardParts.label("Session duration"), sessionRow);
        grid.add(WizardParts.fieldError(vm.sessionErrorProperty()), 1, 3);
        VBox box = new VBox(8, WizardParts.label("Certificate authority"), new HBox(18, imp, gen), choose, genBox, status,
                WizardParts.fieldError(vm.caErrorProperty()), grid, WizardParts.fieldError(vm.namesErrorProperty()));
        box.getStyleClass().add("wizard-panel");
        return box;
    }
}
