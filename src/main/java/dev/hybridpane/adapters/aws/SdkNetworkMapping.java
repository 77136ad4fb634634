package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.network.NetworkReadPort;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.directconnect.model.BGPPeer;
import software.amazon.awssdk.services.directconnect.model.VirtualInterface;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnGateway;

/** EC2's network shapes (SDK v2 model) as the doctor's {@link NetworkReadPort} records. */
final class SdkNetworkMapping {
    private SdkNetworkMapping() {
    }

    static NetworkReadPort.RouteTable routeTable(RouteTable t) {
        boolean main = t.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main()));
        List<String> subnets = t.associations().stream().map(RouteTableAssociation::subnetId).filter(s -> s != null).toList();
        return new NetworkReadPort.RouteTable(t.routeTableId(), t.vpcId(), main, subnets,
                t.routes().stream().map(SdkNetworkMapping::route).toList());
    }

    static NetworkReadPort.Route route(Route r) {
        String kind;
        String target;
        if (r.transitGatewayId() != null) {
            kind = "transitGateway";
            target = r.transitGatewayId();
        } else if (r.networkInterfaceId() != null) {
            kind = "networkInterface";
            target = r.networkInterfaceId();
        } else if (r.natGatewayId() != null) {
            kind = "natGateway";
            target = r.natGatewayId();
        } else if (r.gatewayId() != null) {
            target = r.gatewayId();
            kind = "local".equals(target) ? "local" : target.startsWith("vgw-") ? "vpnGateway"
                    : target.startsWith("igw-") ? "internetGateway" : "other";
        } else {
            kind = "other";
            target = r.vpcPeeringConnectionId() != null ? r.vpcPeeringConnectionId()
                    : r.instanceId() != null ? r.instanceId() : "";
        }
        String dest = r.destinationCidrBlock() != null ? r.destinationCidrBlock()
                : r.destinationPrefixListId() != null ? r.destinationPrefixListId() : String.valueOf(r.destinationIpv6CidrBlock());
        return new NetworkReadPort.Route(dest, kind, target, r.stateAsString(), r.originAsString());
    }

    static NetworkReadPort.TgwAttachment attachment(TransitGatewayAttachment a) {
        return new NetworkReadPort.TgwAttachment(a.transitGatewayAttachmentId(), a.transitGatewayId(), a.resourceTypeAsString(), a.resourceId(),
                a.stateAsString(), a.association() == null ? null : a.association().transitGatewayRouteTableId());
    }

    static NetworkReadPort.TgwRoute tgwRoute(TransitGatewayRoute r) {
        return new NetworkReadPort.TgwRoute(r.destinationCidrBlock(), r.typeAsString(), r.stateAsString(), r.transitGatewayAttachments().stream()
                .map(a -> new NetworkReadPort.TgwRouteTarget(a.transitGatewayAttachmentId(), a.resourceTypeAsString(), a.resourceId())).toList());
    }

    static NetworkReadPort.VpnGateway vpnGateway(VpnGateway g) {
        return new NetworkReadPort.VpnGateway(g.vpnGatewayId(), g.stateAsString(), g.vpcAttachments().stream()
                .filter(a -> "attached".equals(a.stateAsString())).map(a -> a.vpcId()).toList(), name(g.tags()));
    }

    static NetworkReadPort.VpnConnection vpn(VpnConnection v) {
        boolean staticOnly = v.options() != null && Boolean.TRUE.equals(v.options().staticRoutesOnly());
        List<NetworkReadPort.Tunnel> tunnels = v.vgwTelemetry().stream().map(t -> new NetworkReadPort.Tunnel(t.outsideIpAddress(), t.statusAsString(),
                t.statusMessage())).toList();
        List<NetworkReadPort.VpnRoute> routes = v.routes().stream().map(r -> new NetworkReadPort.VpnRoute(r.destinationCidrBlock(), r.stateAsString())).toList();
        String cgwIp = v.customerGatewayConfiguration() == null ? null : customerGatewayIp(v.customerGatewayConfiguration());
        return new NetworkReadPort.VpnConnection(v.vpnConnectionId(), v.stateAsString(), v.vpnGatewayId(), v.transitGatewayId(),
                v.customerGatewayId(), cgwIp, staticOnly, routes, tunnels, name(v.tags()));
    }

    /** The customer gateway's outside address from the VPN's configuration XML (its first customer_gateway ip_address). */
    static String customerGatewayIp(String config) {
        int cg = config.indexOf("<customer_gateway>");
        if (cg < 0) {
            return null;
        }
        int start = config.indexOf("<ip_address>", cg);
        int end = start < 0 ? -1 : config.indexOf("</ip_address>", start);
        return end < 0 ? null : config.substring(start + "<ip_address>".length(), end).strip();
    }

    static String name(List<Tag> tags) {
        return tags.stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse("");
    }

    static NetworkReadPort.VirtualInterface virtualInterface(VirtualInterface v) {
        List<NetworkReadPort.BgpPeer> peers = new ArrayList<>();
        for (BGPPeer p : v.bgpPeers()) {
            peers.add(new NetworkReadPort.BgpPeer(p.bgpPeerId(), p.bgpStatusAsString(), p.asn() == null ? 0 : p.asn(),
                    p.amazonAddress(), p.customerAddress()));
        }
        return new NetworkReadPort.VirtualInterface(v.virtualInterfaceId(), v.virtualInterfaceName(), v.virtualInterfaceType(),
                v.virtualInterfaceStateAsString(), v.directConnectGatewayId(), v.location(), v.vlan() == null ? 0 : v.vlan(),
                v.amazonSideAsn() == null ? 0 : v.amazonSideAsn(), peers);
    }
}
