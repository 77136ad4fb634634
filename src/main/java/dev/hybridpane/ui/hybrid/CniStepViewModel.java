package dev.hybridpane.ui.hybrid;

import dev.hybridpane.core.hybrid.CniStatus;
import dev.hybridpane.core.hybrid.HybridStatusItem;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.hybrid.CiliumValues;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step d): the CNI as detected in kube-system (each part a light and a reason), the option to patch the hybrid
 * affinity onto an existing Cilium, and Cilium Helm values for the remote pod CIDRs (pods per node → mask size).
 */
public final class CniStepViewModel {
    private final Supplier<List<String>> podCidrs;
    private final ObservableList<HybridStatusItem> findings = FXCollections.observableArrayList();
    private final BooleanProperty patchCilium = new SimpleBooleanProperty(this, "patchCilium");
    private final ReadOnlyBooleanWrapper patchAvailable = new ReadOnlyBooleanWrapper(this, "patchAvailable");
    private final StringProperty podsPerNode = new SimpleStringProperty(this, "podsPerNode", "110");
    private final ReadOnlyStringWrapper podsError = new ReadOnlyStringWrapper(this, "podsError");
    private final ReadOnlyStringWrapper mask = new ReadOnlyStringWrapper(this, "mask", "");
    private final ReadOnlyStringWrapper values = new ReadOnlyStringWrapper(this, "values", "");
    private final ReadOnlyStringWrapper helm = new ReadOnlyStringWrapper(this, "helm", CiliumValues.helmCommand(CiliumValues.DEFAULT_VERSION));
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");

    /** @param podCidrs the remote pod CIDRs of step a), read whenever the values are regenerated */
    public CniStepViewModel(Supplier<List<String>> podCidrs) {
        this.podCidrs = podCidrs;
        podsPerNode.addListener(o -> refresh());
        refresh();
    }

    public void load(CniStatus cni, String error) {
        List<HybridStatusItem> out = new ArrayList<>();
        if (cni == null) {
            out.add(new HybridStatusItem("CNI", CheckStatus.WARN, "unknown", "kube-system could not be read: " + error));
        } else {
            boolean none = "none".equals(cni.cni());
            String name = "cilium".equals(cni.cni()) ? "Cilium" : "calico".equals(cni.cni()) ? "Calico" : "none";
            out.add(new HybridStatusItem("CNI for hybrid nodes", none ? CheckStatus.WARN : CheckStatus.PASS, name, none
                    ? "No Cilium or Calico yet: install Cilium with the values below, or hybrid nodes stay NotReady."
                    : name + " is installed."));
            if (!none) {
                out.add(new HybridStatusItem("DaemonSet affinity", cni.daemonSetHybridAffinity() ? CheckStatus.PASS : CheckStatus.FAIL,
                        cni.daemonSetHybridAffinity() ? "hybrid" : "missing", cni.daemonSetHybridAffinity()
                                ? "Runs on nodes labelled eks.amazonaws.com/compute-type=hybrid."
                                : "Lacks nodeAffinity eks.amazonaws.com/compute-type In [hybrid]."));
                if (cni.operatorPresent()) {
                    out.add(new HybridStatusItem("Operator affinity", cni.operatorHybridAffinity() ? CheckStatus.PASS : CheckStatus.WARN,
                            cni.operatorHybridAffinity() ? "hybrid" : "missing", cni.operatorHybridAffinity()
                                    ? "The operator stays on hybrid nodes." : "The operator lacks the hybrid nodeAffinity."));
                }
            }
            out.add(new HybridStatusItem("VPC CNI anti-affinity", !cni.vpcCniPresent() || cni.vpcCniAntiAffinity() ? CheckStatus.PASS
                    : CheckStatus.WARN, cni.vpcCniPresent() ? (cni.vpcCniAntiAffinity() ? "set" : "missing") : "no aws-node",
                    cni.vpcCniPresent() && !cni.vpcCniAntiAffinity() ? "aws-node would schedule onto hybrid nodes; update the "
                            + "vpc-cni add-on." : "aws-node stays on cloud nodes."));
        }
        findings.setAll(out);
        patchAvailable.set(cni != null && "cilium".equals(cni.cni()) && !cni.ready());
        patchCilium.set(patchAvailable.get());
        refresh();
    }

    /** Regenerates the values (call when the pod CIDRs change). */
    public void refresh() {
        int pods;
        try {
            pods = Integer.parseInt(podsPerNode.get() == null ? "" : podsPerNode.get().strip());
        } catch (NumberFormatException e) {
            pods = -1;
        }
        if (pods < 1 || pods > 16382) {
            podsError.set("Enter the number of pods per node (1 to 16382).");
            mask.set("");
            valid.set(false);
            return;
        }
        podsError.set(null);
        int m = CiliumValues.maskSize(pods);
        mask.set("/" + m + " per node (" + (1 << (32 - m)) + " addresses)");
        values.set(CiliumValues.values(podCidrs.get(), pods, 1));
        valid.set(true);
    }

    public ObservableList<HybridStatusItem> findings() {
        return findings;
    }

    public BooleanProperty patchCiliumProperty() {
        return patchCilium;
    }

    public ReadOnlyBooleanProperty patchAvailableProperty() {
        return patchAvailable.getReadOnlyProperty();
    }

    public StringProperty podsPerNodeProperty() {
        return podsPerNode;
    }

    public ReadOnlyStringProperty podsErrorProperty() {
        return podsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty maskProperty() {
        return mask.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty valuesProperty() {
        return values.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty helmProperty() {
        return helm.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
