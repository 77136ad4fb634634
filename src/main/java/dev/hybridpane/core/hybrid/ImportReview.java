package dev.hybridpane.core.hybrid;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.Cluster;
import java.util.List;

/** What importing a cluster found before changing anything: the checks, the manifest and what of it exists. */
public record ImportReview(Cluster cluster, ClusterAccess access, List<Check> checks, String manifest, List<String> objects,
        FootprintStatus footprint, boolean alreadyInWorkspace) {
    public ImportReview {
        checks = List.copyOf(checks);
        objects = List.copyOf(objects);
    }
}
