package dev.hybridpane.ui.network;

import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.Topology;
import dev.hybridpane.domain.network.Topology.Element;
import dev.hybridpane.domain.network.Topology.Kind;
import dev.hybridpane.domain.network.Topology.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hybrid cluster's network as the doctor reports it: VPC → transit gateway → two VPN connections (one with a tunnel
 * DOWN) → two sites → three pools. Faults: the Dallas pod CIDR has no route (the VPC → TGW link fails), no 443 rule
 * for it (the VPC fails), one tunnel down (a warning), a denied TGW route-table read (unknown), and an IPsec selector
 * for the network team (manual fix with a snippet).
 */
final class NetworkFixtures {
    static final String VPC = "vpc-0a1b2c";
    static final String TGW = "tgw-0c2d3e";
    static final String VPN_DALLAS = "vpn-0dal";
    static final String VPN_AUSTIN = "vpn-0aus";
    static final String VPC_TGW = VPC + "->" + TGW;
    static final String TGW_VPN_DALLAS = TGW + "->" + VPN_DALLAS;

    private NetworkFixtures() {
    }

    static Topology topology() {
        return new Topology(List.of(
                new Element(VPC, Kind.VPC, VPC, List.of("10.20.0.0/16", "us-west-2")),
                new Element(TGW, Kind.TRANSIT_GATEWAY, "Transit gateway " + TGW, List.of("attachment available")),
                new Element(VPN_DALLAS, Kind.VPN_CONNECTION, "VPN " + VPN_DALLAS, List.of("tunnel 1 UP", "tunnel 2 DOWN", "static routes")),
                new Element(VPN_AUSTIN, Kind.VPN_CONNECTION, "VPN " + VPN_AUSTIN, List.of("tunnel 1 UP", "tunnel 2 UP", "BGP")),
                new Element("site:dallas", Kind.SITE, "dallas", List.of("nodes 10.80.0.0/16")),
                new Element("site:austin", Kind.SITE, "austin", List.of("nodes 10.90.0.0/16")),
                new Element("pool:dallas-gpu", Kind.POOL, "dallas-gpu", List.of("3 nodes", "pods 10.81.0.0/16")),
                new Element("pool:dallas-web", Kind.POOL, "dallas-web", List.of("2 nodes", "pods 10.82.0.0/16")),
                new Element("pool:austin-edge", Kind.POOL, "austin-edge", List.of("4 nodes", "pods 10.91.0.0/16"))),
                List.of(new Link(VPC, TGW, "VPC attachment"),
                        new Link(TGW, VPN_DALLAS, "VPN attachment"),
                        new Link(TGW, VPN_AUSTIN, "VPN attachment"),
                        new Link(VPN_DALLAS, "site:dallas", "IPsec"),
                        new Link(VPN_AUSTIN, "site:austin", "IPsec"),
                        new Link("site:dallas", "pool:dallas-gpu", ""),
                        new Link("site:dallas", "pool:dallas-web", ""),
                        new Link("site:austin", "pool:austin-edge", "")));
    }

    static DoctorCheck pass(String id, String area, String title, List<String> subjects, String summary, String evidence) {
        return new DoctorCheck(id, area, title, subjects, DoctorStatus.PASS, summary, List.of(evidence), DoctorFix.NONE);
    }

    static DoctorCheck missingPodRoute() {
        return new DoctorCheck("aws.routes@rtb-0a1b:10.81.0.0/16", "aws", "Route to remote pod network",
                List.of(VPC_TGW, "pool:dallas-gpu"), DoctorStatus.FAIL,
                "rtb-0a1b has no route for the remote pod network 10.81.0.0/16: webhooks and kubectl logs break.",
                List.of("rtb-0a1b: 10.80.0.0/16 → tgw-0c2d3e (active)", "rtb-0a1b: 10.82.0.0/16 → tgw-0c2d3e (active, propagated)",
                        "rtb-0a1b: no route covers 10.81.0.0/16"),
                DoctorFix.automatic("create-route", Map.of("routeTableId", "rtb-0a1b", "destinationCidr", "10.81.0.0/16",
                        "targetKind", "transitGateway", "targetId", TGW), "Add 10.81.0.0/16 → tgw-0c2d3e to rtb-0a1b"));
    }

    static DoctorCheck missing443() {
        return new DoctorCheck("aws.sg443@sg-0c1u:10.81.0.0/16", "aws", "HTTPS from remote pods", List.of(VPC),
                DoctorStatus.FAIL, "sg-0c1u does not allow TCP 443 from 10.81.0.0/16.",
                List.of("sg-0c1u: tcp 443 from 10.80.0.0/16", "sg-0c1u: tcp 443 from 10.82.0.0/16"),
                DoctorFix.automatic("authorize-443", Map.of("groupId", "sg-0c1u", "cidr", "10.81.0.0/16"),
                        "Allow TCP 443 from 10.81.0.0/16 in sg-0c1u"));
    }

    static DoctorReport faulty() {
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(missingPodRoute());
        checks.add(pass("aws.routes@rtb-0a1b:10.80.0.0/16", "aws", "Route to remote node network", List.of(VPC_TGW),
                "10.80.0.0/16 is routed to tgw-0c2d3e.", "rtb-0a1b: 10.80.0.0/16 → tgw-0c2d3e (active)"));
        checks.add(missing443());
        checks.add(pass("aws.vpc-dns@" + VPC, "aws", "VPC DNS settings", List.of(VPC), "DNS hostnames and resolution are on.",
                "enableDnsHostnames=true, enableDnsSupport=true"));
        checks.add(pass("aws.tgw-attachment@" + TGW, "aws", "Transit gateway attachment", List.of(VPC_TGW, TGW),
                "The VPC attachment is available.", "tgw-attach-01: vpc-0a1b2c available"));
        checks.add(DoctorCheck.unknown("aws.tgw-routes@" + TGW, "aws", "Transit gateway routes", List.of(TGW_VPN_DALLAS),
                "missing permission ec2:SearchTransitGatewayRoutes"));
        checks.add(new DoctorCheck("aws.vpn-tunnels@" + VPN_DALLAS, "aws", "VPN tunnels", List.of(VPN_DALLAS, TGW_VPN_DALLAS),
                DoctorStatus.WARN, "One of two tunnels is DOWN: no redundancy.",
                List.of("tunnel 1 (3.5.7.9) UP since 09:12", "tunnel 2 (3.5.7.10) DOWN: IPSEC IS DOWN"),
                DoctorFix.manual("Ask the network team to check the IPsec selectors of tunnel 2 on the Dallas router.",
                        "# Dallas router (strongSwan)\nconn vpn-0dal-tunnel-2\n  leftsubnet=10.80.0.0/16,10.81.0.0/16\n"
                                + "  rightsubnet=10.20.0.0/16\n  auto=start")));
        checks.add(pass("aws.vpn-tunnels@" + VPN_AUSTIN, "aws", "VPN tunnels", List.of(VPN_AUSTIN), "Both tunnels are UP.",
                "tunnel 1 UP, tunnel 2 UP"));
        checks.add(pass("cluster.pod-cidrs@dallas-gpu", "cluster", "Per-node pod CIDRs", List.of("pool:dallas-gpu"),
                "Every CiliumNode's pod CIDR sits inside a remote pod network.", "mi-01: 10.81.0.0/24"));
        checks.add(pass("cluster.cni-affinity", "cluster", "CNI affinity", List.of(), "cilium reaches hybrid nodes.",
                "cilium affinity: eks.amazonaws.com/compute-type In [hybrid]"));
        checks.add(pass("host.route@dallas-01", "host", "Route to the VPC", List.of("site:dallas"),
                "dallas-01 routes 10.20.0.0/16 via 10.80.0.1.", "10.20.0.10 via 10.80.0.1 dev eth0 src 10.80.0.11"));
        return new DoctorReport("edge-prod", "us-west-2", Instant.parse("2026-12-07T14:00:00Z"), checks, topology());
    }

    /** The same network with every fault fixed. */
    static DoctorReport healthy() {
        DoctorReport f = faulty();
        List<DoctorCheck> checks = f.checks().stream().map(c -> c.status() == DoctorStatus.PASS ? c
                : new DoctorCheck(c.id(), c.area(), c.title(), c.subjects(), DoctorStatus.PASS, "Fixed.", c.evidence(),
                        DoctorFix.NONE)).toList();
        return new DoctorReport(f.cluster(), f.region(), f.at(), checks, f.topology());
    }
}
