package dev.hybridpane.core.hybrid;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.domain.Cluster;
import java.util.List;

/** What the enable-hybrid wizard reads first: the cluster, its VPC CIDRs and its CNI (null when unreadable). */
public record EnableReview(Cluster cluster, ClusterAccess access, List<String> vpcCidrs, CniStatus cni, String cniError) {
    public EnableReview {
        vpcCidrs = List.copyOf(vpcCidrs);
    }

    public String accountId() {
        String[] p = cluster.arn() == null ? new String[0] : cluster.arn().split(":");
        return p.length > 4 ? p[4] : "";
    }
}
