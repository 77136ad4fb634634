package dev.hybridpane.ui.fleet;

import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.NodeCounts;
import dev.hybridpane.domain.PoolHealth;
import dev.hybridpane.domain.pool.LivePool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Live node and pool state of one cluster, updated incrementally on the FX thread. */
final class ClusterState {
    final Map<String, ClusterNode> nodes = new HashMap<>();
    final Map<String, Map<String, ClusterNode>> byPool = new HashMap<>();
    final BatchedObservableList<ClusterNode> hybridNodes = new BatchedObservableList<>();
    final Map<String, Integer> hybridIndex = new HashMap<>();
    final ObservableList<PoolHealth> pools = FXCollections.observableArrayList();
    /** The cluster's HybridNodePool objects, by name. */
    final Map<String, LivePool> poolObjects = new HashMap<>();
    int cloud;
    int hybridReady;
    int hybridTotal;

    NodeCounts counts() {
        return new NodeCounts(cloud, hybridReady, hybridTotal);
    }

    /** Applies one upsert or delete (node null); returns the pools it touched. */
    void apply(String name, ClusterNode node, Set<String> touchedPools) {
        ClusterNode old = node == null ? nodes.remove(name) : nodes.put(name, node);
        if (old != null) {
            count(old, -1);
            if (old.hybrid()) {
                Map<String, ClusterNode> members = byPool.get(old.pool());
                if (members != null) {
                    members.remove(name);
                }
                touchedPools.add(old.pool());
            }
        }
        if (node != null) {
            count(node, 1);
            if (node.hybrid()) {
                byPool.computeIfAbsent(node.pool(), p -> new HashMap<>()).put(name, node);
                touchedPools.add(node.pool());
            }
        }
        Integer idx = hybridIndex.get(name);
        if (node != null && node.hybrid()) {
            if (idx != null) {
                hybridNodes.set(idx, node);
            } else {
                hybridIndex.put(name, hybridNodes.size());
                hybridNodes.add(node);
            }
        } else if (idx != null) {
            // swap-remove keeps removal O(1); tables sort their own view
            int last = hybridNodes.size() - 1;
            ClusterNode moved = hybridNodes.get(last);
            hybridIndex.remove(name);
            if (idx != last) {
                hybridNodes.set(idx, moved);
                hybridIndex.put(moved.name(), idx);
            }
            hybridNodes.remove(last);
        }
    }

    /** Applies one pool object upsert or delete ({@code pool} null); the pool's roll-up is touched. */
    void applyPool(String name, LivePool pool, Set<String> touchedPools) {
        if (pool == null) {
            poolObjects.remove(name);
        } else {
            poolObjects.put(name, pool);
        }
        touchedPools.add(name);
    }

    private void count(ClusterNode n, int delta) {
        if (n.hybrid()) {
            hybridTotal += delta;
            if (n.ready()) {
                hybridReady += delta;
            }
        } else {
            cloud += delta;
        }
    }

    /**
     * Recomputes the roll-ups of the touched pools and publishes them as ONE list change, so views
     * that redraw on change redraw once per batch.
     */
    void rollUp(Set<String> touched) {
        List<PoolHealth> next = new ArrayList<>(pools);
        for (String pool : touched) {
            next.removeIf(p -> p.pool().equals(pool));
            Map<String, ClusterNode> members = byPool.get(pool);
            LivePool managed = poolObjects.get(pool);
            if (members == null || members.isEmpty()) {
                byPool.remove(pool);
                if (managed != null) {
                    next.add(PoolHealth.rollUp(managed, List.of()));
                }
                continue;
            }
            if (managed != null) {
                next.add(PoolHealth.rollUp(managed, members.values()));
                continue;
            }
            String site = members.values().iterator().next().site();
            next.add(PoolHealth.rollUp(pool, site, members.values()));
        }
        next.sort(Comparator.comparing(PoolHealth::pool));
        if (!next.equals(pools)) {
            pools.setAll(next);
        }
    }
}
