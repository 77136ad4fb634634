package dev.hybridpane.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.ReportText;
import dev.hybridpane.domain.network.Topology;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.aws.Fault;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.directconnect.DirectConnectClient;
import software.amazon.awssdk.services.directconnect.model.BGPPeer;
import software.amazon.awssdk.services.directconnect.model.VirtualInterface;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;

/**
 * retail-edge's Direct Connect on the lab, through the production adapters and the SDK: the gateway attached to the
 * transit gateway carries austin-store-112's node CIDR and is drawn between them; its BGP peers going down (the lab's
 * switch: AWS has no call for it) make the check warn, then fail with the link red; a denied read is UNKNOWN.
 */
class DirectConnectLabTest {
    static final String DXGW = "3f6d1c2e-8a4b-4e71-9c5d-0b2a7e9f4d18";
    static final String VIF = "dxvif-fgq3x5k2";
    static final String ID = "aws.dx@" + DXGW;

    static DoctorLab doctorLab;
    static Lab lab;
    static AwsClientFactory clients;

    @BeforeAll
    static void start() {
        doctorLab = DoctorLab.start();
        lab = doctorLab.lab;
        clients = doctorLab.clients;
    }

    @AfterAll
    static void stop() {
        if (doctorLab != null) {
            doctorLab.close();
        }
    }

    @AfterEach
    void repair() {
        lab.aws().clearFaults();
        lab.aws().setDirectConnectBgp("us-west-2", VIF, 1, true);
        lab.aws().setDirectConnectBgp("us-west-2", VIF, 2, true);
    }

    static DoctorReport run() {
        return doctorLab.run("retail-edge", "us-west-2");
    }

    static List<String> links(DoctorReport r) {
        return r.topology().links().stream().map(Topology.Link::id).toList();
    }

    @Test
    void theLabsDirectConnectIsReadableThroughEc2AndDirectConnectAsOnAws() {
        Ec2Client ec2 = clients.ec2("us-west-2");
        List<TransitGatewayAttachment> dx = ec2.describeTransitGatewayAttachments(b -> b.filters(Filter.builder()
                .name("resource-type").values("direct-connect-gateway").build())).transitGatewayAttachments();
        assertThat(dx).extracting(TransitGatewayAttachment::resourceId, TransitGatewayAttachment::stateAsString,
                TransitGatewayAttachment::transitGatewayId).containsExactly(
                        tuple(DXGW, "available", NetworkDoctorLabTest.RETAIL_TGW));
        List<TransitGatewayRoute> routes = ec2.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId(
                "tgw-rtb-04e5f6a7b8c9d0e1f").filters(Filter.builder().name("route-search.longest-prefix-match")
                .values("10.200.2.0/24").build())).routes();
        assertThat(routes).singleElement().satisfies(r -> {
            assertThat(r.destinationCidrBlock()).isEqualTo("10.200.2.0/24");
            assertThat(r.transitGatewayAttachments().get(0).resourceId()).isEqualTo(DXGW);
            assertThat(r.transitGatewayAttachments().get(0).resourceTypeAsString()).isEqualTo("direct-connect-gateway");
        });
        DirectConnectClient directConnect = clients.directConnect("us-west-2");
        assertThat(directConnect.describeDirectConnectGateways(b -> { }).directConnectGateways())
                .anySatisfy(g -> {
                    assertThat(g.directConnectGatewayId()).isEqualTo(DXGW);
                    assertThat(g.directConnectGatewayStateAsString()).isEqualTo("available");
                });
        assertThat(directConnect.describeDirectConnectGatewayAttachments(b -> b.directConnectGatewayId(DXGW))
                .directConnectGatewayAttachments()).singleElement().satisfies(a -> {
                    assertThat(a.virtualInterfaceId()).isEqualTo(VIF);
                    assertThat(a.attachmentStateAsString()).isEqualTo("attached");
                });
        VirtualInterface vif = directConnect.describeVirtualInterfaces(b -> b.virtualInterfaceId(VIF)).virtualInterfaces().get(0);
        assertThat(vif.virtualInterfaceStateAsString()).isEqualTo("available");
        assertThat(vif.directConnectGatewayId()).isEqualTo(DXGW);
        assertThat(vif.bgpPeers()).extracting(BGPPeer::bgpStatusAsString).containsExactly("up", "up");
        assertThat(clients.directConnect("eu-central-1").describeVirtualInterfaces(b -> { }).virtualInterfaces()).isEmpty();
    }

    @Test
    void retailEdgesDirectConnectPassesAndIsDrawnFromTheTransitGatewayToAustin() {
        DoctorReport r = run();
        DoctorCheck dx = DoctorLab.check(r, ID);
        assertThat(dx.status()).as(ReportText.render(r)).isEqualTo(DoctorStatus.PASS);
        assertThat(DoctorLab.failing(r, "aws")).as(ReportText.render(r)).isEmpty();
        assertThat(links(r)).contains(NetworkDoctorLabTest.RETAIL_TGW + "->" + DXGW, DXGW + "->site:austin-store-112",
                NetworkDoctorLabTest.RETAIL_VPN + "->site:dallas-dc", "site:austin-store-112->pool:store-pos")
                .doesNotContain(NetworkDoctorLabTest.RETAIL_VPN + "->site:austin-store-112");
        Topology.Element e = r.topology().elements().stream().filter(x -> x.id().equals(DXGW)).findFirst().orElseThrow();
        assertThat(e.kind()).isEqualTo(Topology.Kind.DIRECT_CONNECT);
        assertThat(e.details()).contains("retail-edge-dxgw", "BGP peer 1 UP", "BGP peer 2 UP");
    }

    @Test
    void bgpGoingDownWarnsThenFailsAndTurnsTheLinkRed() {
        lab.aws().setDirectConnectBgp("us-west-2", VIF, 2, false);
        DoctorCheck warn = DoctorLab.check(run(), ID);
        assertThat(warn.status()).isEqualTo(DoctorStatus.WARN);
        assertThat(warn.evidence()).anyMatch(l -> l.contains("BGP peer") && l.endsWith(": down"));
        lab.aws().setDirectConnectBgp("us-west-2", VIF, 1, false);
        DoctorReport r = run();
        DoctorCheck fail = DoctorLab.check(r, ID);
        assertThat(fail.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(fail.evidence()).anyMatch(l -> l.startsWith(VIF) && l.endsWith(": down"));
        assertThat(fail.fix().snippet()).contains("router bgp 65112", "remote-as 64513", "network 10.200.2.0 mask 255.255.255.0");
        // the picture draws a link in the worst status of the checks that name it
        assertThat(r.checksOf(DXGW + "->site:austin-store-112")).extracting(DoctorCheck::status).contains(DoctorStatus.FAIL);
        assertThat(r.checksOf(NetworkDoctorLabTest.RETAIL_TGW + "->" + DXGW)).extracting(DoctorCheck::status)
                .contains(DoctorStatus.FAIL);
        assertThat(r.topology().elements().stream().filter(x -> x.id().equals(DXGW)).findFirst().orElseThrow().details())
                .contains("BGP peer 1 DOWN", "BGP peer 2 DOWN");
    }

    @Test
    void aDeniedDirectConnectReadIsUnknownNamingThePermission() {
        lab.aws().setFault("directconnect:DescribeVirtualInterfaces", Fault.ACCESS_DENIED);
        DoctorCheck c = DoctorLab.check(run(), ID);
        assertThat(c.status()).isEqualTo(DoctorStatus.UNKNOWN);
        assertThat(c.summary()).isEqualTo("unknown: missing permission directconnect:DescribeVirtualInterfaces");
    }
}
