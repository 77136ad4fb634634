package dev.hybridpane.lab.aws;

/**
 * Writes the items of DescribeVpnConnections, DescribeVpnGateways, DescribeTransitGatewayRouteTables,
 * SearchTransitGatewayRoutes and GetTransitGatewayRouteTableAssociations/Propagations (element names as the EC2 API's
 * locationName: botocore's ec2 2016-11-15 service model). A VPN connection's tunnel options leave out the pre-shared
 * keys, which the lab does not hold; its customer gateway configuration (the native XML AWS returns while the
 * connection is pending or available) carries each tunnel's outside addresses and inside CIDR, without the keys.
 */
final class Ec2RoutingXml {
    private Ec2RoutingXml() {
    }

    static void vpnConnection(Xml x, Ec2Routing.VpnConnection v) {
        x.leaf("vpnConnectionId", v.id()).leaf("customerGatewayId", v.customerGatewayId()).leaf("category", "VPN")
                .leaf("state", "available").leaf("type", "ipsec.1").leaf("vpnGatewayId", v.vpnGatewayId())
                .leaf("transitGatewayId", v.transitGatewayId())
                .leaf("customerGatewayConfiguration", customerGatewayConfiguration(v));
        x.open("options").leaf("enableAcceleration", false).leaf("staticRoutesOnly", true)
                .leaf("localIpv4NetworkCidr", "0.0.0.0/0").leaf("remoteIpv4NetworkCidr", "0.0.0.0/0")
                .leaf("outsideIpAddressType", "PublicIpv4").leaf("tunnelInsideIpVersion", "ipv4").open("tunnelOptionSet");
        for (Ec2Routing.Tunnel t : v.tunnels()) {
            x.open("item").leaf("outsideIpAddress", t.outsideIp()).leaf("tunnelInsideCidr", t.insideCidr()).close("item");
        }
        x.close("tunnelOptionSet").close("options");
        x.open("routes");
        for (String cidr : v.routes()) {
            x.open("item").leaf("destinationCidrBlock", cidr).leaf("source", "Static").leaf("state", "available")
                    .close("item");
        }
        x.close("routes");
        name(x, v.name());
        x.open("vgwTelemetry");
        for (Ec2Routing.Tunnel t : v.tunnels()) {
            boolean up = t.status().equals("UP");
            x.open("item").leaf("outsideIpAddress", t.outsideIp()).leaf("status", t.status())
                    .leaf("lastStatusChange", t.lastStatusChange()).leaf("statusMessage", up ? "IPSEC IS UP" : "IPSEC IS DOWN")
                    .leaf("acceptedRouteCount", 0).close("item");
        }
        x.close("vgwTelemetry");
    }

    /** The VPN's configuration in AWS's native XML format (vpn_connection / ipsec_tunnel), keys left out. */
    static String customerGatewayConfiguration(Ec2Routing.VpnConnection v) {
        StringBuilder c = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vpn_connection id=\"")
                .append(v.id()).append("\">\n  <customer_gateway_id>").append(v.customerGatewayId())
                .append("</customer_gateway_id>\n  <vpn_connection_type>ipsec.1</vpn_connection_type>\n");
        for (Ec2Routing.Tunnel t : v.tunnels()) {
            c.append("  <ipsec_tunnel>\n    <customer_gateway>\n      <tunnel_outside_address><ip_address>")
                    .append(v.customerGatewayAddress()).append("</ip_address></tunnel_outside_address>\n")
                    .append("    </customer_gateway>\n    <vpn_gateway>\n      <tunnel_outside_address><ip_address>")
                    .append(t.outsideIp()).append("</ip_address></tunnel_outside_address>\n      <tunnel_inside_address>")
                    .append("<network_cidr>").append(t.insideCidr()).append("</network_cidr></tunnel_inside_address>\n")
                    .append("    </vpn_gateway>\n  </ipsec_tunnel>\n");
        }
        return c.append("</vpn_connection>\n").toString();
    }

    static void vpnGateway(Xml x, Ec2Routing.VpnGateway g) {
        x.leaf("vpnGatewayId", g.id()).leaf("state", "available").leaf("type", "ipsec.1").open("attachments").open("item")
                .leaf("vpcId", g.vpcId()).leaf("state", "attached").close("item").close("attachments")
                .leaf("amazonSideAsn", Ec2Inventory.AMAZON_SIDE_ASN);
        name(x, g.name());
    }

    static void tgwRouteTable(Xml x, Ec2Routing.TgwRouteTable t) {
        x.leaf("transitGatewayRouteTableId", t.id()).leaf("transitGatewayId", t.transitGatewayId()).leaf("state", "available")
                .leaf("defaultAssociationRouteTable", true).leaf("defaultPropagationRouteTable", true)
                .leaf("creationTime", "2024-05-20T14:03:58.000Z");
        name(x, t.name());
    }

    static void tgwRoute(Xml x, Ec2Routing.TgwRoute r) {
        x.leaf("destinationCidrBlock", r.destination());
        if (r.attachmentId() != null) {
            x.open("transitGatewayAttachments").open("item").leaf("resourceId", r.resourceId())
                    .leaf("transitGatewayAttachmentId", r.attachmentId()).leaf("resourceType", r.resourceType())
                    .close("item").close("transitGatewayAttachments");
        }
        x.leaf("type", r.type()).leaf("state", r.state());
    }

    /** An attachment as GetTransitGatewayRouteTableAssociations ("associated") or ...Propagations ("enabled") lists it. */
    static void attachmentState(Xml x, Ec2Inventory.TransitGatewayAttachment a, String state) {
        x.leaf("transitGatewayAttachmentId", a.id()).leaf("resourceId", a.resourceId()).leaf("resourceType", a.resourceType())
                .leaf("state", state);
    }

    private static void name(Xml x, String name) {
        x.open("tagSet").open("item").leaf("key", "Name").leaf("value", name).close("item").close("tagSet");
    }
}
