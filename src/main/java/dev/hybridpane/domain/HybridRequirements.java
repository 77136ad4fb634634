package dev.hybridpane.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster-side requirements for EKS Hybrid Nodes (see the EKS user guide): authentication mode
 * API or API_AND_CONFIG_MAP, IPv4, endpoint access public or private (not both), and, when remote
 * networks are set, CIDRs that are RFC 1918 and do not overlap the VPC or service CIDRs or each other.
 */
public final class HybridRequirements {
    public static final String AUTH_MODE = "auth-mode";
    public static final String IP_FAMILY = "ip-family";
    public static final String ENDPOINT = "endpoint-access";
    public static final String REMOTE_NETWORKS = "remote-networks";

    private HybridRequirements() {
    }

    /** Checks that need only DescribeCluster. {@code vpcCidrs} may be empty when the VPC is not known yet. */
    public static List<Check> evaluate(Cluster c, List<String> vpcCidrs) {
        List<Check> checks = new ArrayList<>();
        checks.add(authMode(c));
        checks.add(ipFamily(c.ipFamily()));
        checks.add(endpoint(c.endpointAccess()));
        checks.add(remoteNetworks(c, vpcCidrs));
        return List.copyOf(checks);
    }

    public static CheckStatus overall(List<Check> checks) {
        return checks.stream().map(Check::status).reduce(CheckStatus.PASS, CheckStatus::worst);
    }

    /**
     * The aws CLI command that switches a CONFIG_MAP cluster to API_AND_CONFIG_MAP (one-way; aws-auth keeps working). A
     * cluster that reports no accessConfig is in EKS's default mode, CONFIG_MAP.
     */
    public static String switchToApiAndConfigMap(ClusterRef ref) {
        return "aws eks update-cluster-config --region " + ref.region() + " --name " + ref.name()
                + " --access-config authenticationMode=API_AND_CONFIG_MAP";
    }

    static Check authMode(Cluster c) {
        String title = "Authentication mode";
        return switch (c.authenticationMode()) {
            case API -> Check.pass(AUTH_MODE, title, "API: hybrid nodes join through an access entry of type HYBRID_LINUX.");
            case API_AND_CONFIG_MAP -> Check.pass(AUTH_MODE, title,
                    "API_AND_CONFIG_MAP: an access entry or the aws-auth ConfigMap can admit hybrid nodes.");
            case CONFIG_MAP -> Check.fail(AUTH_MODE, title,
                    "CONFIG_MAP only (EKS's default; also when the cluster reports no accessConfig). EKS refuses access "
                            + "entries in this mode, and hybrid nodes need API or API_AND_CONFIG_MAP; switch with "
                            + "UpdateClusterConfig accessConfig.authenticationMode=API_AND_CONFIG_MAP (one-way): "
                            + switchToApiAndConfigMap(c.ref()) + ".");
            case UNKNOWN -> Check.warn(AUTH_MODE, title, "The cluster did not report its authentication mode.");
        };
    }

    static Check ipFamily(IpFamily family) {
        String title = "IP family";
        return switch (family) {
            case IPV4 -> Check.pass(IP_FAMILY, title, "IPv4.");
            case IPV6 -> Check.fail(IP_FAMILY, title,
                    "IPv6 clusters cannot use hybrid nodes; the IP family is fixed at creation, so a new IPv4 cluster is needed.");
            case UNKNOWN -> Check.warn(IP_FAMILY, title, "The cluster did not report its IP family.");
        };
    }

    static Check endpoint(EndpointAccess access) {
        String title = "Endpoint access";
        return switch (access) {
            case PUBLIC -> Check.pass(ENDPOINT, title, "Public: hybrid nodes reach the API server over the internet.");
            case PRIVATE -> Check.pass(ENDPOINT, title,
                    "Private: hybrid nodes reach the API server over the VPN or Direct Connect; on-prem DNS must resolve it.");
            case PUBLIC_AND_PRIVATE -> Check.fail(ENDPOINT, title,
                    "Public and private: on-prem nodes resolve the public IPs and cannot use the private path. "
                            + "Choose public only or private only.");
        };
    }

    static Check remoteNetworks(Cluster c, List<String> vpcCidrs) {
        String title = "Remote networks";
        if (!c.hybridEnabled()) {
            return Check.warn(REMOTE_NETWORKS, title, "No remote node networks: hybrid mode is not enabled on this cluster.");
        }
        List<String> problems = new ArrayList<>();
        List<Cidr> seen = new ArrayList<>();
        List<Cidr> reserved = new ArrayList<>();
        for (String v : vpcCidrs) {
            Cidr.tryParse(v).ifPresent(reserved::add);
        }
        Cidr service = c.serviceCidr() == null ? null : Cidr.tryParse(c.serviceCidr()).orElse(null);
        List<String> all = new ArrayList<>(c.remoteNodeCidrs());
        all.addAll(c.remotePodCidrs());
        for (String s : all) {
            Cidr cidr;
            try {
                cidr = Cidr.parse(s);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (!cidr.isRfc1918()) {
                problems.add(s + " is outside RFC 1918");
            }
            for (Cidr r : reserved) {
                if (r.overlaps(cidr)) {
                    problems.add(s + " overlaps the VPC CIDR " + r);
                }
            }
            if (service != null && service.overlaps(cidr)) {
                problems.add(s + " overlaps the service CIDR " + service);
            }
            for (Cidr other : seen) {
                if (other.overlaps(cidr)) {
                    problems.add(s + " overlaps " + other);
                }
            }
            seen.add(cidr);
        }
        if (!problems.isEmpty()) {
            return Check.fail(REMOTE_NETWORKS, title, String.join("; ", problems) + ".");
        }
        String summary = "Nodes " + String.join(", ", c.remoteNodeCidrs());
        if (c.remotePodCidrs().isEmpty()) {
            return Check.warn(REMOTE_NETWORKS, title, summary
                    + "; no remote pod networks, so webhooks running on hybrid nodes are unreachable from the control plane.");
        }
        return Check.pass(REMOTE_NETWORKS, title, summary + "; pods " + String.join(", ", c.remotePodCidrs()) + ".");
    }
}
