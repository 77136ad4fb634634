package dev.hybridpane.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An EKS cluster as DescribeCluster reports it. Immutable; a change produces a new record.
 * {@code certificateAuthority} is the base64 PEM bundle (public data, not a secret).
 */
public record Cluster(
        ClusterRef ref,
        String arn,
        String version,
        String status,
        String endpoint,
        EndpointAccess endpointAccess,
        AuthenticationMode authenticationMode,
        IpFamily ipFamily,
        String vpcId,
        List<String> subnetIds,
        List<String> securityGroupIds,
        String clusterSecurityGroupId,
        String serviceCidr,
        List<String> remoteNodeCidrs,
        List<String> remotePodCidrs,
        String certificateAuthority,
        Instant createdAt,
        Map<String, String> tags) {

    public Cluster {
        subnetIds = List.copyOf(subnetIds == null ? List.of() : subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds == null ? List.of() : securityGroupIds);
        remoteNodeCidrs = List.copyOf(remoteNodeCidrs == null ? List.of() : remoteNodeCidrs);
        remotePodCidrs = List.copyOf(remotePodCidrs == null ? List.of() : remotePodCidrs);
        tags = Map.copyOf(tags == null ? Map.of() : tags);
    }

    public String name() {
        return ref.name();
    }

    public String region() {
        return ref.region();
    }

    /** Hybrid nodes are enabled when the cluster has at least one remote node network. */
    public boolean hybridEnabled() {
        return !remoteNodeCidrs.isEmpty();
    }
}
