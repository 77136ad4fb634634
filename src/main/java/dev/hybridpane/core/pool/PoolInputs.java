package dev.hybridpane.core.pool;

import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.hybrid.HybridAwsPort;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.profile.KubernetesLayer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a pool creation is planned from: the pool (from a file or the wizard), the cluster as DescribeCluster says,
 * the Hybrid Nodes role SSM activations use (null when the cluster has none), the VPC's CIDRs (for VPN routes), the
 * profile version's Kubernetes layer (null when the profile version does not exist), the site, the inventory's hosts with
 * their facts, which pool holds each host already, and how hosts are reached. For IAM Roles Anywhere also the role's
 * ARN, its trust anchor and profile and the CA key held in memory ({@code rolesAnywhere}; null for SSM).
 */
public record PoolInputs(HybridNodePool pool, Cluster cluster, String hybridRole, List<String> vpcCidrs,
                         KubernetesLayer kubernetes, Site site, Map<String, StoredHost> inventory,
                         Map<String, String> poolOfHost, SshIdentity identity, int parallelism, Duration readyTimeout,
                         RolesAnywhere rolesAnywhere) {
    public static final int DEFAULT_PARALLELISM = 8;
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(5);

    public PoolInputs {
        vpcCidrs = List.copyOf(vpcCidrs == null ? List.of() : vpcCidrs);
        inventory = Map.copyOf(inventory == null ? Map.of() : inventory);
        poolOfHost = Map.copyOf(poolOfHost == null ? Map.of() : poolOfHost);
        readyTimeout = readyTimeout == null ? DEFAULT_READY_TIMEOUT : readyTimeout;
    }

    /** An SSM pool's inputs (no Roles Anywhere). */
    public PoolInputs(HybridNodePool pool, Cluster cluster, String hybridRole, List<String> vpcCidrs,
                      KubernetesLayer kubernetes, Site site, Map<String, StoredHost> inventory,
                      Map<String, String> poolOfHost, SshIdentity identity, int parallelism, Duration readyTimeout) {
        this(pool, cluster, hybridRole, vpcCidrs, kubernetes, site, inventory, poolOfHost, identity, parallelism, readyTimeout,
                null);
    }

    /**
     * What IAM Roles Anywhere nodes use: the role they assume, the trust anchor (its CA certificate) and profile, and the
     * CA's private key in memory, which issues each node's certificate ({@code toString} shows no key).
     */
    public record RolesAnywhere(String roleArn, HybridAwsPort.TrustAnchor anchor, HybridAwsPort.RolesAnywhereProfile profile,
                                CaKey caKey) {
        @Override
        public String toString() {
            return "RolesAnywhere[role=" + roleArn + ", trustAnchor=" + anchor.arn() + ", profile=" + profile.arn() + "]";
        }
    }

    public String region() {
        return cluster.region();
    }

    public String clusterName() {
        return cluster.name();
    }
}
