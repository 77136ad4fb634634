package dev.hybridpane.lab.aws;

import java.util.List;
import java.util.function.Function;
/**
 * Writes EC2 resources as the items of DescribeVpcs, DescribeSubnets, DescribeRouteTables, DescribeSecurityGroups,
 * DescribeNetworkInterfaces, DescribeTransitGateways and DescribeTransitGatewayAttachments (element names as the
 * EC2 API's locationName: botocore's ec2 2016-11-15 service model).
 */
final class Ec2Xml {
    private final String accountId;
    private final String region;

    private final Function<String, String> groupNames;

    /** {@code groupNames}: a security group's name by its id (network interfaces name their groups). */
    Ec2Xml(String accountId, String region, Function<String, String> groupNames) {
        this.accountId = accountId;
        this.region = region;
        this.groupNames = groupNames;
    }

    void vpc(Xml x, Ec2Inventory.Vpc v) {
        x.leaf("vpcId", v.id()).leaf("ownerId", accountId).leaf("state", "available").leaf("cidrBlock", v.cidrs().get(0));
        x.open("cidrBlockAssociationSet");
        int i = 0;
        for (String cidr : v.cidrs()) {
            x.open("item").leaf("cidrBlock", cidr).leaf("associationId", "vpc-cidr-assoc-" + suffix(v.id()) + i++)
                    .open("cidrBlockState").leaf("state", "associated").close("cidrBlockState").close("item");
        }
        x.close("cidrBlockAssociationSet");
        x.leaf("dhcpOptionsId", "dopt-" + suffix(v.id())).leaf("instanceTenancy", "default").leaf("isDefault", false);
        name(x, v.name());
    }

    void subnet(Xml x, Ec2Inventory.Subnet s) {
        x.leaf("subnetId", s.id()).leaf("subnetArn", "arn:aws:ec2:" + region + ":" + accountId + ":subnet/" + s.id())
                .leaf("state", "available").leaf("ownerId", accountId).leaf("vpcId", s.vpcId()).leaf("cidrBlock", s.cidr())
                .leaf("availableIpAddressCount", available(s.cidr())).leaf("availabilityZone", s.availabilityZone())
                .leaf("defaultForAz", false).leaf("mapPublicIpOnLaunch", false);
        name(x, s.name());
    }

    void routeTable(Xml x, Ec2Inventory.RouteTable t) {
        x.leaf("routeTableId", t.id()).leaf("vpcId", t.vpcId()).leaf("ownerId", accountId);
        x.open("routeSet");
        for (Ec2Inventory.Route r : t.routes()) {
            x.open("item").leaf("destinationCidrBlock", r.destination()).leaf("gatewayId", r.gatewayId())
                    .leaf("networkInterfaceId", r.networkInterfaceId()).leaf("transitGatewayId", r.transitGatewayId())
                    .leaf("state", r.state()).leaf("origin", r.origin()).close("item");
        }
        x.close("routeSet");
        x.open("associationSet");
        x.open("item").leaf("routeTableAssociationId", "rtbassoc-" + suffix(t.id()) + "m").leaf("routeTableId", t.id())
                .leaf("main", true).open("associationState").leaf("state", "associated").close("associationState")
                .close("item");
        for (String subnet : t.subnetIds()) {
            x.open("item").leaf("routeTableAssociationId", "rtbassoc-" + suffix(subnet)).leaf("routeTableId", t.id())
                    .leaf("subnetId", subnet).leaf("main", false).open("associationState").leaf("state", "associated")
                    .close("associationState").close("item");
        }
        x.close("associationSet");
        x.open("propagatingVgwSet");
        t.propagatingVgws().forEach(g -> x.open("item").leaf("gatewayId", g).close("item"));
        x.close("propagatingVgwSet");
        name(x, t.name());
    }

    void securityGroup(Xml x, Ec2Inventory.SecurityGroup g) {
        x.leaf("ownerId", accountId).leaf("groupId", g.id()).leaf("groupName", g.name())
                .leaf("groupDescription", g.description()).leaf("vpcId", g.vpcId())
                .leaf("securityGroupArn", "arn:aws:ec2:" + region + ":" + accountId + ":security-group/" + g.id());
        x.open("ipPermissions");
        for (Ec2Inventory.Permission p : g.ingress()) {
            permission(x, p);
        }
        x.close("ipPermissions");
        x.open("ipPermissionsEgress");
        permission(x, new Ec2Inventory.Permission("-1", null, null, List.of(new Ec2Inventory.IpRange("0.0.0.0/0", null)),
                List.of()));
        x.close("ipPermissionsEgress");
        name(x, g.name());
    }

    void networkInterface(Xml x, Ec2Inventory.NetworkInterface n) {
        x.leaf("networkInterfaceId", n.id()).leaf("subnetId", n.subnetId()).leaf("vpcId", n.vpcId())
                .leaf("availabilityZone", n.availabilityZone()).leaf("description", n.description())
                .leaf("ownerId", accountId).leaf("requesterId", n.requesterId()).leaf("requesterManaged", false)
                .leaf("status", "in-use").leaf("macAddress", n.mac()).leaf("privateIpAddress", n.privateIp())
                .leaf("privateDnsName", n.privateDnsName()).leaf("sourceDestCheck", true);
        x.open("groupSet");
        for (String g : n.groupIds()) {
            x.open("item").leaf("groupId", g).leaf("groupName", groupNames.apply(g)).close("item");
        }
        x.close("groupSet");
        x.open("attachment").leaf("attachmentId", n.attachmentId()).leaf("instanceId", n.instanceId())
                .leaf("instanceOwnerId", n.instanceOwnerId() == null ? accountId : n.instanceOwnerId())
                .leaf("deviceIndex", n.deviceIndex()).leaf("networkCardIndex", 0).leaf("status", "attached")
                .leaf("attachTime", "2024-06-01T09:41:17.000Z").leaf("deleteOnTermination", true).close("attachment");
        x.open("tagSet").close("tagSet");
        x.open("privateIpAddressesSet").open("item").leaf("privateIpAddress", n.privateIp())
                .leaf("privateDnsName", n.privateDnsName()).leaf("primary", true).close("item").close("privateIpAddressesSet");
        x.open("ipv6AddressesSet").close("ipv6AddressesSet");
        x.leaf("interfaceType", "interface");
    }

    void transitGateway(Xml x, Ec2Inventory.TransitGateway t) {
        x.leaf("transitGatewayId", t.id())
                .leaf("transitGatewayArn", "arn:aws:ec2:" + region + ":" + accountId + ":transit-gateway/" + t.id())
                .leaf("state", "available").leaf("ownerId", accountId)
                .leaf("description", "Routes " + String.join(", ", t.vpcNames()) + " to the on-premises networks")
                .leaf("creationTime", "2024-05-20T14:03:11.000Z");
        x.open("options").leaf("amazonSideAsn", Ec2Inventory.AMAZON_SIDE_ASN).open("transitGatewayCidrBlocks")
                .close("transitGatewayCidrBlocks").leaf("autoAcceptSharedAttachments", "disable")
                .leaf("defaultRouteTableAssociation", "enable").leaf("associationDefaultRouteTableId", t.routeTableId())
                .leaf("defaultRouteTablePropagation", "enable").leaf("propagationDefaultRouteTableId", t.routeTableId())
                .leaf("vpnEcmpSupport", "enable").leaf("dnsSupport", "enable")
                .leaf("securityGroupReferencingSupport", "disable").leaf("multicastSupport", "disable").close("options");
        name(x, t.name());
    }

    void transitGatewayAttachment(Xml x, Ec2Inventory.TransitGatewayAttachment a) {
        x.leaf("transitGatewayAttachmentId", a.id()).leaf("transitGatewayId", a.transitGatewayId())
                .leaf("transitGatewayOwnerId", accountId).leaf("resourceOwnerId", accountId).leaf("resourceType", a.resourceType())
                .leaf("resourceId", a.resourceId()).leaf("state", "available");
        x.open("association").leaf("transitGatewayRouteTableId", a.routeTableId()).leaf("state", "associated")
                .close("association");
        x.leaf("creationTime", "2024-05-20T14:09:42.000Z");
        name(x, a.name());
    }

    private void permission(Xml x, Ec2Inventory.Permission p) {
        x.open("item").leaf("ipProtocol", p.protocol()).leaf("fromPort", p.fromPort()).leaf("toPort", p.toPort());
        x.open("groups");
        for (String sg : p.sourceGroupIds()) {
            x.open("item").leaf("userId", accountId).leaf("groupId", sg).close("item");
        }
        x.close("groups");
        x.open("ipRanges");
        for (Ec2Inventory.IpRange range : p.ranges()) {
            x.open("item").leaf("cidrIp", range.cidr()).leaf("description", range.description()).close("item");
        }
        x.close("ipRanges");
        x.open("ipv6Ranges").close("ipv6Ranges").open("prefixListIds").close("prefixListIds");
        x.close("item");
    }

    private static void name(Xml x, String name) {
        x.open("tagSet").open("item").leaf("key", "Name").leaf("value", name).close("item").close("tagSet");
    }

    private static long available(String cidr) {
        int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        return (1L << (32 - prefix)) - 5;
    }

    private static String suffix(String id) {
        return id.substring(id.indexOf('-') + 1);
    }
}
