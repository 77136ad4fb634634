package dev.hybridpane.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolHealthTest {

    static ClusterNode node(String name, ComputeType type, boolean ready) {
        return new ClusterNode(name, type, ready, ready ? "KubeletReady" : "NodeStatusUnknown", "", null, "p", "s", "ssm",
                "", "v1.31.7", "10.200.1.5", "Ubuntu", "amd64", false);
    }

    @ParameterizedTest(name = "{0} of {1} ready -> {2}")
    @CsvSource({"4, 4, HEALTHY", "3, 4, DEGRADED", "0, 4, DOWN", "0, 0, EMPTY", "1, 1, HEALTHY"})
    void rollsUp(int ready, int total, HealthStatus expected) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            nodes.add(node("n" + i, ComputeType.HYBRID, i < ready));
        }
        PoolHealth h = PoolHealth.rollUp("p", "s", nodes);
        assertThat(h.status()).isEqualTo(expected);
        assertThat(h.ready()).isEqualTo(ready);
        assertThat(h.total()).isEqualTo(total);
    }

    @ParameterizedTest
    @CsvSource({"3, 2, 1, 3, 2, 3"})
    void countsNodesByKind(int cloud, int hybridReady, int hybridNotReady, int eCloud, int eReady, int eTotal) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < cloud; i++) {
            nodes.add(node("c" + i, i == 0 ? ComputeType.FARGATE : ComputeType.EC2, true));
        }
        for (int i = 0; i < hybridReady; i++) {
            nodes.add(node("h" + i, ComputeType.HYBRID, true));
        }
        for (int i = 0; i < hybridNotReady; i++) {
            nodes.add(node("x" + i, ComputeType.HYBRID, false));
        }
        assertThat(NodeCounts.of(nodes)).isEqualTo(new NodeCounts(eCloud, eReady, eTotal));
    }
}
