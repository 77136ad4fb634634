package dev.hybridpane.core.network;

import static dev.hybridpane.core.network.NetworkDoctorTest.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.core.hybrid.HybridAwsPort;
import dev.hybridpane.core.network.ClusterNetworkPort.Cni;
import dev.hybridpane.core.network.ClusterNetworkPort.NodePodCidrs;
import dev.hybridpane.core.network.NetworkReadPort.Route;
import dev.hybridpane.core.network.NetworkReadPort.Tunnel;
import dev.hybridpane.core.network.NetworkReadPort.VpnConnection;
import dev.hybridpane.core.network.NetworkReadPort.VpnGateway;
import dev.hybridpane.core.network.NetworkReadPort.VpnRoute;
import dev.hybridpane.core.pool.ActivationPort.Activation;
import dev.hybridpane.core.pool.CniDaemonSet;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.ClusterNetwork.IngressRule;
import dev.hybridpane.domain.ClusterNetwork.SecurityGroup;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.network.DoctorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each check's pass, warn, fail and unknown, with its evidence and fix, on the fake world with one thing broken. */
class NetworkChecksTest {
    final FakeNetworkWorld w = new FakeNetworkWorld();

    DoctorReport run() {
        return w.doctor().run(new NetworkDoctor.Request("payments", "us-west-2", false), null, null);
    }

    @Test
    void aMissingPodRouteFailsWithACreateRouteToTheTargetTheOtherCidrsUse() {
        w.replaceTable("rtb-1", List.of(FakeNetworkWorld.local(), FakeNetworkWorld.tgw(FakeNetworkWorld.NODES)));
        DoctorCheck c = check(run(), "aws.routes@rtb-1:10.81.0.0/16");
        assertEquals(DoctorStatus.FAIL, c.status());
        assertTrue(c.summary().contains("webhooks"), c.summary());
        assertEquals("create-route", c.fix().action());
        assertEquals(Map.of("routeTableId", "rtb-1", "destinationCidr", "10.81.0.0/16", "targetKind", "transitGateway",
                "targetId", "tgw-1"), c.fix().params());
        assertTrue(c.fix().automatic());
        assertTrue(c.evidence().contains("rtb-1: 10.80.0.0/16 → tgw-1 (active)"), c.evidence().toString());
        assertEquals(DoctorStatus.PASS, check(run(), "aws.routes@rtb-main:10.81.0.0/16").status());
        assertEquals(DoctorStatus.FAIL, check(run(), "cluster.pod-cidrs@n1").status());
    }

    @Test
    void aBlackholeFailsAndAPropagatedOrWiderRoutePasses() {
        w.replaceTable("rtb-1", List.of(FakeNetworkWorld.local(),
                new Route(FakeNetworkWorld.NODES, "transitGateway", "tgw-old", "blackhole", "CreateRoute"),
                new Route("10.80.0.0/15", "vpnGateway", "vgw-1", "active", "EnableVgwRoutePropagation")));
        DoctorReport r = run();
        DoctorCheck hole = check(r, "aws.routes@rtb-1:10.80.0.0/16");
        assertEquals(DoctorStatus.FAIL, hole.status());
        assertTrue(hole.summary().contains("blackhole"));
        assertTrue(hole.fix().snippet().startsWith("aws ec2 replace-route --route-table-id rtb-1"), hole.fix().snippet());
        DoctorCheck propagated = check(r, "aws.routes@rtb-1:10.81.0.0/16");
        assertEquals(DoctorStatus.PASS, propagated.status());
        assertTrue(propagated.summary().endsWith("(propagated)."), propagated.summary());
    }

    @Test
    void theTransitGatewayRouteTableMustSendEachCidrToTheVpn() {
        w.tgwRoutes.removeIf(t -> t.destination().equals(FakeNetworkWorld.PODS));
        w.attachments.set(0, new NetworkReadPort.TgwAttachment("tgw-attach-vpc", "tgw-1", "vpc", "vpc-1", "pending", "tgw-rtb-1"));
        DoctorReport r = run();
        DoctorCheck route = check(r, "aws.tgw-routes@tgw-rtb-1:10.81.0.0/16");
        assertEquals(DoctorStatus.FAIL, route.status());
        assertTrue(route.fix().snippet().contains("--transit-gateway-attachment-id tgw-attach-vpn"), route.fix().snippet());
        assertEquals(DoctorStatus.PASS, check(r, "aws.tgw-routes@tgw-rtb-1:10.80.0.0/16").status());
        assertEquals(DoctorStatus.WARN, check(r, "aws.tgw-attachment@tgw-1").status());
    }

    @Test
    void oneTunnelDownWarnsBothDownFailsWithTheIpsecSnippetForTheSite() {
        w.vpn = FakeNetworkWorld.vpn(List.of(new Tunnel("3.3.3.1", "UP", ""), new Tunnel("3.3.3.2", "DOWN", "IPSEC IS DOWN")),
                true, List.of());
        DoctorCheck one = check(run(), "aws.vpn@vpn-1");
        assertEquals(DoctorStatus.WARN, one.status());
        assertTrue(one.fix().snippet().contains("remote_addrs = 3.3.3.2"), one.fix().snippet());
        assertTrue(one.fix().snippet().contains("local_ts = 10.80.0.0/16,10.81.0.0/16"), one.fix().snippet());
        assertTrue(one.fix().description().startsWith("At dallas:"), one.fix().description());
        assertTrue(one.evidence().contains("tunnel 2 3.3.3.2: DOWN (IPSEC IS DOWN)"), one.evidence().toString());
        w.vpn = FakeNetworkWorld.vpn(List.of(new Tunnel("3.3.3.1", "DOWN", ""), new Tunnel("3.3.3.2", "DOWN", "")), true, List.of());
        assertEquals(DoctorStatus.FAIL, check(run(), "aws.vpn@vpn-1").status());
        assertTrue(run().topology().elements().stream().filter(e -> e.id().equals("vpn-1")).findFirst().orElseThrow()
                .details().contains("tunnel 1 DOWN"));
    }

    @Test
    void aStaticVpnToAVirtualPrivateGatewayNeedsAStaticRoutePerCidrAndBgpPasses() {
        w.attachments.clear();
        w.vgws = List.of(new VpnGateway("vgw-1", "available", List.of("vpc-1"), ""));
        w.replaceTable("rtb-1", List.of(FakeNetworkWorld.local(), new Route(FakeNetworkWorld.NODES, "vpnGateway", "vgw-1", "active",
                "CreateRoute"), new Route(FakeNetworkWorld.PODS, "vpnGateway", "vgw-1", "active", "CreateRoute")));
        w.replaceTable("rtb-main", w.routeTables.get(0).routes());
        List<Tunnel> up = List.of(new Tunnel("3.3.3.1", "UP", ""), new Tunnel("3.3.3.2", "UP", ""));
        w.vpn = new VpnConnection("vpn-1", "available", "vgw-1", null, "cgw-1", "198.51.100.20", true,
                List.of(new VpnRoute(FakeNetworkWorld.NODES, "available")), up, "");
        DoctorReport r = run();
        DoctorCheck missing = check(r, "aws.vpn-routes@vpn-1:10.81.0.0/16");
        assertEquals(DoctorStatus.FAIL, missing.status());
        assertEquals("vpn-static-route", missing.fix().action());
        assertEquals(Map.of("vpnConnectionId", "vpn-1", "destinationCidr", "10.81.0.0/16"), missing.fix().params());
        assertEquals(DoctorStatus.PASS, check(r, "aws.vpn-routes@vpn-1:10.80.0.0/16").status());
        assertTrue(r.topology().links().stream().anyMatch(l -> l.id().equals("vpc-1->vgw-1")));
        w.vpn = new VpnConnection("vpn-1", "available", "vgw-1", null, "cgw-1", "198.51.100.20", false, List.of(), up, "");
        assertEquals(DoctorStatus.PASS, check(run(), "aws.vpn-routes@vpn-1").status());
    }

    @Test
    void noRuleFor443FromThePodCidrFailsWithAnAuthorizeFixAndAllTrafficPasses() {
        w.groups.set(0, new SecurityGroup("sg-c", "eks-cluster-sg", "", List.of(new IngressRule("tcp", 443, 443,
                List.of(FakeNetworkWorld.NODES)))));
        DoctorCheck c = check(run(), "aws.sg-443@10.81.0.0/16");
        assertEquals(DoctorStatus.FAIL, c.status());
        assertEquals("authorize-443", c.fix().action());
        assertEquals(Map.of("groupId", "sg-c", "cidr", "10.81.0.0/16"), c.fix().params());
        w.groups.add(new SecurityGroup("sg-x", "extra", "", List.of(new IngressRule("-1", -1, -1, List.of("10.0.0.0/8")))));
        assertEquals(DoctorStatus.PASS, check(run(), "aws.sg-443@10.81.0.0/16").status());
    }

    @Test
    void dnsOffFailsWithTheVpcDnsFixAndPublicAndPrivateWarns() {
        w.dnsHostnames = false;
        w.cluster = FakeNetworkWorld.cluster(EndpointAccess.PUBLIC_AND_PRIVATE);
        DoctorReport r = run();
        DoctorCheck dns = check(r, "aws.vpc-dns@vpc-1:enableDnsHostnames");
        assertEquals(DoctorStatus.FAIL, dns.status());
        assertEquals(Map.of("vpcId", "vpc-1", "attribute", "enableDnsHostnames"), dns.fix().params());
        assertEquals(DoctorStatus.PASS, check(r, "aws.vpc-dns@vpc-1:enableDnsSupport").status());
        DoctorCheck endpoint = check(r, "aws.endpoint-access@payments");
        assertEquals(DoctorStatus.WARN, endpoint.status());
        assertTrue(endpoint.summary().contains("public IPs"), endpoint.summary());
        w.deny("ec2:DescribeVpcAttribute");
        assertEquals("unknown: missing permission ec2:DescribeVpcAttribute",
                check(run(), "aws.vpc-dns@vpc-1:enableDnsSupport").summary());
    }

    @Test
    void podCidrsOutsideTheRemotePodNetworksFailAndWithoutBgpTheRouterLinesAreGiven() {
        w.podCidrs = List.of(new NodePodCidrs("n1", "CiliumNode", List.of("10.90.1.0/24")),
                new NodePodCidrs("n2", "CiliumNode", List.of("10.81.2.0/24")));
        w.bgp = List.of();
        DoctorReport r = run();
        assertEquals(DoctorStatus.FAIL, check(r, "cluster.pod-cidrs@n1").status());
        assertEquals(DoctorStatus.PASS, check(r, "cluster.pod-cidrs@n2").status());
        DoctorCheck routes = check(r, "cluster.pod-routes");
        assertEquals(DoctorStatus.WARN, routes.status());
        assertTrue(routes.fix().snippet().contains("ip route replace 10.81.2.0/24 via 10.80.1.12   # n2"), routes.fix().snippet());
    }

    @Test
    void aCniThatMissesHybridNodesFailsWithTheAffinityPatchAndItsIpamMustMatch() {
        w.cni = new Cni("cilium", FakeNetworkWorld.ciliumDs(List.of(new CniDaemonSet.Term(List.of(
                new CniDaemonSet.Requirement("eks.amazonaws.com/compute-type", "NotIn", List.of("hybrid")))))),
                List.of("10.0.0.0/8"), "ConfigMap kube-system/cilium-config");
        DoctorReport r = run();
        DoctorCheck affinity = check(r, "cluster.cni-affinity@kube-system/cilium");
        assertEquals(DoctorStatus.FAIL, affinity.status());
        assertEquals(Map.of("namespace", "kube-system", "daemonSet", "cilium"), affinity.fix().params());
        assertEquals("cni-affinity", affinity.fix().action());
        assertEquals(DoctorStatus.FAIL, check(r, "cluster.cni-ipam@kube-system/cilium").status());
        w.cni = Cni.NONE;
        assertEquals(DoctorStatus.FAIL, check(run(), "cluster.cni-affinity").status());
    }

    @Test
    void identityNeedsAnEntryPerRoleUsableActivationsAndEnabledAnchors() {
        w.entries = new ArrayList<>();
        w.activations = List.of(new Activation("act-1", "hybrid-ssm", 2, 2, FakeNetworkWorld.NOW.plusSeconds(60), false, Map.of(),
                "dallas-pool", ""));
        DoctorReport r = run();
        assertEquals(DoctorStatus.FAIL, check(r, "aws.access-entry@hybrid-ssm").status());
        assertTrue(check(r, "aws.access-entry@hybrid-ssm").fix().snippet().contains("--type HYBRID_LINUX"));
        assertEquals(DoctorStatus.PASS, check(r, "aws.ssm-activation@act-1").status(), "its pool's 2 hosts joined: spent is normal");
        assertTrue(check(r, "aws.ssm-activation@act-1").summary().contains("no host of its pool waits"));
        PoolStore.Stored joined = w.pools.get(0);
        w.pools = List.of(new PoolStore.Stored(joined.pool().withHosts(List.of(new PoolHost("h1", "10.80.1.1"),
                new PoolHost("h2", ""), new PoolHost("h3", ""))), "1", joined.status()));
        r = run();
        assertEquals(DoctorStatus.WARN, check(r, "aws.ssm-activation@act-1").status(), "a third host waits");
        assertTrue(check(r, "aws.ssm-activation@act-1").summary().contains("used up while 1 host(s) of its pool have not joined"));
        w.pools = List.of(joined);

        w.entries = new ArrayList<>(List.of(new AccessEntry("arn:aws:iam::1:role/hybrid-ra", "HYBRID_LINUX",
                "", List.of())));
        w.trustPolicies.put("hybrid-ra", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"rolesanywhere.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\",\"sts:SetSourceIdentity\"],"
                + "\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:rolesanywhere:us-west-2:1:trust-anchor/ta-1\"}}}]}");
        w.anchors.add(new HybridAwsPort.TrustAnchor("stores", "arn:aws:rolesanywhere:us-west-2:1:trust-anchor/ta-1", "ta-1", false));
        DoctorCheck anchor = check(run(), "aws.trust-anchor@ta-1");
        assertEquals(DoctorStatus.FAIL, anchor.status());
        assertTrue(anchor.fix().snippet().contains("enable-trust-anchor --region us-west-2 --trust-anchor-id ta-1"));

        w.deny("ssm:DescribeActivations");
        DoctorReport denied = run();
        assertEquals("unknown: missing permission ssm:DescribeActivations", check(denied, "aws.ssm-activation").summary());
        assertEquals(DoctorStatus.FAIL, check(denied, "aws.trust-anchor@ta-1").status());
    }
}
