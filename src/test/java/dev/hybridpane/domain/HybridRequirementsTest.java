package dev.hybridpane.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HybridRequirementsTest {

    static Cluster cluster(AuthenticationMode auth, IpFamily ip, EndpointAccess ep, List<String> nodes, List<String> pods) {
        return new Cluster(new ClusterRef("us-west-2", "c"), "arn", "1.31", "ACTIVE", "https://x", ep, auth, ip, "vpc-1",
                List.of(), List.of(), "sg-1", "172.20.0.0/16", nodes, pods, "", Instant.EPOCH, Map.of());
    }

    static Stream<Arguments> cases() {
        var ok = List.of("10.200.0.0/16");
        var pods = List.of("10.201.0.0/16");
        return Stream.of(
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PRIVATE, ok, pods),
                        HybridRequirements.AUTH_MODE, CheckStatus.PASS, "API"),
                Arguments.of(cluster(AuthenticationMode.API_AND_CONFIG_MAP, IpFamily.IPV4, EndpointAccess.PUBLIC, ok, pods),
                        HybridRequirements.AUTH_MODE, CheckStatus.PASS, "API_AND_CONFIG_MAP"),
                Arguments.of(cluster(AuthenticationMode.CONFIG_MAP, IpFamily.IPV4, EndpointAccess.PUBLIC, ok, pods),
                        HybridRequirements.AUTH_MODE, CheckStatus.FAIL, "CONFIG_MAP only"),
                Arguments.of(cluster(AuthenticationMode.UNKNOWN, IpFamily.IPV4, EndpointAccess.PUBLIC, ok, pods),
                        HybridRequirements.AUTH_MODE, CheckStatus.WARN, "did not report"),
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV6, EndpointAccess.PUBLIC, ok, pods),
                        HybridRequirements.IP_FAMILY, CheckStatus.FAIL, "IPv6"),
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PUBLIC, ok, pods),
                        HybridRequirements.ENDPOINT, CheckStatus.PASS, "Public"),
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PRIVATE, ok, pods),
                        HybridRequirements.ENDPOINT, CheckStatus.PASS, "Private"),
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PUBLIC_AND_PRIVATE, ok, pods),
                        HybridRequirements.ENDPOINT, CheckStatus.FAIL, "Public and private"),
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PUBLIC, List.of(), List.of()),
                        HybridRequirements.REMOTE_NETWORKS, CheckStatus.WARN, "not enabled"),
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PUBLIC, ok, List.of()),
                        HybridRequirements.REMOTE_NETWORKS, CheckStatus.WARN, "webhooks"),
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PUBLIC, ok, pods),
                        HybridRequirements.REMOTE_NETWORKS, CheckStatus.PASS, "10.201.0.0/16"),
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PUBLIC, List.of("100.64.0.0/16"), pods),
                        HybridRequirements.REMOTE_NETWORKS, CheckStatus.FAIL, "outside RFC 1918"),
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PUBLIC, List.of("10.100.5.0/24"), pods),
                        HybridRequirements.REMOTE_NETWORKS, CheckStatus.FAIL, "overlaps the VPC CIDR 10.100.0.0/16"),
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PUBLIC, List.of("172.20.8.0/24"), pods),
                        HybridRequirements.REMOTE_NETWORKS, CheckStatus.FAIL, "service CIDR"),
                Arguments.of(cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PUBLIC, List.of("10.200.0.0/16"),
                        List.of("10.200.128.0/17")), HybridRequirements.REMOTE_NETWORKS, CheckStatus.FAIL, "overlaps 10.200.0.0/16"));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("cases")
    void evaluates(Cluster c, String id, CheckStatus status, String reasonFragment) {
        Check check = HybridRequirements.evaluate(c, List.of("10.100.0.0/16")).stream()
                .filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertThat(check.status()).isEqualTo(status);
        assertThat(check.reason()).contains(reasonFragment);
    }

    @Test
    void configMapOnlyBlocksAccessEntriesAndGivesTheFix() {
        var c = cluster(AuthenticationMode.CONFIG_MAP, IpFamily.IPV4, EndpointAccess.PUBLIC, List.of("10.200.0.0/16"),
                List.of("10.201.0.0/16"));
        Check auth = HybridRequirements.evaluate(c, List.of()).stream().filter(x -> x.id().equals(HybridRequirements.AUTH_MODE))
                .findFirst().orElseThrow();
        assertThat(auth.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(auth.reason()).contains("EKS refuses access entries", "reports no accessConfig",
                "aws eks update-cluster-config --region us-west-2 --name c --access-config authenticationMode=API_AND_CONFIG_MAP");
        assertThat(HybridRequirements.overall(HybridRequirements.evaluate(c, List.of()))).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void overallIsTheWorst() {
        var c = cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PUBLIC_AND_PRIVATE, List.of(), List.of());
        assertThat(HybridRequirements.overall(HybridRequirements.evaluate(c, List.of()))).isEqualTo(CheckStatus.FAIL);
        var good = cluster(AuthenticationMode.API, IpFamily.IPV4, EndpointAccess.PUBLIC, List.of("10.200.0.0/16"),
                List.of("10.201.0.0/16"));
        assertThat(HybridRequirements.overall(HybridRequirements.evaluate(good, List.of("10.100.0.0/16"))))
                .isEqualTo(CheckStatus.PASS);
    }
}
