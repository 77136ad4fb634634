package dev.hybridpane.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.ReportText;
import dev.hybridpane.domain.network.Topology;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.aws.Fault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The doctor on the lab through the production adapters: retail-edge's healthy path passes; warehouse-edge's three planted
 * faults are each caught (the missing pod-CIDR route, the DOWN tunnel, no 443 for the pod CIDR); what a colleague breaks
 * through the EC2 API is caught; a denied call is an UNKNOWN naming the permission.
 */
class NetworkDoctorLabTest {
    static final String RETAIL_RTB = "rtb-0a1b2c3d4e5f60718";
    static final String RETAIL_TGW = "tgw-04e5f6a7b8c9d0e1f";
    static final String RETAIL_VPN = "vpn-07c1d2e3f4a5b6c7d";
    static final String RETAIL_VPC = "vpc-0a1b2c3d4e5f60718";
    static final String RETAIL_SG = "sg-0d2b3c4d5e6f70812";
    static final String WAREHOUSE_RTB = "rtb-0d4e5f60718293a41";
    static final String WAREHOUSE_VGW = "vgw-0e8f9a0b1c2d3e4f5";
    static final String WAREHOUSE_VPN = "vpn-0f1e2d3c4b5a69788";
    static final String WAREHOUSE_SG = "sg-0b6f708192a3b4c56";

    static DoctorLab doctorLab;
    static Lab lab;
    static Ec2Client oregon;

    @BeforeAll
    static void start() {
        doctorLab = DoctorLab.start();
        lab = doctorLab.lab;
        oregon = doctorLab.clients.ec2("us-west-2");
    }

    @AfterAll
    static void stop() {
        if (doctorLab != null) {
            doctorLab.close();
        }
    }

    @AfterEach
    void clearFaults() {
        lab.aws().clearFaults();
    }

    static DoctorReport run(String cluster, String region) {
        return doctorLab.run(cluster, region);
    }

    static DoctorCheck check(DoctorReport r, String id) {
        return DoctorLab.check(r, id);
    }

    static List<String> failing(DoctorReport r, String area) {
        return DoctorLab.failing(r, area);
    }

    @Test
    void retailEdgeIsHealthyOnTheAwsSideAndDrawnVpcToPool() {
        DoctorReport r = run("retail-edge", "us-west-2");
        assertThat(failing(r, "aws")).as(ReportText.render(r)).isEmpty();
        assertThat(check(r, "aws.routes@" + RETAIL_RTB + ":10.201.0.0/16").status()).isEqualTo(DoctorStatus.PASS);
        assertThat(check(r, "aws.tgw-attachment@" + RETAIL_TGW).status()).isEqualTo(DoctorStatus.PASS);
        assertThat(check(r, "aws.vpn@" + RETAIL_VPN).status()).isEqualTo(DoctorStatus.PASS);
        assertThat(r.checks().stream().map(DoctorCheck::id)).noneMatch(id -> id.startsWith("aws.vpn-routes@" + RETAIL_VPN));
        assertThat(check(r, "aws.sg-443@10.201.0.0/16").status()).isEqualTo(DoctorStatus.PASS);
        assertThat(check(r, "aws.vpc-dns@" + RETAIL_VPC + ":enableDnsHostnames").status()).isEqualTo(DoctorStatus.PASS);
        assertThat(r.checks().stream().filter(c -> c.id().startsWith("aws.tgw-routes@")).map(DoctorCheck::status))
                .isNotEmpty().containsOnly(DoctorStatus.PASS);
        Topology t = r.topology();
        assertThat(t.links().stream().map(Topology.Link::id)).contains(RETAIL_VPC + "->" + RETAIL_TGW, RETAIL_TGW + "->" + RETAIL_VPN);
        assertThat(t.elements().stream().map(Topology.Element::kind)).contains(Topology.Kind.VPC, Topology.Kind.TRANSIT_GATEWAY,
                Topology.Kind.VPN_CONNECTION);
    }

    @Test
    void warehouseEdgesThreePlantedFaultsAreEachCaught() {
        DoctorReport r = run("warehouse-edge", "eu-central-1");
        DoctorCheck route = check(r, "aws.routes@" + WAREHOUSE_RTB + ":10.211.0.0/16");
        assertThat(route.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(route.fix().action()).isEqualTo("create-route");
        assertThat(route.fix().params()).isEqualTo(Map.of("routeTableId", WAREHOUSE_RTB, "destinationCidr", "10.211.0.0/16",
                "targetKind", "vpnGateway", "targetId", WAREHOUSE_VGW));
        assertThat(check(r, "aws.routes@" + WAREHOUSE_RTB + ":10.210.0.0/16").status()).isEqualTo(DoctorStatus.PASS);
        DoctorCheck vpn = check(r, "aws.vpn@" + WAREHOUSE_VPN);
        assertThat(vpn.status()).isEqualTo(DoctorStatus.WARN);
        assertThat(vpn.evidence()).anyMatch(l -> l.contains("DOWN"));
        assertThat(vpn.fix().snippet()).contains("swanctl", "customer gateway 203.0.113.40 (cgw-0c2d3e4f5a6b7c8d9)")
                .doesNotContain("null");
        DoctorCheck sg = check(r, "aws.sg-443@10.211.0.0/16");
        assertThat(sg.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(sg.fix().action()).isEqualTo("authorize-443");
        assertThat(sg.fix().params()).containsEntry("cidr", "10.211.0.0/16");
        assertThat(check(r, "aws.sg-443@10.210.0.0/16").status()).isEqualTo(DoctorStatus.PASS);
        assertThat(check(r, "aws.vpn-routes@" + WAREHOUSE_VPN + ":10.211.0.0/16").status()).isEqualTo(DoctorStatus.PASS);
        assertThat(failing(r, "aws")).as(ReportText.render(r)).containsExactlyInAnyOrder(
                "aws.routes@" + WAREHOUSE_RTB + ":10.211.0.0/16", "aws.sg-443@10.211.0.0/16");
        assertThat(r.exitCode(false)).isEqualTo(1);
        assertThat(r.topology().links().stream().map(Topology.Link::id)).contains(WAREHOUSE_VGW + "->" + WAREHOUSE_VPN);
        // the whole path: VPC → VGW → VPN → the site → its pool (the lab seeds hamburg-dc's Site and HybridNodePool)
        assertThat(r.topology().links().stream().map(Topology.Link::id)).contains(
                "vpc-0d4e5f60718293a41->" + WAREHOUSE_VGW, WAREHOUSE_VPN + "->site:hamburg-dc",
                "site:hamburg-dc->pool:hamburg-pickers");
        Topology.Element site = r.topology().elements().stream().filter(e -> e.id().equals("site:hamburg-dc")).findFirst()
                .orElseThrow();
        assertThat(site.details()).contains("10.210.1.0/24", "pods 10.211.0.0/16");
        Topology.Element pool = r.topology().elements().stream().filter(e -> e.id().equals("pool:hamburg-pickers"))
                .findFirst().orElseThrow();
        assertThat(pool.details()).contains("3/3 nodes ready");
    }

    @Test
    void whatAColleagueBreaksThroughTheEc2ApiIsCaught() {
        oregon.deleteRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.200.0.0/16"));
        oregon.revokeSecurityGroupIngress(b -> b.groupId(RETAIL_SG).ipPermissions(p -> p.ipProtocol("tcp").fromPort(443)
                .toPort(443).ipRanges(x -> x.cidrIp("10.201.0.0/16"))));
        oregon.modifyVpcAttribute(b -> b.vpcId(RETAIL_VPC).enableDnsHostnames(v -> v.value(false)));
        lab.aws().setVpnTunnel("us-west-2", RETAIL_VPN, 1, false);
        lab.aws().setVpnTunnel("us-west-2", RETAIL_VPN, 2, false);
        try {
            DoctorReport r = run("retail-edge", "us-west-2");
            assertThat(check(r, "aws.routes@" + RETAIL_RTB + ":10.200.0.0/16").status()).isEqualTo(DoctorStatus.FAIL);
            assertThat(check(r, "aws.routes@" + RETAIL_RTB + ":10.200.0.0/16").fix().params())
                    .containsEntry("targetId", RETAIL_TGW);
            assertThat(check(r, "aws.sg-443@10.201.0.0/16").status()).isEqualTo(DoctorStatus.FAIL);
            assertThat(check(r, "aws.vpc-dns@" + RETAIL_VPC + ":enableDnsHostnames").fix().action()).isEqualTo("vpc-dns");
            assertThat(check(r, "aws.vpn@" + RETAIL_VPN).status()).isEqualTo(DoctorStatus.FAIL);
        } finally {
            oregon.createRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.200.0.0/16").transitGatewayId(RETAIL_TGW));
            oregon.authorizeSecurityGroupIngress(b -> b.groupId(RETAIL_SG).ipPermissions(p -> p.ipProtocol("tcp").fromPort(443)
                    .toPort(443).ipRanges(x -> x.cidrIp("10.201.0.0/16"))));
            oregon.modifyVpcAttribute(b -> b.vpcId(RETAIL_VPC).enableDnsHostnames(v -> v.value(true)));
            lab.aws().setVpnTunnel("us-west-2", RETAIL_VPN, 1, true);
            lab.aws().setVpnTunnel("us-west-2", RETAIL_VPN, 2, true);
        }
        assertThat(failing(run("retail-edge", "us-west-2"), "aws")).isEmpty();
    }

    @Test
    void aDeniedCallIsAnUnknownNamingThePermissionAndTheRestIsChecked() {
        lab.aws().setFault("ec2:DescribeVpnConnections", Fault.ACCESS_DENIED);
        DoctorReport r = run("retail-edge", "us-west-2");
        DoctorCheck vpn = check(r, "aws.vpn");
        assertThat(vpn.status()).isEqualTo(DoctorStatus.UNKNOWN);
        assertThat(vpn.summary()).isEqualTo("unknown: missing permission ec2:DescribeVpnConnections");
        assertThat(check(r, "aws.sg-443@10.201.0.0/16").status()).isEqualTo(DoctorStatus.PASS);
        assertThat(r.exitCode(false)).isZero();
        assertThat(r.exitCode(true)).isEqualTo(1);
    }
}
