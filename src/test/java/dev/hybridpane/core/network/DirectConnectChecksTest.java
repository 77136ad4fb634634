package dev.hybridpane.core.network;

import static dev.hybridpane.core.network.NetworkDoctorTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.network.NetworkReadPort.TgwAttachment;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Direct Connect on the fake world: a gateway on the transit gateway serving the austin site (the route table sends
 * austin's node CIDR to its attachment) passes with every BGP peer up, warns with one down, fails with all down or its
 * attachment not available, is UNKNOWN when the Direct Connect reads are denied, and is drawn between the transit
 * gateway and austin, which is then not hung from the lone VPN.
 */
class DirectConnectChecksTest {
    static final String ID = "aws.dx@" + FakeNetworkWorld.DX;

    static DoctorReport run(FakeNetworkWorld w) {
        return w.doctor().run(new NetworkDoctor.Request("payments", "us-west-2", false), null, null);
    }

    static List<String> links(DoctorReport r) {
        return r.topology().links().stream().map(Topology.Link::id).toList();
    }

    @Test
    void aGatewayWithEveryBgpPeerUpPassesAndIsDrawnFromTheTransitGatewayToItsSite() {
        DoctorReport r = run(new FakeNetworkWorld().withDirectConnect("up", "up"));
        DoctorCheck dx = check(r, ID);
        assertThat(dx.status()).isEqualTo(DoctorStatus.PASS);
        assertThat(dx.subjects()).contains(FakeNetworkWorld.DX, "tgw-1->" + FakeNetworkWorld.DX,
                FakeNetworkWorld.DX + "->site:austin");
        assertThat(dx.evidence()).anyMatch(l -> l.contains("serves austin (10.80.2.0/24)"))
                .anyMatch(l -> l.contains("BGP peer dxpeer-1") && l.endsWith(": up"));
        assertThat(links(r)).contains("tgw-1->" + FakeNetworkWorld.DX, FakeNetworkWorld.DX + "->site:austin",
                "vpn-1->site:dallas").doesNotContain("vpn-1->site:austin");
        Topology.Element e = r.topology().elements().stream().filter(x -> x.id().equals(FakeNetworkWorld.DX)).findFirst()
                .orElseThrow();
        assertThat(e.kind()).isEqualTo(Topology.Kind.DIRECT_CONNECT);
        assertThat(e.details()).containsExactly("core-dxgw", "dxvif-abcd1234 (VLAN 112, available)", "BGP peer 1 UP",
                "BGP peer 2 UP");
        assertThat(r.checks().stream().filter(c -> c.area().equals("aws") && c.status() == DoctorStatus.FAIL)).isEmpty();
    }

    @Test
    void oneBgpPeerDownWarnsAndAllDownFailsWithTheNetworkTeamsSnippet() {
        DoctorCheck warn = check(run(new FakeNetworkWorld().withDirectConnect("up", "down")), ID);
        assertThat(warn.status()).isEqualTo(DoctorStatus.WARN);
        assertThat(warn.summary()).contains("1 of 2 BGP sessions up");
        DoctorReport r = run(new FakeNetworkWorld().withDirectConnect("down", "down"));
        DoctorCheck fail = check(r, ID);
        assertThat(fail.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(fail.summary()).contains("austin");
        assertThat(fail.fix().automatic()).isFalse();
        assertThat(fail.fix().snippet()).contains("router bgp 65112", "neighbor 169.254.201.1 remote-as 64513",
                "network 10.80.2.0 mask 255.255.255.0", "neighbor 169.254.201.5 remote-as 64513");
        assertThat(r.topology().elements().stream().filter(x -> x.id().equals(FakeNetworkWorld.DX)).findFirst().orElseThrow()
                .details()).contains("dxvif-abcd1234 (VLAN 112, down)", "BGP peer 1 DOWN", "BGP peer 2 DOWN");
    }

    @Test
    void anAttachmentThatIsNotAvailableFails() {
        FakeNetworkWorld w = new FakeNetworkWorld().withDirectConnect("up", "up");
        w.attachments.set(2, new TgwAttachment("tgw-attach-dx", "tgw-1", "direct-connect-gateway", FakeNetworkWorld.DX,
                "pendingAcceptance", "tgw-rtb-1"));
        DoctorCheck c = check(run(w), ID);
        assertThat(c.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(c.summary()).contains("pendingAcceptance, not available");
        assertThat(c.fix().snippet()).contains("describe-direct-connect-gateway-associations");
    }

    @Test
    void aDeniedDirectConnectReadIsUnknownNamingThePermission() {
        FakeNetworkWorld w = new FakeNetworkWorld().withDirectConnect("up", "up");
        w.deny("directconnect:DescribeVirtualInterfaces");
        DoctorReport r = run(w);
        DoctorCheck c = check(r, ID);
        assertThat(c.status()).isEqualTo(DoctorStatus.UNKNOWN);
        assertThat(c.summary()).isEqualTo("unknown: missing permission directconnect:DescribeVirtualInterfaces");
        assertThat(links(r)).contains("tgw-1->" + FakeNetworkWorld.DX, FakeNetworkWorld.DX + "->site:austin");
    }

    @Test
    void theTransitGatewayRouteToTheDirectConnectAttachmentCountsAsARouteToTheSites() {
        FakeNetworkWorld w = new FakeNetworkWorld().withDirectConnect("up", "up");
        w.tgwRoutes.removeIf(t -> t.destination().equals(FakeNetworkWorld.NODES));
        w.tgwRoutes.add(new NetworkReadPort.TgwRoute(FakeNetworkWorld.NODES, "propagated", "active", List.of(
                new NetworkReadPort.TgwRouteTarget("tgw-attach-dx", "direct-connect-gateway", FakeNetworkWorld.DX))));
        DoctorCheck c = check(run(w), "aws.tgw-routes@tgw-rtb-1:10.80.0.0/16");
        assertThat(c.status()).isEqualTo(DoctorStatus.PASS);
        assertThat(c.subjects()).contains("tgw-1->" + FakeNetworkWorld.DX);
    }

    @Test
    void withoutDirectConnectThereIsNoCheckAndNoElement() {
        DoctorReport r = run(new FakeNetworkWorld());
        assertThat(r.checks()).noneMatch(c -> c.id().startsWith("aws.dx"));
        assertThat(r.topology().elements()).noneMatch(e -> e.kind() == Topology.Kind.DIRECT_CONNECT);
    }
}
