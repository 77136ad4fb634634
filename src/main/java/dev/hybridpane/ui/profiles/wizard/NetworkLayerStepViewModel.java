package dev.hybridpane.ui.profiles.wizard;

import dev.hybridpane.domain.hybrid.CiliumValues;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.ProfileProblem;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Network step: the CNI of the hybrid nodes and its version, the hybrid node affinity, the IPAM pod CIDRs (one a
 * line; a new profile starts from the cluster's remote pod networks) and BGP.
 */
public final class NetworkLayerStepViewModel {
    static final String CNI = "cni";
    static final String VERSION = "version";
    static final String AFFINITY = "hybridAffinity";
    static final String POD_CIDRS = "podCidrs";
    static final String BGP = "bgp";

    private final List<String> remotePodCidrs;
    private final ObjectProperty<CniKind> cni = new SimpleObjectProperty<>(this, "cni", CniKind.CILIUM);
    private final StringProperty version = new SimpleStringProperty(this, "version", CiliumValues.DEFAULT_VERSION);
    private final BooleanProperty hybridAffinity = new SimpleBooleanProperty(this, "hybridAffinity", true);
    private final StringProperty podCidrs = new SimpleStringProperty(this, "podCidrs", "");
    private final BooleanProperty bgp = new SimpleBooleanProperty(this, "bgp");
    private final FieldMessages messages = new FieldMessages(CNI, VERSION, AFFINITY, POD_CIDRS, BGP);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");

    NetworkLayerStepViewModel(List<String> remotePodCidrs, Runnable changed) {
        this.remotePodCidrs = List.copyOf(remotePodCidrs);
        podCidrs.set(TextLines.join(remotePodCidrs));
        for (Observable o : List.<Observable>of(cni, version, hybridAffinity, podCidrs, bgp)) {
            o.addListener(x -> changed.run());
        }
    }

    void load(NetworkLayer n) {
        cni.set(n.cni());
        version.set(n.version());
        hybridAffinity.set(n.hybridAffinity());
        podCidrs.set(TextLines.join(n.podCidrs()));
        bgp.set(n.bgp());
    }

    NetworkLayer layer() {
        return new NetworkLayer(cni.get(), version.get(), hybridAffinity.get(), TextLines.of(podCidrs.get()).values(),
                bgp.get());
    }

    void show(List<ProfileProblem> problems) {
        messages.clear();
        TextLines lines = TextLines.of(podCidrs.get());
        for (ProfileProblem p : problems) {
            ProblemPath path = ProblemPath.of(p.field());
            String text = path.field().equals(POD_CIDRS) ? lines.at(path.index()) + p.message() : p.message();
            if (p.isError()) {
                messages.error(path.field(), text);
            } else {
                messages.warning(path.field(), text);
            }
        }
        messages.publish();
        valid.set(!messages.hasErrors());
    }

    /** The cluster's remote pod networks (EKS remoteNetworkConfig), which a new profile's pod CIDRs start from. */
    public List<String> remotePodCidrs() {
        return remotePodCidrs;
    }

    public ObjectProperty<CniKind> cniProperty() {
        return cni;
    }

    public StringProperty versionProperty() {
        return version;
    }

    public BooleanProperty hybridAffinityProperty() {
        return hybridAffinity;
    }

    public StringProperty podCidrsProperty() {
        return podCidrs;
    }

    public BooleanProperty bgpProperty() {
        return bgp;
    }

    public ReadOnlyStringProperty errorProperty(String field) {
        return messages.error(field);
    }

    public ReadOnlyStringProperty warningProperty(String field) {
        return messages.warning(field);
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
