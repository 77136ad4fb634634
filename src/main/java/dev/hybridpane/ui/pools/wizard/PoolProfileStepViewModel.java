package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.pool.PoolRules;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Profile step: one of the cluster's profiles and one of its versions (the latest at first), with what that
 * version makes: its Kubernetes version, credential provider, containerd source and CNI. The version's skew against
 * the cluster's control plane is an error (too far) or a warning under the version.
 */
public final class PoolProfileStepViewModel {
    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<String> profile = new SimpleObjectProperty<>(this, "profile");
    private final ObservableList<Integer> versions = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> version = new SimpleObjectProperty<>(this, "version");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ReadOnlyStringWrapper versionError = new ReadOnlyStringWrapper(this, "versionError");
    private final ReadOnlyStringWrapper versionWarning = new ReadOnlyStringWrapper(this, "versionWarning");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyBooleanWrapper rolesAnywhere = new ReadOnlyBooleanWrapper(this, "rolesAnywhere");
    private List<ClusterProfile> all = List.of();
    private Cluster cluster;

    PoolProfileStepViewModel() {
        profile.addListener((o, a, b) -> {
            List<Integer> v = chosen().map(p -> p.versions().stream().map(ProfileVersion::number)
                    .sorted(Comparator.reverseOrder()).toList()).orElse(List.of());
            versions.setAll(v);
            version.set(v.isEmpty() ? null : v.get(0));
            validate();
        });
        version.addListener((o, a, b) -> validate());
    }

    /** The cluster's profiles (FX thread); keeps the choice when the profile is still there. */
    void read(Cluster c, List<ClusterProfile> list) {
        cluster = c;
        all = List.copyOf(list);
        String before = profile.get();
        profiles.setAll(all.stream().map(ClusterProfile::name).sorted().toList());
        note.set(profiles.isEmpty() ? "Cluster " + c.name() + " has no profiles yet: make one in Profiles first." : null);
        profile.set(null);
        profile.set(before != null && profiles.contains(before) ? before : profiles.isEmpty() ? null : profiles.get(0));
    }

    private Optional<ClusterProfile> chosen() {
        return all.stream().filter(p -> p.name().equals(profile.get())).findFirst();
    }

    /** The chosen version, if any. */
    public Optional<ProfileVersion> profileVersion() {
        Integer v = version.get();
        return v == null ? Optional.empty() : chosen().flatMap(p -> p.version(v));
    }

    /** The chosen version's Kubernetes layer, or null. */
    public KubernetesLayer kubernetes() {
        return profileVersion().map(ProfileVersion::kubernetes).orElse(null);
    }

    private void validate() {
        Optional<ProfileVersion> pv = profileVersion();
        versionError.set(null);
        versionWarning.set(null);
        if (pv.isEmpty()) {
            details.set("");
            rolesAnywhere.set(false);
            valid.set(false);
            return;
        }
        ProfileVersion v = pv.get();
        KubernetesLayer k = v.kubernetes();
        details.set("Kubernetes " + k.version() + " · " + k.credentialProvider().label() + " (" + k.credentialProvider().id()
                + ") · containerd " + k.containerdSource().id() + " · CNI " + v.network().cni().label() + " "
                + v.network().version() + (v.network().hybridAffinity() ? " with the hybrid affinity" : ""));
        rolesAnywhere.set(k.credentialProvider() == CredentialProvider.IAM_RA);
        List<ProfileProblem> skew = cluster == null ? List.of()
                : PoolRules.versionSkew(k, cluster.name(), cluster.version());
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        skew.forEach(p -> (p.isError() ? errors : warnings).add(p.message()));
        versionError.set(errors.isEmpty() ? null : String.join(" ", errors));
        versionWarning.set(warnings.isEmpty() ? null : String.join(" ", warnings));
        valid.set(errors.isEmpty());
    }

    public ObservableList<String> profiles() {
        return profiles;
    }

    public ObjectProperty<String> profileProperty() {
        return profile;
    }

    public ObservableList<Integer> versions() {
        return versions;
    }

    public ObjectProperty<Integer> versionProperty() {
        return version;
    }

    /** "Kubernetes 1.31 · SSM hybrid activations (ssm) · containerd distro · CNI Cilium 1.16.7 …". */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty versionErrorProperty() {
        return versionError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty versionWarningProperty() {
        return versionWarning.getReadOnlyProperty();
    }

    /** Said when the cluster has no profile; else null. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** The chosen version uses IAM Roles Anywhere: the hosts step asks for the CA's key. */
    public ReadOnlyBooleanProperty rolesAnywhereProperty() {
        return rolesAnywhere.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
