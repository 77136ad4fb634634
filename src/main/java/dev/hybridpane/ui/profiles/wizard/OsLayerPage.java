package dev.hybridpane.ui.profiles.wizard;

import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.code;
import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.field;
import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.help;
import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.textArea;
import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.textField;

import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.profile.OsMode;
import dev.hybridpane.ui.common.Widgets;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The OS step's page: agent mode's fields, or appliance mode's image and generated files. */
final class OsLayerPage {
    private OsLayerPage() {
    }

    static Node page(ProfileWizardViewModel vm) {
        OsLayerStepViewModel os = vm.os();
        ToggleGroup g = new ToggleGroup();
        RadioButton agent = new RadioButton("Agent mode: the host keeps its own OS; HybridPane ensures what is listed here");
        RadioButton appliance = new RadioButton("Appliance mode: the host is built from a provider image made for nodeadm");
        agent.setId("pwiz-os-agent");
        appliance.setId("pwiz-os-appliance");
        agent.setToggleGroup(g);
        appliance.setToggleGroup(g);
        (os.modeProperty().get() == OsMode.APPLIANCE ? appliance : agent).setSelected(true);
        g.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                os.modeProperty().set(b == appliance ? OsMode.APPLIANCE : OsMode.AGENT);
            }
        });
        os.modeProperty().addListener((o, a, b) -> (b == OsMode.APPLIANCE ? appliance : agent).setSelected(true));
        VBox mode = field("Mode", new VBox(6, agent, appliance), null,
                os.errorProperty(OsLayerStepViewModel.MODE), os.warningProperty(OsLayerStepViewModel.MODE));

        Node agentBox = agent(os);
        Node applianceBox = appliance(os);
        agentBox.visibleProperty().bind(agent.selectedProperty());
        agentBox.managedProperty().bind(agentBox.visibleProperty());
        applianceBox.visibleProperty().bind(appliance.selectedProperty());
        applianceBox.managedProperty().bind(applianceBox.visibleProperty());
        Node other = ProfileWizardParts.fieldError(os.errorProperty(FieldMessages.OTHER));
        VBox page = new VBox(16, mode, agentBox, applianceBox, other);
        page.setId("pwiz-os");
        return page;
    }

    private static Node agent(OsLayerStepViewModel os) {
        VBox packages = field("Packages", textArea("pwiz-os-packages", "chrony", os.packagesProperty(), 4, true),
                "One package a line, as the host's package manager names it.",
                os.errorProperty(OsLayerStepViewModel.PACKAGES), os.warningProperty(OsLayerStepViewModel.PACKAGES));
        VBox ntp = field("NTP servers", textArea("pwiz-os-ntp", "time.example.com", os.ntpServersProperty(), 4, true),
                "One host name or address a line (chrony).",
                os.errorProperty(OsLayerStepViewModel.NTP), os.warningProperty(OsLayerStepViewModel.NTP));
        HBox.setHgrow(packages, Priority.ALWAYS);
        HBox.setHgrow(ntp, Priority.ALWAYS);
        packages.setPrefWidth(10);
        ntp.setPrefWidth(10);
        HBox lists = new HBox(16, packages, ntp);
        VBox sysctl = field("sysctl", textArea("pwiz-os-sysctl", "net.core.somaxconn=1024", os.sysctlProperty(), 3, true),
                "key=value, one a line. nodeadm's own values (net.ipv4.ip_forward=1, kernel.panic=10…) win over these.",
                os.errorProperty(OsLayerStepViewModel.SYSCTL), os.warningProperty(OsLayerStepViewModel.SYSCTL));
        VBox cloud = field("cloud-config", textArea("pwiz-os-cloud-config", "#cloud-config",
                        os.cloudConfigProperty(), 6, true),
                "Optional: a cloud-init customization that begins with the line #cloud-config, with write_files: and runcmd:.",
                os.errorProperty(OsLayerStepViewModel.CLOUD_CONFIG), os.warningProperty(OsLayerStepViewModel.CLOUD_CONFIG));
        return new VBox(16, lists, sysctl, files(os), cloud);
    }

    private static Node files(OsLayerStepViewModel os) {
        VBox rows = new VBox(10);
        Runnable fill = () -> {
            rows.getChildren().clear();
            for (int i = 0; i < os.files().size(); i++) {
                rows.getChildren().add(fileRow(os, os.files().get(i), i));
            }
        };
        // rows are rebuilt only when files come or go, not on every keystroke in one of them
        os.files().addListener((ListChangeListener<ExtraFileViewModel>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    fill.run();
                    return;
                }
            }
        });
        fill.run();
        Button add = new Button("Add file", Widgets.icon(Feather.PLUS, null));
        add.setId("pwiz-os-add-file");
        add.getStyleClass().add(Styles.SMALL);
        add.setOnAction(e -> os.addFile());
        return field("Extra files", new VBox(8, rows, add), "Files written on the host: an absolute path, octal permissions "
                + "and the text content.", os.errorProperty(OsLayerStepViewModel.FILES),
                os.warningProperty(OsLayerStepViewModel.FILES));
    }

    private static Node fileRow(OsLayerStepViewModel os, ExtraFileViewModel f, int i) {
        TextField path = textField("pwiz-os-file-path-" + i, "/etc/example.conf", f.pathProperty());
        TextField perms = textField("pwiz-os-file-permissions-" + i, "0644", f.permissionsProperty());
        perms.setPrefColumnCount(5);
        HBox.setHgrow(path, Priority.ALWAYS);
        Button remove = new Button(null, Widgets.icon(Feather.TRASH_2, null));
        remove.setId("pwiz-os-file-remove-" + i);
        remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        remove.setOnAction(e -> os.removeFile(f));
        HBox head = new HBox(8, path, perms, remove);
        head.setAlignment(Pos.CENTER_LEFT);
        TextArea content = textArea("pwiz-os-file-content-" + i, "content", f.contentProperty(), 3, true);
        VBox row = new VBox(6, head, content, ProfileWizardParts.fieldError(f.errorProperty()));
        row.getStyleClass().add("wizard-panel");
        return row;
    }

    private static Node appliance(OsLayerStepViewModel os) {
        VBox image = field("Image reference", textField("pwiz-os-image",
                        "registry.example.com/edge/ubuntu-nodeadm:1.31", os.imageProperty()),
                "The provider image built for nodeadm, with a tag or digest so every repave gets the same image.",
                os.errorProperty(OsLayerStepViewModel.IMAGE), os.warningProperty(OsLayerStepViewModel.IMAGE));
        VBox args = code("pwiz-os-arg", "Image build arguments (.arg)", os.argFileProperty(), 2);
        VBox userData = code("pwiz-os-user-data", "Installer user-data", new ReadOnlyStringWrapper(os.installerUserData()), 10);
        return new VBox(16, image, args, help("K8S_VERSION follows the Kubernetes step. The user-data keeps "
                + "nodeadm's, containerd's and the credential providers' files across upgrades and repaves (bind "
                + "mounts under /eks-hybrid)."), userData);
    }
}
