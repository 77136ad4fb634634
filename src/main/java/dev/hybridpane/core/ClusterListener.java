package dev.hybridpane.core;

import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.pool.LivePool;

/** Receives a cluster's live changes, on an adapter thread. Implementations must be quick and thread-safe. */
public interface ClusterListener {
    void onState(ConnectionState state);

    void onNodeUpsert(ClusterNode node);

    void onNodeDelete(String nodeName);

    void onEvent(ClusterEvent event);

    /** A HybridNodePool object was added or changed (clusters without the pools' CRD deliver none). */
    default void onPoolUpsert(LivePool pool) {
    }

    default void onPoolDelete(String poolName) {
    }
}
