package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.RemoteNodeNetwork;
import software.amazon.awssdk.services.eks.model.RemotePodNetwork;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.Update;
import software.amazon.awssdk.services.eks.model.UpdateClusterConfigRequest;

/**
 * The lab's EKS UpdateClusterConfig rules for remoteNetworkConfig, through the real SDK: refusals with EKS's exception
 * names, status codes and clusterName; one update at a time; clientRequestToken idempotency. payments (VPC 10.110.0.0/16,
 * service 10.96.0.0/16) has no remote networks; retail-edge has 10.200.0.0/16 and 10.201.0.0/16.
 */
class EksUpdateClusterConfigTest {
    AwsEmulator emulator;
    AwsClientFactory clients;
    EksClient eks;

    @BeforeEach
    void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        emulator.setUpdateDelay(Duration.ZERO);
        clients = AwsClientFactory.forEndpoint(emulator.start(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, "us-west-2");
        eks = clients.eks("us-west-2");
    }

    @AfterEach
    void stop() {
        clients.close();
        emulator.close();
    }

    static UpdateClusterConfigRequest remote(String cluster, List<String> nodes, List<String> pods, String token) {
        return UpdateClusterConfigRequest.builder().name(cluster).clientRequestToken(token)
                .remoteNetworkConfig(n -> {
                    if (nodes != null) {
                        n.remoteNodeNetworks(nodes.isEmpty() ? List.of() : List.of(RemoteNodeNetwork.builder().cidrs(nodes).build()));
                    }
                    if (pods != null) {
                        n.remotePodNetworks(pods.isEmpty() ? List.of() : List.of(RemotePodNetwork.builder().cidrs(pods).build()));
                    }
                }).build();
    }

    Update update(String cluster, List<String> nodes, List<String> pods) {
        return eks.updateClusterConfig(remote(cluster, nodes, pods, UUID.randomUUID().toString())).update();
    }

    InvalidParameterException invalid(String cluster, List<String> nodes, List<String> pods) {
        InvalidParameterException e = catchThrowableOfType(InvalidParameterException.class, () -> update(cluster, nodes, pods));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.clusterName()).isEqualTo(cluster);
        return e;
    }

    Cluster describe(String cluster) {
        return eks.describeCluster(b -> b.name(cluster)).cluster();
    }

    @Test
    void endpointAccessIsChangedByAnEndpointAccessUpdateAndBothOffIsRefused() {
        Cluster before = describe("retail-edge");
        assertThat(before.resourcesVpcConfig().endpointPrivateAccess()).isTrue();
        assertThat(before.resourcesVpcConfig().endpointPublicAccess()).isFalse();
        Update u = eks.updateClusterConfig(b -> b.name("retail-edge").resourcesVpcConfig(v -> v.endpointPublicAccess(true)
                .endpointPrivateAccess(true))).update();
        assertThat(u.typeAsString()).isEqualTo("EndpointAccessUpdate");
        assertThat(u.params()).extracting(p -> p.typeAsString() + "=" + p.value())
                .containsExactly("EndpointPublicAccess=true", "EndpointPrivateAccess=true");
        assertThat(eks.describeUpdate(b -> b.name("retail-edge").updateId(u.id())).update().statusAsString())
                .isEqualTo("Successful");
        Cluster both = describe("retail-edge");
        assertThat(both.resourcesVpcConfig().endpointPublicAccess()).isTrue();
        assertThat(both.resourcesVpcConfig().endpointPrivateAccess()).isTrue();
        InvalidParameterException same = catchThrowableOfType(InvalidParameterException.class, () -> eks.updateClusterConfig(
                b -> b.name("retail-edge").resourcesVpcConfig(v -> v.endpointPublicAccess(true).endpointPrivateAccess(true))));
        assertThat(same).as("no change refused").isNotNull();
        assertThat(same.getMessage()).contains("already at the desired configuration");
        InvalidParameterException off = catchThrowableOfType(InvalidParameterException.class, () -> eks.updateClusterConfig(
                b -> b.name("retail-edge").resourcesVpcConfig(v -> v.endpointPublicAccess(false).endpointPrivateAccess(false))));
        assertThat(off).as("both off refused").isNotNull();
        assertThat(off.statusCode()).isEqualTo(400);
        assertThat(off.clusterName()).isEqualTo("retail-edge");
        eks.updateClusterConfig(b -> b.name("retail-edge").resourcesVpcConfig(v -> v.endpointPublicAccess(false)));
        Cluster after = describe("retail-edge");
        assertThat(after.resourcesVpcConfig().endpointPublicAccess()).isFalse();
        assertThat(after.resourcesVpcConfig().endpointPrivateAccess()).isTrue();
    }

    @Test
    void aValidConfigurationIsAppliedAfterItsUpdate() {
        Update u = update("payments", List.of("192.168.0.0/16", "10.80.0.0/32"), List.of("172.16.0.0/12"));
        assertThat(u.typeAsString()).isEqualTo("RemoteNetworkConfigUpdate");
        assertThat(eks.describeUpdate(b -> b.name("payments").updateId(u.id())).update().statusAsString()).isEqualTo("Successful");
        Cluster c = describe("payments");
        assertThat(c.remoteNetworkConfig().remoteNodeNetworks().get(0).cidrs()).containsExactly("192.168.0.0/16", "10.80.0.0/32");
        assertThat(c.remoteNetworkConfig().remotePodNetworks().get(0).cidrs()).containsExactly("172.16.0.0/12");
        assertThat(c.statusAsString()).isEqualTo("ACTIVE");
    }

    @Test
    void anEmptyNodeListIsRefusedUnlessBothListsAreEmptied() {
        assertThat(invalid("payments", List.of(), null).getMessage()).contains("remoteNodeNetworks must contain at least one CIDR");
        assertThat(invalid("retail-edge", List.of(), null).getMessage()).contains("when remotePodNetworks are set");
        assertThat(invalid("payments", null, List.of("10.201.0.0/16")).getMessage())
                .contains("remoteNodeNetworks must contain at least one CIDR");
        assertThat(emulator.inspect().requestCount("eks:UpdateClusterConfig")).isEqualTo(3);

        update("retail-edge", List.of(), List.of());
        assertThat(describe("retail-edge").remoteNetworkConfig()).as("removed: hybrid nodes disabled").isNull();
    }

    @Test
    void eachBlockIsAPrivateIpv4CidrOfSlash8ToSlash32() {
        assertThat(invalid("payments", List.of("10.0.0/16"), null).getMessage()).contains("10.0.0/16").contains("is not valid");
        assertThat(invalid("payments", List.of("fd00::/8"), null).getMessage()).contains("fd00::/8").contains("IPv4");
        assertThat(invalid("payments", List.of("10.300.0.0/16"), null).getMessage()).contains("is not valid");
        assertThat(invalid("payments", List.of("10.0.0.1/16"), null).getMessage()).contains("host bits");
        assertThat(invalid("payments", List.of("0.0.0.0/0"), null).getMessage()).contains("maximum allowed size is /8");
        assertThat(invalid("payments", List.of("8.8.8.0/24"), null).getMessage()).contains("RFC-1918");
        assertThat(invalid("payments", List.of("100.64.0.0/16"), null).getMessage()).as("CGNAT is not in the docs' ranges")
                .contains("RFC-1918");
        assertThat(invalid("payments", List.of("172.32.0.0/16"), null).getMessage()).contains("RFC-1918");
        assertThat(invalid("payments", List.of("10.200.0.0/16"), List.of("192.169.0.0/24")).getMessage()).contains("RFC-1918")
                .contains("remotePodNetworks");
    }

    @Test
    void blocksOverlapNeitherTheVpcNorTheServiceCidrNorEachOther() {
        assertThat(invalid("payments", List.of("10.110.4.0/24"), null).getMessage())
                .contains("overlaps the VPC CIDR block 10.110.0.0/16 of cluster payments");
        assertThat(invalid("payments", List.of("10.0.0.0/8"), null).getMessage()).contains("overlaps the VPC CIDR block");
        assertThat(invalid("payments", List.of("10.96.128.0/20"), null).getMessage())
                .contains("overlaps the Kubernetes service IPv4 CIDR 10.96.0.0/16");
        assertThat(invalid("payments", List.of("192.168.0.0/16", "192.168.10.0/24"), null).getMessage())
                .contains("192.168.10.0/24 in remoteNodeNetworks overlaps the CIDR block 192.168.0.0/16 in remoteNodeNetworks");
        assertThat(invalid("payments", List.of("192.168.0.0/24"), List.of("192.168.0.0/25")).getMessage())
                .contains("192.168.0.0/25 in remotePodNetworks overlaps the CIDR block 192.168.0.0/24 in remoteNodeNetworks");
        assertThat(invalid("retail-edge", null, List.of("10.200.8.0/24")).getMessage()).as("against the kept node list")
                .contains("overlaps the CIDR block 10.200.0.0/16");
    }

    @Test
    void listsHoldOneItemAndAtMostFifteenBlocks() {
        List<String> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add("192.168." + i + ".0/24");
        }
        assertThat(invalid("payments", sixteen, null).getMessage()).contains("at most 15 CIDR blocks");
        update("payments", sixteen.subList(0, 15), null);

        InvalidParameterException twoItems = catchThrowableOfType(InvalidParameterException.class, () -> eks.updateClusterConfig(b -> b
                .name("retail-edge").remoteNetworkConfig(n -> n.remoteNodeNetworks(
                        RemoteNodeNetwork.builder().cidrs("10.200.0.0/16").build(), RemoteNodeNetwork.builder().cidrs("10.202.0.0/16").build()))));
        assertThat(twoItems.getMessage()).contains("remoteNodeNetworks can contain at most 1 item");
        InvalidParameterException noCidrs = catchThrowableOfType(InvalidParameterException.class, () -> eks.updateClusterConfig(b -> b
                .name("retail-edge").remoteNetworkConfig(n -> n.remoteNodeNetworks(RemoteNodeNetwork.builder().cidrs(List.of()).build()))));
        assertThat(noCidrs.getMessage()).contains("at least one CIDR block in cidrs");
    }

    @Test
    void anUpdateWhileOneIsInProgressIsResourceInUse() {
        emulator.setUpdateDelay(Duration.ofHours(1));
        Update first = update("payments", List.of("192.168.0.0/16"), null);
        assertThat(first.statusAsString()).isEqualTo("InProgress");
        assertThat(describe("payments").statusAsString()).isEqualTo("UPDATING");
        assertThat(describe("retail-edge").statusAsString()).isEqualTo("ACTIVE");
        ResourceInUseException busy = catchThrowableOfType(ResourceInUseException.class,
                () -> update("payments", List.of("192.168.0.0/24"), null));
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(busy.clusterName()).isEqualTo("payments");
        assertThat(busy.getMessage()).contains("Cluster has an update in progress");
        assertThat(update("retail-edge", List.of("10.200.0.0/16", "10.202.0.0/16"), null).statusAsString())
                .as("another cluster is not busy").isEqualTo("InProgress");
        assertThat(eks.listUpdates(b -> b.name("payments")).updateIds()).containsExactly(first.id());
    }

    @Test
    void theSameTokenAnswersTheSameUpdateAndADifferentRequestIsRefused() {
        emulator.setUpdateDelay(Duration.ofHours(1));
        String token = UUID.randomUUID().toString();
        Update first = eks.updateClusterConfig(remote("payments", List.of("192.168.0.0/16"), null, token)).update();
        Update again = eks.updateClusterConfig(remote("payments", List.of("192.168.0.0/16"), null, token)).update();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.statusAsString()).isEqualTo("InProgress");
        assertThat(eks.listUpdates(b -> b.name("payments")).updateIds()).containsExactly(first.id());

        InvalidRequestException other = catchThrowableOfType(InvalidRequestException.class,
                () -> eks.updateClusterConfig(remote("payments", List.of("192.168.0.0/24"), null, token)));
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.clusterName()).isEqualTo("payments");
        assertThat(other.getMessage()).contains("clientRequestToken " + token).contains("different request");
        assertThat(eks.listUpdates(b -> b.name("payments")).updateIds()).containsExactly(first.id());
    }

    @Test
    void theSameTokenAfterTheUpdateSucceededStillAnswersIt() {
        String token = UUID.randomUUID().toString();
        Update first = eks.updateClusterConfig(remote("payments", List.of("192.168.0.0/16"), null, token)).update();
        Update again = eks.updateClusterConfig(remote("payments", List.of("192.168.0.0/16"), null, token)).update();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.statusAsString()).isEqualTo("Successful");
    }

    @Test
    void anUnchangedConfigurationIsRefused() {
        InvalidParameterException e = invalid("retail-edge", List.of("10.200.0.0/16"), List.of("10.201.0.0/16"));
        assertThat(e.getMessage()).contains("No changes detected");
        EksException none = catchThrowableOfType(EksException.class, () -> update("payments", List.of(), List.of()));
        assertThat(none).isInstanceOf(InvalidParameterException.class);
        assertThat(eks.listUpdates(b -> b.name("retail-edge")).updateIds()).isEmpty();
    }
}
