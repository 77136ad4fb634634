package dev.hybridpane.ui.fleet;

/** How many nodes of one compute type a cluster has, and how many of them are Ready. */
public record NodeCounts(int total, int ready) {
    public static final NodeCounts NONE = new NodeCounts(0, 0);

    /** These counts with one more node, Ready or not. */
    public NodeCounts plus(boolean nodeReady) {
        return new NodeCounts(total + 1, ready + (nodeReady ? 1 : 0));
    }
}
