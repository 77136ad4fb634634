package dev.hybridpane.core;

import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ConnectionState;

/** Receives a cluster's live changes, on an adapter thread. Implementations must be quick and thread-safe. */
public interface ClusterListener {
    void onState(ConnectionState state);

    void onNodeUpsert(ClusterNode node);

    void onNodeDelete(String nodeName);

    void onEvent(ClusterEvent event);
}
