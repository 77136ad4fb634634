package dev.hybridpane.core;

import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.CallerIdentity;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterRef;
import java.util.List;

/**
 * AWS, for one credentials profile. Every method blocks and may throw {@link AwsFailure};
 * call it off the FX thread. Implementations use the SDK's own paginators and retries.
 */
public interface AwsPort extends AutoCloseable {

    CallerIdentity callerIdentity();

    /** Cluster names in a region (all pages). */
    List<String> listClusters(String region);

    Cluster describeCluster(ClusterRef ref);

    List<AccessEntry> listAccessEntries(ClusterRef ref);

    /** VPC, subnets, the VPC's route tables and the given security groups. */
    ClusterNetwork describeNetwork(String region, String vpcId, List<String> subnetIds, List<String> securityGroupIds);

    /** A fresh EKS bearer token for the cluster (presigned STS GetCallerIdentity with x-k8s-aws-id). */
    EksToken eksToken(ClusterRef ref);

    @Override
    void close();
}
