package dev.hybridpane.lab.aws;

import java.time.Instant;
import java.util.List;

/**
 * An EKS cluster update in the lab: InProgress until {@code due}, then Successful (and the change is applied). A
 * RemoteNetworkConfigUpdate sets the remote networks; an EndpointAccessUpdate the endpoint's public and private access.
 */
record LabUpdate(String id, String region, String cluster, String type, Instant createdAt, Instant due,
        List<String> nodeCidrs, List<String> podCidrs, boolean endpointPublic, boolean endpointPrivate) {

    LabUpdate(String id, String region, String cluster, String type, Instant createdAt, Instant due,
            List<String> nodeCidrs, List<String> podCidrs) {
        this(id, region, cluster, type, createdAt, due, nodeCidrs, podCidrs, false, false);
    }

    /** The same update, done (applied) now. */
    LabUpdate done() {
        return new LabUpdate(id, region, cluster, type, createdAt, Instant.MAX, nodeCidrs, podCidrs, endpointPublic,
                endpointPrivate);
    }
}
