package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.network.NetworkWritePort;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteRequest;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnState;

/**
 * {@link NetworkWritePort} on the SDK v2 EC2 client of an {@link AwsClientFactory}: DescribeRouteTables and
 * DescribeSecurityGroups through their paginators, DescribeVpcAttribute, DescribeVpnConnections; CreateRoute,
 * ReplaceRoute, AuthorizeSecurityGroupIngress, ModifyVpcAttribute, CreateVpnConnectionRoute. SDK errors become
 * {@link AwsFailure}s naming the call.
 */
public final class SdkNetworkWritePort implements NetworkWritePort {
    static final String DUPLICATE_RULE = "InvalidPermission.Duplicate";

    private final AwsClientFactory clients;

    public SdkNetworkWritePort(AwsClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Optional<NetworkWritePort.TableRoute> route(String region, String routeTableId, String destinationCidr) {
        return call("ec2:DescribeRouteTables", () -> ec2(region).describeRouteTablesPaginator(b -> b.routeTableIds(routeTableId))
                .routeTables().stream().flatMap(t -> t.routes().stream())
                .filter(r -> destinationCidr.equals(r.destinationCidrBlock()))
                .map(r -> new NetworkWritePort.TableRoute(destinationCidr, target(r), r.state() == RouteState.ACTIVE))
                .findFirst());
    }

    private static String target(Route r) {
        for (String id : new String[] {r.transitGatewayId(), r.gatewayId(), r.networkInterfaceId(), r.natGatewayId(),
                r.vpcPeeringConnectionId(), r.instanceId()}) {
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return "nothing";
    }

    @Override
    public void createRoute(String region, String routeTableId, String destinationCidr, TargetKind kind, String targetId) {
        CreateRouteRequest.Builder b = CreateRouteRequest.builder().routeTableId(routeTableId).destinationCidrBlock(destinationCidr);
        switch (kind) {
            case TRANSIT_GATEWAY -> b.transitGatewayId(targetId);
            case VPN_GATEWAY -> b.gatewayId(targetId);
            case NETWORK_INTERFACE -> b.networkInterfaceId(targetId);
        }
        call("ec2:CreateRoute", () -> ec2(region).createRoute(b.build()));
    }

    @Override
    public void replaceRoute(String region, String routeTableId, String destinationCidr, TargetKind kind, String targetId) {
        ReplaceRouteRequest.Builder b = ReplaceRouteRequest.builder().routeTableId(routeTableId).destinationCidrBlock(destinationCidr);
        switch (kind) {
            case TRANSIT_GATEWAY -> b.transitGatewayId(targetId);
            case VPN_GATEWAY -> b.gatewayId(targetId);
            case NETWORK_INTERFACE -> b.networkInterfaceId(targetId);
        }
        call("ec2:ReplaceRoute", () -> ec2(region).replaceRoute(b.build()));
    }

    @Override
    public boolean allowsHttps(String region, String groupId, String cidr) {
        return call("ec2:DescribeSecurityGroups", () -> ec2(region).describeSecurityGroupsPaginator(b -> b.groupIds(groupId))
                .securityGroups().stream().flatMap(g -> g.ipPermissions().stream())
                .filter(SdkNetworkWritePort::coversHttps)
                .anyMatch(p -> p.ipRanges().stream().anyMatch(r -> cidr.equals(r.cidrIp()))));
    }

    /** TCP with 443 in its port range, or all traffic. */
    static boolean coversHttps(IpPermission p) {
        if ("-1".equals(p.ipProtocol())) {
            return true;
        }
        boolean tcp = "tcp".equalsIgnoreCase(p.ipProtocol()) || "6".equals(p.ipProtocol());
        return tcp && p.fromPort() != null && p.toPort() != null && p.fromPort() <= 443 && p.toPort() >= 443;
    }

    @Override
    public void authorizeHttps(String region, String groupId, String cidr, String description) {
        IpPermission rule = IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                .ipRanges(IpRange.builder().cidrIp(cidr).description(description).build()).build();
        try {
            call("ec2:AuthorizeSecurityGroupIngress", () -> ec2(region).authorizeSecurityGroupIngress(b -> b.groupId(groupId)
                    .ipPermissions(rule)));
        } catch (AwsFailure f) {
            // someone added the same rule since the step observed: what the step wanted is there
            if (!DUPLICATE_RULE.equals(f.errorCode())) {
                throw f;
            }
        }
    }

    @Override
    public boolean vpcAttribute(String region, String vpcId, String attribute) {
        VpcAttributeName name = attributeName(attribute);
        DescribeVpcAttributeResponse r = call("ec2:DescribeVpcAttribute", () -> ec2(region).describeVpcAttribute(b -> b.vpcId(vpcId)
                .attribute(name)));
        AttributeBooleanValue v = name == VpcAttributeName.ENABLE_DNS_HOSTNAMES ? r.enableDnsHostnames() : r.enableDnsSupport();
        return v != null && Boolean.TRUE.equals(v.value());
    }

    @Override
    public void enableVpcAttribute(String region, String vpcId, String attribute) {
        AttributeBooleanValue on = AttributeBooleanValue.builder().value(true).build();
        // EC2 takes one attribute per ModifyVpcAttribute call
        call("ec2:ModifyVpcAttribute", () -> ec2(region).modifyVpcAttribute(b -> {
            b.vpcId(vpcId);
            if (attributeName(attribute) == VpcAttributeName.ENABLE_DNS_HOSTNAMES) {
                b.enableDnsHostnames(on);
            } else {
                b.enableDnsSupport(on);
            }
        }));
    }

    private static VpcAttributeName attributeName(String attribute) {
        VpcAttributeName n = VpcAttributeName.fromValue(attribute);
        if (n != VpcAttributeName.ENABLE_DNS_HOSTNAMES && n != VpcAttributeName.ENABLE_DNS_SUPPORT) {
            throw new IllegalArgumentException("not a DNS attribute of a VPC: " + attribute);
        }
        return n;
    }

    @Override
    public boolean vpnStaticRoute(String region, String vpnConnectionId, String destinationCidr) {
        return call("ec2:DescribeVpnConnections", () -> ec2(region).describeVpnConnections(b -> b.vpnConnectionIds(vpnConnectionId))
                .vpnConnections().stream().map(VpnConnection::routes).flatMap(List::stream)
                .anyMatch(r -> destinationCidr.equals(r.destinationCidrBlock())
                        && (r.state() == VpnState.AVAILABLE || r.state() == VpnState.PENDING)));
    }

    @Override
    public void createVpnStaticRoute(String region, String vpnConnectionId, String destinationCidr) {
        call("ec2:CreateVpnConnectionRoute", () -> ec2(region).createVpnConnectionRoute(b -> b.vpnConnectionId(vpnConnectionId)
                .destinationCidrBlock(destinationCidr)));
    }

    private Ec2Client ec2(String region) {
        return clients.ec2(region);
    }

    private <T> T call(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (SdkException e) {
            throw AwsFailures.translate(operation, e, clients.label());
        }
    }
}
