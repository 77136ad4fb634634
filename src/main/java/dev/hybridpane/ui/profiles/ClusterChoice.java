package dev.hybridpane.ui.profiles;

import dev.hybridpane.domain.Cluster;

/** An entry of the cluster filter: one cluster, or every cluster ({@code cluster} null). */
public record ClusterChoice(Cluster cluster) {
    public static final ClusterChoice ALL = new ClusterChoice(null);

    public boolean all() {
        return cluster == null;
    }

    public boolean includes(Cluster c) {
        return cluster == null || cluster.ref().equals(c.ref());
    }

    @Override
    public String toString() {
        return cluster == null ? "All clusters" : cluster.name() + "  (" + cluster.region() + ")";
    }
}
