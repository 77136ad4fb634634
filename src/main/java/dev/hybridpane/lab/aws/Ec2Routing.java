package dev.hybridpane.lab.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The EC2 resources between a VPC and its on-premises networks: virtual private gateways, site-to-site VPN connections
 * (their tunnels' telemetry and their static routes) and transit gateway route tables (their routes to VPC and VPN
 * attachments), with the filters DescribeVpnGateways, DescribeVpnConnections, DescribeTransitGatewayRouteTables and
 * SearchTransitGatewayRoutes take (EC2 API reference).
 */
final class Ec2Routing {
    private Ec2Routing() {
    }

    /** When the lab's tunnels last changed status (a fixed instant, as the rest of the seeded account). */
    static final String SEEDED_STATUS_CHANGE = "2026-11-30T06:12:40.000Z";

    /** A virtual private gateway attached to a VPC. */
    record VpnGateway(String id, String vpcId, String name) {
        Map<String, List<String>> filterValues() {
            return Map.of("vpn-gateway-id", List.of(id), "attachment.vpc-id", List.of(vpcId), "attachment.state",
                    List.of("attached"), "state", List.of("available"), "type", List.of("ipsec.1"), "amazon-side-asn",
                    List.of(String.valueOf(Ec2Inventory.AMAZON_SIDE_ASN)), "tag:Name", List.of(name), "tag-key", List.of("Name"));
        }
    }

    /** A tunnel's telemetry: its outside address and status (UP or DOWN). */
    record Tunnel(String outsideIp, String insideCidr, String status, String lastStatusChange) {
        Tunnel withStatus(String newStatus, String at) {
            return new Tunnel(outsideIp, insideCidr, newStatus, at);
        }
    }

    /**
     * A site-to-site VPN connection with static routing: on a virtual private gateway ({@code vpnGatewayId}) its static
     * routes are its own ({@code routes}); on a transit gateway ({@code transitGatewayId}) they are the transit gateway
     * route table's routes to its attachment, and {@code routes} stays empty, as AWS shows it.
     */
    record VpnConnection(String id, String customerGatewayId, String customerGatewayAddress, String vpnGatewayId,
            String transitGatewayId, String name, List<Tunnel> tunnels, List<String> routes) {
        VpnConnection {
            tunnels = List.copyOf(tunnels);
            routes = List.copyOf(routes);
        }

        VpnConnection withTunnels(List<Tunnel> newTunnels) {
            return new VpnConnection(id, customerGatewayId, customerGatewayAddress, vpnGatewayId, transitGatewayId, name,
                    newTunnels, routes);
        }

        VpnConnection withRoutes(List<String> newRoutes) {
            return new VpnConnection(id, customerGatewayId, customerGatewayAddress, vpnGatewayId, transitGatewayId, name,
                    tunnels, newRoutes);
        }

        boolean anyTunnelUp() {
            return tunnels.stream().anyMatch(t -> t.status().equals("UP"));
        }

        Map<String, List<String>> filterValues() {
            Map<String, List<String>> m = new HashMap<>();
            m.put("vpn-connection-id", List.of(id));
            m.put("customer-gateway-id", List.of(customerGatewayId));
            m.put("state", List.of("available"));
            m.put("option.static-routes-only", List.of("true"));
            m.put("route.destination-cidr-block", routes);
            m.put("type", List.of("ipsec.1"));
            m.put("vpn-gateway-id", vpnGatewayId == null ? List.of() : List.of(vpnGatewayId));
            m.put("transit-gateway-id", transitGatewayId == null ? List.of() : List.of(transitGatewayId));
            m.put("tag:Name", List.of(name));
            m.put("tag-key", List.of("Name"));
            return m;
        }
    }

    /** A route of a transit gateway route table: to an attachment (static or propagated), or a static blackhole. */
    record TgwRoute(String destination, String attachmentId, String resourceId, String resourceType, String type,
            String state) {
        Map<String, List<String>> filterValues() {
            Map<String, List<String>> m = new HashMap<>();
            m.put("attachment.transit-gateway-attachment-id", attachmentId == null ? List.of() : List.of(attachmentId));
            m.put("attachment.resource-id", resourceId == null ? List.of() : List.of(resourceId));
            m.put("attachment.resource-type", resourceType == null ? List.of() : List.of(resourceType));
            m.put("state", List.of(state));
            m.put("type", List.of(type));
            return m;
        }
    }

    /** A transit gateway's default route table: every attachment is associated with it and propagates to it. */
    record TgwRouteTable(String id, String transitGatewayId, String name, List<TgwRoute> routes) {
        TgwRouteTable {
            routes = List.copyOf(routes);
        }

        TgwRouteTable withRoutes(List<TgwRoute> newRoutes) {
            return new TgwRouteTable(id, transitGatewayId, name, newRoutes);
        }

        Map<String, List<String>> filterValues() {
            return Map.of("transit-gateway-route-table-id", List.of(id), "transit-gateway-id", List.of(transitGatewayId),
                    "state", List.of("available"), "default-association-route-table", List.of("true"),
                    "default-propagation-route-table", List.of("true"), "tag:Name", List.of(name), "tag-key", List.of("Name"));
        }
    }

    /** An IPv4 CIDR block "a.b.c.d/n" as its network address and prefix length; null when the text is not one. */
    record Block(long address, int prefix) {
        static Block parse(String text) {
            if (text == null) {
                return null;
            }
            String[] parts = text.split("/");
            if (parts.length != 2 || !parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
                return null;
            }
            String[] octets = parts[0].split("\\.");
            if (octets.length != 4) {
                return null;
            }
            long a = 0;
            for (String o : octets) {
                if (!o.matches("\\d{1,3}") || Integer.parseInt(o) > 255) {
                    return null;
                }
                a = a << 8 | Integer.parseInt(o);
            }
            int prefix = Integer.parseInt(parts[1]);
            long mask = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
            return new Block(a & mask, prefix);
        }

        /** Whether {@code other} lies inside this block (or is it). */
        boolean contains(Block other) {
            long mask = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
            return other.prefix >= prefix && (other.address & mask) == address;
        }

        @Override
        public String toString() {
            return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255)
                    + "/" + prefix;
        }
    }
}
