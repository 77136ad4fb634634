package dev.hybridpane.ui.profiles;

import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ProfileDiff;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The detail of the selected profile: the chosen version's three layers, the history, and the diff of any two
 * versions ("from" and "to"). Everything is computed from the profile as read; nothing here does I/O.
 */
public final class ProfileDetailViewModel {
    private final ReadOnlyObjectWrapper<ProfileRow> row = new ReadOnlyObjectWrapper<>(this, "row");
    private final ObservableList<Integer> versions = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> version = new SimpleObjectProperty<>(this, "version");
    private final ObservableList<LayerField> os = FXCollections.observableArrayList();
    private final ObservableList<LayerField> kubernetes = FXCollections.observableArrayList();
    private final ObservableList<LayerField> network = FXCollections.observableArrayList();
    private final ObservableList<VersionRow> history = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> diffFrom = new SimpleObjectProperty<>(this, "diffFrom");
    private final ObjectProperty<Integer> diffTo = new SimpleObjectProperty<>(this, "diffTo");
    private final ObservableList<DiffRow> diff = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper diffSummary = new ReadOnlyStringWrapper(this, "diffSummary", "");
    private final ReadOnlyStringWrapper deleteRefusal = new ReadOnlyStringWrapper(this, "deleteRefusal");

    ProfileDetailViewModel() {
        version.addListener((o, a, b) -> showVersion());
        diffFrom.addListener((o, a, b) -> showDiff());
        diffTo.addListener((o, a, b) -> showDiff());
    }

    /**
     * Shows a profile (null: none). With {@code keep}, the same profile read again keeps the chosen version and the
     * compared ones when they still exist; otherwise it starts at its latest version, compared with the one before it.
     */
    void show(ProfileRow r, boolean keep) {
        ProfileRow old = row.get();
        boolean same = keep && old != null && r != null && old.key().equals(r.key());
        row.set(r);
        if (r == null) {
            versions.clear();
            version.set(null);
            history.clear();
            diffFrom.set(null);
            diffTo.set(null);
            showVersion();
            showDiff();
            return;
        }
        ClusterProfile p = r.profile();
        List<Integer> numbers = p.versions().stream().map(ProfileVersion::number).toList();
        Integer keepVersion = same && numbers.contains(version.get()) ? version.get() : null;
        Integer keepFrom = same && numbers.contains(diffFrom.get()) ? diffFrom.get() : null;
        Integer keepTo = same && numbers.contains(diffTo.get()) ? diffTo.get() : null;
        versions.setAll(numbers);
        Map<Integer, List<String>> pools = r.summary().poolsByVersion();
        List<VersionRow> newestFirst = new ArrayList<>(p.versions().stream().map(v -> new VersionRow(v.number(),
                v.createdAt(), v.createdBy(), pools.getOrDefault(v.number(), List.of()))).toList());
        Collections.reverse(newestFirst);
        history.setAll(newestFirst);
        int latest = p.latest().number();
        int previous = numbers.size() > 1 ? numbers.get(numbers.size() - 2) : latest;
        // a value that stays fires no listener, so both are recomputed below from the new row
        version.set(keepVersion != null ? keepVersion : latest);
        diffFrom.set(keepFrom != null ? keepFrom : previous);
        diffTo.set(keepTo != null ? keepTo : latest);
        showVersion();
        showDiff();
    }

    private void showVersion() {
        Optional<ProfileVersion> v = chosen();
        if (v.isEmpty()) {
            os.clear();
            kubernetes.clear();
            network.clear();
            deleteRefusal.set(null);
            return;
        }
        ProfileVersion pv = v.get();
        os.setAll(ProfileLayerFields.os(pv.os(), pv.kubernetes().version()));
        kubernetes.setAll(ProfileLayerFields.kubernetes(pv.kubernetes()));
        network.setAll(ProfileLayerFields.network(pv.network()));
        ProfileRow r = row.get();
        deleteRefusal.set(r.profile().deletionRefusal(pv.number(), r.summary().poolsByVersion().keySet()).orElse(null));
    }

    private void showDiff() {
        ProfileRow r = row.get();
        Optional<ProfileVersion> from = r == null || diffFrom.get() == null ? Optional.empty()
                : r.profile().version(diffFrom.get());
        Optional<ProfileVersion> to = r == null || diffTo.get() == null ? Optional.empty()
                : r.profile().version(diffTo.get());
        if (from.isEmpty() || to.isEmpty()) {
            diff.clear();
            diffSummary.set("");
            return;
        }
        diff.setAll(ProfileDiff.between(from.get(), to.get()).stream().map(DiffRow::of).toList());
        int n = diff.size();
        diffSummary.set(Objects.equals(diffFrom.get(), diffTo.get()) ? "The same version on both sides: no differences."
                : n == 0 ? "No differences: versions " + diffFrom.get() + " and " + diffTo.get() + " hold the same layers."
                : n + (n == 1 ? " change" : " changes") + " from version " + diffFrom.get() + " to version "
                        + diffTo.get() + ".");
    }

    /** The chosen version of the shown profile. */
    public Optional<ProfileVersion> chosen() {
        ProfileRow r = row.get();
        return r == null || version.get() == null ? Optional.empty() : r.profile().version(version.get());
    }

    public ReadOnlyObjectProperty<ProfileRow> rowProperty() { return row.getReadOnlyProperty(); }
    public ObservableList<Integer> versions() { return versions; }
    public ObjectProperty<Integer> versionProperty() { return version; }
    public ObservableList<LayerField> osFields() { return os; }
    public ObservableList<LayerField> kubernetesFields() { return kubernetes; }
    public ObservableList<LayerField> networkFields() { return network; }
    public ObservableList<VersionRow> history() { return history; }
    public ObjectProperty<Integer> diffFromProperty() { return diffFrom; }
    public ObjectProperty<Integer> diffToProperty() { return diffTo; }
    public ObservableList<DiffRow> diff() { return diff; }
    public ReadOnlyStringProperty diffSummaryProperty() { return diffSummary.getReadOnlyProperty(); }
    /** Why the chosen version cannot be deleted (in use by a pool, the only one), or null when it can. */
    public ReadOnlyStringProperty deleteRefusalProperty() { return deleteRefusal.getReadOnlyProperty(); }
}
