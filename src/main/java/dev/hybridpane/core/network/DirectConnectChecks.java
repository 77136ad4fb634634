package dev.hybridpane.core.network;

import dev.hybridpane.core.network.NetworkReadPort.BgpPeer;
import dev.hybridpane.core.network.NetworkReadPort.DirectConnectGateway;
import dev.hybridpane.core.network.NetworkReadPort.TgwAttachment;
import dev.hybridpane.core.network.NetworkReadPort.VirtualInterface;
import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Direct Connect: each Direct Connect gateway attached to the VPC's transit gateway has its attachment available and at
 * least one virtual interface available with a BGP peer up (all peers up is better: one down of several is a warning,
 * as a VPN's tunnels are). One check per gateway, {@code aws.dx@GATEWAY_ID}, about the gateway, its link from the transit
 * gateway and its links to the sites it serves ({@link Gateways#sitesOf(DoctorReads, TgwAttachment)}); a denied Direct
 * Connect read makes it UNKNOWN naming the permission. BGP is the network team's: the fix is their snippet.
 */
final class DirectConnectChecks {
    private DirectConnectChecks() {
    }

    static List<DoctorCheck> run(DoctorReads reads) {
        List<DoctorCheck> out = new ArrayList<>();
        for (TgwAttachment a : Gateways.directConnects(reads)) {
            out.add(check(reads, a));
        }
        return out;
    }

    /** The elements and links a gateway's check is about. */
    static List<String> subjects(DoctorReads reads, TgwAttachment a) {
        List<String> s = new ArrayList<>(List.of(a.resourceId(), a.transitGatewayId() + "->" + a.resourceId()));
        Gateways.sitesOf(reads, a).forEach(site -> s.add(a.resourceId() + "->site:" + site.name()));
        return s;
    }

    /** The virtual interfaces attached to this gateway (empty when they cannot be read). */
    static List<VirtualInterface> vifsOf(DoctorReads reads, String gatewayId) {
        try {
            return reads.virtualInterfaces().stream().filter(v -> gatewayId.equals(v.gatewayId())).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The picture's details of a virtual interface: its id and VLAN, then "BGP peer N UP|DOWN" per peer (drawn as lights,
     * as a VPN's tunnels are).
     */
    static List<String> bgpLines(VirtualInterface v) {
        List<String> out = new ArrayList<>();
        out.add(v.id() + " (VLAN " + v.vlan() + ", " + v.state() + ")");
        for (int i = 0; i < v.peers().size(); i++) {
            out.add("BGP peer " + (i + 1) + " " + (v.peers().get(i).up() ? "UP" : "DOWN"));
        }
        return out;
    }

    private static DoctorCheck check(DoctorReads reads, TgwAttachment a) {
        String gw = a.resourceId();
        String id = "aws.dx@" + gw;
        String title = "Direct Connect";
        List<String> subjects = subjects(reads, a);
        List<String> evidence = new ArrayList<>();
        evidence.add(a.id() + ": direct-connect-gateway " + gw + " on " + a.transitGatewayId() + " (" + a.state() + ")");
        List<Site> sites = Gateways.sitesOf(reads, a);
        sites.forEach(s -> evidence.add("serves " + s.name() + " (" + String.join(", ", s.nodeCidrs()) + "): its route goes to "
                + a.id()));
        if (!"available".equals(a.state())) {
            return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.FAIL, "The attachment " + a.id() + " of Direct "
                    + "Connect gateway " + gw + " to " + a.transitGatewayId() + " is " + a.state() + ", not available: no "
                    + "traffic reaches " + siteNames(sites) + " through it.", evidence, DoctorFix.manual("Accept the Direct "
                    + "Connect gateway's association with " + a.transitGatewayId() + " (or recreate it).",
                    "aws directconnect describe-direct-connect-gateway-associations --direct-connect-gateway-id " + gw
                            + "\naws ec2 describe-transit-gateway-attachments --transit-gateway-attachment-ids " + a.id()));
        }
        List<VirtualInterface> vifs;
        try {
            Optional<DirectConnectGateway> g = reads.dxGateways().stream().filter(x -> x.id().equals(gw)).findFirst();
            g.ifPresent(x -> evidence.add(1, "Direct Connect gateway " + x.name() + " " + x.id() + ": " + x.state()));
            vifs = reads.virtualInterfaces().stream().filter(v -> gw.equals(v.gatewayId())).toList();
        } catch (RuntimeException e) {
            return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.UNKNOWN, "unknown: " + Probe.why(e), evidence,
                    DoctorFix.NONE);
        }
        for (VirtualInterface v : vifs) {
            evidence.add(v.id() + " (" + v.type() + ", VLAN " + v.vlan() + " at " + v.location() + "): " + v.state());
            v.peers().forEach(p -> evidence.add("  BGP peer " + p.id() + " " + p.customerAddress() + " (ASN " + p.asn()
                    + ") ↔ " + p.amazonAddress() + " (ASN " + v.amazonSideAsn() + "): " + p.status()));
        }
        long peers = vifs.stream().mapToLong(v -> v.peers().size()).sum();
        long up = vifs.stream().filter(v -> "available".equals(v.state())).mapToLong(v -> v.peers().stream()
                .filter(BgpPeer::up).count()).sum();
        if (vifs.isEmpty()) {
            return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.FAIL, "Direct Connect gateway " + gw
                    + " has no virtual interface: nothing carries traffic to " + siteNames(sites) + ".", evidence,
                    DoctorFix.manual("Create a transit virtual interface on the site's Direct Connect connection and attach it"
                            + " to " + gw + ".", "aws directconnect create-transit-virtual-interface --connection-id CONNECTION_ID"
                            + " --new-transit-virtual-interface vlan=VLAN,asn=CUSTOMER_ASN,directConnectGatewayId=" + gw));
        }
        if (up == 0) {
            return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.FAIL, "Every BGP session of Direct Connect gateway "
                    + gw + " is down: no traffic reaches " + siteNames(sites) + " through it.", evidence,
                    bgpFix(gw, vifs, sites));
        }
        if (up < peers) {
            return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.WARN, "Direct Connect gateway " + gw + " has " + up
                    + " of " + peers + " BGP sessions up: traffic flows, but without redundancy.", evidence,
                    bgpFix(gw, vifs, sites));
        }
        return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.PASS, "Direct Connect gateway " + gw
                + " is attached to " + a.transitGatewayId() + " with all " + peers + " BGP sessions up.", evidence,
                DoctorFix.NONE);
    }

    private static String siteNames(List<Site> sites) {
        return sites.isEmpty() ? "the sites behind it" : String.join(", ", sites.stream().map(Site::name).toList());
    }

    /** For the network team: the customer router's BGP neighbours to bring up, per down peer, advertising the sites' CIDRs. */
    private static DoctorFix bgpFix(String gw, List<VirtualInterface> vifs, List<Site> sites) {
        StringBuilder s = new StringBuilder();
        for (VirtualInterface v : vifs) {
            for (BgpPeer p : v.peers()) {
                if (p.up() && "available".equals(v.state())) {
                    continue;
                }
                String neighbor = p.amazonAddress() == null ? "AMAZON_ADDRESS" : p.amazonAddress().replaceAll("/\\d+$", "");
                s.append("! ").append(v.id()).append(" VLAN ").append(v.vlan()).append(" at ").append(v.location())
                        .append(", BGP peer ").append(p.id()).append(": ").append(p.status()).append('\n');
                s.append("interface VLAN_INTERFACE.").append(v.vlan()).append("\n ip address ")
                        .append(p.customerAddress() == null ? "CUSTOMER_ADDRESS" : p.customerAddress()).append('\n');
                s.append("router bgp ").append(p.asn()).append("\n neighbor ").append(neighbor).append(" remote-as ")
                        .append(v.amazonSideAsn()).append("\n neighbor ").append(neighbor).append(" password BGP_AUTH_KEY\n");
                s.append(" address-family ipv4\n");
                for (Site site : sites) {
                    site.nodeCidrs().forEach(c -> s.append("  network ").append(network(c)).append('\n'));
                }
                s.append("  neighbor ").append(neighbor).append(" activate\n");
            }
        }
        s.append("! then check: aws directconnect describe-virtual-interfaces --query \"virtualInterfaces[?directConnectGatewayId=='")
                .append(gw).append("'].bgpPeers\"");
        return DoctorFix.manual("On the site's router, bring the BGP sessions of the Direct Connect virtual interfaces up "
                + "(the physical link, VLAN, addresses, ASN and authentication key must match the virtual interface's) and "
                + "advertise the site's node CIDR.", s.toString());
    }

    private static String network(String cidr) {
        Optional<Cidr> c = Cidr.tryParse(cidr);
        if (c.isEmpty()) {
            return cidr;
        }
        long mask = c.get().prefix() == 0 ? 0 : 0xffffffffL << (32 - c.get().prefix()) & 0xffffffffL;
        String base = cidr.substring(0, cidr.indexOf('/'));
        return base + " mask " + (mask >> 24 & 255) + "." + (mask >> 16 & 255) + "." + (mask >> 8 & 255) + "." + (mask & 255);
    }
}
