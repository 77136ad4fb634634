package dev.hybridpane.lab.aws;

import java.time.Instant;
import java.util.List;

/** An EKS cluster update in the lab: InProgress until {@code due}, then Successful (and the change is applied). */
record LabUpdate(String id, String region, String cluster, String type, Instant createdAt, Instant due,
        List<String> nodeCidrs, List<String> podCidrs) {
}
