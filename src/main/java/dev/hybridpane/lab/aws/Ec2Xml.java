package dev.hybridpane.lab.aws;

import java.util.List;
/** Writes EC2 resources as the items of DescribeVpcs, DescribeSubnets, DescribeRouteTables, DescribeSecurityGroups. */
final class Ec2Xml {
    private final String accountId;
    private final String region;

    Ec2Xml(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
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
                    .leaf("transitGatewayId", r.transitGatewayId()).leaf("state", "active").leaf("origin", r.origin())
                    .close("item");
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
        x.open("propagatingVgwSet").close("propagatingVgwSet");
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
        permission(x, new Ec2Inventory.Permission("-1", null, null, List.of("0.0.0.0/0"), List.of(), null));
        x.close("ipPermissionsEgress");
        name(x, g.name());
    }

    private void permission(Xml x, Ec2Inventory.Permission p) {
        x.open("item").leaf("ipProtocol", p.protocol()).leaf("fromPort", p.fromPort()).leaf("toPort", p.toPort());
        x.open("groups");
        for (String sg : p.sourceGroupIds()) {
            x.open("item").leaf("userId", accountId).leaf("groupId", sg).close("item");
        }
        x.close("groups");
        x.open("ipRanges");
        for (String cidr : p.cidrs()) {
            x.open("item").leaf("cidrIp", cidr).leaf("description", p.description()).close("item");
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
