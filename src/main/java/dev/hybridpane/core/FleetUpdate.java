package dev.hybridpane.core;

import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.pool.LivePool;
import java.time.Duration;
import java.util.List;

/** What the fleet tells the UI. Records flow from adapter threads through the batching bridge. */
public sealed interface FleetUpdate {
    record DiscoveryStarted(List<String> regions) implements FleetUpdate {
    }

    record ClusterFound(Cluster cluster) implements FleetUpdate {
    }

    /** DescribeCluster failed for a listed cluster. */
    record ClusterUnavailable(ClusterRef ref, String reason) implements FleetUpdate {
    }

    /** @param problem why, in the user's words, when the profile's credentials or the region's access failed; or null */
    record RegionFailed(String region, String reason, CredentialProblem problem) implements FleetUpdate {
        public RegionFailed(String region, String reason) {
            this(region, reason, null);
        }
    }

    record DiscoveryFinished(int clusters, Duration took) implements FleetUpdate {
    }

    /** The whole discovery failed before any region (e.g. credentials). */
    record EnvironmentFailed(String reason) implements FleetUpdate {
    }

    record AccessChanged(ClusterRef ref, ConnectionState state) implements FleetUpdate {
    }

    record NodeUpserted(ClusterRef ref, ClusterNode node) implements FleetUpdate {
    }

    record NodeDeleted(ClusterRef ref, String nodeName) implements FleetUpdate {
    }

    record EventSeen(ClusterRef ref, ClusterEvent event) implements FleetUpdate {
    }

    record PoolUpserted(ClusterRef ref, LivePool pool) implements FleetUpdate {
    }

    record PoolDeleted(ClusterRef ref, String poolName) implements FleetUpdate {
    }
}
