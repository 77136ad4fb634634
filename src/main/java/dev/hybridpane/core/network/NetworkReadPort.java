package dev.hybridpane.core.network;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.domain.ClusterNetwork.SecurityGroup;
import java.util.List;

/**
 * The EC2 network reads of the network doctor (SDK v2, every page). Every method blocks and may throw {@link AwsFailure}
 * (a denied call names its operation, e.g. {@code ec2:DescribeTransitGateways}); the doctor turns that into an UNKNOWN
 * check, never a failure of the whole run.
 */
public interface NetworkReadPort {

    /**
     * One route. {@code targetKind}: transitGateway, vpnGateway (a {@code vgw-} gateway id), networkInterface, local,
     * internetGateway, natGateway, other; {@code state}: active or blackhole; {@code origin}: CreateRouteTable,
     * CreateRoute or EnableVgwRoutePropagation (propagated).
     */
    record Route(String destination, String targetKind, String targetId, String state, String origin) {
        public boolean active() {
            return !"blackhole".equals(state);
        }

        public boolean propagated() {
            return "EnableVgwRoutePropagation".equals(origin);
        }
    }

    /** A VPC route table: its routes, the subnets associated explicitly and whether it is the VPC's main table. */
    record RouteTable(String id, String vpcId, boolean main, List<String> subnetIds, List<Route> routes) {
        public RouteTable {
            subnetIds = List.copyOf(subnetIds == null ? List.of() : subnetIds);
            routes = List.copyOf(routes == null ? List.of() : routes);
        }
    }

    record TransitGateway(String id, String state, String ownerId, String defaultRouteTableId, String name) {
    }

    /** A transit gateway attachment: {@code resourceType} vpc, vpn, direct-connect-gateway, peering, connect. */
    record TgwAttachment(String id, String transitGatewayId, String resourceType, String resourceId, String state,
                         String routeTableId) {
    }

    record TgwRouteTable(String id, String transitGatewayId, String state, boolean defaultAssociation) {
    }

    /** A transit gateway route: {@code type} static or propagated, {@code state} active or blackhole. */
    record TgwRoute(String destination, String type, String state, List<TgwRouteTarget> targets) {
        public TgwRoute {
            targets = List.copyOf(targets == null ? List.of() : targets);
        }
    }

    record TgwRouteTarget(String attachmentId, String resourceType, String resourceId) {
    }

    /** A virtual private gateway and the VPCs it is attached to ({@code attachedVpcIds}: state attached). */
    record VpnGateway(String id, String state, List<String> attachedVpcIds, String name) {
        public VpnGateway {
            attachedVpcIds = List.copyOf(attachedVpcIds == null ? List.of() : attachedVpcIds);
        }
    }

    /** One IPsec tunnel as VgwTelemetry reports it: status UP or DOWN. */
    record Tunnel(String outsideIp, String status, String statusMessage) {
        public boolean up() {
            return "UP".equalsIgnoreCase(status);
        }
    }

    /** A static route of a VPN connection (state available, pending, deleted). */
    record VpnRoute(String destination, String state) {
    }

    /**
     * A site-to-site VPN connection: to a virtual private gateway or a transit gateway; {@code staticRoutesOnly} false
     * means BGP; {@code name} the Name tag.
     */
    record VpnConnection(String id, String state, String vpnGatewayId, String transitGatewayId, String customerGatewayId,
                         String customerGatewayIp, boolean staticRoutesOnly, List<VpnRoute> routes, List<Tunnel> tunnels,
                         String name) {
        public VpnConnection {
            routes = List.copyOf(routes == null ? List.of() : routes);
            tunnels = List.copyOf(tunnels == null ? List.of() : tunnels);
        }
    }

    /** A Direct Connect gateway (global; its id a UUID): {@code state} pending, available, deleting or deleted. */
    record DirectConnectGateway(String id, String name, String state) {
    }

    /** A BGP peer of a virtual interface: {@code status} up, down or unknown; the customer's ASN and both addresses. */
    record BgpPeer(String id, String status, long asn, String amazonAddress, String customerAddress) {
        public boolean up() {
            return "up".equalsIgnoreCase(status);
        }
    }

    /**
     * A Direct Connect virtual interface: {@code state} (confirming, verifying, pending, available, down, deleting,
     * deleted, rejected, unknown; "down" is BGP down), the Direct Connect gateway it is attached to ({@code gatewayId},
     * for transit and private ones), its location, VLAN, Amazon's ASN and its BGP peers.
     */
    record VirtualInterface(String id, String name, String type, String state, String gatewayId, String location, int vlan,
                            long amazonSideAsn, List<BgpPeer> peers) {
        public VirtualInterface {
            peers = List.copyOf(peers == null ? List.of() : peers);
        }
    }

    /** DescribeVpcs: the VPC's IPv4 CIDR blocks (primary first). */
    List<String> vpcCidrs(String region, String vpcId);

    /** Every route table of the VPC (DescribeRouteTables filtered by vpc-id). */
    List<RouteTable> routeTables(String region, String vpcId);

    /** DescribeTransitGatewayAttachments (every page). */
    List<TgwAttachment> transitGatewayAttachments(String region);

    /** DescribeTransitGateways of these ids (all when empty). */
    List<TransitGateway> transitGateways(String region, List<String> ids);

    /** DescribeTransitGatewayRouteTables of one transit gateway. */
    List<TgwRouteTable> transitGatewayRouteTables(String region, String transitGatewayId);

    /** SearchTransitGatewayRoutes of one route table (every route, any type). */
    List<TgwRoute> transitGatewayRoutes(String region, String routeTableId);

    /** DescribeVpnGateways. */
    List<VpnGateway> vpnGateways(String region);

    /** DescribeVpnConnections, with telemetry and static routes. */
    List<VpnConnection> vpnConnections(String region);

    /** directconnect:DescribeDirectConnectGateways (every page; the gateways are global, the call is made in the region). */
    List<DirectConnectGateway> directConnectGateways(String region);

    /** directconnect:DescribeVirtualInterfaces of the region, with their BGP peers. */
    List<VirtualInterface> virtualInterfaces(String region);

    /** DescribeSecurityGroups of these ids. */
    List<SecurityGroup> securityGroups(String region, List<String> groupIds);

    /** DescribeVpcAttribute: {@code attribute} enableDnsHostnames or enableDnsSupport. */
    boolean vpcAttribute(String region, String vpcId, String attribute);
}
