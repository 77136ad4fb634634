package dev.hybridpane.ui.fleet;

import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterRef;

/** A Kubernetes event as the console lists it; {@code hybridNode} when it is about a hybrid node. */
public record EventRow(ClusterRef ref, ClusterEvent event, boolean hybridNode) {
    public boolean warning() {
        return event.warning();
    }
}
