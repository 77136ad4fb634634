package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.network.NetworkReadPort;
import dev.hybridpane.domain.ClusterNetwork.SecurityGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * {@link NetworkReadPort} on the SDK v2 EC2 client of an {@link AwsClientFactory}: paginators wherever EC2 pages
 * (route tables, transit gateways, their attachments and route tables, security groups); SDK errors translated to
 * {@link AwsFailure} naming the operation, so a denied call becomes "missing permission ec2:…". Direct Connect (its
 * gateways, virtual interfaces and BGP peers) through the region's Direct Connect client, following nextToken.
 */
public final class SdkNetworkReadPort implements NetworkReadPort {
    private final AwsClientFactory clients;

    public SdkNetworkReadPort(AwsClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public List<String> vpcCidrs(String region, String vpcId) {
        return call("ec2:DescribeVpcs", () -> {
            List<String> out = new ArrayList<>();
            ec2(region).describeVpcs(b -> b.vpcIds(vpcId)).vpcs().forEach(v -> {
                out.add(v.cidrBlock());
                v.cidrBlockAssociationSet().stream().map(a -> a.cidrBlock()).filter(c -> !out.contains(c)).forEach(out::add);
            });
            return out;
        });
    }

    @Override
    public List<NetworkReadPort.RouteTable> routeTables(String region, String vpcId) {
        return call("ec2:DescribeRouteTables", () -> {
            List<NetworkReadPort.RouteTable> out = new ArrayList<>();
            ec2(region).describeRouteTablesPaginator(b -> b.filters(filter("vpc-id", vpcId))).routeTables()
                    .forEach(t -> out.add(SdkNetworkMapping.routeTable(t)));
            return out;
        });
    }

    @Override
    public List<TgwAttachment> transitGatewayAttachments(String region) {
        return call("ec2:DescribeTransitGatewayAttachments", () -> {
            List<TgwAttachment> out = new ArrayList<>();
            ec2(region).describeTransitGatewayAttachmentsPaginator(b -> { }).transitGatewayAttachments()
                    .forEach(a -> out.add(SdkNetworkMapping.attachment(a)));
            return out;
        });
    }

    @Override
    public List<TransitGateway> transitGateways(String region, List<String> ids) {
        return call("ec2:DescribeTransitGateways", () -> {
            List<TransitGateway> out = new ArrayList<>();
            ec2(region).describeTransitGatewaysPaginator(b -> {
                if (!ids.isEmpty()) {
                    b.transitGatewayIds(ids);
                }
            }).transitGateways().forEach(t -> out.add(new TransitGateway(t.transitGatewayId(), t.stateAsString(), t.ownerId(),
                    t.options() == null ? null : t.options().associationDefaultRouteTableId(), SdkNetworkMapping.name(t.tags()))));
            return out;
        });
    }

    @Override
    public List<TgwRouteTable> transitGatewayRouteTables(String region, String transitGatewayId) {
        return call("ec2:DescribeTransitGatewayRouteTables", () -> {
            List<TgwRouteTable> out = new ArrayList<>();
            ec2(region).describeTransitGatewayRouteTablesPaginator(b -> b.filters(filter("transit-gateway-id", transitGatewayId)))
                    .transitGatewayRouteTables().forEach(t -> out.add(new TgwRouteTable(t.transitGatewayRouteTableId(),
                            t.transitGatewayId(), t.stateAsString(), Boolean.TRUE.equals(t.defaultAssociationRouteTable()))));
            return out;
        });
    }

    @Override
    public List<TgwRoute> transitGatewayRoutes(String region, String routeTableId) {
        // SearchTransitGatewayRoutes does not page (it says additionalRoutesAvailable): ask for every type, the most it gives
        return call("ec2:SearchTransitGatewayRoutes", () -> ec2(region).searchTransitGatewayRoutes(b -> b
                .transitGatewayRouteTableId(routeTableId).filters(filter("type", "static", "propagated")).maxResults(1000))
                .routes().stream().map(SdkNetworkMapping::tgwRoute).toList());
    }

    @Override
    public List<NetworkReadPort.VpnGateway> vpnGateways(String region) {
        return call("ec2:DescribeVpnGateways", () -> ec2(region).describeVpnGateways(b -> { }).vpnGateways().stream()
                .map(SdkNetworkMapping::vpnGateway).toList());
    }

    @Override
    public List<NetworkReadPort.VpnConnection> vpnConnections(String region) {
        return call("ec2:DescribeVpnConnections", () -> ec2(region).describeVpnConnections(b -> { }).vpnConnections().stream()
                .map(SdkNetworkMapping::vpn).toList());
    }

    @Override
    public List<DirectConnectGateway> directConnectGateways(String region) {
        // no SDK paginator for Direct Connect: follow nextToken
        return call("directconnect:DescribeDirectConnectGateways", () -> {
            List<DirectConnectGateway> out = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                var page = clients.directConnect(region).describeDirectConnectGateways(b -> b.nextToken(next));
                page.directConnectGateways().forEach(g -> out.add(new DirectConnectGateway(g.directConnectGatewayId(),
                        g.directConnectGatewayName(), g.directConnectGatewayStateAsString())));
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
            return out;
        });
    }

    @Override
    public List<VirtualInterface> virtualInterfaces(String region) {
        return call("directconnect:DescribeVirtualInterfaces", () -> {
            List<VirtualInterface> out = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                var page = clients.directConnect(region).describeVirtualInterfaces(b -> b.nextToken(next));
                page.virtualInterfaces().forEach(v -> out.add(SdkNetworkMapping.virtualInterface(v)));
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
            return out;
        });
    }

    @Override
    public List<SecurityGroup> securityGroups(String region, List<String> groupIds) {
        return call("ec2:DescribeSecurityGroups", () -> {
            List<SecurityGroup> out = new ArrayList<>();
            ec2(region).describeSecurityGroupsPaginator(b -> b.groupIds(groupIds)).securityGroups()
                    .forEach(g -> out.add(SdkMapping.securityGroup(g)));
            return out;
        });
    }

    @Override
    public boolean vpcAttribute(String region, String vpcId, String attribute) {
        return call("ec2:DescribeVpcAttribute", () -> {
            var a = ec2(region).describeVpcAttribute(b -> b.vpcId(vpcId).attribute(attribute));
            var value = "enableDnsHostnames".equals(attribute) ? a.enableDnsHostnames() : a.enableDnsSupport();
            return value != null && Boolean.TRUE.equals(value.value());
        });
    }

    private Ec2Client ec2(String region) {
        return clients.ec2(region);
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    private <T> T call(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (SdkException e) {
            throw AwsFailures.translate(operation, e, clients.label());
        }
    }
}
