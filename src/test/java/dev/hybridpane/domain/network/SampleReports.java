package dev.hybridpane.domain.network;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reports for the renderer and fix tests: a cluster with the lab's three planted faults, a host finding, a denied read. */
public final class SampleReports {
    public static final String ROUTE = "aws.routes@rtb-0a1:10.211.0.0/16";
    public static final String TUNNEL = "aws.vpn.tunnels@vpn-0b2";
    public static final String HTTPS = "aws.sg.443@sg-0c3:10.211.0.0/16";
    public static final String HTTPS_NODES = "aws.sg.443@sg-0c3:10.210.0.0/16";
    public static final String TGW = "aws.tgw@tgw-0d4";
    public static final String FIREWALL = "host.firewall@munich-01";
    public static final String DNS = "aws.vpc.dns@vpc-0e5:enableDnsHostnames";
    public static final String IPSEC_SNIPPET = "conn aws-tunnel-2\n  leftsubnet=10.210.0.0/16,10.211.0.0/16\n  rightsubnet=10.130.0.0/16";

    private SampleReports() {
    }

    public static DoctorReport faulty() {
        Topology t = new Topology(List.of(
                new Topology.Element("vpc-0e5", Topology.Kind.VPC, "vpc-0e5", List.of("10.130.0.0/16")),
                new Topology.Element("tgw-0d4", Topology.Kind.TRANSIT_GATEWAY, "tgw-0d4", List.of()),
                new Topology.Element("vpn-0b2", Topology.Kind.VPN_CONNECTION, "vpn-0b2", List.of("tunnel 1 UP", "tunnel 2 DOWN")),
                new Topology.Element("site:munich", Topology.Kind.SITE, "munich", List.of("10.210.0.0/16"))),
                List.of(new Topology.Link("vpc-0e5", "tgw-0d4", "attachment"), new Topology.Link("tgw-0d4", "vpn-0b2", "VPN"),
                        new Topology.Link("vpn-0b2", "site:munich", "IPsec")));
        List<DoctorCheck> checks = List.of(
                new DoctorCheck(TGW, "aws", "Transit gateway attachment", List.of("tgw-0d4", "vpc-0e5->tgw-0d4"), DoctorStatus.PASS,
                        "The VPC attachment is available.", List.of("tgw-attach-1: available"), null),
                new DoctorCheck(ROUTE, "aws", "Route to remote pod network", List.of("vpc-0e5->tgw-0d4"), DoctorStatus.FAIL,
                        "rtb-0a1 has no route for the remote pod network 10.211.0.0/16.",
                        List.of("rtb-0a1: 10.210.0.0/16 → tgw-0d4 (active)", "rtb-0a1: 10.130.0.0/16 → local (active)"),
                        DoctorFix.automatic("create-route", Map.of("routeTableId", "rtb-0a1", "destinationCidr", "10.211.0.0/16",
                                "targetKind", "transitGateway", "targetId", "tgw-0d4"), "Add the route to tgw-0d4, as for the node CIDR.")),
                new DoctorCheck(TUNNEL, "aws", "VPN tunnels", List.of("vpn-0b2", "tgw-0d4->vpn-0b2", "site:munich"), DoctorStatus.WARN,
                        "One of two tunnels is UP.", List.of("tunnel 1 (3.3.3.1): UP", "tunnel 2 (3.3.3.2): DOWN since 13:00"),
                        DoctorFix.manual("Bring tunnel 2 up on the customer gateway: its IPsec selectors must match.", IPSEC_SNIPPET)),
                new DoctorCheck(HTTPS, "aws", "TCP 443 from remote pods", List.of("vpc-0e5"), DoctorStatus.FAIL,
                        "No security group of the cluster allows TCP 443 from 10.211.0.0/16.", List.of("sg-0c3: tcp 443 from 10.210.0.0/16"),
                        DoctorFix.automatic("authorize-443", Map.of("groupId", "sg-0c3", "cidr", "10.211.0.0/16"), "Allow 443 from the pods.")),
                DoctorCheck.unknown("aws.dx@vpc-0e5", "aws", "Direct Connect", List.of(), "missing permission directconnect:DescribeVirtualInterfaces"),
                new DoctorCheck(FIREWALL, "host", "Firewall", List.of("site:munich"), DoctorStatus.FAIL,
                        "firewalld refuses 10250/tcp.", List.of("$ sudo -n nft list ruleset", "chain filter_IN_public { tcp dport 22 accept }"),
                        DoctorFix.manual("Open 10250/tcp and 8472/udp.", "sudo firewall-cmd --permanent --add-port=10250/tcp\n"
                                + "sudo firewall-cmd --permanent --add-port=8472/udp\nsudo firewall-cmd --reload")));
        return new DoctorReport("warehouse-edge", "eu-central-1", Instant.parse("2026-12-07T14:00:00Z"), checks, t);
    }

    /** One check whose every text is hostile to HTML and Markdown. */
    public static DoctorReport hostile() {
        String evil = "<script>alert('x')</script> & \"q\" | `tick` *star*";
        DoctorCheck c = new DoctorCheck("aws.routes@<rtb>", "aws", evil, List.of("vpc-1"), DoctorStatus.FAIL, evil, List.of(evil, "```"),
                DoctorFix.manual(evil, "echo '<b>' ``` | tee x"));
        Topology t = new Topology(List.of(new Topology.Element("vpc-1", Topology.Kind.VPC, "<img src=x onerror=alert(1)>", List.of())),
                List.of());
        return new DoctorReport("c<1>", "r&1", Instant.parse("2026-12-07T14:00:00Z"), List.of(c), t);
    }
}
