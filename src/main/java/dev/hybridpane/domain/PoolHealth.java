package dev.hybridpane.domain;

import dev.hybridpane.domain.pool.LivePool;
import dev.hybridpane.domain.pool.ProfileRef;
import java.util.Collection;

/**
 * A pool's health roll-up from its nodes' Ready condition. A pool is {@code managed} when a HybridNodePool object
 * describes it; an unmanaged pool is only the {@code hybridpane.dev/pool} label on nodes. For a managed pool,
 * {@code phase} is its status phase, {@code profile} the profile version it is made from and {@code desired} the number
 * of hosts it names; for an unmanaged one they are "", null and 0.
 */
public record PoolHealth(String pool, String site, int ready, int total, HealthStatus status, boolean managed, String phase,
                         ProfileRef profile, int desired) {

    public PoolHealth {
        phase = phase == null ? "" : phase;
    }

    /** An unmanaged pool: node labels only. */
    public PoolHealth(String pool, String site, int ready, int total, HealthStatus status) {
        this(pool, site, ready, total, status, false, "", null, 0);
    }

    public static PoolHealth rollUp(String pool, String site, Collection<ClusterNode> nodes) {
        int total = nodes.size();
        int ready = (int) nodes.stream().filter(ClusterNode::ready).count();
        return new PoolHealth(pool, site, ready, total, statusOf(ready, total));
    }

    /**
     * A managed pool from its object and the nodes that carry its label. A pool whose hosts have not all joined counts
     * them as not ready: total is the larger of the hosts it names and the nodes it has.
     */
    public static PoolHealth rollUp(LivePool live, Collection<ClusterNode> nodes) {
        int ready = (int) nodes.stream().filter(ClusterNode::ready).count();
        int desired = live.pool().hosts().size();
        int total = Math.max(desired, nodes.size());
        return new PoolHealth(live.name(), live.pool().site(), ready, total, statusOf(ready, total), true, live.phase(),
                live.pool().profile(), desired);
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
