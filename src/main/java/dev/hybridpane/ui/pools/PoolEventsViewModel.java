package dev.hybridpane.ui.pools;

import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.fleet.EventRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * A pool's event stream: the Kubernetes Events of its nodes and the pool's own (involvedObject a HybridNodePool of its
 * name), live from the fleet's recent events and merged by uid with the ones read from the cluster when the pool was
 * opened (the fleet keeps only the last few hundred fleet-wide). Newest first; filterable by type and by node (or the
 * pool object). FX thread only.
 */
public final class PoolEventsViewModel {
    public static final String ALL_TYPES = "All types";
    public static final String ALL_SOURCES = "All nodes and the pool";
    /** The most events one pool's stream keeps, newest first. */
    static final int MAX_EVENTS = 1000;
    private static final Comparator<ClusterEvent> NEWEST_FIRST = Comparator.comparing(
            (ClusterEvent e) -> e.lastSeen() == null ? Instant.MIN : e.lastSeen()).reversed();

    private final ObservableList<EventRow> live;
    /** The pool's events by uid: read from the cluster, and seen live since the pool was opened. */
    private final Map<String, ClusterEvent> read = new LinkedHashMap<>();
    private final ObservableList<ClusterEvent> events = FXCollections.observableArrayList();
    private final FilteredList<ClusterEvent> shown = new FilteredList<>(events);
    private final ObservableList<String> types = FXCollections.observableArrayList(ALL_TYPES, "Normal", "Warning");
    private final ObjectProperty<String> type = new SimpleObjectProperty<>(this, "type", ALL_TYPES);
    private final ObservableList<String> sources = FXCollections.observableArrayList(ALL_SOURCES);
    private final ObjectProperty<String> source = new SimpleObjectProperty<>(this, "source", ALL_SOURCES);
    private ClusterRef ref;
    private String pool;
    private Set<String> nodes = Set.of();

    PoolEventsViewModel(ObservableList<EventRow> live) {
        this.live = live;
        live.addListener((ListChangeListener<EventRow>) c -> merge());
        shown.predicateProperty().bind(Bindings.createObjectBinding(() -> e -> matchesType(e) && matchesSource(e),
                type, source));
    }

    /** The pool object's entry in the node filter. */
    public static String poolSource(String pool) {
        return "Pool " + pool;
    }

    /** What an event is about, as the table and the node filter name it. */
    public static String about(ClusterEvent e) {
        return "HybridNodePool".equals(e.involvedKind()) ? poolSource(e.involvedName()) : e.involvedName();
    }

    private boolean matchesType(ClusterEvent e) {
        String t = type.get();
        return t == null || ALL_TYPES.equals(t) || t.equalsIgnoreCase(e.type());
    }

    private boolean matchesSource(ClusterEvent e) {
        String s = source.get();
        return s == null || ALL_SOURCES.equals(s) || s.equals(about(e));
    }

    /** Shows another pool (null: none); its filters start at all. */
    void open(ClusterRef ref, String pool, Collection<String> nodes) {
        this.ref = ref;
        this.pool = pool;
        this.nodes = Set.copyOf(nodes);
        read.clear();
        type.set(ALL_TYPES);
        source.set(ALL_SOURCES);
        updateSources();
        merge();
    }

    /** The pool's nodes changed (a node joined or left). */
    void nodes(Collection<String> now) {
        Set<String> next = Set.copyOf(now);
        if (!next.equals(nodes)) {
            nodes = next;
            updateSources();
            merge();
        }
    }

    /** Events read from the cluster for the shown pool. */
    void read(List<ClusterEvent> history) {
        history.forEach(e -> read.put(e.uid(), e));
        merge();
    }

    private void updateSources() {
        List<String> all = new ArrayList<>();
        all.add(ALL_SOURCES);
        if (pool != null) {
            all.add(poolSource(pool));
            all.addAll(new TreeSet<>(nodes));
        }
        String keep = source.get();
        sources.setAll(all);
        source.set(all.contains(keep) ? keep : ALL_SOURCES);
    }

    private boolean ours(ClusterEvent e) {
        return "HybridNodePool".equals(e.involvedKind()) ? e.involvedName().equals(pool)
                : "Node".equals(e.involvedKind()) && nodes.contains(e.involvedName());
    }

    private void merge() {
        if (ref == null) {
            events.clear();
            return;
        }
        // what arrives live is kept while the pool is open: the fleet's list drops it once 300 newer events came
        for (EventRow r : live) {
            if (r.ref().equals(ref) && ours(r.event())) {
                read.put(r.event().uid(), r.event());
            }
        }
        List<ClusterEvent> next = new ArrayList<>(read.values());
        next.sort(NEWEST_FIRST);
        if (next.size() > MAX_EVENTS) {
            next.subList(MAX_EVENTS, next.size()).forEach(e -> read.remove(e.uid()));
            next = new ArrayList<>(next.subList(0, MAX_EVENTS));
        }
        if (!next.equals(events)) {
            events.setAll(next);
        }
    }

    /** Every event of the pool, newest first. */
    public ObservableList<ClusterEvent> events() { return events; }
    /** The events the filters let through. */
    public FilteredList<ClusterEvent> shown() { return shown; }
    public ObservableList<String> types() { return types; }
    public ObjectProperty<String> typeProperty() { return type; }
    /** "All nodes and the pool", the pool object, then its nodes by name. */
    public ObservableList<String> sources() { return sources; }
    public ObjectProperty<String> sourceProperty() { return source; }

    boolean showing(ClusterRef r, String p) {
        return Objects.equals(ref, r) && Objects.equals(pool, p);
    }
}
