package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.network.ClusterNetworkPort;
import dev.hybridpane.domain.Cluster;
import java.util.function.Function;

/** The doctor's cluster side for the CLI: until the fabric8 adapter is in this build, every read says so (those checks are unknown). */
final class ClusterSides {
    private ClusterSides() {
    }

    static ClusterNetworkPort fabric8(Fabric8ClusterPort clusters, Function<Cluster, ClusterAccess> access) {
        return cluster -> {
            throw new IllegalStateException("the cluster-side reads are not part of this build yet");
        };
    }
}
