package dev.hybridpane.ui.pools.wizard;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.ui.wizard.FormParts;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The Cluster and name, Profile and Nodes pages of the pool wizard, and the parts its pages share. */
final class PoolWizardPages {
    private PoolWizardPages() {
    }

    static Node name(PoolWizardViewModel vm) {
        PoolNameStepViewModel n = vm.name();
        ComboBox<Cluster> cluster = new ComboBox<>(n.clusters());
        cluster.setId("pwiz2-cluster");
        cluster.setPromptText("Choose a hybrid-enabled cluster");
        cluster.setConverter(new StringConverter<>() {
            @Override
            public String toString(Cluster c) {
                return c == null ? "" : c.name() + " · " + c.region() + " · Kubernetes " + c.version();
            }

            @Override
            public Cluster fromString(String s) {
                return null;
            }
        });
        cluster.valueProperty().bindBidirectional(n.clusterProperty());
        cluster.setMaxWidth(Double.MAX_VALUE);
        TextField poolName = new TextField();
        poolName.setId("pwiz2-name");
        poolName.setPromptText("edge-gpu");
        poolName.textProperty().bindBidirectional(n.nameProperty());
        ComboBox<String> site = new ComboBox<>(n.sites());
        site.setId("pwiz2-site");
        site.setPromptText("Choose a site");
        site.valueProperty().bindBidirectional(n.siteProperty());
        site.setMaxWidth(Double.MAX_VALUE);
        Message error = FormParts.errorMessage(vm.errorProperty());
        error.setId("pwiz2-error");
        VBox page = new VBox(16,
                field("Cluster", cluster, "Only clusters with hybrid nodes enabled (remote node networks) are offered.", null, null),
                field("Pool name", poolName, "Lower-case letters, digits and '-': the HybridNodePool object's name and the "
                        + "value of the hybridpane.dev/pool label on its nodes.", n.nameErrorProperty(), null),
                field("Site", site, "The pool's hosts are at this site (Edge Hosts).", null, n.siteNoteProperty()),
                error);
        page.setId("pwiz2-name-page");
        return page;
    }

    static Node profile(PoolWizardViewModel vm) {
        PoolProfileStepViewModel p = vm.profile();
        ComboBox<String> profile = new ComboBox<>(p.profiles());
        profile.setId("pwiz2-profile");
        profile.valueProperty().bindBidirectional(p.profileProperty());
        profile.setMaxWidth(Double.MAX_VALUE);
        ComboBox<Integer> version = new ComboBox<>(p.versions());
        version.setId("pwiz2-version");
        version.valueProperty().bindBidirectional(p.versionProperty());
        version.setButtonCell(versionCell());
        version.setCellFactory(l -> versionCell());
        version.setMaxWidth(Double.MAX_VALUE);
        VBox profileBox = field("Profile", profile, null, null, p.noteProperty());
        VBox versionBox = field("Version", version, null, p.versionErrorProperty(), p.versionWarningProperty());
        for (VBox b : new VBox[] {profileBox, versionBox}) {
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setPrefWidth(10);
        }
        Label details = new Label();
        details.setId("pwiz2-profile-details");
        details.setWrapText(true);
        details.textProperty().bind(p.detailsProperty());
        details.getStyleClass().add(Styles.TEXT_BOLD);
        VBox page = new VBox(16, new HBox(16, profileBox, versionBox), new VBox(4, FormParts.label("This version makes"),
                details), FormParts.help("The profile is the blueprint of the pool's nodes: its OS, Kubernetes and Network "
                + "layers. The pool records the version; a newer one is offered later as an update."));
        page.setId("pwiz2-profile-page");
        return page;
    }

    private static ListCell<Integer> versionCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Integer v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : "Version " + v);
            }
        };
    }

    static Node nodes(PoolWizardViewModel vm) {
        PoolNodeStepViewModel n = vm.nodes();
        ComboBox<String> arch = new ComboBox<>();
        arch.getItems().setAll(PoolNodeStepViewModel.ARCHITECTURES);
        arch.setId("pwiz2-arch");
        arch.valueProperty().bindBidirectional(n.architectureProperty());
        VBox page = new VBox(16,
                field("Labels", area("pwiz2-labels", "workload=gpu", n.labelsProperty()), "key=value, one a line (or "
                        + "separated by commas). HybridPane adds hybridpane.dev/pool, site, profile and profile-version itself.",
                        n.labelsErrorProperty(), null),
                field("Taints", area("pwiz2-taints", "dedicated=gpu:NoSchedule", n.taintsProperty()), "key=value:Effect or "
                        + "key:Effect, one a line; Effect is NoSchedule, PreferNoSchedule or NoExecute.",
                        n.taintsErrorProperty(), null),
                field("Architecture", arch, "Hosts of another architecture are not offered.", n.architectureErrorProperty(), null),
                field("NTP servers", area("pwiz2-ntp", "time.example.net", n.ntpProperty()), "Set on each host (chrony), "
                        + "one a line; empty keeps the host's own.", n.ntpErrorProperty(), null));
        page.setId("pwiz2-nodes-page");
        return page;
    }

    static TextArea area(String id, String prompt, StringProperty text) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setPromptText(prompt);
        a.setPrefRowCount(3);
        a.getStyleClass().add("code-area");
        a.textProperty().bindBidirectional(text);
        return a;
    }

    /**
     * A field: its label, the input, an optional help line, then its error and warning, hidden while null. The
     * error's id is the input's id + "-error", the warning's + "-warning".
     */
    static VBox field(String label, Node input, String help, ObservableStringValue error, ObservableStringValue warning) {
        VBox box = new VBox(4, FormParts.label(label), input);
        if (help != null) {
            box.getChildren().add(FormParts.help(help));
        }
        if (error != null) {
            Label e = FormParts.fieldError(error);
            e.setId(input.getId() + "-error");
            box.getChildren().add(e);
            if (input instanceof TextInputControl) {
                error.addListener((o, a, b) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, b != null));
            }
        }
        if (warning != null) {
            Label w = FormParts.fieldWarning(warning);
            w.setId(input.getId() + "-warning");
            box.getChildren().add(w);
        }
        return box;
    }
}
