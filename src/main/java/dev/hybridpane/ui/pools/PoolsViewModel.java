package dev.hybridpane.ui.pools;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.pool.PoolEventsPort;
import dev.hybridpane.core.profile.ProfileService;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.PoolHealth;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.pools.day2.PoolDay2ViewModel;
import dev.hybridpane.ui.profiles.ClusterChoice;
import dev.hybridpane.ui.profiles.ClusterNotice;
import dev.hybridpane.ui.profiles.ProfilesServices;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Node Pools view's state: every pool of the fleet's hybrid clusters, live from the fleet's roll-ups (managed pools
 * with their phase and profile; pools that are only node labels as unmanaged), with update availability from the
 * clusters' profiles (read per cluster in the background on {@link #load()}, on {@link #refreshProfiles()}, and again
 * when a pool's profile changes), the cluster and text filters, the selection and its {@link PoolDetailViewModel
 * detail}. Each pool's ready nodes are sampled on every change and on {@link #sample()} for the detail's chart.
 * Nothing is watched or read until {@link #load()}. FX thread only.
 */
public final class PoolsViewModel {
    private static final Comparator<PoolRow> BY_NAME = Comparator.comparing(PoolRow::name);

    private final FleetViewModel fleet;
    private final Function<Cluster, Optional<ClusterAccess>> access;
    private final ProfilesServices profiles;
    private final TaskRunner runner;
    private final Clock clock;
    private final ObservableList<Cluster> clusters = FXCollections.observableArrayList();
    private final ObservableList<ClusterChoice> choices = FXCollections.observableArrayList(ClusterChoice.ALL);
    private final ObjectProperty<ClusterChoice> choice = new SimpleObjectProperty<>(this, "choice", ClusterChoice.ALL);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObservableList<PoolRow> rows = FXCollections.observableArrayList();
    private final FilteredList<PoolRow> filtered = new FilteredList<>(rows);
    private final ObservableList<ClusterNotice> notices = FXCollections.observableArrayList();
    private final ObjectProperty<PoolRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final PoolDetailViewModel detail;
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final Map<ClusterRef, List<PoolRow>> byCluster = new HashMap<>();
    /** The fleet's pool list of each followed cluster, and this model's listener on it. */
    private record Followed(ObservableList<PoolHealth> pools, ListChangeListener<PoolHealth> listener) {
    }

    private final Map<ClusterRef, Followed> listening = new HashMap<>();
    /** Per cluster, as last read: its profiles by name, and the profile version each pool uses (labels included). */
    private final Map<ClusterRef, Map<String, ClusterProfile>> profilesRead = new HashMap<>();
    private final Map<ClusterRef, Map<String, ProfileRef>> usageRead = new HashMap<>();
    private final Map<String, ProfileRef> seenProfiles = new HashMap<>();
    private final Map<String, ReadySamples> samples = new HashMap<>();
    private final Map<ClusterRef, Integer> generations = new HashMap<>();
    private final Set<ClusterRef> reading = new HashSet<>();
    private boolean loaded;

    public PoolsViewModel(FleetViewModel fleet, Function<Cluster, Optional<ClusterAccess>> access,
            ProfilesServices profiles, PoolEventsPort history, PoolDay2ViewModel day2, TaskRunner runner, Clock clock) {
        this.fleet = fleet;
        this.access = access;
        this.profiles = profiles;
        this.runner = runner;
        this.clock = clock;
        this.detail = new PoolDetailViewModel(fleet, access, history, runner, this::profileOf, this::samplesOf, day2,
                clock);
        filtered.predicateProperty().bind(Bindings.createObjectBinding(() -> r -> choice.get().includes(r.cluster())
                && r.matches(filter.get()), filter, choice));
        selected.addListener((o, a, b) -> detail.show(b));
        choice.addListener((o, a, b) -> {
            if (b == null) {
                choice.set(ClusterChoice.ALL);
            } else if (selected.get() != null && !b.includes(selected.get().cluster())) {
                selected.set(null);
            }
        });
        fleet.clusterRows().addListener((ListChangeListener<ClusterRow>) c -> syncClusters());
    }

    /** Starts following the fleet's pools and reads every hybrid cluster's profiles; again: reads them again. */
    public void load() {
        if (!loaded) {
            loaded = true;
            syncClusters(); // reads each cluster's profiles as it starts following it
            return;
        }
        refreshProfiles();
    }

    /** Follows the fleet: hybrid clusters only. */
    private void syncClusters() {
        if (!loaded) {
            return;
        }
        List<Cluster> hybrid = fleet.clusterRows().stream().map(ClusterRow::cluster).filter(Cluster::hybridEnabled).toList();
        if (hybrid.equals(clusters)) {
            return;
        }
        Set<ClusterRef> now = new HashSet<>(hybrid.stream().map(Cluster::ref).toList());
        Set<ClusterRef> before = new HashSet<>(listening.keySet());
        clusters.setAll(hybrid);
        List<ClusterChoice> all = new ArrayList<>();
        all.add(ClusterChoice.ALL);
        hybrid.forEach(c -> all.add(new ClusterChoice(c)));
        ClusterChoice current = choice.get();
        choices.setAll(all);
        choice.set(current.all() ? ClusterChoice.ALL : all.stream().filter(x -> !x.all()
                && x.cluster().ref().equals(current.cluster().ref())).findFirst().orElse(ClusterChoice.ALL));
        for (ClusterRef gone : before) {
            if (!now.contains(gone)) {
                Followed f = listening.remove(gone);
                f.pools().removeListener(f.listener());
                byCluster.remove(gone);
                profilesRead.remove(gone);
                usageRead.remove(gone);
            }
        }
        notices.removeIf(n -> !now.contains(n.cluster().ref()));
        for (Cluster c : hybrid) {
            if (!listening.containsKey(c.ref())) {
                Followed f = new Followed(fleet.pools(c.ref()), ch -> rebuild(c.ref()));
                listening.put(c.ref(), f);
                f.pools().addListener(f.listener());
                loadProfiles(c);
            }
            rebuild(c.ref());
        }
        publish();
    }

    private Optional<Cluster> cluster(ClusterRef ref) {
        return clusters.stream().filter(c -> c.ref().equals(ref)).findFirst();
    }

    /** One cluster's rows from its roll-ups, its pools' samples, and a profile re-read when a pool's profile changed. */
    private void rebuild(ClusterRef ref) {
        Optional<Cluster> c = cluster(ref);
        if (c.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<String, ClusterProfile> read = profilesRead.get(ref);
        Map<String, ProfileRef> usage = usageRead.getOrDefault(ref, Map.of());
        boolean reread = false;
        List<PoolRow> mine = new ArrayList<>();
        for (PoolHealth p : fleet.pools(ref)) {
            if (p.pool().isEmpty()) {
                continue; // hybrid nodes in no pool: not a pool
            }
            ProfileRef profile = p.managed() ? p.profile() : usage.get(p.pool());
            Integer latest = read == null || profile == null || !read.containsKey(profile.name()) ? null
                    : read.get(profile.name()).latest().number();
            PoolRow row = new PoolRow(c.get(), p, profile, latest);
            mine.add(row);
            if (p.managed() && profile != null) {
                ProfileRef was = seenProfiles.put(row.key(), profile);
                reread |= was != null && !was.equals(profile) || was == null && read != null && latest == null;
            }
            ReadySamples s = samplesOf(row.key());
            s.recordIfChanged(now, p.ready(), p.total());
        }
        mine.sort(BY_NAME);
        byCluster.put(ref, mine);
        publish();
        if (reread && !reading.contains(ref)) {
            loadProfiles(c.get());
        }
    }

    /** Every cluster's rows in the fleet's order; the selection follows its pool, the detail its new values. */
    private void publish() {
        List<PoolRow> all = new ArrayList<>();
        for (Cluster c : clusters) {
            all.addAll(byCluster.getOrDefault(c.ref(), List.of()));
        }
        if (!all.equals(rows)) {
            rows.setAll(all);
        }
        PoolRow sel = selected.get();
        if (sel != null) {
            PoolRow now = all.stream().filter(r -> r.key().equals(sel.key())).findFirst().orElse(null);
            if (now != sel) {
                selected.set(now);
            }
        }
        Set<String> keys = new HashSet<>(all.stream().map(PoolRow::key).toList());
        samples.keySet().retainAll(keys);
        seenProfiles.keySet().retainAll(keys);
    }

    /** Re-reads every hybrid cluster's profiles (update availability). */
    public void refreshProfiles() {
        if (!loaded) {
            return;
        }
        List.copyOf(clusters).forEach(this::loadProfiles);
    }

    private void loadProfiles(Cluster c) {
        int gen = generations.merge(c.ref(), 1, Integer::sum);
        reading.remove(c.ref());
        Optional<ClusterAccess> a = access.apply(c);
        if (a.isEmpty()) {
            notice(c, "Not connected to " + c.name() + " yet: update availability shows once the cluster is reached.");
            busy.set(!reading.isEmpty());
            return;
        }
        reading.add(c.ref());
        busy.set(true);
        runner.task("Reading profiles of " + c.name(), () -> {
            try (ProfileService s = profiles.open(c, a.get())) {
                return s.listed();
            }
        }).onSuccess(listed -> {
            if (gen == generations.get(c.ref())) {
                Map<String, ClusterProfile> byName = new LinkedHashMap<>();
                Map<String, ProfileRef> usage = new HashMap<>();
                for (ProfileService.Listed l : listed) {
                    byName.put(l.profile().name(), l.profile());
                    l.summary().poolsByVersion().forEach((v, pools) ->
                            pools.forEach(pool -> usage.put(pool, new ProfileRef(l.profile().name(), v))));
                }
                profilesRead.put(c.ref(), byName);
                usageRead.put(c.ref(), usage);
                notices.removeIf(n -> n.cluster().ref().equals(c.ref()));
                rebuild(c.ref());
                detail.profilesChanged();
            }
        }).onError(e -> {
            if (gen == generations.get(c.ref())) {
                notice(c, "Update availability unknown: " + Errors.sentence(e));
            }
        }).andFinally(() -> {
            if (gen == generations.get(c.ref())) {
                reading.remove(c.ref());
                busy.set(!reading.isEmpty());
            }
        }).start();
    }

    private void notice(Cluster c, String message) {
        notices.removeIf(n -> n.cluster().ref().equals(c.ref()));
        notices.add(new ClusterNotice(c, message));
    }

    /** A timer tick: every pool's ready count is sampled now, so the chart's line reaches the present. */
    public void sample() {
        Instant now = clock.instant();
        for (PoolRow r : rows) {
            samplesOf(r.key()).record(now, r.health().ready(), r.health().total());
        }
        detail.samplesChanged();
    }

    /** The profile a row's pool uses, as last read in its cluster. */
    private Optional<ClusterProfile> profileOf(PoolRow r) {
        Map<String, ClusterProfile> read = profilesRead.get(r.cluster().ref());
        return read == null || r.profile() == null ? Optional.empty() : Optional.ofNullable(read.get(r.profile().name()));
    }

    private ReadySamples samplesOf(String key) {
        return samples.computeIfAbsent(key, k -> new ReadySamples());
    }

    public ObservableList<Cluster> clusters() { return clusters; }
    public ObservableList<ClusterChoice> clusterChoices() { return choices; }
    public ObjectProperty<ClusterChoice> clusterChoiceProperty() { return choice; }
    public StringProperty filterProperty() { return filter; }
    public ObservableList<PoolRow> rows() { return rows; }
    public FilteredList<PoolRow> filteredRows() { return filtered; }
    /** Clusters whose update availability is unknown, with why. */
    public ObservableList<ClusterNotice> notices() { return notices; }
    public ObjectProperty<PoolRow> selectedProperty() { return selected; }
    public PoolDetailViewModel detail() { return detail; }
    public BooleanProperty busyProperty() { return busy; }
}
