package dev.hybridpane.core.network;

import dev.hybridpane.core.network.NetworkReadPort.Tunnel;
import dev.hybridpane.core.network.NetworkReadPort.VpnConnection;
import dev.hybridpane.core.network.NetworkReadPort.VpnRoute;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * VPN connections: each one of the VPC's gateways is available with at least one tunnel UP (both is better: one UP is a
 * warning), and, when it routes statically to a virtual private gateway, has a static route for each remote node and pod
 * CIDR it serves (BGP passes; a transit gateway VPN's static routes are in the transit gateway route table, checked there).
 */
final class VpnChecks {
    private VpnChecks() {
    }

    static List<DoctorCheck> run(DoctorReads reads) {
        List<VpnConnection> vpns = Gateways.vpns(reads);
        RuntimeException unread = gatewaysUnread(reads);
        if (unread != null && vpns.isEmpty()) {
            throw unread; // which VPN connections are the VPC's is not known: UNKNOWN naming the read, not "no VPN"
        }
        List<DoctorCheck> out = new ArrayList<>();
        for (VpnConnection v : vpns) {
            out.add(tunnels(reads, v));
            out.addAll(routes(reads, v, vpns));
        }
        if (unread != null) {
            out.add(DoctorCheck.unknown("aws.vpn", "aws", "VPN connections", reads.subjectsOf("aws"), Probe.why(unread)));
        }
        return out;
    }

    /** Why the VPC's gateways (and so its VPN connections) could not all be found, or null when they could. */
    private static RuntimeException gatewaysUnread(DoctorReads reads) {
        try {
            Gateways.transitGateways(reads);
            Gateways.vpnGateways(reads);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    static List<String> evidence(VpnConnection v) {
        List<String> e = new ArrayList<>();
        e.add(v.id() + ": " + v.state() + ", " + (v.staticRoutesOnly() ? "static routing" : "BGP") + ", customer gateway "
                + customerGateway(v) + " via " + Gateways.parentOf(v));
        for (int i = 0; i < v.tunnels().size(); i++) {
            Tunnel t = v.tunnels().get(i);
            e.add("tunnel " + (i + 1) + " " + t.outsideIp() + ": " + t.status()
                    + (t.statusMessage() == null || t.statusMessage().isBlank() ? "" : " (" + t.statusMessage() + ")"));
        }
        v.routes().forEach(r -> e.add("static route " + r.destination() + " (" + r.state() + ")"));
        return e;
    }

    private static DoctorCheck tunnels(DoctorReads reads, VpnConnection v) {
        String id = "aws.vpn@" + v.id();
        List<String> subjects = List.of(v.id(), Gateways.parentOf(v) + "->" + v.id());
        long up = v.tunnels().stream().filter(Tunnel::up).count();
        int total = v.tunnels().size();
        if (!"available".equals(v.state())) {
            return new DoctorCheck(id, "aws", "VPN connection", subjects, DoctorStatus.FAIL,
                    v.id() + " is " + v.state() + ", not available.", evidence(v), ipsecFix(reads, v, v.tunnels()));
        }
        if (up == 0) {
            return new DoctorCheck(id, "aws", "VPN connection", subjects, DoctorStatus.FAIL,
                    v.id() + " is available but no tunnel is UP: no traffic reaches the site.", evidence(v),
                    ipsecFix(reads, v, v.tunnels()));
        }
        if (up < total) {
            List<Tunnel> down = v.tunnels().stream().filter(t -> !t.up()).toList();
            return new DoctorCheck(id, "aws", "VPN connection", subjects, DoctorStatus.WARN,
                    v.id() + " has " + up + " of " + total + " tunnels UP: traffic flows, but without redundancy ("
                            + down.stream().map(Tunnel::outsideIp).collect(Collectors.joining(", ")) + " DOWN).",
                    evidence(v), ipsecFix(reads, v, down));
        }
        return new DoctorCheck(id, "aws", "VPN connection", subjects, DoctorStatus.PASS,
                v.id() + " is available with all " + total + " tunnels UP.", evidence(v), DoctorFix.NONE);
    }

    /** The remote CIDRs a VPN carries: all when it is the only one, else those of the sites it serves. */
    static List<String> cidrsOf(DoctorReads reads, VpnConnection v, List<VpnConnection> all) {
        List<String> remote = Gateways.remoteCidrs(reads);
        if (all.size() == 1) {
            return remote;
        }
        List<Site> sites = Gateways.sitesOf(reads, v);
        return remote.stream().filter(c -> sites.stream().anyMatch(s -> Sites.concat(s.nodeCidrs(), s.podCidrs()).stream()
                .anyMatch(x -> Cidrs.overlap(x, c)))).toList();
    }

    private static List<DoctorCheck> routes(DoctorReads reads, VpnConnection v, List<VpnConnection> all) {
        List<String> subjects = List.of(v.id());
        if (v.transitGatewayId() != null && !v.transitGatewayId().isBlank()) {
            return List.of(); // a transit gateway VPN's static routes are the transit gateway route table's (aws.tgw-routes)
        }
        if (!v.staticRoutesOnly()) {
            return List.of(new DoctorCheck("aws.vpn-routes@" + v.id(), "aws", "VPN routing", subjects, DoctorStatus.PASS,
                    v.id() + " routes with BGP: the site's router advertises its node and pod CIDRs.", evidence(v),
                    DoctorFix.NONE));
        }
        List<DoctorCheck> out = new ArrayList<>();
        for (String cidr : cidrsOf(reads, v, all)) {
            String id = "aws.vpn-routes@" + v.id() + ":" + cidr;
            List<String> s = new ArrayList<>(subjects);
            Sites.of(reads, cidr).ifPresent(x -> s.add("site:" + x));
            VpnRoute r = v.routes().stream().filter(x -> !"deleted".equals(x.state()) && Cidrs.contains(x.destination(), cidr))
                    .findFirst().orElse(null);
            if (r == null) {
                out.add(new DoctorCheck(id, "aws", "VPN static route", s, DoctorStatus.FAIL,
                        v.id() + " routes statically and has no static route for " + cidr + ".", evidence(v),
                        DoctorFix.automatic("vpn-static-route", Map.of("vpnConnectionId", v.id(), "destinationCidr", cidr),
                                "Add static route " + cidr + " to " + v.id() + ".")));
            } else {
                out.add(new DoctorCheck(id, "aws", "VPN static route", s, DoctorStatus.PASS,
                        v.id() + " has a static route " + r.destination() + " (" + r.state() + ") for " + cidr + ".",
                        evidence(v), DoctorFix.NONE));
            }
        }
        return out;
    }

    /** For the network team: the IPsec tunnel(s) to bring up on the site's customer gateway, with its selectors. */
    static DoctorFix ipsecFix(DoctorReads reads, VpnConnection v, List<Tunnel> down) {
        List<String> remote = Gateways.remoteCidrs(reads);
        List<String> vpc;
        try {
            vpc = reads.vpcCidrs();
        } catch (RuntimeException e) {
            vpc = List.of("VPC_CIDR");
        }
        String gateway = customerGateway(v);
        String site = Gateways.sitesOf(reads, v).stream().map(Site::name).findFirst().orElse("the site of " + gateway);
        StringBuilder s = new StringBuilder();
        s.append("# strongSwan (swanctl.conf) on the customer gateway ").append(gateway)
                .append(" at ").append(site).append('\n');
        for (Tunnel t : down) {
            int n = v.tunnels().indexOf(t) + 1;
            s.append("connections.").append(v.id()).append("-tunnel").append(n).append(" {\n")
                    .append("  remote_addrs = ").append(t.outsideIp()).append('\n')
                    .append("  local { auth = psk }  remote { auth = psk }\n")
                    .append("  children.").append(v.id()).append("-t").append(n).append(" {\n")
                    .append("    local_ts = ").append(String.join(",", remote)).append('\n')
                    .append("    remote_ts = ").append(String.join(",", vpc)).append('\n')
                    .append("    start_action = start\n  }\n}\n");
        }
        s.append("# then: swanctl --load-all && swanctl --initiate --child ").append(v.id()).append("-t1");
        return DoctorFix.manual("At " + site + ": bring up the IPsec tunnel(s) of " + v.id() + " (pre-shared keys and"
                + " outside IPs from the VPN's downloaded configuration); the traffic selectors must cover the site's node and"
                + " pod CIDRs on the local side and the VPC on the remote side.", s.toString());
    }

    /** The customer gateway's address and id; its id alone when AWS gave no configuration (it does only while pending or available). */
    private static String customerGateway(VpnConnection v) {
        return v.customerGatewayIp() == null ? v.customerGatewayId() : v.customerGatewayIp() + " (" + v.customerGatewayId() + ")";
    }
}
