package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.aws.Ec2Inventory.Route;
import dev.hybridpane.lab.aws.Ec2Network.Ec2Error;
import dev.hybridpane.lab.aws.Ec2Network.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * EC2's network changes on the query protocol, as the EC2 API reference gives their parameters (botocore's ec2
 * 2016-11-15 model: RouteTableId, DestinationCidrBlock, IpPermissions.N.IpRanges.M.CidrIp, EnableDnsHostnames.Value...):
 * CreateRoute, ReplaceRoute, DeleteRoute, AuthorizeSecurityGroupIngress, RevokeSecurityGroupIngress, ModifyVpcAttribute,
 * CreateVpnConnectionRoute, DeleteVpnConnectionRoute, EnableVgwRoutePropagation, DisableVgwRoutePropagation,
 * CreateTransitGatewayRoute and DeleteTransitGatewayRoute. Answers are {@code <XResponse><requestId/><return>true</return>}.
 */
final class Ec2Writes {
    static final Set<String> ACTIONS = Set.of("CreateRoute", "ReplaceRoute", "DeleteRoute", "AuthorizeSecurityGroupIngress",
            "RevokeSecurityGroupIngress", "ModifyVpcAttribute", "CreateVpnConnectionRoute", "DeleteVpnConnectionRoute",
            "EnableVgwRoutePropagation", "DisableVgwRoutePropagation", "CreateTransitGatewayRoute",
            "DeleteTransitGatewayRoute");
    private static final String NS = Ec2Service.NS;

    private final Ec2Network network;
    private final Ec2Inventory inv;
    private final String accountId;

    Ec2Writes(Ec2Network network, Ec2Inventory inv, String accountId) {
        this.network = network;
        this.inv = inv;
        this.accountId = accountId;
    }

    /** The answer to a change; throws {@link Ec2Error} when EC2 would refuse it. */
    AwsResponse handle(String action, AwsRequest r) {
        Map<String, String> p = r.params();
        switch (action) {
            case "CreateRoute" -> network.createRoute(required(p, "RouteTableId"), p.get("DestinationCidrBlock"), target(p));
            case "ReplaceRoute" -> network.replaceRoute(required(p, "RouteTableId"), p.get("DestinationCidrBlock"), target(p));
            case "DeleteRoute" -> network.deleteRoute(required(p, "RouteTableId"), p.get("DestinationCidrBlock"));
            case "AuthorizeSecurityGroupIngress" -> {
                String group = groupId(p);
                List<Rule> rules = rules(p);
                network.authorize(group, rules);
                return authorized(action, r, group, rules);
            }
            case "RevokeSecurityGroupIngress" -> {
                List<Rule> unknown = network.revoke(groupId(p), rules(p));
                Xml x = new Xml().openNs(action + "Response", NS).leaf("requestId", r.requestId()).leaf("return", true);
                if (!unknown.isEmpty()) {
                    x.open("unknownIpPermissionSet");
                    unknown.forEach(u -> x.open("item").leaf("ipProtocol", u.protocol()).leaf("fromPort", u.fromPort())
                            .leaf("toPort", u.toPort()).open("ipRanges").open("item").leaf("cidrIp", u.cidr()).close("item")
                            .close("ipRanges").close("item"));
                    x.close("unknownIpPermissionSet");
                }
                return AwsResponse.xml(200, x.close(action + "Response").toString());
            }
            case "ModifyVpcAttribute" -> modifyVpcAttribute(p);
            case "CreateVpnConnectionRoute", "DeleteVpnConnectionRoute" -> network.vpnRoute(required(p, "VpnConnectionId"),
                    p.get("DestinationCidrBlock"), action.startsWith("Create"));
            case "EnableVgwRoutePropagation", "DisableVgwRoutePropagation" -> {
                String gateway = required(p, "GatewayId");
                if (inv.vpnGateways.stream().noneMatch(g -> g.id().equals(gateway))) {
                    throw new Ec2Error("InvalidVpnGatewayID.NotFound", "The vpnGateway ID '" + gateway + "' does not exist");
                }
                network.propagation(required(p, "RouteTableId"), gateway, action.startsWith("Enable"));
            }
            case "CreateTransitGatewayRoute", "DeleteTransitGatewayRoute" -> {
                return transitGatewayRoute(action, r);
            }
            default -> throw new IllegalArgumentException(action);
        }
        return AwsResponse.xml(200, new Xml().openNs(action + "Response", NS).leaf("requestId", r.requestId())
                .leaf("return", true).close(action + "Response").toString());
    }

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            throw new Ec2Error("MissingParameter", "The request must contain the parameter " + name);
        }
        return v;
    }

    /**
     * The one target of CreateRoute/ReplaceRoute: a transit gateway, a virtual private or internet gateway (GatewayId)
     * or a network interface.
     */
    private Route target(Map<String, String> p) {
        String tgw = p.get("TransitGatewayId");
        String gateway = p.get("GatewayId");
        String eni = p.get("NetworkInterfaceId");
        int given = (tgw == null ? 0 : 1) + (gateway == null ? 0 : 1) + (eni == null ? 0 : 1);
        if (given == 0) {
            throw new Ec2Error("InvalidParameterCombination", "No route target specified. Specify one of the parameters "
                    + "gatewayId, transitGatewayId, networkInterfaceId.");
        }
        if (given > 1) {
            throw new Ec2Error("InvalidParameterCombination", "More than one target specified. Specify only one of the "
                    + "parameters gatewayId, transitGatewayId, networkInterfaceId.");
        }
        if (tgw != null && inv.transitGateways.stream().noneMatch(t -> t.id().equals(tgw))) {
            throw new Ec2Error("InvalidTransitGatewayID.NotFound", "The transitGateway ID '" + tgw + "' does not exist.");
        }
        if (gateway != null && inv.vpnGateways.stream().noneMatch(g -> g.id().equals(gateway))
                && !inv.internetGateways.containsKey(gateway)) {
            throw new Ec2Error("InvalidGatewayID.NotFound", "The gateway ID '" + gateway + "' does not exist");
        }
        if (eni != null && inv.networkInterfaces.stream().noneMatch(n -> n.id().equals(eni))) {
            throw new Ec2Error("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '" + eni + "' does not exist");
        }
        return new Route(null, gateway, tgw, eni, "CreateRoute");
    }

    private static String groupId(Map<String, String> p) {
        String id = p.get("GroupId");
        if (id == null || id.isEmpty()) {
            throw new Ec2Error("MissingParameter", "The request must contain the parameter groupId");
        }
        return id;
    }

    /**
     * The rules of the request: IpPermissions.N (protocol, ports, IpRanges.M.CidrIp and .Description), or the flat
     * IpProtocol/FromPort/ToPort/CidrIp form. Security-group and IPv6 grants are not offered by the lab.
     */
    static List<Rule> rules(Map<String, String> p) {
        List<Rule> out = new ArrayList<>();
        if (p.containsKey("CidrIp") || p.containsKey("IpProtocol")) {
            out.add(rule(p.get("IpProtocol"), p.get("FromPort"), p.get("ToPort"), Ec2Network.block("CidrIp",
                    p.get("CidrIp")).toString(), null));
        }
        for (int n = 1; p.containsKey("IpPermissions." + n + ".IpProtocol"); n++) {
            String prefix = "IpPermissions." + n + ".";
            int before = out.size();
            for (int m = 1; p.containsKey(prefix + "IpRanges." + m + ".CidrIp"); m++) {
                out.add(rule(p.get(prefix + "IpProtocol"), p.get(prefix + "FromPort"), p.get(prefix + "ToPort"),
                        Ec2Network.block("CidrIp", p.get(prefix + "IpRanges." + m + ".CidrIp")).toString(),
                        p.get(prefix + "IpRanges." + m + ".Description")));
            }
            if (out.size() == before) {
                throw new Ec2Error("InvalidParameterValue", "The lab's security groups take IPv4 ranges only: give "
                        + prefix + "IpRanges.1.CidrIp");
            }
        }
        if (out.isEmpty()) {
            throw new Ec2Error("MissingParameter", "Either 'ipPermissions' or 'ipProtocol' is required.");
        }
        return out;
    }

    private static Rule rule(String protocolText, String from, String to, String cidr, String description) {
        if (protocolText == null) {
            throw new Ec2Error("MissingParameter", "The request must contain the parameter ipProtocol");
        }
        String protocol = switch (protocolText.toLowerCase(Locale.ROOT)) {
            case "tcp", "6" -> "tcp";
            case "udp", "17" -> "udp";
            case "icmp", "1" -> "icmp";
            case "-1", "all" -> "-1";
            default -> throw new Ec2Error("InvalidParameterValue", "Invalid value '" + protocolText
                    + "' for IP protocol. Unknown protocol.");
        };
        if (protocol.equals("-1")) {
            return new Rule(protocol, null, null, cidr, description);
        }
        Integer fromPort = port(from);
        Integer toPort = port(to);
        if (fromPort == null || toPort == null || fromPort > toPort || fromPort < 0 || toPort > 65535) {
            throw new Ec2Error("InvalidParameterValue", "Invalid value for portRange. Must specify both from and to ports "
                    + "with TCP/UDP.");
        }
        return new Rule(protocol, fromPort, toPort, cidr, description);
    }

    private static Integer port(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new Ec2Error("InvalidParameterValue", "Invalid value '" + text + "' for port");
        }
    }

    /** The answer to AuthorizeSecurityGroupIngress: the rules it made, each with its id (sgr-...). */
    private AwsResponse authorized(String action, AwsRequest r, String group, List<Rule> rules) {
        Xml x = new Xml().openNs(action + "Response", NS).leaf("requestId", r.requestId()).leaf("return", true)
                .open("securityGroupRuleSet");
        for (Rule rule : rules) {
            x.open("item").leaf("securityGroupRuleId", LabMachines.hexId("sgr-0", group + "/" + rule.peer(), 17))
                    .leaf("groupId", group).leaf("groupOwnerId", accountId).leaf("isEgress", false)
                    .leaf("ipProtocol", rule.protocol()).leaf("fromPort", rule.fromPort() == null ? -1 : rule.fromPort())
                    .leaf("toPort", rule.toPort() == null ? -1 : rule.toPort()).leaf("cidrIpv4", rule.cidr())
                    .leaf("description", rule.description()).close("item");
        }
        x.close("securityGroupRuleSet").close(action + "Response");
        return AwsResponse.xml(200, x.toString());
    }

    /** ModifyVpcAttribute: exactly one of EnableDnsSupport.Value and EnableDnsHostnames.Value. */
    private void modifyVpcAttribute(Map<String, String> p) {
        String vpc = required(p, "VpcId");
        String support = p.get("EnableDnsSupport.Value");
        String hostnames = p.get("EnableDnsHostnames.Value");
        if (p.containsKey("EnableNetworkAddressUsageMetrics.Value")) {
            throw new Ec2Error("InvalidParameterValue", "The lab does not model enableNetworkAddressUsageMetrics");
        }
        if ((support == null) == (hostnames == null)) {
            throw new Ec2Error("InvalidParameterCombination", "Fields for multiple attribute types specified: "
                    + "enableDnsSupport, enableDnsHostnames. Specify exactly one.");
        }
        String value = support != null ? support : hostnames;
        if (!value.equals("true") && !value.equals("false")) {
            throw new Ec2Error("InvalidParameterValue", "Invalid value '" + value + "' for boolean");
        }
        network.modifyDns(vpc, support != null ? "enableDnsSupport" : "enableDnsHostnames", Boolean.parseBoolean(value));
    }

    /** Create/DeleteTransitGatewayRoute; the answer names the route. */
    private AwsResponse transitGatewayRoute(String action, AwsRequest r) {
        Map<String, String> p = r.params();
        String table = required(p, "TransitGatewayRouteTableId");
        String cidr = p.get("DestinationCidrBlock");
        boolean create = action.startsWith("Create");
        boolean blackhole = "true".equals(p.get("Blackhole"));
        Ec2Inventory.TransitGatewayAttachment attachment = null;
        if (create && !blackhole) {
            String id = required(p, "TransitGatewayAttachmentId");
            attachment = network.attachments().stream().filter(a -> a.id().equals(id)).findFirst()
                    .orElseThrow(() -> new Ec2Error("InvalidTransitGatewayAttachmentID.NotFound",
                            "Transit Gateway Attachment " + id + " was deleted or does not exist."));
        }
        network.tgwRoute(table, cidr, attachment, blackhole, create);
        String destination = Ec2Network.block("DestinationCidrBlock", cidr).toString();
        Xml x = new Xml().openNs(action + "Response", NS).leaf("requestId", r.requestId()).open("route")
                .leaf("destinationCidrBlock", destination);
        if (attachment != null) {
            x.open("transitGatewayAttachments").open("item").leaf("resourceId", attachment.resourceId())
                    .leaf("transitGatewayAttachmentId", attachment.id()).leaf("resourceType", attachment.resourceType())
                    .close("item").close("transitGatewayAttachments");
        }
        x.leaf("type", "static").leaf("state", create ? (blackhole ? "blackhole" : "active") : "deleted").close("route")
                .close(action + "Response");
        return AwsResponse.xml(200, x.toString());
    }
}
