package dev.hybridpane.ui.hybrid;

import dev.hybridpane.domain.hybrid.CidrIssue;
import dev.hybridpane.domain.hybrid.RemoteNetworkRules;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step a) of enabling hybrid mode: the remote node and pod CIDR lists, validated on every keystroke with
 * {@link RemoteNetworkRules}: each row carries its own reason; the lists carry list-wide ones (none yet, empty pods).
 */
public final class NetworkStepViewModel {
    private final ObservableList<CidrEntryViewModel> nodes =
            FXCollections.observableArrayList(e -> new Observable[] {e.textProperty()});
    private final ObservableList<CidrEntryViewModel> pods =
            FXCollections.observableArrayList(e -> new Observable[] {e.textProperty()});
    private final ReadOnlyStringWrapper nodesMessage = new ReadOnlyStringWrapper(this, "nodesMessage");
    private final ReadOnlyStringWrapper podsWarning = new ReadOnlyStringWrapper(this, "podsWarning");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private List<String> vpcCidrs = List.of();
    private String serviceCidr;

    public NetworkStepViewModel() {
        nodes.addListener((Observable o) -> validate());
        pods.addListener((Observable o) -> validate());
        validate();
    }

    /** Pre-fills from the cluster's current remoteNetworkConfig and sets what the CIDRs must not overlap. */
    public void load(List<String> nodeCidrs, List<String> podCidrs, List<String> vpc, String service) {
        vpcCidrs = List.copyOf(vpc);
        serviceCidr = service;
        nodes.setAll(nodeCidrs.stream().map(CidrEntryViewModel::new).toList());
        pods.setAll(podCidrs.stream().map(CidrEntryViewModel::new).toList());
        if (nodes.isEmpty()) {
            nodes.add(new CidrEntryViewModel(""));
        }
        validate();
    }

    public void addNode() {
        nodes.add(new CidrEntryViewModel(""));
    }

    public void addPod() {
        pods.add(new CidrEntryViewModel(""));
    }

    public void remove(CidrEntryViewModel e) {
        if (!nodes.remove(e)) {
            pods.remove(e);
        }
    }

    private void validate() {
        List<String> n = nodes.stream().map(e -> e.textProperty().get().strip()).toList();
        List<String> p = pods.stream().map(e -> e.textProperty().get().strip()).toList();
        List<CidrIssue> issues = RemoteNetworkRules.validate(n, p, vpcCidrs, serviceCidr);
        nodes.forEach(e -> e.setMessage(null));
        pods.forEach(e -> e.setMessage(null));
        nodesMessage.set(null);
        podsWarning.set(null);
        for (CidrIssue i : issues) {
            List<CidrEntryViewModel> list = i.list() == RemoteNetworkRules.ListKind.NODES ? nodes : pods;
            if (i.index() >= 0 && i.index() < list.size()) {
                if (list.get(i.index()).messageProperty().get() == null) {
                    list.get(i.index()).setMessage(i.message());
                }
            } else if (i.list() == RemoteNetworkRules.ListKind.NODES) {
                nodesMessage.set(i.message());
            } else {
                podsWarning.set(i.message());
            }
        }
        valid.set(!RemoteNetworkRules.hasErrors(issues));
    }

    public List<String> nodeCidrs() {
        return RemoteNetworkRules.normalise(nodes.stream().map(e -> e.textProperty().get()).toList());
    }

    public List<String> podCidrs() {
        return RemoteNetworkRules.normalise(pods.stream().map(e -> e.textProperty().get()).toList());
    }

    public ObservableList<CidrEntryViewModel> nodes() {
        return nodes;
    }

    public ObservableList<CidrEntryViewModel> pods() {
        return pods;
    }

    /** A list-wide error about the node list (e.g. none entered). */
    public ReadOnlyStringProperty nodesMessageProperty() {
        return nodesMessage.getReadOnlyProperty();
    }

    /** The amber warning when the pod list is empty. */
    public ReadOnlyStringProperty podsWarningProperty() {
        return podsWarning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public List<String> vpcCidrs() {
        return vpcCidrs;
    }

    public String serviceCidr() {
        return serviceCidr;
    }
}
