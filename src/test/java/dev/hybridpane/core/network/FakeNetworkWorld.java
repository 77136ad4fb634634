package dev.hybridpane.core.network;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.core.hybrid.HybridAwsPort;
import dev.hybridpane.core.network.ClusterNetworkPort.Cni;
import dev.hybridpane.core.network.ClusterNetworkPort.HybridNode;
import dev.hybridpane.core.network.ClusterNetworkPort.NodePodCidrs;
import dev.hybridpane.core.network.NetworkReadPort.BgpPeer;
import dev.hybridpane.core.network.NetworkReadPort.DirectConnectGateway;
import dev.hybridpane.core.network.NetworkReadPort.Route;
import dev.hybridpane.core.network.NetworkReadPort.RouteTable;
import dev.hybridpane.core.network.NetworkReadPort.TgwAttachment;
import dev.hybridpane.core.network.NetworkReadPort.TgwRoute;
import dev.hybridpane.core.network.NetworkReadPort.TgwRouteTarget;
import dev.hybridpane.core.network.NetworkReadPort.TransitGateway;
import dev.hybridpane.core.network.NetworkReadPort.Tunnel;
import dev.hybridpane.core.network.NetworkReadPort.VirtualInterface;
import dev.hybridpane.core.network.NetworkReadPort.VpnConnection;
import dev.hybridpane.core.network.NetworkReadPort.VpnGateway;
import dev.hybridpane.core.network.NetworkReadPort.VpnRoute;
import dev.hybridpane.core.pool.ActivationPort;
import dev.hybridpane.core.pool.ActivationPort.Activation;
import dev.hybridpane.core.pool.CniDaemonSet;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.CallerIdentity;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterNetwork.IngressRule;
import dev.hybridpane.domain.ClusterNetwork.SecurityGroup;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.IpFamily;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One healthy hybrid cluster in memory behind every port the doctor reads (AWS, EC2, IAM, SSM, the cluster): a VPC with two
 * route tables (one explicit, the main one) routing the remote node and pod CIDRs to a transit gateway, whose route table
 * sends them to a static VPN with both tunnels UP; 443 open from both; DNS on; private endpoint; a HYBRID_LINUX entry for
 * the SSM role of a usable activation; Cilium reaching the hybrid nodes with its IPAM pool = the pod network, BGP on.
 * Tests break one thing at a time; {@link #deny} makes an operation answer AccessDenied.
 */
final class FakeNetworkWorld implements NetworkReadPort, ClusterNetworkPort {
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final String NODES = "10.80.0.0/16";
    static final String PODS = "10.81.0.0/16";

    final Set<String> denied = new HashSet<>();
    final List<String> calls = new ArrayList<>();
    Cluster cluster = cluster(EndpointAccess.PRIVATE);
    List<String> vpcCidrs = List.of("10.100.0.0/16");
    List<RouteTable> routeTables = new ArrayList<>(List.of(
            new RouteTable("rtb-1", "vpc-1", false, List.of("subnet-a"), List.of(local(), tgw(NODES), tgw(PODS))),
            new RouteTable("rtb-main", "vpc-1", true, List.of(), List.of(local(), tgw(NODES), tgw(PODS)))));
    List<TgwAttachment> attachments = new ArrayList<>(List.of(
            new TgwAttachment("tgw-attach-vpc", "tgw-1", "vpc", "vpc-1", "available", "tgw-rtb-1"),
            new TgwAttachment("tgw-attach-vpn", "tgw-1", "vpn", "vpn-1", "available", "tgw-rtb-1")));
    List<TransitGateway> tgws = List.of(new TransitGateway("tgw-1", "available", "111122223333", "tgw-rtb-1", "core"));
    List<TgwRoute> tgwRoutes = new ArrayList<>(List.of(toVpn(NODES), toVpn(PODS),
            new TgwRoute("10.100.0.0/16", "propagated", "active", List.of(new TgwRouteTarget("tgw-attach-vpc", "vpc", "vpc-1")))));
    List<VpnGateway> vgws = List.of();
    VpnConnection vpn = vpn(List.of(new Tunnel("3.3.3.1", "UP", ""), new Tunnel("3.3.3.2", "UP", "")), true,
            List.of(new VpnRoute(NODES, "available"), new VpnRoute(PODS, "available")));
    /** No Direct Connect until a test adds one ({@link #withDirectConnect}). */
    List<DirectConnectGateway> dxGateways = new ArrayList<>();
    List<VirtualInterface> vifs = new ArrayList<>();
    List<SecurityGroup> groups = new ArrayList<>(List.of(new SecurityGroup("sg-c", "eks-cluster-sg", "", List.of(
            new IngressRule("tcp", 443, 443, List.of(NODES)), new IngressRule("tcp", 443, 443, List.of(PODS))))));
    boolean dnsHostnames = true;
    boolean dnsSupport = true;
    List<AccessEntry> entries = new ArrayList<>(List.of(
            new AccessEntry("arn:aws:iam::111122223333:role/hybrid-ssm", "HYBRID_LINUX", "system:node:{{SessionName}}", List.of())));
    List<Activation> activations = new ArrayList<>(List.of(new Activation("act-1", "hybrid-ssm", 10, 2,
            NOW.plusSeconds(86400), false, Map.of("EKSClusterARN", "arn"), "dallas-pool", "")));
    List<HybridAwsPort.TrustAnchor> anchors = new ArrayList<>();
    Map<String, String> trustPolicies = new HashMap<>();
    List<Site> sites = List.of(new Site("dallas", "", List.of("10.80.1.0/24"), List.of(PODS), "198.51.100.20", List.of()));
    List<PoolStore.Stored> pools = List.of(new PoolStore.Stored(new HybridNodePool("dallas-pool", "dallas",
            new ProfileRef("p", 1), Map.of(), List.of(), "", List.of(),
            List.of(new PoolHost("h1", "10.80.1.1"), new PoolHost("h2", ""))), "1", new PoolStore.PoolStatus("Ready", 2, 2, List.of())));
    List<HybridNode> nodes = List.of(new HybridNode("n1", Map.of("eks.amazonaws.com/compute-type", "hybrid"), true, "10.80.1.11"),
            new HybridNode("n2", Map.of("eks.amazonaws.com/compute-type", "hybrid"), true, "10.80.1.12"));
    List<NodePodCidrs> podCidrs = List.of(new NodePodCidrs("n1", "CiliumNode", List.of("10.81.1.0/24")),
            new NodePodCidrs("n2", "CiliumNode", List.of("10.81.2.0/24")));
    Cni cni = new Cni("cilium", ciliumDs(List.of(new CniDaemonSet.Term(List.of(
            new CniDaemonSet.Requirement("eks.amazonaws.com/compute-type", "In", List.of("hybrid")))))), List.of(PODS),
            "ConfigMap kube-system/cilium-config");
    List<String> bgp = List.of("CiliumBGPClusterConfig/hybrid");
    RuntimeException sessionFailure;

    static Cluster cluster(EndpointAccess access) {
        return new Cluster(new ClusterRef("us-west-2", "payments"), "arn", "1.31", "ACTIVE", "https://abc.eks.example:443",
                access, AuthenticationMode.API, IpFamily.IPV4, "vpc-1", List.of("subnet-a", "subnet-b"), List.of("sg-x"), "sg-c",
                "172.20.0.0/16", List.of(NODES), List.of(PODS), "Q0E=", Instant.EPOCH, Map.of());
    }

    static Route local() {
        return new Route("10.100.0.0/16", "local", "local", "active", "CreateRouteTable");
    }

    static Route tgw(String cidr) {
        return new Route(cidr, "transitGateway", "tgw-1", "active", "CreateRoute");
    }

    static TgwRoute toVpn(String cidr) {
        return new TgwRoute(cidr, "static", "active", List.of(new TgwRouteTarget("tgw-attach-vpn", "vpn", "vpn-1")));
    }

    static VpnConnection vpn(List<Tunnel> tunnels, boolean staticOnly, List<VpnRoute> routes) {
        return new VpnConnection("vpn-1", "available", null, "tgw-1", "cgw-1", "198.51.100.20", staticOnly, routes, tunnels,
                "dallas-vpn");
    }

    static CniDaemonSet ciliumDs(List<CniDaemonSet.Term> terms) {
        return new CniDaemonSet("kube-system", "cilium", Map.of(), terms, List.of());
    }

    static final String DX = "3f6d1c2e-0000-4e71-9c5d-0b2a7e9f4d18";
    static final String AUSTIN = "10.80.2.0/24";

    /**
     * A second site, austin (10.80.2.0/24), behind a Direct Connect gateway on tgw-1: its attachment (available), the
     * transit gateway route for the site's node CIDR to it, and one transit virtual interface with two BGP peers.
     */
    FakeNetworkWorld withDirectConnect(String... bgp) {
        sites = List.of(sites.get(0), new Site("austin", "", List.of(AUSTIN), List.of(), "", List.of()));
        attachments.add(new TgwAttachment("tgw-attach-dx", "tgw-1", "direct-connect-gateway", DX, "available", "tgw-rtb-1"));
        tgwRoutes.add(new TgwRoute(AUSTIN, "propagated", "active",
                List.of(new TgwRouteTarget("tgw-attach-dx", "direct-connect-gateway", DX))));
        dxGateways.add(new DirectConnectGateway(DX, "core-dxgw", "available"));
        List<BgpPeer> peers = new ArrayList<>();
        for (int i = 0; i < bgp.length; i++) {
            peers.add(new BgpPeer("dxpeer-" + i, bgp[i], 65112, "169.254.201." + (1 + 4 * i) + "/30",
                    "169.254.201." + (2 + 4 * i) + "/30"));
        }
        vifs.add(new VirtualInterface("dxvif-abcd1234", "core-vif", "transit", peers.stream().anyMatch(BgpPeer::up)
                ? "available" : "down", DX, "EqDA2", 112, 64513, peers));
        return this;
    }

    void deny(String operation) {
        denied.add(operation);
    }

    private void call(String operation) {
        calls.add(operation);
        if (denied.contains(operation)) {
            throw new AwsFailure(FailureKind.ACCESS_DENIED, operation, operation.startsWith("ec2:") ? "UnauthorizedOperation"
                    : "AccessDeniedException", "You are not authorized to perform this operation.", null);
        }
    }

    void replaceTable(String id, List<Route> routes) {
        routeTables.replaceAll(t -> t.id().equals(id) ? new RouteTable(t.id(), t.vpcId(), t.main(), t.subnetIds(), routes) : t);
    }

    NetworkDoctor doctor() {
        return new NetworkDoctor(aws(), this, hybrid(), activations(), this, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    AwsPort aws() {
        FakeNetworkWorld w = this;
        return new AwsPort() {
            public CallerIdentity callerIdentity() {
                return new CallerIdentity("111122223333", "arn:aws:iam::111122223333:user/a", "A");
            }

            public List<String> listClusters(String region) {
                return List.of(w.cluster.name());
            }

            public Cluster describeCluster(ClusterRef ref) {
                call("eks:DescribeCluster");
                return w.cluster;
            }

            public List<AccessEntry> listAccessEntries(ClusterRef ref) {
                call("eks:ListAccessEntries");
                return w.entries;
            }

            public ClusterNetwork describeNetwork(String region, String vpcId, List<String> subnetIds, List<String> sgs) {
                throw new UnsupportedOperationException();
            }

            public EksToken eksToken(ClusterRef ref) {
                throw new UnsupportedOperationException();
            }

            public void close() {
            }
        };
    }

    HybridAwsPort hybrid() {
        return (HybridAwsPort) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HybridAwsPort.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "listTrustAnchors" -> {
                        call("rolesanywhere:ListTrustAnchors");
                        yield anchors;
                    }
                    case "getRole" -> {
                        call("iam:GetRole");
                        String p = trustPolicies.get((String) args[0]);
                        yield Optional.ofNullable(p == null ? null
                                : new HybridAwsPort.IamRole((String) args[0], "arn:aws:iam::1:role/" + args[0], p, 3600));
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    ActivationPort activations() {
        return (ActivationPort) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ActivationPort.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("activationsTagged")) {
                        call("ssm:DescribeActivations");
                        return activations;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Override
    public List<String> vpcCidrs(String region, String vpcId) {
        call("ec2:DescribeVpcs");
        return vpcCidrs;
    }

    @Override
    public List<RouteTable> routeTables(String region, String vpcId) {
        call("ec2:DescribeRouteTables");
        return routeTables;
    }

    @Override
    public List<TgwAttachment> transitGatewayAttachments(String region) {
        call("ec2:DescribeTransitGatewayAttachments");
        return attachments;
    }

    @Override
    public List<TransitGateway> transitGateways(String region, List<String> ids) {
        call("ec2:DescribeTransitGateways");
        return tgws;
    }

    @Override
    public List<TgwRouteTable> transitGatewayRouteTables(String region, String transitGatewayId) {
        call("ec2:DescribeTransitGatewayRouteTables");
        return List.of(new TgwRouteTable("tgw-rtb-1", "tgw-1", "available", true));
    }

    @Override
    public List<TgwRoute> transitGatewayRoutes(String region, String routeTableId) {
        call("ec2:SearchTransitGatewayRoutes");
        return tgwRoutes;
    }

    @Override
    public List<VpnGateway> vpnGateways(String region) {
        call("ec2:DescribeVpnGateways");
        return vgws;
    }

    @Override
    public List<VpnConnection> vpnConnections(String region) {
        call("ec2:DescribeVpnConnections");
        return vpn == null ? List.of() : List.of(vpn);
    }

    @Override
    public List<DirectConnectGateway> directConnectGateways(String region) {
        call("directconnect:DescribeDirectConnectGateways");
        return dxGateways;
    }

    @Override
    public List<VirtualInterface> virtualInterfaces(String region) {
        call("directconnect:DescribeVirtualInterfaces");
        return vifs;
    }

    @Override
    public List<SecurityGroup> securityGroups(String region, List<String> groupIds) {
        call("ec2:DescribeSecurityGroups");
        return groups.stream().filter(g -> groupIds.contains(g.id())).toList();
    }

    @Override
    public boolean vpcAttribute(String region, String vpcId, String attribute) {
        call("ec2:DescribeVpcAttribute");
        return "enableDnsHostnames".equals(attribute) ? dnsHostnames : dnsSupport;
    }

    @Override
    public Session open(Cluster c) {
        if (sessionFailure != null) {
            throw sessionFailure;
        }
        FakeNetworkWorld w = this;
        return new Session() {
            public List<PoolStore.Stored> pools() {
                return w.pools;
            }

            public List<Site> sites() {
                return w.sites;
            }

            public List<NodePodCidrs> nodePodCidrs() {
                return w.podCidrs;
            }

            public Cni cni() {
                return w.cni;
            }

            public List<HybridNode> hybridNodes() {
                return w.nodes;
            }

            public List<String> bgpConfigs() {
                return w.bgp;
            }

            public void close() {
            }
        };
    }
}
