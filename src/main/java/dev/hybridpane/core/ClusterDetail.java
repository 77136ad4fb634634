package dev.hybridpane.core;

import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import java.util.List;

/**
 * What the detail pane shows beyond DescribeCluster. A part that could not be read carries its
 * reason instead (e.g. a missing eks:ListAccessEntries permission) and the rest still shows.
 */
public record ClusterDetail(
        Cluster cluster,
        ClusterNetwork network,
        String networkError,
        List<AccessEntry> accessEntries,
        String accessEntriesError,
        List<Check> checks) {
}
