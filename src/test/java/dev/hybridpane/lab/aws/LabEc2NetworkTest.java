package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.lab.world.LabWorld;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;
import software.amazon.awssdk.services.ec2.model.VgwTelemetry;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ec2.model.VpnConnection;

/**
 * The lab's EC2 network through the AWS SDK's Ec2Client: retail-edge's healthy path (route table → transit gateway →
 * VPN, both tunnels UP, 443 from every remote CIDR, DNS on), warehouse-edge's three planted faults, and the changes that
 * break and mend them (CreateRoute, ReplaceRoute, DeleteRoute, security group rules, VPC attributes, VPN static routes,
 * route propagation, transit gateway routes), each refusal with EC2's error code.
 */
class LabEc2NetworkTest {
    static final String RETAIL_VPC = "vpc-0a1b2c3d4e5f60718";
    static final String RETAIL_RTB = "rtb-0a1b2c3d4e5f60718";
    static final String RETAIL_TGW = "tgw-04e5f6a7b8c9d0e1f";
    static final String RETAIL_VPN = "vpn-07c1d2e3f4a5b6c7d";
    static final String RETAIL_SG = "sg-0d2b3c4d5e6f70812";
    static final String WAREHOUSE_VPC = "vpc-0d4e5f60718293a41";
    static final String WAREHOUSE_RTB = "rtb-0d4e5f60718293a41";
    static final String WAREHOUSE_VGW = "vgw-0e8f9a0b1c2d3e4f5";
    static final String WAREHOUSE_VPN = "vpn-0f1e2d3c4b5a69788";
    static final String WAREHOUSE_SG = "sg-0b6f708192a3b4c56";

    AwsEmulator emulator;
    AwsClientFactory clients;
    Ec2Client oregon;
    Ec2Client frankfurt;

    @BeforeEach
    void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        URI endpoint = emulator.start();
        clients = AwsClientFactory.forEndpoint(endpoint, LabCredentials.LAB_ACCESS_KEY_ID,
                LabCredentials.LAB_SECRET_ACCESS_KEY, "us-west-2");
        oregon = clients.ec2("us-west-2");
        frankfurt = clients.ec2("eu-central-1");
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        emulator.close();
    }

    static Ec2Exception refused(Runnable call) {
        Ec2Exception e = catchThrowableOfType(Ec2Exception.class, call::run);
        assertThat(e).as("EC2 refuses the call").isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        return e;
    }

    static String code(Runnable call) {
        return refused(call).awsErrorDetails().errorCode();
    }

    @Test
    void aRouteCanTargetTheVpcsInternetGatewayButNoUnknownGateway() {
        oregon.replaceRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.201.0.0/16").gatewayId("igw-0a1b2c3d4e5f60718"));
        assertThat(table(oregon, RETAIL_RTB).routes()).filteredOn(r -> "10.201.0.0/16".equals(r.destinationCidrBlock()))
                .extracting(Route::gatewayId, Route::transitGatewayId, Route::stateAsString)
                .containsExactly(tuple("igw-0a1b2c3d4e5f60718", null, "active"));
        assertThat(code(() -> oregon.replaceRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.201.0.0/16")
                .gatewayId("igw-0ffffffffffffffff")))).isEqualTo("InvalidGatewayID.NotFound");
    }

    RouteTable table(Ec2Client ec2, String id) {
        return ec2.describeRouteTables(b -> b.routeTableIds(id)).routeTables().get(0);
    }

    List<String> ingress443(Ec2Client ec2, String group) {
        SecurityGroup g = ec2.describeSecurityGroups(b -> b.groupIds(group)).securityGroups().get(0);
        return g.ipPermissions().stream().filter(p -> "tcp".equals(p.ipProtocol()) && p.fromPort() == 443)
                .flatMap(p -> p.ipRanges().stream()).map(IpRange::cidrIp).toList();
    }

    VpnConnection vpn(Ec2Client ec2, String id) {
        return ec2.describeVpnConnections(b -> b.vpnConnectionIds(id)).vpnConnections().get(0);
    }

    @Test
    void retailEdgeStartsWithAHealthyPathToItsSites() {
        RouteTable rtb = table(oregon, RETAIL_RTB);
        assertThat(rtb.routes()).extracting(Route::destinationCidrBlock, Route::transitGatewayId, Route::gatewayId)
                .containsExactly(tuple("10.100.0.0/16", null, "local"), tuple("10.200.0.0/16", RETAIL_TGW, null),
                        tuple("10.201.0.0/16", RETAIL_TGW, null));
        assertThat(rtb.associations()).extracting(a -> a.subnetId()).contains("subnet-01a2b3c4d5e6f7081");

        String tgwRtb = "tgw-rtb-04e5f6a7b8c9d0e1f";
        assertThat(oregon.describeTransitGatewayRouteTables(b -> { }).transitGatewayRouteTables())
                .extracting(t -> t.transitGatewayRouteTableId(), t -> t.transitGatewayId(), t -> t.defaultAssociationRouteTable())
                .containsExactly(tuple(tgwRtb, RETAIL_TGW, true));
        List<TransitGatewayRoute> routes = oregon.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId(tgwRtb)
                .filters(Filter.builder().name("state").values("active").build())).routes();
        assertThat(routes).extracting(TransitGatewayRoute::destinationCidrBlock, r -> r.typeAsString(),
                r -> r.transitGatewayAttachments().get(0).resourceId(), r -> r.transitGatewayAttachments().get(0).resourceTypeAsString())
                .containsExactly(tuple("10.100.0.0/16", "propagated", RETAIL_VPC, "vpc"),
                        tuple("10.200.0.0/16", "static", RETAIL_VPN, "vpn"), tuple("10.201.0.0/16", "static", RETAIL_VPN, "vpn"),
                        // austin-store-112's node CIDR, which the Direct Connect gateway's BGP propagates
                        tuple("10.200.2.0/24", "propagated", "3f6d1c2e-8a4b-4e71-9c5d-0b2a7e9f4d18", "direct-connect-gateway"));
        assertThat(oregon.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId(tgwRtb).filters(Filter.builder()
                .name("route-search.longest-prefix-match").values("10.201.7.0/24").build())).routes())
                .extracting(TransitGatewayRoute::destinationCidrBlock).containsExactly("10.201.0.0/16");
        assertThat(oregon.getTransitGatewayRouteTableAssociations(b -> b.transitGatewayRouteTableId(tgwRtb)).associations())
                .extracting(a -> a.resourceId(), a -> a.stateAsString())
                .containsExactly(tuple(RETAIL_VPC, "associated"), tuple(RETAIL_VPN, "associated"),
                        tuple("3f6d1c2e-8a4b-4e71-9c5d-0b2a7e9f4d18", "associated"));
        assertThat(oregon.getTransitGatewayRouteTablePropagations(b -> b.transitGatewayRouteTableId(tgwRtb))
                .transitGatewayRouteTablePropagations()).extracting(p -> p.resourceTypeAsString(), p -> p.stateAsString())
                .containsExactly(tuple("vpc", "enabled"), tuple("vpn", "enabled"), tuple("direct-connect-gateway", "enabled"));

        VpnConnection vpn = vpn(oregon, RETAIL_VPN);
        assertThat(vpn.stateAsString()).isEqualTo("available");
        assertThat(vpn.transitGatewayId()).isEqualTo(RETAIL_TGW);
        assertThat(vpn.options().staticRoutesOnly()).isTrue();
        assertThat(vpn.routes()).as("a transit gateway VPN's static routes are the TGW route table's").isEmpty();
        assertThat(vpn.vgwTelemetry()).extracting(VgwTelemetry::statusAsString).containsExactly("UP", "UP");
        assertThat(vpn.vgwTelemetry()).allSatisfy(t -> assertThat(t.lastStatusChange()).isNotNull());

        assertThat(ingress443(oregon, RETAIL_SG)).containsExactly("10.200.0.0/16", "10.201.0.0/16");
        for (VpcAttributeName a : List.of(VpcAttributeName.ENABLE_DNS_HOSTNAMES, VpcAttributeName.ENABLE_DNS_SUPPORT)) {
            var answer = oregon.describeVpcAttribute(b -> b.vpcId(RETAIL_VPC).attribute(a));
            assertThat(a == VpcAttributeName.ENABLE_DNS_HOSTNAMES ? answer.enableDnsHostnames().value()
                    : answer.enableDnsSupport().value()).isTrue();
        }
    }

    @Test
    void warehouseEdgeHasExactlyItsThreePlantedFaults() {
        // 1: the pod CIDR has no route; the node CIDR goes to the virtual private gateway
        assertThat(table(frankfurt, WAREHOUSE_RTB).routes()).extracting(Route::destinationCidrBlock, Route::gatewayId)
                .containsExactly(tuple("10.130.0.0/16", "local"), tuple("10.210.0.0/16", WAREHOUSE_VGW));
        assertThat(frankfurt.describeVpnGateways(b -> { }).vpnGateways()).singleElement().satisfies(g -> {
            assertThat(g.vpnGatewayId()).isEqualTo(WAREHOUSE_VGW);
            assertThat(g.vpcAttachments()).extracting(a -> a.vpcId(), a -> a.stateAsString())
                    .containsExactly(tuple(WAREHOUSE_VPC, "attached"));
        });
        // 2: one tunnel DOWN; the VPN is available, with static routes for both remote CIDRs
        VpnConnection vpn = vpn(frankfurt, WAREHOUSE_VPN);
        assertThat(vpn.vpnGatewayId()).isEqualTo(WAREHOUSE_VGW);
        assertThat(vpn.stateAsString()).isEqualTo("available");
        assertThat(vpn.vgwTelemetry()).extracting(VgwTelemetry::statusAsString, VgwTelemetry::statusMessage)
                .containsExactly(tuple("UP", "IPSEC IS UP"), tuple("DOWN", "IPSEC IS DOWN"));
        assertThat(vpn.routes()).extracting(r -> r.destinationCidrBlock(), r -> r.sourceAsString(), r -> r.stateAsString())
                .containsExactly(tuple("10.210.0.0/16", "Static", "available"), tuple("10.211.0.0/16", "Static", "available"));
        // 3: 443 from the node CIDR only
        assertThat(ingress443(frankfurt, WAREHOUSE_SG)).containsExactly("10.210.0.0/16");
        // and nothing else: DNS is on, the transit gateway reads are empty
        assertThat(frankfurt.describeVpcAttribute(b -> b.vpcId(WAREHOUSE_VPC).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value()).isTrue();
        assertThat(frankfurt.describeTransitGatewayAttachments(b -> { }).transitGatewayAttachments()).isEmpty();
    }

    @Test
    void theFixesMendWarehouseEdgeAndARepeatIsRefusedAsEc2Does() {
        frankfurt.createRoute(b -> b.routeTableId(WAREHOUSE_RTB).destinationCidrBlock("10.211.0.0/16").gatewayId(WAREHOUSE_VGW));
        assertThat(table(frankfurt, WAREHOUSE_RTB).routes()).extracting(Route::destinationCidrBlock, Route::gatewayId,
                r -> r.originAsString()).contains(tuple("10.211.0.0/16", WAREHOUSE_VGW, "CreateRoute"));
        Ec2Exception again = refused(() -> frankfurt.createRoute(b -> b.routeTableId(WAREHOUSE_RTB)
                .destinationCidrBlock("10.211.0.0/16").gatewayId(WAREHOUSE_VGW)));
        assertThat(again.awsErrorDetails().errorCode()).isEqualTo("RouteAlreadyExists");
        assertThat(again.awsErrorDetails().errorMessage()).isEqualTo("The route identified by 10.211.0.0/16 already exists.");

        IpPermission pods = IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                .ipRanges(IpRange.builder().cidrIp("10.211.0.0/16").description("hybrid pods").build()).build();
        var authorized = frankfurt.authorizeSecurityGroupIngress(b -> b.groupId(WAREHOUSE_SG).ipPermissions(pods));
        assertThat(authorized.returnValue()).isTrue();
        assertThat(authorized.securityGroupRules()).singleElement().satisfies(r -> {
            assertThat(r.securityGroupRuleId()).startsWith("sgr-");
            assertThat(r.cidrIpv4()).isEqualTo("10.211.0.0/16");
        });
        assertThat(ingress443(frankfurt, WAREHOUSE_SG)).containsExactly("10.210.0.0/16", "10.211.0.0/16");
        Ec2Exception duplicate = refused(() -> frankfurt.authorizeSecurityGroupIngress(b -> b.groupId(WAREHOUSE_SG)
                .ipPermissions(pods)));
        assertThat(duplicate.awsErrorDetails().errorCode()).isEqualTo("InvalidPermission.Duplicate");
        assertThat(duplicate.awsErrorDetails().errorMessage()).contains("peer: 10.211.0.0/16, TCP, from port: 443");

        emulator.setVpnTunnel("eu-central-1", WAREHOUSE_VPN, 2, true);
        assertThat(vpn(frankfurt, WAREHOUSE_VPN).vgwTelemetry()).extracting(VgwTelemetry::statusAsString)
                .containsExactly("UP", "UP");
        assertThatThrownBy(() -> emulator.setVpnTunnel("eu-central-1", "vpn-0000000000000000f", 1, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routeChangesRefuseWhatEc2Refuses() {
        assertThat(code(() -> oregon.createRoute(b -> b.routeTableId("rtb-0000000000000000f").destinationCidrBlock("10.9.0.0/16")
                .transitGatewayId(RETAIL_TGW)))).isEqualTo("InvalidRouteTableID.NotFound");
        assertThat(code(() -> oregon.createRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.9.0.0/33")
                .transitGatewayId(RETAIL_TGW)))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> oregon.createRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.9.0.0/16")
                .transitGatewayId("tgw-0000000000000000f")))).isEqualTo("InvalidTransitGatewayID.NotFound");
        assertThat(code(() -> oregon.createRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.9.0.0/16")
                .gatewayId("vgw-0000000000000000f")))).isEqualTo("InvalidGatewayID.NotFound");
        assertThat(code(() -> oregon.createRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.9.0.0/16"))))
                .isEqualTo("InvalidParameterCombination");
        Ec2Exception local = refused(() -> oregon.deleteRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.100.0.0/16")));
        assertThat(local.awsErrorDetails().errorMessage()).startsWith("cannot remove local route 10.100.0.0/16");
        assertThat(code(() -> oregon.replaceRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.9.0.0/16")
                .transitGatewayId(RETAIL_TGW)))).isEqualTo("InvalidParameterValue");

        // a colleague deletes the pod route, then points the node route at a network interface
        oregon.deleteRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.201.0.0/16"));
        Ec2Exception gone = refused(() -> oregon.deleteRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.201.0.0/16")));
        assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("InvalidRoute.NotFound");
        String eni = oregon.describeNetworkInterfaces(b -> b.filters(Filter.builder().name("vpc-id").values(RETAIL_VPC).build()))
                .networkInterfaces().get(0).networkInterfaceId();
        oregon.replaceRoute(b -> b.routeTableId(RETAIL_RTB).destinationCidrBlock("10.200.0.0/16").networkInterfaceId(eni));
        assertThat(table(oregon, RETAIL_RTB).routes()).extracting(Route::destinationCidrBlock, Route::networkInterfaceId,
                Route::transitGatewayId).containsExactly(tuple("10.100.0.0/16", null, null), tuple("10.200.0.0/16", eni, null));
        assertThat(oregon.describeRouteTables(b -> b.filters(Filter.builder().name("route.transit-gateway-id")
                .values(RETAIL_TGW).build())).routeTables()).isEmpty();
    }

    @Test
    void securityGroupRulesAreRevokedAndAddedOneCidrAtATime() {
        oregon.revokeSecurityGroupIngress(b -> b.groupId(RETAIL_SG).ipProtocol("tcp").fromPort(443).toPort(443)
                .cidrIp("10.201.0.0/16"));
        assertThat(ingress443(oregon, RETAIL_SG)).containsExactly("10.200.0.0/16");
        Ec2Exception missing = refused(() -> oregon.revokeSecurityGroupIngress(b -> b.groupId(RETAIL_SG).ipProtocol("tcp")
                .fromPort(443).toPort(443).cidrIp("10.201.0.0/16")));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidPermission.NotFound");
        assertThat(code(() -> oregon.authorizeSecurityGroupIngress(b -> b.groupId("sg-0000000000000000f").ipProtocol("tcp")
                .fromPort(443).toPort(443).cidrIp("10.201.0.0/16")))).isEqualTo("InvalidGroup.NotFound");
        assertThat(code(() -> oregon.authorizeSecurityGroupIngress(b -> b.groupId(RETAIL_SG).ipProtocol("tcp")
                .fromPort(443).toPort(443).cidrIp("10.201.0.0")))).isEqualTo("InvalidParameterValue");
        // the groups other regions hold are not this region's
        assertThat(code(() -> frankfurt.authorizeSecurityGroupIngress(b -> b.groupId(RETAIL_SG).ipProtocol("tcp")
                .fromPort(443).toPort(443).cidrIp("10.201.0.0/16")))).isEqualTo("InvalidGroup.NotFound");
        oregon.authorizeSecurityGroupIngress(b -> b.groupId(RETAIL_SG).ipProtocol("tcp").fromPort(443).toPort(443)
                .cidrIp("10.201.0.0/16"));
        assertThat(ingress443(oregon, RETAIL_SG)).containsExactly("10.200.0.0/16", "10.201.0.0/16");
        assertThat(oregon.describeSecurityGroups(b -> b.filters(Filter.builder().name("ip-permission.cidr")
                .values("10.201.0.0/16").build())).securityGroups()).extracting(SecurityGroup::groupId).containsExactly(RETAIL_SG);
    }

    @Test
    void vpcDnsAttributesChangeOneAtATime() {
        oregon.modifyVpcAttribute(b -> b.vpcId(RETAIL_VPC).enableDnsHostnames(v -> v.value(false)));
        assertThat(oregon.describeVpcAttribute(b -> b.vpcId(RETAIL_VPC).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value()).isFalse();
        assertThat(oregon.describeVpcAttribute(b -> b.vpcId(RETAIL_VPC).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                .enableDnsSupport().value()).isTrue();
        assertThat(code(() -> oregon.modifyVpcAttribute(b -> b.vpcId(RETAIL_VPC).enableDnsHostnames(v -> v.value(true))
                .enableDnsSupport(v -> v.value(true))))).isEqualTo("InvalidParameterCombination");
        assertThat(code(() -> oregon.modifyVpcAttribute(b -> b.vpcId("vpc-0000000000000000f")
                .enableDnsSupport(v -> v.value(true))))).isEqualTo("InvalidVpcID.NotFound");
        oregon.modifyVpcAttribute(b -> b.vpcId(RETAIL_VPC).enableDnsSupport(v -> v.value(false)));
        assertThat(code(() -> oregon.modifyVpcAttribute(b -> b.vpcId(RETAIL_VPC).enableDnsHostnames(v -> v.value(true)))))
                .as("hostnames need DNS resolution").isEqualTo("InvalidParameterValue");
        oregon.modifyVpcAttribute(b -> b.vpcId(RETAIL_VPC).enableDnsSupport(v -> v.value(true)));
        oregon.modifyVpcAttribute(b -> b.vpcId(RETAIL_VPC).enableDnsHostnames(v -> v.value(true)));
        assertThat(oregon.describeVpcAttribute(b -> b.vpcId(RETAIL_VPC).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value()).isTrue();
    }

    @Test
    void vpnStaticRoutesPropagationAndTransitGatewayRoutes() {
        frankfurt.deleteVpnConnectionRoute(b -> b.vpnConnectionId(WAREHOUSE_VPN).destinationCidrBlock("10.211.0.0/16"));
        assertThat(vpn(frankfurt, WAREHOUSE_VPN).routes()).extracting(r -> r.destinationCidrBlock())
                .containsExactly("10.210.0.0/16");
        assertThat(code(() -> frankfurt.deleteVpnConnectionRoute(b -> b.vpnConnectionId(WAREHOUSE_VPN)
                .destinationCidrBlock("10.211.0.0/16")))).isEqualTo("InvalidRoute.NotFound");
        frankfurt.createVpnConnectionRoute(b -> b.vpnConnectionId(WAREHOUSE_VPN).destinationCidrBlock("10.211.0.0/16"));
        assertThat(code(() -> frankfurt.createVpnConnectionRoute(b -> b.vpnConnectionId(WAREHOUSE_VPN)
                .destinationCidrBlock("10.211.0.0/16")))).isEqualTo("RouteAlreadyExists");
        assertThat(code(() -> oregon.createVpnConnectionRoute(b -> b.vpnConnectionId(RETAIL_VPN)
                .destinationCidrBlock("10.202.0.0/16")))).isEqualTo("InvalidVpnConnection.InvalidType");
        assertThat(code(() -> frankfurt.createVpnConnectionRoute(b -> b.vpnConnectionId("vpn-0000000000000000f")
                .destinationCidrBlock("10.211.0.0/16")))).isEqualTo("InvalidVpnConnectionID.NotFound");

        // route propagation from the virtual private gateway brings in the VPN's static routes the table lacks
        frankfurt.enableVgwRoutePropagation(b -> b.routeTableId(WAREHOUSE_RTB).gatewayId(WAREHOUSE_VGW));
        RouteTable propagated = table(frankfurt, WAREHOUSE_RTB);
        assertThat(propagated.propagatingVgws()).extracting(g -> g.gatewayId()).containsExactly(WAREHOUSE_VGW);
        assertThat(propagated.routes()).extracting(Route::destinationCidrBlock, r -> r.originAsString())
                .containsExactly(tuple("10.130.0.0/16", "CreateRouteTable"), tuple("10.210.0.0/16", "CreateRoute"),
                        tuple("10.211.0.0/16", "EnableVgwRoutePropagation"));
        emulator.setVpnTunnel("eu-central-1", WAREHOUSE_VPN, 1, false);
        assertThat(table(frankfurt, WAREHOUSE_RTB).routes()).as("no tunnel UP, nothing propagated")
                .extracting(Route::destinationCidrBlock).doesNotContain("10.211.0.0/16");
        frankfurt.disableVgwRoutePropagation(b -> b.routeTableId(WAREHOUSE_RTB).gatewayId(WAREHOUSE_VGW));
        assertThat(table(frankfurt, WAREHOUSE_RTB).propagatingVgws()).isEmpty();

        String tgwRtb = "tgw-rtb-04e5f6a7b8c9d0e1f";
        oregon.deleteTransitGatewayRoute(b -> b.transitGatewayRouteTableId(tgwRtb).destinationCidrBlock("10.201.0.0/16"));
        assertThat(oregon.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId(tgwRtb).filters(Filter.builder()
                .name("attachment.resource-id").values(RETAIL_VPN).build())).routes())
                .extracting(TransitGatewayRoute::destinationCidrBlock).containsExactly("10.200.0.0/16");
        String vpnAttachment = oregon.describeTransitGatewayAttachments(b -> b.filters(Filter.builder().name("resource-type")
                .values("vpn").build())).transitGatewayAttachments().get(0).transitGatewayAttachmentId();
        oregon.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(tgwRtb).destinationCidrBlock("10.201.0.0/16")
                .transitGatewayAttachmentId(vpnAttachment));
        assertThat(code(() -> oregon.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(tgwRtb)
                .destinationCidrBlock("10.201.0.0/16").transitGatewayAttachmentId(vpnAttachment)))).isEqualTo("RouteAlreadyExists");
        assertThat(code(() -> oregon.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId(tgwRtb))))
                .isEqualTo("MissingParameter");
        assertThat(code(() -> oregon.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId("tgw-rtb-0000000000000000f")
                .filters(Filter.builder().name("state").values("active").build())))).isEqualTo("InvalidRouteTableID.NotFound");
    }

    @Test
    void aDeniedCallIsEc2sUnauthorizedOperation() {
        emulator.setFault("ec2:DescribeTransitGateways", Fault.ACCESS_DENIED);
        Ec2Exception e = catchThrowableOfType(Ec2Exception.class, () -> oregon.describeTransitGateways(b -> { }));
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
        assertThat(e.awsErrorDetails().errorMessage()).contains("ec2:DescribeTransitGateways");
        assertThat(oregon.describeVpnConnections(b -> { }).vpnConnections()).hasSize(1);
    }
}
