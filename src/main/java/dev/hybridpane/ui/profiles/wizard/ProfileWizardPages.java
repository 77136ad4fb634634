package dev.hybridpane.ui.profiles.wizard;

import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.code;
import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.field;
import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.help;
import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.textArea;
import static dev.hybridpane.ui.profiles.wizard.ProfileWizardParts.textField;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.ui.common.Widgets;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The Profile, Network and Review pages of the profile wizard. */
final class ProfileWizardPages {
    private ProfileWizardPages() {
    }

    static Node profile(ProfileWizardViewModel vm) {
        ProfileNameStepViewModel p = vm.profile();
        TextField name = textField("pwiz-name", "store-pos", p.nameProperty());
        name.setEditable(!p.isNewVersion());
        name.setPrefColumnCount(28);
        VBox nameBox = field("Name", name, p.isNewVersion() ? null : "Lower-case letters, digits, '-' and '.': the name of "
                + "its ClusterProfile object in " + p.clusterName() + ".", p.nameErrorProperty(), null);
        VBox page = new VBox(16, nameBox);
        if (p.isNewVersion()) {
            name.getStyleClass().add(Styles.TEXT_MUTED);
            page.getChildren().add(ProfileWizardParts.note(p.basedOn()));
        } else {
            page.getChildren().add(help("A profile is the blueprint of a pool's hybrid nodes: its OS, Kubernetes and "
                    + "Network layers. Saving stores version 1 in the cluster, where every workstation sees it."));
        }
        Message error = ProfileWizardParts.errorMessage(vm.errorProperty());
        error.setId("pwiz-error");
        page.getChildren().add(error);
        page.setId("pwiz-profile");
        return page;
    }

    static Node network(ProfileWizardViewModel vm) {
        NetworkLayerStepViewModel n = vm.network();
        ComboBox<CniKind> cni = KubernetesLayerPage.choice("pwiz-net-cni", CniKind.values(), n.cniProperty(), CniKind::label);
        VBox cniBox = field("CNI", cni, null, n.errorProperty(NetworkLayerStepViewModel.CNI),
                n.warningProperty(NetworkLayerStepViewModel.CNI));
        VBox versionBox = field("Version", textField("pwiz-net-version", "1.17.6-0", n.versionProperty()),
                null, n.errorProperty(NetworkLayerStepViewModel.VERSION), n.warningProperty(NetworkLayerStepViewModel.VERSION));
        for (VBox b : new VBox[] {cniBox, versionBox}) {
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setPrefWidth(10);
        }
        CheckBox affinity = new CheckBox("Hybrid node affinity: run this CNI only on hybrid nodes");
        affinity.setId("pwiz-net-affinity");
        affinity.selectedProperty().bindBidirectional(n.hybridAffinityProperty());
        VBox affinityBox = field("Placement", affinity, null, n.errorProperty(NetworkLayerStepViewModel.AFFINITY),
                n.warningProperty(NetworkLayerStepViewModel.AFFINITY));
        String prefilled = n.remotePodCidrs().isEmpty() ? "The cluster has no remote pod networks yet."
                : "The cluster's remote pod networks: " + String.join(", ", n.remotePodCidrs()) + ".";
        VBox pods = field("IPAM pod CIDRs", textArea("pwiz-net-pod-cidrs", "10.201.0.0/16", n.podCidrsProperty(), 3, true),
                "One CIDR a line, for the CNI's cluster-pool IPAM. " + prefilled,
                n.errorProperty(NetworkLayerStepViewModel.POD_CIDRS), n.warningProperty(NetworkLayerStepViewModel.POD_CIDRS));
        CheckBox bgp = new CheckBox("BGP: advertise the pod CIDRs to the on-premises routers");
        bgp.setId("pwiz-net-bgp");
        bgp.selectedProperty().bindBidirectional(n.bgpProperty());
        Node other = ProfileWizardParts.fieldError(n.errorProperty(FieldMessages.OTHER));
        VBox page = new VBox(16, new HBox(16, cniBox, versionBox), affinityBox, pods, bgp,
                help("On the node side this layer is a record; the console compares it with the CNI the cluster runs."),
                other);
        page.setId("pwiz-network");
        return page;
    }

    static Node review(ProfileWizardViewModel vm) {
        VBox page = new VBox(14);
        page.setId("pwiz-review");
        Message outcome = ProfileWizardParts.notice(vm.outcomeProperty(), Feather.CHECK_CIRCLE, Styles.SUCCESS, true);
        outcome.setId("pwiz-outcome");
        Message error = ProfileWizardParts.errorMessage(vm.errorProperty());
        error.setId("pwiz-save-error");
        VBox warnings = new VBox(4);
        warnings.setId("pwiz-warnings");
        Runnable fill = () -> {
            warnings.getChildren().setAll(ProfileWizardParts.label("Warnings (they do not block the save)"));
            for (ProfileProblem w : vm.warnings()) {
                Label l = new Label(w.field() + ": " + w.message());
                l.setWrapText(true);
                l.getStyleClass().addAll("field-warning", Styles.TEXT_SMALL);
                l.setGraphic(Widgets.icon(Feather.ALERT_TRIANGLE, "icon-warning"));
                l.setAlignment(Pos.TOP_LEFT);
                warnings.getChildren().add(l);
            }
        };
        vm.warnings().addListener((ListChangeListener<ProfileProblem>) c -> fill.run());
        fill.run();
        warnings.visibleProperty().bind(Bindings.isNotEmpty(vm.warnings()));
        warnings.managedProperty().bind(warnings.visibleProperty());
        page.getChildren().addAll(outcome, error);
        Label note = help("");
        note.setId("pwiz-review-note");
        note.textProperty().bind(vm.reviewNoteProperty());
        note.visibleProperty().bind(vm.finishedProperty().not());
        note.managedProperty().bind(note.visibleProperty());
        page.getChildren().add(note);
        if (vm.profile().isNewVersion()) {
            page.getChildren().add(code("pwiz-diff", "Changes from version " + vm.profile().baseVersion(), vm.diffProperty(), 6));
        }
        page.getChildren().addAll(warnings, code("pwiz-yaml", "The ClusterProfile that will be stored", vm.yamlProperty(), 16));
        return page;
    }
}
