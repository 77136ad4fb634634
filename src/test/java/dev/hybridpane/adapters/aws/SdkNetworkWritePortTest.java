package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.network.NetworkWritePort.TableRoute;
import dev.hybridpane.core.network.NetworkWritePort.TargetKind;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.aws.LabCredentials;
import dev.hybridpane.lab.world.LabWorld;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fixes' EC2 port against the lab's emulator: each write observed before and after, EC2's refusals as AwsFailures. */
class SdkNetworkWritePortTest {
    static final String REGION = "eu-central-1";
    static final String VPC = "vpc-0d4e5f60718293a41";
    static final String RTB = "rtb-0d4e5f60718293a41";
    static final String VGW = "vgw-0e8f9a0b1c2d3e4f5";
    static final String VPN = "vpn-0f1e2d3c4b5a69788";
    static final String SG = "sg-0b6f708192a3b4c56";

    static AwsEmulator emulator;
    static AwsClientFactory clients;
    static SdkNetworkWritePort port;

    /** One emulator for the class: each test changes its own part of warehouse-edge's network. */
    @BeforeAll
    static void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        clients = AwsClientFactory.forEndpoint(emulator.start(), LabCredentials.LAB_ACCESS_KEY_ID, LabCredentials.LAB_SECRET_ACCESS_KEY,
                REGION);
        port = new SdkNetworkWritePort(clients);
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        emulator.close();
    }

    @Test
    void theMissingPodRouteIsSeenCreatedAndThenActive() {
        assertThat(port.route(REGION, RTB, "10.210.0.0/16")).contains(new TableRoute("10.210.0.0/16", VGW, true));
        assertThat(port.route(REGION, RTB, "10.211.0.0/16")).isEmpty();
        port.createRoute(REGION, RTB, "10.211.0.0/16", TargetKind.VPN_GATEWAY, VGW);
        assertThat(port.route(REGION, RTB, "10.211.0.0/16")).contains(new TableRoute("10.211.0.0/16", VGW, true));
        AwsFailure again = catchThrowableOfType(AwsFailure.class,
                () -> port.createRoute(REGION, RTB, "10.211.0.0/16", TargetKind.VPN_GATEWAY, VGW));
        assertThat(again.operation()).isEqualTo("ec2:CreateRoute");
        assertThat(again.errorCode()).isEqualTo("RouteAlreadyExists");
        port.replaceRoute(REGION, RTB, "10.211.0.0/16", TargetKind.VPN_GATEWAY, VGW);
        assertThat(port.route(REGION, RTB, "10.211.0.0/16").map(TableRoute::active)).contains(true);
    }

    @Test
    void anUnknownRouteTableIsANotFoundFailureNamingTheCall() {
        AwsFailure f = catchThrowableOfType(AwsFailure.class,
                () -> port.createRoute(REGION, "rtb-0000000000000000a", "10.211.0.0/16", TargetKind.VPN_GATEWAY, VGW));
        assertThat(f.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(f.errorCode()).isEqualTo("InvalidRouteTableID.NotFound");
        assertThat(f.getMessage()).startsWith("ec2:CreateRoute found nothing: ");
    }

    @Test
    void theHttpsRuleForThePodCidrIsAddedOnceAndADuplicateIsNoFailure() {
        assertThat(port.allowsHttps(REGION, SG, "10.210.0.0/16")).isTrue();
        assertThat(port.allowsHttps(REGION, SG, "10.211.0.0/16")).isFalse();
        port.authorizeHttps(REGION, SG, "10.211.0.0/16", "EKS hybrid nodes remote network (HybridPane)");
        assertThat(port.allowsHttps(REGION, SG, "10.211.0.0/16")).isTrue();
        // EC2 answers InvalidPermission.Duplicate: what the step wanted is there
        port.authorizeHttps(REGION, SG, "10.211.0.0/16", "EKS hybrid nodes remote network (HybridPane)");
        assertThat(port.allowsHttps(REGION, SG, "10.99.0.0/16")).isFalse();
    }

    @Test
    void dnsAttributesAreReadAndTurnedOn() {
        assertThat(port.vpcAttribute(REGION, VPC, "enableDnsHostnames")).isTrue();
        clients.ec2(REGION).modifyVpcAttribute(b -> b.vpcId(VPC).enableDnsHostnames(v -> v.value(false)));
        assertThat(port.vpcAttribute(REGION, VPC, "enableDnsHostnames")).isFalse();
        assertThat(port.vpcAttribute(REGION, VPC, "enableDnsSupport")).isTrue();
        port.enableVpcAttribute(REGION, VPC, "enableDnsHostnames");
        assertThat(port.vpcAttribute(REGION, VPC, "enableDnsHostnames")).isTrue();
    }

    @Test
    void vpnStaticRoutesAreReadAndAdded() {
        assertThat(port.vpnStaticRoute(REGION, VPN, "10.211.0.0/16")).isTrue();
        assertThat(port.vpnStaticRoute(REGION, VPN, "10.212.0.0/16")).isFalse();
        port.createVpnStaticRoute(REGION, VPN, "10.212.0.0/16");
        assertThat(port.vpnStaticRoute(REGION, VPN, "10.212.0.0/16")).isTrue();
        assertThat(Optional.ofNullable(catchThrowableOfType(AwsFailure.class,
                () -> port.createVpnStaticRoute(REGION, "vpn-00000000000000000", "10.212.0.0/16"))).map(AwsFailure::operation))
                .contains("ec2:CreateVpnConnectionRoute");
    }
}
