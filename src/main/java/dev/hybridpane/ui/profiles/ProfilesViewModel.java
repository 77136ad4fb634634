package dev.hybridpane.ui.profiles;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.profile.ProfileService;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.domain.profile.ProfileVersion;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Profiles view's state: every profile of the hybrid clusters the fleet shows, read per cluster in the background
 * (a cluster that cannot be read gets one {@link ClusterNotice}, the others still show), the cluster and text filters,
 * the selection and its {@link ProfileDetailViewModel detail}, and the actions: new profile or version (through the
 * wizard launcher), export, delete a version. Nothing is read until {@link #load()}.
 */
public final class ProfilesViewModel {
    private final Function<Cluster, Optional<ClusterAccess>> access;
    private final ProfilesServices services;
    private final ProfileWizardLauncher launcher;
    private final TaskRunner runner;
    private final ObservableList<Cluster> clusters = FXCollections.observableArrayList();
    private final ObservableList<ClusterChoice> choices = FXCollections.observableArrayList(ClusterChoice.ALL);
    private final ObjectProperty<ClusterChoice> choice = new SimpleObjectProperty<>(this, "choice", ClusterChoice.ALL);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObservableList<ProfileRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ProfileRow> filtered = new FilteredList<>(rows);
    private final ObservableList<ClusterNotice> notices = FXCollections.observableArrayList();
    private final FilteredList<ClusterNotice> shownNotices = new FilteredList<>(notices);
    private final ObjectProperty<ProfileRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ProfileDetailViewModel detail = new ProfileDetailViewModel();
    private final StringProperty message = new SimpleStringProperty(this, "message");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ReadOnlyObjectWrapper<Cluster> newProfileCluster = new ReadOnlyObjectWrapper<>(this, "newProfileCluster");
    private final ReadOnlyStringWrapper newProfileHint = new ReadOnlyStringWrapper(this, "newProfileHint", "");
    private final Map<ClusterRef, Integer> generations = new HashMap<>();
    private final Set<ClusterRef> readable = new HashSet<>();
    private final Set<ClusterRef> reading = new HashSet<>();
    private boolean loaded;

    public ProfilesViewModel(ObservableList<ClusterRow> clusterRows, Function<Cluster, Optional<ClusterAccess>> access,
            ProfilesServices services, ProfileWizardLauncher launcher, TaskRunner runner) {
        this.access = access;
        this.services = services;
        this.launcher = launcher;
        this.runner = runner;
        filtered.predicateProperty().bind(Bindings.createObjectBinding(() -> r -> choice.get().includes(r.cluster())
                && r.matches(filter.get()), filter, choice));
        shownNotices.predicateProperty().bind(Bindings.createObjectBinding(
                () -> n -> choice.get().includes(n.cluster()), choice));
        clusterRows.addListener((ListChangeListener<ClusterRow>) c -> syncClusters(clusterRows));
        syncClusters(clusterRows);
        selected.addListener((o, a, b) -> {
            detail.show(b, true);
            updateNewProfile();
        });
        choice.addListener((o, a, b) -> {
            if (b == null) {
                choice.set(ClusterChoice.ALL);
                return;
            }
            if (selected.get() != null && !b.includes(selected.get().cluster())) {
                selected.set(null);
            }
            updateNewProfile();
        });
        updateNewProfile();
    }

    /** Follows the fleet: hybrid clusters only; a cluster that appears after the first load is read at once. */
    private void syncClusters(List<ClusterRow> fleet) {
        List<Cluster> hybrid = fleet.stream().map(ClusterRow::cluster).filter(Cluster::hybridEnabled).toList();
        if (hybrid.equals(clusters)) {
            return;
        }
        Set<ClusterRef> before = new HashSet<>(clusters.stream().map(Cluster::ref).toList());
        Set<ClusterRef> now = new HashSet<>(hybrid.stream().map(Cluster::ref).toList());
        clusters.setAll(hybrid);
        ClusterChoice current = choice.get();
        List<ClusterChoice> all = new ArrayList<>();
        all.add(ClusterChoice.ALL);
        hybrid.forEach(c -> all.add(new ClusterChoice(c)));
        choices.setAll(all);
        if (!current.all()) {
            choice.set(all.stream().filter(x -> !x.all() && x.cluster().ref().equals(current.cluster().ref()))
                    .findFirst().orElse(ClusterChoice.ALL));
        }
        if (selected.get() != null && !now.contains(selected.get().cluster().ref())) {
            selected.set(null);
        }
        rows.removeIf(r -> !now.contains(r.cluster().ref()));
        notices.removeIf(n -> !now.contains(n.cluster().ref()));
        readable.retainAll(now);
        if (loaded) {
            hybrid.stream().filter(c -> !before.contains(c.ref())).forEach(c -> loadCluster(c, null));
        }
        updateNewProfile();
    }

    /** (Re)reads the profiles of every hybrid cluster, each in its own background task. */
    public void load() {
        loaded = true;
        message.set(null);
        for (Cluster c : List.copyOf(clusters)) {
            loadCluster(c, null);
        }
        updateNewProfile();
    }

    /** Reads one cluster's profiles again; {@code select}: a profile to select afterwards at its latest version. */
    void loadCluster(Cluster c, String select) {
        int gen = generations.merge(c.ref(), 1, Integer::sum);
        // a read still running for this cluster is superseded: its end no longer counts
        reading.remove(c.ref());
        busy.set(!reading.isEmpty());
        Optional<ClusterAccess> a = access.apply(c);
        if (a.isEmpty()) {
            loaded(c, List.of(), "Not connected to " + c.name() + " yet: its profiles show once the cluster is reached.");
            return;
        }
        reading.add(c.ref());
        busy.set(true);
        runner.task("Reading profiles of " + c.name(), () -> read(c, a.get())).onSuccess(list -> {
            if (gen == generations.get(c.ref())) {
                loaded(c, list, null);
                if (select != null) {
                    rows.stream().filter(r -> r.key().equals(ProfileRow.key(c, select))).findFirst()
                            .ifPresent(this::selectLatest);
                }
            }
        }).onError(e -> {
            if (gen == generations.get(c.ref())) {
                loaded(c, List.of(), Errors.sentence(e));
            }
        }).andFinally(() -> {
            if (gen == generations.get(c.ref())) {
                reading.remove(c.ref());
                busy.set(!reading.isEmpty());
            }
        }).start();
    }

    /** Blocking: every profile of the cluster as stored, with the pools that use each version. */
    private List<ProfileRow> read(Cluster c, ClusterAccess a) {
        try (ProfileService s = services.open(c, a)) {
            List<ProfileRow> out = new ArrayList<>();
            for (ProfileService.Listed listed : s.listed()) {
                out.add(new ProfileRow(c, listed.profile(), listed.summary()));
            }
            return out;
        }
    }

    /** Replaces a cluster's rows (and its notice); the selected profile stays selected when it is still there. */
    private void loaded(Cluster c, List<ProfileRow> list, String failure) {
        String key = selected.get() == null ? null : selected.get().key();
        List<ProfileRow> all = new ArrayList<>(rows.stream().filter(r -> !r.cluster().ref().equals(c.ref())).toList());
        all.addAll(list);
        List<ClusterRef> order = clusters.stream().map(Cluster::ref).toList();
        all.sort(Comparator.comparingInt((ProfileRow r) -> order.indexOf(r.cluster().ref())).thenComparing(ProfileRow::name));
        rows.setAll(all);
        notices.removeIf(n -> n.cluster().ref().equals(c.ref()));
        if (failure == null) {
            readable.add(c.ref());
        } else {
            readable.remove(c.ref());
            notices.add(new ClusterNotice(c, failure));
        }
        if (key != null) {
            selected.set(rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null));
        }
        updateNewProfile();
    }

    private void selectLatest(ProfileRow r) {
        if (!choice.get().includes(r.cluster())) {
            choice.set(ClusterChoice.ALL);
        }
        selected.set(r);
        detail.show(r, false);
    }

    /** Where "New profile" creates one: the chosen cluster, else the selected profile's, else the only readable one. */
    private void updateNewProfile() {
        Cluster target = null;
        String hint;
        ClusterChoice ch = choice.get();
        if (!ch.all()) {
            Cluster c = ch.cluster();
            if (readable.contains(c.ref())) {
                target = c;
                hint = "New profile in " + c.name() + ".";
            } else {
                hint = "Profiles cannot be written in " + c.name() + ": " + notices.stream()
                        .filter(n -> n.cluster().ref().equals(c.ref())).map(ClusterNotice::message).findFirst()
                        .orElse("they have not been read yet.");
            }
        } else if (selected.get() != null && readable.contains(selected.get().cluster().ref())) {
            target = selected.get().cluster();
            hint = "New profile in " + target.name() + ", the selected profile's cluster.";
        } else {
            List<Cluster> writable = clusters.stream().filter(c -> readable.contains(c.ref())).toList();
            if (writable.size() == 1) {
                target = writable.get(0);
                hint = "New profile in " + target.name() + ".";
            } else if (writable.isEmpty()) {
                hint = clusters.isEmpty() ? "No hybrid cluster: profiles belong to a cluster with hybrid nodes enabled."
                        : "No cluster's profiles could be read yet, so none can be written.";
            } else {
                hint = "Choose a cluster in the Cluster list, or select one of its profiles, first.";
            }
        }
        newProfileCluster.set(target);
        newProfileHint.set(hint);
    }

    // ---- actions ----

    /** Opens the New profile wizard for {@link #newProfileClusterProperty()}; its save reloads that cluster. */
    public void newProfile() {
        Cluster c = newProfileCluster.get();
        if (c != null) {
            launcher.newProfile(c, saved -> afterSave(c, saved));
        }
    }

    /** Opens the New version wizard on the selected profile as read; its save reloads that cluster. */
    public void newVersion() {
        ProfileRow r = selected.get();
        if (r != null) {
            launcher.newVersion(r.cluster(), r.profile(), saved -> afterSave(r.cluster(), saved));
        }
    }

    private void afterSave(Cluster c, ClusterProfile saved) {
        status.set("Saved version " + saved.latest().number() + " of " + saved.name() + " in " + c.name() + ".");
        loadCluster(c, saved.name());
    }

    /** The selected profile, every version, as YAML that {@code profile apply -f} accepts; empty when none. */
    public String exportYaml() {
        ProfileRow r = selected.get();
        return r == null ? "" : ProfileMapper.toYaml(r.profile());
    }

    /** Writes exported YAML to the file the administrator chose. */
    public void saveYaml(Path file, String yaml) {
        runner.task("Writing " + file.getFileName(), () -> Files.writeString(file, yaml))
                .onSuccess(p -> status.set("Wrote " + file + "."))
                .onError(e -> message.set("Could not write " + file + ": " + Errors.sentence(e)))
                .start();
    }

    /**
     * Deletes the chosen version of the selected profile, unless the detail already knows why not (returned, nothing
     * done). The store's own refusal (a pool began using it meanwhile) shows as the view's message.
     */
    public Optional<String> deleteVersion() {
        ProfileRow r = selected.get();
        Optional<ProfileVersion> v = detail.chosen();
        if (r == null || v.isEmpty()) {
            return Optional.of("Select a profile and a version first.");
        }
        String refusal = detail.deleteRefusalProperty().get();
        if (refusal != null) {
            return Optional.of(refusal);
        }
        int n = v.get().number();
        Cluster c = r.cluster();
        runner.task("Deleting version " + n + " of " + r.name(), () -> {
            ClusterAccess a = access.apply(c).orElseThrow(() -> new IllegalStateException("Not connected to "
                    + c.name() + "."));
            try (ProfileService s = services.open(c, a)) {
                return s.deleteVersion(r.name(), n);
            }
        }).onSuccess(p -> {
            message.set(null);
            status.set("Deleted version " + n + " of " + r.name() + ".");
        }).onError(e -> message.set(Errors.sentence(e))).andFinally(() -> loadCluster(c, null)).start();
        return Optional.empty();
    }

    public ObservableList<Cluster> clusters() { return clusters; }
    public ObservableList<ClusterChoice> clusterChoices() { return choices; }
    public ObjectProperty<ClusterChoice> clusterChoiceProperty() { return choice; }
    public StringProperty filterProperty() { return filter; }
    public ObservableList<ProfileRow> rows() { return rows; }
    public FilteredList<ProfileRow> filteredRows() { return filtered; }
    /** Why clusters' profiles are not shown, for the chosen cluster(s). */
    public FilteredList<ClusterNotice> notices() { return shownNotices; }
    public ObjectProperty<ProfileRow> selectedProperty() { return selected; }
    public ProfileDetailViewModel detail() { return detail; }
    /** The last action's failure, one sentence, or null. */
    public StringProperty messageProperty() { return message; }
    /** What the last action did ("Deleted version 1 of store-pos."). */
    public StringProperty statusProperty() { return status; }
    public BooleanProperty busyProperty() { return busy; }
    /** Where "New profile" creates one, or null when no cluster can be written (then the hint says why). */
    public ReadOnlyObjectProperty<Cluster> newProfileClusterProperty() { return newProfileCluster.getReadOnlyProperty(); }
    public ReadOnlyStringProperty newProfileHintProperty() { return newProfileHint.getReadOnlyProperty(); }
}
