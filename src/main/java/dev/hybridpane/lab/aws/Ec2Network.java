package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.aws.Ec2Inventory.IpRange;
import dev.hybridpane.lab.aws.Ec2Inventory.Permission;
import dev.hybridpane.lab.aws.Ec2Inventory.Route;
import dev.hybridpane.lab.aws.Ec2Inventory.RouteTable;
import dev.hybridpane.lab.aws.Ec2Inventory.SecurityGroup;
import dev.hybridpane.lab.aws.Ec2Routing.Block;
import dev.hybridpane.lab.aws.Ec2Routing.Tunnel;
import dev.hybridpane.lab.aws.Ec2Routing.VpnConnection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One region's network as it is now: the route tables, security groups, VPC DNS attributes, VPN connections and
 * transit gateway route tables the world seeded ({@link Ec2Inventory}), changed since by CreateRoute, ReplaceRoute,
 * DeleteRoute, AuthorizeSecurityGroupIngress, RevokeSecurityGroupIngress, ModifyVpcAttribute, Create/DeleteVpnConnectionRoute,
 * Enable/DisableVgwRoutePropagation, Create/DeleteTransitGatewayVpcAttachment (a VPC route to a transit gateway the VPC
 * is no longer attached to is a blackhole) and the lab's own tunnel switch. A resource is seeded the first time a call of the
 * region sees it (a VPC made later, by a cluster added at run time, joins then). Thread-safe: every method locks it.
 * A refused change throws {@link Ec2Error} with EC2's code and message.
 */
final class Ec2Network {

    /** A change EC2 refuses: its HTTP status, error code and message. */
    static final class Ec2Error extends RuntimeException {
        final int status;
        final String code;

        Ec2Error(String code, String message) {
            super(message, null, false, false);
            this.status = 400;
            this.code = code;
        }
    }

    /** A VPC's DNS attributes. */
    record Dns(boolean support, boolean hostnames) {
    }

    private final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    private final Map<String, Dns> dns = new LinkedHashMap<>();
    private final Map<String, VpnConnection> vpns = new LinkedHashMap<>();
    private final Map<String, Ec2Routing.TgwRouteTable> tgwRouteTables = new LinkedHashMap<>();
    private final Map<String, Ec2Inventory.TransitGatewayAttachment> attachments = new LinkedHashMap<>();
    private final Set<String> deletedAttachments = new HashSet<>();
    private int attachmentsMade;

    /** Takes in what the world holds that this network has not seen yet; what it has seen keeps its changes. */
    synchronized void sync(Ec2Inventory inv) {
        inv.routeTables.forEach(t -> routeTables.putIfAbsent(t.id(), t));
        inv.securityGroups.forEach(g -> groups.putIfAbsent(g.id(), g));
        inv.vpcs.forEach(v -> dns.putIfAbsent(v.id(), new Dns(true, true)));
        inv.vpnConnections.forEach(v -> vpns.putIfAbsent(v.id(), v));
        inv.tgwRouteTables.forEach(t -> tgwRouteTables.putIfAbsent(t.id(), t));
        inv.transitGatewayAttachments.stream().filter(a -> !deletedAttachments.contains(a.id()))
                .forEach(a -> attachments.putIfAbsent(a.id(), a));
    }

    /**
     * The route tables, each with the routes its propagating virtual private gateways add: the static routes of their
     * VPN connections that have a tunnel UP, where the table has no route of its own for that destination.
     */
    synchronized List<RouteTable> routeTables() {
        List<RouteTable> out = new ArrayList<>();
        for (RouteTable t : routeTables.values()) {
            List<Route> routes = new ArrayList<>(t.routes());
            for (String vgw : t.propagatingVgws()) {
                for (VpnConnection v : vpns.values()) {
                    if (vgw.equals(v.vpnGatewayId()) && v.anyTunnelUp()) {
                        v.routes().stream().filter(cidr -> routes.stream().noneMatch(r -> r.destination().equals(cidr)))
                                .forEach(cidr -> routes.add(new Route(cidr, vgw, null, null, "EnableVgwRoutePropagation")));
                    }
                }
            }
            routes.replaceAll(r -> r.transitGatewayId() == null || attachments.values().stream().anyMatch(a -> a.resourceType()
                    .equals("vpc") && a.resourceId().equals(t.vpcId()) && a.transitGatewayId().equals(r.transitGatewayId()))
                    ? r : new Route(r.destination(), null, r.transitGatewayId(), null, r.origin(), "blackhole"));
            out.add(t.withRoutes(routes));
        }
        return out;
    }

    /** The transit gateway attachments there are (deleted ones are gone). */
    synchronized List<Ec2Inventory.TransitGatewayAttachment> attachments() {
        return List.copyOf(attachments.values());
    }

    /**
     * DeleteTransitGatewayVpcAttachment: the attachment goes, with its association and the routes it propagated; the
     * VPC's routes to that transit gateway become blackholes.
     */
    synchronized Ec2Inventory.TransitGatewayAttachment deleteVpcAttachment(String id) {
        Ec2Inventory.TransitGatewayAttachment a = attachments.get(id);
        if (a == null || !a.resourceType().equals("vpc")) {
            throw new Ec2Error("InvalidTransitGatewayAttachmentID.NotFound", "Transit Gateway Attachment " + id
                    + " was deleted or does not exist.");
        }
        attachments.remove(id);
        deletedAttachments.add(id);
        tgwRouteTables.replaceAll((k, t) -> t.withRoutes(t.routes().stream().filter(r -> !id.equals(r.attachmentId())).toList()));
        return a;
    }

    /**
     * CreateTransitGatewayVpcAttachment: a new attachment (a new id), associated with and propagating the VPC's CIDRs
     * into the transit gateway's default route table; one non-deleted attachment per VPC and transit gateway.
     */
    synchronized Ec2Inventory.TransitGatewayAttachment createVpcAttachment(String tgw, Ec2Inventory.Vpc vpc, String table) {
        if (attachments.values().stream().anyMatch(a -> a.transitGatewayId().equals(tgw) && a.resourceId().equals(vpc.id()))) {
            throw new Ec2Error("DuplicateTransitGatewayAttachment", tgw + " has non-deleted Transit Gateway Attachments "
                    + "with same VPC ID.");
        }
        String id = LabMachines.hexId("tgw-attach-0", vpc.id() + "/" + tgw + "/" + ++attachmentsMade, 17);
        Ec2Inventory.TransitGatewayAttachment a = new Ec2Inventory.TransitGatewayAttachment(id, tgw, vpc.id(),
                vpc.name() + "-attachment", table, "vpc");
        attachments.put(id, a);
        Ec2Routing.TgwRouteTable t = tgwRouteTables.get(table);
        if (t != null) {
            List<Ec2Routing.TgwRoute> routes = new ArrayList<>(t.routes());
            vpc.cidrs().forEach(cidr -> routes.add(new Ec2Routing.TgwRoute(cidr, id, vpc.id(), "vpc", "propagated", "active")));
            tgwRouteTables.put(table, t.withRoutes(routes));
        }
        return a;
    }

    synchronized List<SecurityGroup> securityGroups() {
        return List.copyOf(groups.values());
    }

    synchronized List<VpnConnection> vpnConnections() {
        return List.copyOf(vpns.values());
    }

    synchronized List<Ec2Routing.TgwRouteTable> tgwRouteTables() {
        return List.copyOf(tgwRouteTables.values());
    }

    synchronized Dns dns(String vpcId) {
        return dns.get(vpcId);
    }

    private RouteTable table(String id) {
        RouteTable t = routeTables.get(id);
        if (t == null) {
            throw new Ec2Error("InvalidRouteTableID.NotFound", "The routeTable ID '" + id + "' does not exist");
        }
        return t;
    }

    /** A CIDR block parameter, in EC2's words when it is not one. */
    static Block block(String parameter, String cidr) {
        if (cidr == null || cidr.isEmpty()) {
            throw new Ec2Error("MissingParameter", "The request must contain the parameter " + parameter);
        }
        Block b = Block.parse(cidr);
        if (b == null) {
            throw new Ec2Error("InvalidParameterValue", "Value (" + cidr + ") for parameter " + parameter
                    + " is invalid. This is not a valid CIDR block.");
        }
        return b;
    }

    /** CreateRoute: a new route; a destination the table already routes is RouteAlreadyExists. */
    synchronized void createRoute(String tableId, String cidr, Route target) {
        RouteTable t = table(tableId);
        String destination = block("destinationCidrBlock", cidr).toString();
        if (t.routes().stream().anyMatch(r -> r.destination().equals(destination))) {
            throw new Ec2Error("RouteAlreadyExists", "The route identified by " + destination + " already exists.");
        }
        List<Route> routes = new ArrayList<>(t.routes());
        routes.add(new Route(destination, target.gatewayId(), target.transitGatewayId(), target.networkInterfaceId(),
                "CreateRoute"));
        routeTables.put(tableId, t.withRoutes(routes));
    }

    /** ReplaceRoute: the route to {@code cidr} gets a new target; the local route cannot be replaced. */
    synchronized void replaceRoute(String tableId, String cidr, Route target) {
        RouteTable t = table(tableId);
        String destination = block("destinationCidrBlock", cidr).toString();
        Route old = t.routes().stream().filter(r -> r.destination().equals(destination)).findFirst().orElse(null);
        if (old == null) {
            throw new Ec2Error("InvalidParameterValue", "There is no route defined for '" + destination
                    + "' in the route table. Must use CreateRoute instead.");
        }
        if ("local".equals(old.gatewayId())) {
            throw new Ec2Error("InvalidParameterValue", "cannot replace local route " + destination + " in route table "
                    + tableId);
        }
        List<Route> routes = new ArrayList<>(t.routes());
        routes.set(routes.indexOf(old), new Route(destination, target.gatewayId(), target.transitGatewayId(),
                target.networkInterfaceId(), "CreateRoute"));
        routeTables.put(tableId, t.withRoutes(routes));
    }

    /** DeleteRoute: removes a route the table holds (not the local route, not a propagated one). */
    synchronized void deleteRoute(String tableId, String cidr) {
        RouteTable t = table(tableId);
        String destination = block("destinationCidrBlock", cidr).toString();
        Route old = t.routes().stream().filter(r -> r.destination().equals(destination)).findFirst().orElse(null);
        if (old == null) {
            throw new Ec2Error("InvalidRoute.NotFound", "no route with destination-cidr-block " + destination
                    + " in route table " + tableId);
        }
        if ("local".equals(old.gatewayId())) {
            throw new Ec2Error("InvalidParameterValue", "cannot remove local route " + destination + " in route table "
                    + tableId);
        }
        List<Route> routes = new ArrayList<>(t.routes());
        routes.remove(old);
        routeTables.put(tableId, t.withRoutes(routes));
    }

    /** Enable/DisableVgwRoutePropagation on a route table. */
    synchronized void propagation(String tableId, String vgw, boolean enable) {
        RouteTable t = table(tableId);
        List<String> vgws = new ArrayList<>(t.propagatingVgws());
        vgws.remove(vgw);
        if (enable) {
            vgws.add(vgw);
        }
        routeTables.put(tableId, t.withPropagatingVgws(vgws));
    }

    private SecurityGroup group(String id) {
        SecurityGroup g = groups.get(id);
        if (g == null) {
            throw new Ec2Error("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
        }
        return g;
    }

    /** One rule to add or remove: a protocol and port range from one CIDR. */
    record Rule(String protocol, Integer fromPort, Integer toPort, String cidr, String description) {
        String peer() {
            String proto = protocol.equals("-1") ? "ALL" : protocol.toUpperCase(Locale.ROOT);
            return "peer: " + cidr + ", " + proto + ", from port: " + fromPort + ", to port: " + toPort + ", ALLOW";
        }
    }

    /** AuthorizeSecurityGroupIngress: all rules or none; a rule the group already has is InvalidPermission.Duplicate. */
    synchronized void authorize(String groupId, List<Rule> rules) {
        SecurityGroup g = group(groupId);
        List<Permission> ingress = new ArrayList<>(g.ingress());
        for (Rule rule : rules) {
            Permission p = ingress.stream().filter(x -> x.samePorts(rule.protocol(), rule.fromPort(), rule.toPort()))
                    .findFirst().orElse(null);
            if (p != null && p.ranges().stream().anyMatch(r -> r.cidr().equals(rule.cidr()))) {
                throw new Ec2Error("InvalidPermission.Duplicate", "the specified rule \"" + rule.peer() + "\" already exists");
            }
            List<IpRange> ranges = new ArrayList<>(p == null ? List.of() : p.ranges());
            ranges.add(new IpRange(rule.cidr(), rule.description()));
            Permission grown = new Permission(rule.protocol(), rule.fromPort(), rule.toPort(), ranges,
                    p == null ? List.of() : p.sourceGroupIds());
            if (p == null) {
                ingress.add(grown);
            } else {
                ingress.set(ingress.indexOf(p), grown);
            }
        }
        groups.put(groupId, g.withIngress(ingress));
    }

    /** RevokeSecurityGroupIngress: removes the rules; if the group has none of them, InvalidPermission.NotFound. */
    synchronized List<Rule> revoke(String groupId, List<Rule> rules) {
        SecurityGroup g = group(groupId);
        List<Permission> ingress = new ArrayList<>(g.ingress());
        List<Rule> unknown = new ArrayList<>();
        for (Rule rule : rules) {
            Permission p = ingress.stream().filter(x -> x.samePorts(rule.protocol(), rule.fromPort(), rule.toPort()))
                    .findFirst().orElse(null);
            if (p == null || p.ranges().stream().noneMatch(r -> r.cidr().equals(rule.cidr()))) {
                unknown.add(rule);
                continue;
            }
            List<IpRange> ranges = new ArrayList<>(p.ranges());
            ranges.removeIf(r -> r.cidr().equals(rule.cidr()));
            if (ranges.isEmpty() && p.sourceGroupIds().isEmpty()) {
                ingress.remove(p);
            } else {
                ingress.set(ingress.indexOf(p), new Permission(p.protocol(), p.fromPort(), p.toPort(), ranges,
                        p.sourceGroupIds()));
            }
        }
        if (unknown.size() == rules.size()) {
            throw new Ec2Error("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
        }
        groups.put(groupId, g.withIngress(ingress));
        return unknown;
    }

    /** ModifyVpcAttribute: one DNS attribute; hostnames need DNS resolution on. */
    synchronized void modifyDns(String vpcId, String attribute, boolean value) {
        Dns d = dns.get(vpcId);
        if (d == null) {
            throw new Ec2Error("InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
        }
        Dns next = attribute.equals("enableDnsSupport") ? new Dns(value, d.hostnames()) : new Dns(d.support(), value);
        if (next.hostnames() && !next.support()) {
            throw new Ec2Error("InvalidParameterValue", attribute.equals("enableDnsSupport")
                    ? "Cannot disable DNS support while DNS hostnames are enabled"
                    : "Cannot enable DNS hostnames while DNS support is disabled");
        }
        dns.put(vpcId, next);
    }

    private VpnConnection vpn(String id) {
        VpnConnection v = vpns.get(id);
        if (v == null) {
            throw new Ec2Error("InvalidVpnConnectionID.NotFound", "The vpnConnection ID '" + id + "' does not exist");
        }
        return v;
    }

    /** Create/DeleteVpnConnectionRoute: a static route of a VPN connection on a virtual private gateway. */
    synchronized void vpnRoute(String vpnId, String cidr, boolean create) {
        VpnConnection v = vpn(vpnId);
        String destination = block("DestinationCidrBlock", cidr).toString();
        if (v.transitGatewayId() != null) {
            throw new Ec2Error("InvalidVpnConnection.InvalidType", "The VPN connection " + vpnId + " is attached to a "
                    + "transit gateway; its static routes are routes of the transit gateway route table");
        }
        List<String> routes = new ArrayList<>(v.routes());
        if (create && routes.contains(destination)) {
            throw new Ec2Error("RouteAlreadyExists", "The route identified by " + destination + " already exists.");
        }
        if (!create && !routes.contains(destination)) {
            throw new Ec2Error("InvalidRoute.NotFound", "The route identified by " + destination + " does not exist.");
        }
        if (create) {
            routes.add(destination);
        } else {
            routes.remove(destination);
        }
        vpns.put(vpnId, v.withRoutes(routes));
    }

    /** The lab's switch for a tunnel (1 or 2): what an on-premises outage or its repair does to the telemetry. */
    synchronized void setTunnel(String vpnId, int tunnel, boolean up) {
        VpnConnection v = vpn(vpnId);
        if (tunnel < 1 || tunnel > v.tunnels().size()) {
            throw new IllegalArgumentException("VPN " + vpnId + " has tunnels 1 to " + v.tunnels().size());
        }
        List<Tunnel> tunnels = new ArrayList<>(v.tunnels());
        String status = up ? "UP" : "DOWN";
        if (!Objects.equals(tunnels.get(tunnel - 1).status(), status)) {
            tunnels.set(tunnel - 1, tunnels.get(tunnel - 1).withStatus(status,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()));
        }
        vpns.put(vpnId, v.withTunnels(tunnels));
    }

    /** Create/DeleteTransitGatewayRoute: a static route (or blackhole) in a transit gateway route table. */
    synchronized void tgwRoute(String tableId, String cidr, Ec2Inventory.TransitGatewayAttachment attachment,
            boolean blackhole, boolean create) {
        Ec2Routing.TgwRouteTable t = tgwRouteTables.get(tableId);
        if (t == null) {
            throw new Ec2Error("InvalidRouteTableID.NotFound", "Transit Gateway Route Table " + tableId
                    + " was deleted or does not exist.");
        }
        String destination = block("DestinationCidrBlock", cidr).toString();
        List<Ec2Routing.TgwRoute> routes = new ArrayList<>(t.routes());
        Ec2Routing.TgwRoute old = routes.stream().filter(r -> r.destination().equals(destination)
                && r.type().equals("static")).findFirst().orElse(null);
        if (create) {
            if (old != null) {
                throw new Ec2Error("RouteAlreadyExists", "Route " + destination + " already exists in Transit Gateway Route "
                        + "Table " + tableId + ".");
            }
            routes.removeIf(r -> r.destination().equals(destination));
            routes.add(blackhole ? new Ec2Routing.TgwRoute(destination, null, null, null, "static", "blackhole")
                    : new Ec2Routing.TgwRoute(destination, attachment.id(), attachment.resourceId(),
                            attachment.resourceType(), "static", "active"));
        } else {
            if (old == null) {
                throw new Ec2Error("InvalidRoute.NotFound", "No route with destination-cidr-block " + destination
                        + " in Transit Gateway Route Table " + tableId + ".");
            }
            routes.remove(old);
        }
        tgwRouteTables.put(tableId, t.withRoutes(routes));
    }
}
