package dev.hybridpane.ui.fleet;

import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.NodeCounts;
import dev.hybridpane.domain.PoolHealth;
import java.util.HashMap;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Live node state of one cluster, updated incrementally on the FX thread. */
final class ClusterState {
    final Map<String, ClusterNode> nodes = new HashMap<>();
    final Map<String, Map<String, ClusterNode>> byPool = new HashMap<>();
    final ObservableList<ClusterNode> hybridNodes = FXCollections.observableArrayList();
    final Map<String, Integer> hybridIndex = new HashMap<>();
    final ObservableList<PoolHealth> pools = FXCollections.observableArrayList();
    int cloud;
    int hybridReady;
    int hybridTotal;

    NodeCounts counts() {
        return new NodeCounts(cloud, hybridReady, hybridTotal);
    }

    /** Applies one upsert or delete (node null); returns the pools it touched. */
    void apply(String name, ClusterNode node, java.util.Set<String> touchedPools) {
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

    /** Recomputes the roll-up of one pool and puts it in name order. */
    void rollUp(String pool) {
        Map<String, ClusterNode> members = byPool.get(pool);
        int at = -1;
        for (int i = 0; i < pools.size(); i++) {
            if (pools.get(i).pool().equals(pool)) {
                at = i;
                break;
            }
        }
        if (members == null || members.isEmpty()) {
            byPool.remove(pool);
            if (at >= 0) {
                pools.remove(at);
            }
            return;
        }
        String site = members.values().iterator().next().site();
        PoolHealth health = PoolHealth.rollUp(pool, site, members.values());
        if (at >= 0) {
            if (!pools.get(at).equals(health)) {
                pools.set(at, health);
            }
            return;
        }
        int insert = 0;
        while (insert < pools.size() && pools.get(insert).pool().compareTo(pool) < 0) {
            insert++;
        }
        pools.add(insert, health);
    }
}
