package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.pool.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which CNI DaemonSets a pool needs patched: none when one already runs on every node, one patch per DaemonSet. */
class CniFixTest {
    static final HybridNodePool POOL = new HybridNodePool("edge", "s", new ProfileRef("p", 1), Map.of(),
            List.of(new Taint("dedicated", "gpu", "NoSchedule")), "", List.of(), List.of(PoolHost.of("h1")));

    @Test
    void aCniThatRunsOnEveryNodeOfThePoolNeedsNothing() {
        CniFix.Plan p = CniFix.plan("edge", List.of(NotReadyDiagnosisTest.cilium("In", NotReadyDiagnosisTest.ALL)),
                List.of(NotReadyDiagnosisTest.HYBRID), POOL);
        assertThat(p.runs()).isTrue();
        assertThat(p.patches()).isEmpty();
        assertThat(p.notes()).containsExactly("The cluster's CNI runs on the nodes of pool edge: nothing to patch.");
    }

    @Test
    void nodesTheCniMissesGetOnePatchPerDaemonSet() {
        CniDaemonSet excluding = NotReadyDiagnosisTest.cilium("NotIn", List.of());
        CniFix.Plan p = CniFix.plan("edge", List.of(excluding), List.of(NotReadyDiagnosisTest.HYBRID,
                Map.of("eks.amazonaws.com/compute-type", "hybrid", "kubernetes.io/os", "linux")), POOL);
        assertThat(p.runs()).isFalse();
        assertThat(p.notes()).isEmpty();
        assertThat(p.patches()).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo("cilium");
            assertThat(x.json()).contains("/nodeSelectorTerms/-", "\"values\":[\"hybrid\"]", "/spec/template/spec/tolerations",
                    "\"key\":\"dedicated\"");
        });
    }

    @Test
    void noCniOrANodeSelectorIsSaidNotPatched() {
        assertThat(CniFix.plan("edge", List.of(), List.of(NotReadyDiagnosisTest.HYBRID), POOL).notes()).singleElement()
                .asString().startsWith("The cluster has no cilium or calico-node DaemonSet to patch");
        CniDaemonSet selecting = new CniDaemonSet("kube-system", "calico-node", Map.of("cni", "calico"), null,
                NotReadyDiagnosisTest.ALL);
        CniFix.Plan p = CniFix.plan("edge", List.of(selecting), List.of(NotReadyDiagnosisTest.HYBRID), POOL);
        assertThat(p.runs()).isFalse();
        assertThat(p.patches()).isEmpty();
        assertThat(p.notes()).containsExactly("kube-system/calico-node: its nodeSelector cni=calico excludes the pool's nodes: "
                + "change it by hand.");
    }
}
