package dev.hybridpane.ui.fleet;

import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.NodeCounts;

/** One line of the clusters table. Replaced, never mutated. */
public record ClusterRow(Cluster cluster, ConnectionState connection, NodeCounts counts) {

    public ClusterRef ref() {
        return cluster.ref();
    }

    /** "3 · 7/8": cloud nodes, then hybrid ready/total. */
    public String nodesText() {
        return counts.cloud() + " · " + counts.hybridReady() + "/" + counts.hybridTotal();
    }

    /** Remote node and pod networks, or an em dash when hybrid is off. */
    public String hybridText() {
        if (!cluster.hybridEnabled()) {
            return "—";
        }
        String nodes = String.join(", ", cluster.remoteNodeCidrs());
        String pods = cluster.remotePodCidrs().isEmpty() ? "—" : String.join(", ", cluster.remotePodCidrs());
        return nodes + " / " + pods;
    }

    public String connectionText() {
        return connection == null ? "Connecting" : connection.label();
    }

    /** The failure sentence, or null when not failed. */
    public String connectionReason() {
        if (connection instanceof ConnectionState.Failed f) {
            return f.reason();
        }
        if (connection instanceof ConnectionState.Connecting c) {
            return c.detail();
        }
        return null;
    }

    public boolean failed() {
        return connection instanceof ConnectionState.Failed;
    }

    public boolean connected() {
        return connection instanceof ConnectionState.Connected;
    }

    ClusterRow withConnection(ConnectionState s) {
        return new ClusterRow(cluster, s, counts);
    }

    ClusterRow withCounts(NodeCounts c) {
        return new ClusterRow(cluster, connection, c);
    }
}
