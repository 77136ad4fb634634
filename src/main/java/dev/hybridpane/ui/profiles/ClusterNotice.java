package dev.hybridpane.ui.profiles;

import dev.hybridpane.domain.Cluster;

/** Why a cluster's profiles are not shown (not connected, not imported, unreachable): one sentence. */
public record ClusterNotice(Cluster cluster, String message) {
}
