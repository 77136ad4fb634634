package dev.hybridpane.ui.pools;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.pool.PoolEventsPort;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.LivePool;
import dev.hybridpane.domain.pool.Taint;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ProfileDiff;
import dev.hybridpane.domain.profile.ProfileVersion;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.pools.day2.PoolDay2ViewModel;
import dev.hybridpane.ui.profiles.DiffRow;
import dev.hybridpane.ui.profiles.LayerField;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The selected pool: its summary (from the HybridNodePool object, live), its nodes (live from the fleet, each with the
 * host it was made from), its ready nodes over the last hour, its event stream, and the diff of its update (the
 * profile version it uses against the latest). When a pool is opened, its history (events and status members) is read
 * once from the cluster in the background.
 */
public final class PoolDetailViewModel {
    private final FleetViewModel fleet;
    private final Function<Cluster, Optional<ClusterAccess>> access;
    private final PoolEventsPort history;
    private final TaskRunner runner;
    private final Function<PoolRow, Optional<ClusterProfile>> profileOf;
    private final Function<String, ReadySamples> samplesOf;
    private final Clock clock;
    private final PoolDay2ViewModel day2;
    private final ReadOnlyObjectWrapper<PoolRow> row = new ReadOnlyObjectWrapper<>(this, "row");
    private final ObservableList<LayerField> summary = FXCollections.observableArrayList();
    private final ObservableList<PoolNodeRow> nodes = FXCollections.observableArrayList();
    private final ObservableList<ReadySamples.Sample> chart = FXCollections.observableArrayList();
    private final PoolEventsViewModel events;
    private final ReadOnlyStringWrapper eventsStatus = new ReadOnlyStringWrapper(this, "eventsStatus", "");
    private final ObservableList<DiffRow> diff = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Integer> diffFrom = new ReadOnlyObjectWrapper<>(this, "diffFrom");
    private final ReadOnlyObjectWrapper<Integer> diffTo = new ReadOnlyObjectWrapper<>(this, "diffTo");
    private final ReadOnlyStringWrapper updateSummary = new ReadOnlyStringWrapper(this, "updateSummary", "");
    private final ListChangeListener<ClusterNode> nodesChanged = c -> refreshNodes();
    /** Node name to host, from the pool's status as read. */
    private final Map<String, String> members = new HashMap<>();
    private ObservableList<ClusterNode> watched;
    private int generation;

    PoolDetailViewModel(FleetViewModel fleet, Function<Cluster, Optional<ClusterAccess>> access, PoolEventsPort history,
            TaskRunner runner, Function<PoolRow, Optional<ClusterProfile>> profileOf,
            Function<String, ReadySamples> samplesOf, PoolDay2ViewModel day2, Clock clock) {
        this.fleet = fleet;
        this.access = access;
        this.history = history;
        this.runner = runner;
        this.profileOf = profileOf;
        this.samplesOf = samplesOf;
        this.clock = clock;
        this.day2 = day2;
        this.events = new PoolEventsViewModel(fleet.recentEvents());
    }

    /** Shows a pool (null: none). The same pool with new values keeps its events, filters and history. */
    void show(PoolRow r) {
        PoolRow old = row.get();
        boolean same = old != null && r != null && old.key().equals(r.key());
        row.set(r);
        if (!same) {
            generation++;
            members.clear();
            if (watched != null) {
                watched.removeListener(nodesChanged);
                watched = null;
            }
            if (r != null) {
                watched = fleet.hybridNodes(r.cluster().ref());
                watched.addListener(nodesChanged);
            }
        }
        refreshSummary();
        refreshNodes();
        refreshDiff();
        samplesChanged();
        showDay2();
        if (!same) {
            events.open(r == null ? null : r.cluster().ref(), r == null ? null : r.name(), eventNodes());
            eventsStatus.set("");
            if (r != null) {
                readHistory(r);
            }
        }
    }

    private void readHistory(PoolRow r) {
        int gen = generation;
        Optional<ClusterAccess> a = access.apply(r.cluster());
        if (a.isEmpty()) {
            eventsStatus.set("Not connected to " + r.cluster().name() + ": only the events seen live show.");
            return;
        }
        ClusterRef ref = r.cluster().ref();
        List<String> names = List.copyOf(eventNodes());
        eventsStatus.set("Reading the pool's events from " + r.cluster().name() + "…");
        runner.task("Reading the events of pool " + r.name(), () -> history.read(ref, a.get(), r.name(), names))
                .onSuccess(h -> {
                    if (gen == generation) {
                        h.members().forEach(m -> members.put(m.node(), m.host()));
                        eventsStatus.set("");
                        refreshNodes();
                        events.read(h.events());
                    }
                }).onError(e -> {
                    if (gen == generation) {
                        eventsStatus.set("Only the events seen live show: " + Errors.sentence(e));
                    }
                }).start();
    }

    private Optional<LivePool> object() {
        PoolRow r = row.get();
        return r == null ? Optional.empty() : fleet.poolObject(r.cluster().ref(), r.name());
    }

    private void refreshSummary() {
        PoolRow r = row.get();
        if (r == null) {
            summary.clear();
            return;
        }
        List<LayerField> f = new ArrayList<>();
        f.add(field("Cluster", r.cluster().name() + " (" + r.cluster().region() + ")"));
        f.add(field("Site", r.siteText()));
        f.add(field("Status", r.statusText()));
        f.add(field("Profile", r.profileText()));
        Optional<LivePool> live = object();
        if (live.isEmpty()) {
            f.add(field("Object", "none: only nodes labelled hybridpane.dev/pool=" + r.name()));
        } else {
            HybridNodePool p = live.get().pool();
            f.add(field("Labels", p.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "))));
            f.add(field("Taints", p.taints().stream().map(Taint::spec).collect(Collectors.joining(", "))));
            f.add(field("Architecture", p.arch().orElse("any")));
            f.add(field("NTP servers", String.join(", ", p.ntpServers())));
            f.add(field("Hosts", p.hosts().stream().map(h -> h.host() + h.vpn().map(v -> " (VPN " + v + ")").orElse(""))
                    .collect(Collectors.joining(", "))));
        }
        if (!f.equals(summary)) {
            summary.setAll(f);
        }
    }

    private static LayerField field(String label, String value) {
        return new LayerField(label, value == null || value.isBlank() ? "—" : value, false);
    }

    /** The pool's nodes with their hosts, then the hosts whose node has not joined. */
    private void refreshNodes() {
        PoolRow r = row.get();
        if (r == null || watched == null) {
            nodes.clear();
            return;
        }
        List<String> desired = object().map(l -> l.pool().hostNames()).orElse(List.of());
        Set<String> placed = new HashSet<>();
        List<PoolNodeRow> out = new ArrayList<>();
        int unnamed = 0;
        for (ClusterNode n : watched) {
            if (!n.pool().equals(r.name())) {
                continue;
            }
            String host = members.getOrDefault(n.name(), desired.contains(n.name()) ? n.name() : "");
            if (host.isEmpty()) {
                unnamed++;
            }
            placed.add(host);
            out.add(new PoolNodeRow(host, n));
        }
        for (String host : desired) {
            if (placed.contains(host)) {
                continue;
            }
            if (unnamed > 0) {
                unnamed--; // perhaps one of the nodes whose host is not known
                continue;
            }
            out.add(new PoolNodeRow(host, null));
        }
        out.sort(Comparator.comparing(PoolNodeRow::hostText).thenComparing(PoolNodeRow::nodeText));
        if (!out.equals(nodes)) {
            nodes.setAll(out);
        }
        events.nodes(eventNodes());
        showDay2();
    }

    /** The day-2 strip follows the shown pool: its versions, hosts and node count. */
    private void showDay2() {
        PoolRow r = row.get();
        if (r == null || !r.managed()) {
            day2.show(null); // a pool that is only node labels has no object, lock or journal to act on
            return;
        }
        List<String> hosts = object().map(l -> l.pool().hostNames()).orElse(List.of());
        day2.show(new PoolDay2ViewModel.Shown(r.cluster(), r.name(), r.profile() == null ? null : r.profile().version(),
                r.latest(), hosts, (int) nodes.stream().filter(n -> n.node() != null).count()));
    }

    /** The nodes whose events are the pool's: those in the cluster now, and those its status names. */
    private Set<String> eventNodes() {
        PoolRow r = row.get();
        Set<String> names = new LinkedHashSet<>(members.keySet());
        if (r != null && watched != null) {
            watched.stream().filter(n -> n.pool().equals(r.name())).forEach(n -> names.add(n.name()));
        }
        return names;
    }

    private void refreshDiff() {
        PoolRow r = row.get();
        Optional<ClusterProfile> p = r == null ? Optional.empty() : profileOf.apply(r);
        if (r == null || r.profile() == null) {
            setDiff(List.of(), null, null, r == null ? "" : "This pool names no profile version.");
            return;
        }
        if (p.isEmpty() || r.latest() == null) {
            setDiff(List.of(), null, null, "The versions of " + r.profile().name() + " have not been read from "
                    + r.cluster().name() + ".");
            return;
        }
        Optional<ProfileVersion> from = p.get().version(r.profile().version());
        ProfileVersion to = p.get().latest();
        if (!r.updateAvailable()) {
            setDiff(List.of(), null, null, "Up to date: " + r.name() + " uses the latest version of "
                    + r.profile().name() + " (v" + to.number() + ").");
        } else if (from.isEmpty()) {
            setDiff(List.of(), null, to.number(), "Version " + r.profile().version() + " of " + r.profile().name()
                    + " is no longer stored: nothing to compare with v" + to.number() + ".");
        } else {
            List<DiffRow> rows = ProfileDiff.between(from.get(), to).stream().map(DiffRow::of).toList();
            setDiff(rows, from.get().number(), to.number(), "v" + from.get().number() + " → v" + to.number() + " of "
                    + r.profile().name() + ": " + rows.size() + (rows.size() == 1 ? " change." : " changes."));
        }
    }

    private void setDiff(List<DiffRow> rows, Integer from, Integer to, String text) {
        if (!rows.equals(diff)) {
            diff.setAll(rows);
        }
        diffFrom.set(from);
        diffTo.set(to);
        updateSummary.set(text);
    }

    /** The cluster's profiles were read again. */
    void profilesChanged() {
        refreshDiff();
    }

    /** New samples: the chart shows the shown pool's last hour. */
    void samplesChanged() {
        PoolRow r = row.get();
        List<ReadySamples.Sample> next = r == null ? List.of() : samplesOf.apply(r.key()).within(clock.instant());
        if (!next.equals(chart)) {
            chart.setAll(next);
        }
    }

    /** The present, as the samples are timed. */
    Instant now() {
        return clock.instant();
    }

    public ReadOnlyObjectProperty<PoolRow> rowProperty() { return row.getReadOnlyProperty(); }
    /** Label | value lines: cluster, site, status, profile, then the pool object's labels, taints, arch, NTP, hosts. */
    public ObservableList<LayerField> summary() { return summary; }
    public ObservableList<PoolNodeRow> nodes() { return nodes; }
    /** Ready nodes over the last hour, oldest first. */
    ObservableList<ReadySamples.Sample> chart() { return chart; }
    public PoolEventsViewModel events() { return events; }
    /** The shown pool's day-2 state and actions. */
    public PoolDay2ViewModel day2() { return day2; }
    /** Whether the pool's history is being read, or why only live events show; "" otherwise. */
    public ReadOnlyStringProperty eventsStatusProperty() { return eventsStatus.getReadOnlyProperty(); }
    /** The update's field | from | to rows (empty when there is no update). */
    public ObservableList<DiffRow> diff() { return diff; }
    public ReadOnlyObjectProperty<Integer> diffFromProperty() { return diffFrom.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Integer> diffToProperty() { return diffTo.getReadOnlyProperty(); }
    public ReadOnlyStringProperty updateSummaryProperty() { return updateSummary.getReadOnlyProperty(); }
}
