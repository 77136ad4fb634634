package dev.hybridpane.domain;

import java.util.Collection;

/** Node counts for a cluster: cloud nodes, hybrid nodes ready and in total. */
public record NodeCounts(int cloud, int hybridReady, int hybridTotal) {
    public static final NodeCounts NONE = new NodeCounts(0, 0, 0);

    public static NodeCounts of(Collection<ClusterNode> nodes) {
        int cloud = 0;
        int ready = 0;
        int hybrid = 0;
        for (ClusterNode n : nodes) {
            if (n.hybrid()) {
                hybrid++;
                if (n.ready()) {
                    ready++;
                }
            } else {
                cloud++;
            }
        }
        return new NodeCounts(cloud, ready, hybrid);
    }
}
