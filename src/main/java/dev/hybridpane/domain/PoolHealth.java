package dev.hybridpane.domain;

import java.util.Collection;

/** A pool's health roll-up from its nodes' Ready condition. */
public record PoolHealth(String pool, String site, int ready, int total, HealthStatus status) {

    public static PoolHealth rollUp(String pool, String site, Collection<ClusterNode> nodes) {
        int total = nodes.size();
        int ready = (int) nodes.stream().filter(ClusterNode::ready).count();
        return new PoolHealth(pool, site, ready, total, statusOf(ready, total));
    }

    public static HealthStatus statusOf(int ready, int total) {
        if (total == 0) {
            return HealthStatus.EMPTY;
        }
        if (ready == total) {
            return HealthStatus.HEALTHY;
        }
        return ready == 0 ? HealthStatus.DOWN : HealthStatus.DEGRADED;
    }
}
