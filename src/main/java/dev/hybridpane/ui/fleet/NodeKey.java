package dev.hybridpane.ui.fleet;

import dev.hybridpane.domain.ClusterRef;

/** A node across the fleet: its cluster and its name. */
public record NodeKey(ClusterRef ref, String name) {
}
