package dev.hybridpane.ui.pools;

import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.pool.HostCommands;

/**
 * One line of a pool's nodes table: the edge host and the node made from it ({@code node} null: a host of the pool
 * whose node has not joined). The NodeConfig path is where the console wrote the node's configuration on the host.
 */
public record PoolNodeRow(String host, ClusterNode node) {
    public static final String NODECONFIG = HostCommands.NODECONFIG_PATH;

    public String hostText() {
        return host == null || host.isEmpty() ? "—" : host;
    }

    public String nodeText() {
        return node == null ? "(not joined)" : node.name();
    }

    public boolean ready() {
        return node != null && node.ready();
    }

    public String readyText() {
        if (node == null) {
            return "—";
        }
        return node.ready() ? "Ready" : "NotReady";
    }

    public String kubeletText() {
        return node == null || node.kubeletVersion().isEmpty() ? "—" : node.kubeletVersion();
    }

    public String ipText() {
        return node == null || node.internalIp().isEmpty() ? "—" : node.internalIp();
    }

    /** The Ready condition's reason, and its message when the node is not ready. */
    public String conditionsText() {
        if (node == null) {
            return "no Node in the cluster yet";
        }
        String reason = node.readyReason().isEmpty() ? (node.ready() ? "Ready" : "NotReady") : node.readyReason();
        String text = node.ready() || node.readyMessage().isEmpty() ? reason : reason + ": " + node.readyMessage();
        return node.unschedulable() ? text + " · cordoned" : text;
    }

    public String credentialText() {
        return node == null || node.credentialProvider().isEmpty() ? "—" : node.credentialProvider();
    }

    public String nodeConfigText() {
        return NODECONFIG;
    }
}
