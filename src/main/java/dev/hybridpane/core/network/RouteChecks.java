package dev.hybridpane.core.network;

import dev.hybridpane.core.network.NetworkReadPort.Route;
import dev.hybridpane.core.network.NetworkReadPort.RouteTable;
import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Routes: every route table of the cluster's subnets (explicit association or the main table) has a route for every
 * remote node and pod CIDR, to a transit gateway, a virtual private gateway or a network interface, and not a
 * blackhole. Propagated routes count; a wider route that covers the CIDR counts.
 */
final class RouteChecks {
    static final Set<String> GOOD_TARGETS = Set.of("transitGateway", "vpnGateway", "networkInterface");

    private RouteChecks() {
    }

    static List<DoctorCheck> run(DoctorReads reads) {
        Cluster c = reads.cluster();
        List<DoctorCheck> out = new ArrayList<>();
        List<RouteTable> tables = reads.clusterRouteTables();
        for (RouteTable t : tables) {
            for (String cidr : c.remoteNodeCidrs()) {
                out.add(check(reads, t, cidr, false));
            }
            for (String cidr : c.remotePodCidrs()) {
                out.add(check(reads, t, cidr, true));
            }
        }
        if (tables.isEmpty()) {
            out.add(new DoctorCheck("aws.routes", "aws", "Routes to remote networks", List.of(c.vpcId()), DoctorStatus.FAIL,
                    "No route table found for the cluster's subnets " + c.subnetIds() + " in " + c.vpcId() + ".",
                    List.of(), DoctorFix.NONE));
        }
        return out;
    }

    /** The route that carries traffic to {@code cidr}: the longest prefix among routes covering it. */
    static Optional<Route> routeFor(RouteTable t, String cidr) {
        Optional<Cidr> want = Cidr.tryParse(cidr);
        Route best = null;
        int bestPrefix = -1;
        for (Route r : t.routes()) {
            Optional<Cidr> d = Cidr.tryParse(r.destination());
            if (want.isPresent() && d.isPresent() && d.get().contains(want.get()) && d.get().prefix() > bestPrefix
                    && d.get().prefix() > 0) {
                best = r;
                bestPrefix = d.get().prefix();
            }
        }
        return Optional.ofNullable(best);
    }

    private static DoctorCheck check(DoctorReads reads, RouteTable t, String cidr, boolean pod) {
        String id = "aws.routes@" + t.id() + ":" + cidr;
        String kind = pod ? "remote pod network" : "remote node network";
        String title = pod ? "Route to remote pod network" : "Route to remote node network";
        List<String> evidence = new ArrayList<>();
        evidence.add(t.id() + (t.main() ? " (main)" : "") + " used by " + reads.subnetsOf(t));
        t.routes().forEach(r -> evidence.add(line(t, r)));
        Optional<Route> route = routeFor(t, cidr);
        List<String> subjects = new ArrayList<>();
        subjects.add(reads.cluster().vpcId());
        Sites.of(reads, cidr).ifPresent(s -> subjects.add("site:" + s));
        String consequence = pod ? " Without it, webhooks, kubectl logs/exec and the API server's calls to pods on hybrid"
                + " nodes fail." : " Without it, the control plane cannot reach the kubelets of hybrid nodes.";
        if (route.isEmpty()) {
            return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.FAIL,
                    t.id() + " has no route for the " + kind + " " + cidr + "." + consequence, evidence,
                    createRoute(reads, t, cidr));
        }
        Route r = route.get();
        subjects.add(reads.cluster().vpcId() + "->" + r.targetId());
        if (!r.active()) {
            return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.FAIL,
                    t.id() + " routes " + cidr + " to " + r.targetId() + ", which is a blackhole (the target is gone)."
                            + consequence, evidence, replaceRoute(reads, t, r, cidr));
        }
        if (!GOOD_TARGETS.contains(r.targetKind())) {
            return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.FAIL,
                    t.id() + " routes " + cidr + " to " + r.targetId() + " (" + r.targetKind()
                            + "), not to a transit gateway, virtual private gateway or network interface." + consequence,
                    evidence, replaceRoute(reads, t, r, cidr));
        }
        return new DoctorCheck(id, "aws", title, subjects, DoctorStatus.PASS,
                t.id() + " routes the " + kind + " " + cidr + " to " + r.targetId()
                        + (r.propagated() ? " (propagated)." : "."), evidence, DoctorFix.NONE);
    }

    static String line(RouteTable t, Route r) {
        return t.id() + ": " + r.destination() + " → " + r.targetId() + " (" + r.state()
                + (r.propagated() ? ", propagated" : "") + ")";
    }

    /** The target the table's other remote-network routes use, else the VPC's transit gateway or VPN gateway. */
    static Optional<String[]> target(DoctorReads reads, RouteTable t) {
        Cluster c = reads.cluster();
        List<String> remote = new ArrayList<>(c.remoteNodeCidrs());
        remote.addAll(c.remotePodCidrs());
        for (String cidr : remote) {
            Optional<Route> r = routeFor(t, cidr);
            if (r.isPresent() && r.get().active() && GOOD_TARGETS.contains(r.get().targetKind())) {
                return Optional.of(new String[] {r.get().targetKind(), r.get().targetId()});
            }
        }
        try {
            Optional<String> tgw = reads.vpcAttachments().stream().map(a -> a.transitGatewayId()).findFirst();
            if (tgw.isPresent()) {
                return Optional.of(new String[] {"transitGateway", tgw.get()});
            }
            return reads.vpnGateways().stream().filter(g -> g.attachedVpcIds().contains(c.vpcId())).findFirst()
                    .map(g -> new String[] {"vpnGateway", g.id()});
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static DoctorFix createRoute(DoctorReads reads, RouteTable t, String cidr) {
        Optional<String[]> target = target(reads, t);
        if (target.isEmpty()) {
            return DoctorFix.manual("Add a route for " + cidr + " in " + t.id()
                    + " to the transit gateway or virtual private gateway that reaches the site (none is attached to "
                    + reads.cluster().vpcId() + ").", "aws ec2 create-route --route-table-id " + t.id()
                    + " --destination-cidr-block " + cidr + " --transit-gateway-id TGW_ID");
        }
        String[] k = target.get();
        return DoctorFix.automatic("create-route", Map.of("routeTableId", t.id(), "destinationCidr", cidr,
                "targetKind", k[0], "targetId", k[1]), "Create route " + cidr + " → " + k[1] + " in " + t.id() + ".");
    }

    private static DoctorFix replaceRoute(DoctorReads reads, RouteTable t, Route r, String cidr) {
        Optional<String[]> target = target(reads, t).filter(k -> !k[1].equals(r.targetId()));
        String option = target.map(k -> switch (k[0]) {
            case "transitGateway" -> "--transit-gateway-id " + k[1];
            case "vpnGateway" -> "--gateway-id " + k[1];
            default -> "--network-interface-id " + k[1];
        }).orElse("--transit-gateway-id TGW_ID");
        return DoctorFix.manual("Point the route for " + r.destination() + " in " + t.id()
                + " at the gateway that reaches the site (it now goes to " + r.targetId() + ").",
                "aws ec2 replace-route --route-table-id " + t.id() + " --destination-cidr-block " + r.destination() + " "
                        + option);
    }
}
