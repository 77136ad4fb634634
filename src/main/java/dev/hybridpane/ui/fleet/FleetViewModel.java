package dev.hybridpane.ui.fleet;

import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ComputeType;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.PoolHealth;
import dev.hybridpane.domain.pool.LivePool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live fleet as the views see it: cluster rows, hybrid nodes and pool health per cluster, recent
 * events and fleet-wide counts. Fed one coalesced batch per pulse; FX thread only. Counts update
 * incrementally; pool roll-ups are recomputed once per batch for the pools the batch touched.
 */
public final class FleetViewModel {
    public static final int MAX_EVENTS = 300;

    private static final Comparator<EventRow> NEWEST_FIRST = Comparator.comparing(
            (EventRow r) -> r.event().lastSeen() == null ? Instant.MIN : r.event().lastSeen()).reversed();

    private final ObservableList<ClusterRow> clusterRows = FXCollections.observableArrayList();
    private final Map<ClusterRef, Integer> rowIndex = new HashMap<>();
    private final Map<ClusterRef, ClusterState> states = new HashMap<>();
    private final ObservableList<EventRow> recentEvents = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper warnings = new ReadOnlyIntegerWrapper(this, "warnings");
    private final ReadOnlyIntegerWrapper hybridReady = new ReadOnlyIntegerWrapper(this, "hybridReady");
    private final ReadOnlyIntegerWrapper hybridTotal = new ReadOnlyIntegerWrapper(this, "hybridTotal");
    private final ReadOnlyIntegerWrapper poolsHealthy = new ReadOnlyIntegerWrapper(this, "poolsHealthy");
    private final ReadOnlyIntegerWrapper poolsDegraded = new ReadOnlyIntegerWrapper(this, "poolsDegraded");
    private final ReadOnlyIntegerWrapper poolsDown = new ReadOnlyIntegerWrapper(this, "poolsDown");
    private final ReadOnlyIntegerWrapper unavailable = new ReadOnlyIntegerWrapper(this, "unavailable");
    private final ReadOnlyObjectWrapper<DiscoveryState> discovery = new ReadOnlyObjectWrapper<>(this, "discovery",
            DiscoveryState.IDLE);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "Not started");
    private final FleetProblems problems = new FleetProblems();
    private final List<Consumer<Set<NodeKey>>> batchListeners = new CopyOnWriteArrayList<>();
    private String environmentError;

    /** Applies one batch. FX thread only. */
    public void apply(List<FleetUpdate> batch) {
        Map<ClusterRef, Set<String>> touched = new LinkedHashMap<>();
        Set<NodeKey> appliedNodes = new HashSet<>();
        List<FleetUpdate.EventSeen> seen = new ArrayList<>();
        Set<NodeKey> newlyHybrid = new HashSet<>();
        Set<ClusterState> opened = new HashSet<>();
        for (FleetUpdate u : batch) {
            if (u instanceof FleetUpdate.NodeUpserted up) {
                ClusterNode n = up.node();
                ClusterState s = openBatch(up.ref(), opened);
                ClusterNode before = s.nodes.get(n.name());
                if (n.hybrid() && (before == null || !before.hybrid())) {
                    newlyHybrid.add(new NodeKey(up.ref(), n.name()));
                }
                s.apply(n.name(), n, touched.computeIfAbsent(up.ref(), r -> new HashSet<>()));
                appliedNodes.add(new NodeKey(up.ref(), n.name()));
            } else if (u instanceof FleetUpdate.NodeDeleted del) {
                openBatch(del.ref(), opened).apply(del.nodeName(), null, touched.computeIfAbsent(del.ref(), r -> new HashSet<>()));
                appliedNodes.add(new NodeKey(del.ref(), del.nodeName()));
            } else if (u instanceof FleetUpdate.EventSeen ev) {
                seen.add(ev);
            } else if (u instanceof FleetUpdate.PoolUpserted pu) {
                state(pu.ref()).applyPool(pu.pool().name(), pu.pool(), touched.computeIfAbsent(pu.ref(), r -> new HashSet<>()));
            } else if (u instanceof FleetUpdate.PoolDeleted pd) {
                state(pd.ref()).applyPool(pd.poolName(), null, touched.computeIfAbsent(pd.ref(), r -> new HashSet<>()));
            } else {
                applyFleet(u);
            }
        }
        // the node and event lists of a cluster arrive independently: an event can come before its node
        if (!newlyHybrid.isEmpty()) {
            markHybridEvents(newlyHybrid);
        }
        List<EventRow> newEvents = new ArrayList<>(seen.size());
        for (FleetUpdate.EventSeen ev : seen) {
            newEvents.add(eventRow(ev.ref(), ev.event()));
        }
        // each cluster's node list fires its edits of this batch as ONE change
        opened.forEach(s -> s.hybridNodes.closeBatch());
        if (!touched.isEmpty()) {
            touched.forEach((ref, pools) -> {
                ClusterState s = states.get(ref);
                s.rollUp(pools);
                Integer idx = rowIndex.get(ref);
                if (idx != null && !clusterRows.get(idx).counts().equals(s.counts())) {
                    clusterRows.set(idx, clusterRows.get(idx).withCounts(s.counts()));
                }
            });
            recomputeTotals();
        }
        if (!newEvents.isEmpty()) {
            addEvents(newEvents);
        }
        updateStatusText();
        if (!appliedNodes.isEmpty()) {
            batchListeners.forEach(l -> l.accept(appliedNodes));
        }
    }

    private ClusterState openBatch(ClusterRef ref, Set<ClusterState> opened) {
        ClusterState s = state(ref);
        if (opened.add(s)) {
            s.hybridNodes.openBatch();
        }
        return s;
    }

    private void applyFleet(FleetUpdate u) {
        if (u instanceof FleetUpdate.DiscoveryStarted) {
            discovery.set(DiscoveryState.DISCOVERING);
        } else if (u instanceof FleetUpdate.DiscoveryFinished) {
            discovery.set(DiscoveryState.DONE);
        } else if (u instanceof FleetUpdate.EnvironmentFailed f) {
            environmentError = f.reason();
            problems.environmentFailed(f.reason());
            discovery.set(DiscoveryState.FAILED);
        } else if (u instanceof FleetUpdate.RegionFailed rf) {
            problems.regionFailed(rf.region(), rf.reason(), rf.problem());
        } else if (u instanceof FleetUpdate.ClusterUnavailable) {
            unavailable.set(unavailable.get() + 1);
        } else if (u instanceof FleetUpdate.ClusterFound cf) {
            ClusterRef ref = cf.cluster().ref();
            Integer idx = rowIndex.get(ref);
            ClusterState s = state(ref);
            if (idx == null) {
                rowIndex.put(ref, clusterRows.size());
                clusterRows.add(new ClusterRow(cf.cluster(), new ConnectionState.Connecting("Waiting for the API server"),
                        s.counts()));
            } else {
                ClusterRow old = clusterRows.get(idx);
                clusterRows.set(idx, new ClusterRow(cf.cluster(), old.connection(), s.counts()));
            }
        } else if (u instanceof FleetUpdate.AccessChanged ac) {
            Integer idx = rowIndex.get(ac.ref());
            if (idx != null) {
                clusterRows.set(idx, clusterRows.get(idx).withConnection(ac.state()));
            }
        }
    }

    /** Events listed before their node was known as a hybrid node: now they are about one. */
    private void markHybridEvents(Set<NodeKey> nodes) {
        for (int i = 0; i < recentEvents.size(); i++) {
            EventRow r = recentEvents.get(i);
            if (!r.hybridNode() && "Node".equals(r.event().involvedKind())
                    && nodes.contains(new NodeKey(r.ref(), r.event().involvedName()))) {
                recentEvents.set(i, new EventRow(r.ref(), r.event(), true));
            }
        }
    }

    private EventRow eventRow(ClusterRef ref, ClusterEvent e) {
        boolean hybrid = false;
        if ("Node".equals(e.involvedKind())) {
            ClusterState s = states.get(ref);
            ClusterNode n = s == null ? null : s.nodes.get(e.involvedName());
            hybrid = n != null && n.hybrid();
        }
        return new EventRow(ref, e, hybrid);
    }

    private void addEvents(List<EventRow> arrived) {
        Map<String, EventRow> byUid = new LinkedHashMap<>();
        for (int i = arrived.size() - 1; i >= 0; i--) {
            byUid.putIfAbsent(key(arrived.get(i)), arrived.get(i));
        }
        List<EventRow> newestFirst = new ArrayList<>(byUid.values());
        // by the time the event last happened; a stable sort keeps the later arrival first among equals
        newestFirst.sort(NEWEST_FIRST);
        if (newestFirst.size() > MAX_EVENTS) {
            newestFirst = newestFirst.subList(0, MAX_EVENTS);
        }
        Set<String> keys = new HashSet<>(byUid.keySet());
        recentEvents.removeIf(r -> keys.contains(key(r)));
        if (recentEvents.isEmpty() || NEWEST_FIRST.compare(newestFirst.get(newestFirst.size() - 1), recentEvents.get(0)) <= 0) {
            // the usual live case: everything new happened after what is listed
            recentEvents.addAll(0, newestFirst);
        } else {
            // e.g. a cluster's initial list (in the API server's order) or an old event seen again
            List<EventRow> merged = new ArrayList<>(newestFirst.size() + recentEvents.size());
            merged.addAll(newestFirst);
            merged.addAll(recentEvents);
            merged.sort(NEWEST_FIRST);
            recentEvents.setAll(merged);
        }
        if (recentEvents.size() > MAX_EVENTS) {
            recentEvents.remove(MAX_EVENTS, recentEvents.size());
        }
        warnings.set((int) recentEvents.stream().filter(EventRow::warning).count());
    }

    private static String key(EventRow r) {
        return r.ref().account() + "/" + r.ref().region() + "/" + r.ref().name() + "/" + r.event().uid();
    }

    private void recomputeTotals() {
        int ready = 0;
        int total = 0;
        int healthy = 0;
        int degraded = 0;
        int down = 0;
        for (ClusterState s : states.values()) {
            ready += s.hybridReady;
            total += s.hybridTotal;
            for (PoolHealth p : s.pools) {
                switch (p.status()) {
                    case HEALTHY -> healthy++;
                    case DEGRADED -> degraded++;
                    case DOWN -> down++;
                    default -> { }
                }
            }
        }
        hybridReady.set(ready);
        hybridTotal.set(total);
        poolsHealthy.set(healthy);
        poolsDegraded.set(degraded);
        poolsDown.set(down);
    }

    private void updateStatusText() {
        int connected = 0;
        int failed = 0;
        for (ClusterRow r : clusterRows) {
            if (r.connected()) {
                connected++;
            } else if (r.failed()) {
                failed++;
            }
        }
        StringBuilder sb = new StringBuilder();
        switch (discovery.get()) {
            case IDLE -> sb.append("Not started");
            case FAILED -> sb.append("Discovery failed: ").append(environmentError);
            case DISCOVERING -> sb.append("Discovering… ").append(clusterRows.size()).append(" found");
            case DONE -> {
                int n = clusterRows.size();
                sb.append(n).append(n == 1 ? " cluster" : " clusters").append(" · ").append(connected).append(" connected");
            }
        }
        if (discovery.get() != DiscoveryState.FAILED) {
            if (failed > 0) {
                sb.append(" · ").append(failed).append(" failed");
            }
            if (unavailable.get() > 0) {
                sb.append(" · ").append(unavailable.get()).append(" unavailable");
            }
            // the regions that failed follow as a link of their own (the status bar's), which lists their reasons
        }
        statusText.set(sb.toString());
    }

    private ClusterState state(ClusterRef ref) {
        return states.computeIfAbsent(ref, r -> new ClusterState());
    }

    /** Forgets everything, for a new environment. */
    public void reset() {
        clusterRows.clear();
        rowIndex.clear();
        states.clear();
        recentEvents.clear();
        problems.reset();
        environmentError = null;
        unavailable.set(0);
        warnings.set(0);
        recomputeTotals();
        discovery.set(DiscoveryState.IDLE);
        updateStatusText();
    }

    /** Called after each applied batch with the nodes it changed (benchmark hook). */
    public void addBatchListener(Consumer<Set<NodeKey>> listener) {
        batchListeners.add(listener);
    }

    public void removeBatchListener(Consumer<Set<NodeKey>> listener) {
        batchListeners.remove(listener);
    }

    public Optional<ClusterNode> node(NodeKey key) {
        ClusterState s = states.get(key.ref());
        return s == null ? Optional.empty() : Optional.ofNullable(s.nodes.get(key.name()));
    }

    /** Node counts by compute type for one cluster (walks its nodes; for the open detail only). */
    public EnumMap<ComputeType, NodeCounts> countsByType(ClusterRef ref) {
        EnumMap<ComputeType, NodeCounts> m = new EnumMap<>(
                ComputeType.class);
        for (ComputeType t : ComputeType.values()) {
            m.put(t, NodeCounts.NONE);
        }
        ClusterState s = states.get(ref);
        if (s != null) {
            for (ClusterNode n : s.nodes.values()) {
                m.put(n.computeType(), m.get(n.computeType()).plus(n.ready()));
            }
        }
        return m;
    }

    public Optional<ClusterRow> row(ClusterRef ref) {
        Integer idx = rowIndex.get(ref);
        return idx == null ? Optional.empty() : Optional.of(clusterRows.get(idx));
    }

    /** Hybrid nodes of a cluster, in arrival order (views sort them). */
    public ObservableList<ClusterNode> hybridNodes(ClusterRef ref) {
        return state(ref).hybridNodes;
    }

    /** A HybridNodePool object of a cluster, as last watched. */
    public Optional<LivePool> poolObject(ClusterRef ref, String name) {
        ClusterState s = states.get(ref);
        return s == null ? Optional.empty() : Optional.ofNullable(s.poolObjects.get(name));
    }

    /** Pool roll-ups of a cluster, by pool name: managed pools (objects) and unmanaged ones (node labels only). */
    public ObservableList<PoolHealth> pools(ClusterRef ref) {
        return state(ref).pools;
    }

    /** What kept clusters from being listed: failed regions, the profile's credentials, a failed discovery. */
    public FleetProblems problems() {
        return problems;
    }

    public ObservableList<ClusterRow> clusterRows() {
        return clusterRows;
    }

    public ObservableList<EventRow> recentEvents() {
        return recentEvents;
    }

    public ReadOnlyIntegerProperty warningsProperty() {
        return warnings.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty hybridReadyProperty() {
        return hybridReady.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty hybridTotalProperty() {
        return hybridTotal.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty poolsHealthyProperty() {
        return poolsHealthy.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty poolsDegradedProperty() {
        return poolsDegraded.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty poolsDownProperty() {
        return poolsDown.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DiscoveryState> discoveryProperty() {
        return discovery.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }
}
