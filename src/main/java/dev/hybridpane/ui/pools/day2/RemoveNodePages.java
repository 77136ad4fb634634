package dev.hybridpane.ui.pools.day2;

import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.wizard.FormParts;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The remove-node dialog: the drain choices, then core's plan in AWS's order. */
final class RemoveNodePages {
    private RemoveNodePages() {
    }

    static FlowCard card(RemoveNodeViewModel r, Runnable close) {
        return new FlowCard(r, "day2-remove", "Node " + r.node() + (r.host() == null || r.host().isEmpty() ? ""
                : " on host " + r.host()) + ". Its workloads move elsewhere first; the host goes back to the inventory.",
                drain(r.drain(), "day2-remove"), review(r), "Remove node", Styles.DANGER, close);
    }

    /** kubectl drain's choices, explicit (also used by Edit hosts for the nodes it removes). */
    static Node drain(DrainChoices d, String id) {
        CheckBox emptyDir = new CheckBox("Delete emptyDir data (pods with emptyDir volumes lose it)");
        emptyDir.setId(id + "-emptydir");
        emptyDir.selectedProperty().bindBidirectional(d.deleteEmptyDirProperty());
        CheckBox force = new CheckBox("Force: also delete pods no controller manages (they are not recreated)");
        force.setId(id + "-force");
        force.selectedProperty().bindBidirectional(d.forceProperty());
        CheckBox evict = new CheckBox("Disable eviction: delete pods directly, bypassing PodDisruptionBudgets");
        evict.setId(id + "-disable-eviction");
        evict.selectedProperty().bindBidirectional(d.disableEvictionProperty());
        TextField timeout = new TextField();
        timeout.setId(id + "-timeout");
        timeout.setPrefColumnCount(6);
        timeout.setMaxWidth(120);
        timeout.textProperty().bindBidirectional(d.timeoutMinutesProperty());
        VBox evictBox = Day2Parts.field("Eviction", evict, null, null, d.evictionWarning());
        return new VBox(12, FormParts.note("DaemonSet and mirror pods are skipped. A PodDisruptionBudget that "
                + "refuses an eviction (429) is waited on and retried; the run shows which PDB and pod block."),
                new VBox(8, FormParts.label("Pods that need a choice"), emptyDir, force), evictBox,
                Day2Parts.field("Drain timeout (minutes)", timeout, "When it runs out the node stays cordoned, with the "
                        + "reason; nothing is force-deleted unless chosen above.", d.timeoutErrorProperty(), null));
    }

    static Node review(RemoveNodeViewModel r) {
        return new VBox(12, FormParts.label("The plan, in AWS's order"), Day2Parts.plan(r.planTextProperty(),
                "day2-remove-plan"));
    }
}
