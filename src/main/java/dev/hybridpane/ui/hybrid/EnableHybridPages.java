package dev.hybridpane.ui.hybrid;

import atlantafx.base.theme.Styles;
import dev.hybridpane.core.hybrid.HybridStatusItem;
import dev.hybridpane.core.hybrid.NodeAccess;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The pages of the enable-hybrid wizard's own steps; {@link EnableHybridViewModel} names one per step. */
final class EnableHybridPages {
    private EnableHybridPages() {
    }

    static Node networks(EnableHybridViewModel vm) {
        NetworkStepViewModel n = vm.networks();
        Label vpc = WizardParts.help("");
        vpc.textProperty().bind(Bindings.createStringBinding(() -> vm.reviewProperty().get() == null ? ""
                : "They must be RFC 1918, /8 to /32, and must not overlap the VPC (" + String.join(", ", n.vpcCidrs())
                        + "), the service CIDR (" + n.serviceCidr() + ") or each other.", vm.reviewProperty()));
        VBox nodes = new VBox(6, WizardParts.label("Remote node CIDRs"),
                WizardParts.help("The on-premises subnets your hybrid nodes' IPs come from."),
                new CidrListView("node-cidr", n.nodes(), n::addNode, n::remove, "Add node CIDR"),
                WizardParts.fieldError(n.nodesMessageProperty()));
        VBox pods = new VBox(6, WizardParts.label("Remote pod CIDRs"),
                WizardParts.help("The ranges the CNI gives pods on hybrid nodes. Needed for webhooks on hybrid nodes."),
                new CidrListView("pod-cidr", n.pods(), n::addPod, n::remove, "Add pod CIDR"),
                WizardParts.fieldWarning(n.podsWarningProperty()));
        HBox lists = new HBox(40, nodes, pods);
        VBox page = new VBox(16, lists, vpc, error(vm));
        page.setId("enable-networks");
        return page;
    }

    private static Node error(EnableHybridViewModel vm) {
        return WizardParts.errorMessage(vm.errorProperty());
    }

    static Node access(EnableHybridViewModel vm) {
        AccessStepViewModel a = vm.access();
        ToggleGroup g = new ToggleGroup();
        RadioButton entry = new RadioButton(NodeAccess.ACCESS_ENTRY.label() + " (recommended)");
        RadioButton auth = new RadioButton(NodeAccess.AWS_AUTH.label());
        entry.setId("access-entry");
        auth.setId("access-aws-auth");
        entry.setToggleGroup(g);
        auth.setToggleGroup(g);
        (a.accessProperty().get() == NodeAccess.AWS_AUTH ? auth : entry).setSelected(true);
        auth.disableProperty().bind(a.awsAuthAllowedProperty().not());
        g.selectedToggleProperty().addListener((o, x, b) -> a.accessProperty().set(b == auth ? NodeAccess.AWS_AUTH
                : NodeAccess.ACCESS_ENTRY));
        a.accessProperty().addListener((o, x, b) -> (b == NodeAccess.AWS_AUTH ? auth : entry).setSelected(true));
        Label mode = WizardParts.help("");
        mode.textProperty().bind(Bindings.concat("The cluster's authentication mode is ", a.modeProperty(),
                ". An access entry of type HYBRID_LINUX for the role lets kubelets join; no access policy is attached to it."));
        Label authHelp = WizardParts.help("The aws-auth alternative is offered only on API_AND_CONFIG_MAP clusters; "
                + "in API mode the ConfigMap is ignored.");
        VBox snippet = WizardParts.code("aws-auth mapRoles entry", Bindings.createStringBinding(
                () -> AccessStepViewModel.awsAuthSnippet(vm.roleArnBinding().get()), vm.roleArnBinding()), "aws-auth-maproles.yaml", 7);
        snippet.visibleProperty().bind(auth.selectedProperty());
        snippet.managedProperty().bind(snippet.visibleProperty());
        Node refusal = WizardParts.errorMessage(a.refusalProperty());
        refusal.setId("access-refusal");
        VBox page = new VBox(12, WizardParts.label("How hybrid nodes are admitted"), entry, auth, mode, authHelp, snippet, refusal);
        page.setId("enable-access");
        return page;
    }

    static Node cni(EnableHybridViewModel vm) {
        CniStepViewModel c = vm.cni();
        VBox findings = new VBox(8);
        Runnable fill = () -> findings.getChildren().setAll(c.findings().stream().map(WizardParts::status).toList());
        c.findings().addListener((ListChangeListener<HybridStatusItem>) ch -> fill.run());
        fill.run();
        CheckBox patch = new CheckBox("Patch the hybrid nodeAffinity onto the existing Cilium DaemonSet and operator");
        patch.selectedProperty().bindBidirectional(c.patchCiliumProperty());
        patch.visibleProperty().bind(c.patchAvailableProperty());
        patch.managedProperty().bind(patch.visibleProperty());
        TextField pods = new TextField();
        pods.setId("cni-pods");
        pods.setPrefColumnCount(6);
        pods.textProperty().bindBidirectional(c.podsPerNodeProperty());
        Label mask = new Label();
        mask.getStyleClass().add(Styles.TEXT_MUTED);
        mask.textProperty().bind(c.maskProperty());
        HBox podsRow = new HBox(10, WizardParts.label("Pods per node"), pods, mask);
        podsRow.setAlignment(Pos.CENTER_LEFT);
        VBox page = new VBox(12, WizardParts.label("Detected in kube-system"), findings, patch, podsRow,
                WizardParts.fieldError(c.podsErrorProperty()),
                WizardParts.code("Cilium Helm values for hybrid nodes", c.valuesProperty(), "cilium-values.yaml", 12),
                WizardParts.code("Install command", c.helmProperty(), null, 1));
        page.setId("enable-cni");
        return page;
    }

    static Node plan(EnableHybridViewModel vm) {
        Node nothing = WizardParts.note("Nothing has happened yet. These are the calls Apply makes, in order, with their "
                + "arguments (secrets masked). Each step first checks whether its effect is already there.");
        Node problems = WizardParts.errorMessage(vm.planErrorProperty());
        problems.setId("enable-plan-problems");
        VBox page = new VBox(12, nothing, problems, WizardParts.code("Plan", vm.planTextProperty(), "enable-hybrid-plan.txt", 22));
        page.setId("enable-plan");
        return page;
    }
}
