package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.network.FixPlan;
import dev.hybridpane.core.network.NetworkFixes;
import dev.hybridpane.core.network.NetworkWritePort;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.MemoryJournalStore;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.CniDaemonSet;
import dev.hybridpane.core.pool.PoolLab;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's cni-affinity fix on the lab's retail-edge: Cilium made to miss hybrid nodes, then patched through the engine. */
class Fabric8CniAffinityTest {
    static final Map<String, String> HYBRID = Map.of("eks.amazonaws.com/compute-type", "hybrid", "kubernetes.io/os", "linux");

    @TempDir
    Path dir;

    @Test
    void ciliumThatMissesHybridNodesIsPatchedOnceAndAMissingDaemonSetIsASentence() {
        try (PoolLab lab = new PoolLab(dir); Fabric8CniAffinity cni = Fabric8CniAffinity.open(lab.clusters, lab.access)) {
            assertThat(cni.daemonSet("kube-system", "cilium").map(d -> d.selects(HYBRID))).contains(true);
            lab.kube().apps().daemonSets().inNamespace("kube-system").withName("cilium").edit(d -> {
                NodeSelectorTerm t = d.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0);
                t.getMatchExpressions().clear();
                t.getMatchExpressions().add(new NodeSelectorRequirementBuilder().withKey("eks.amazonaws.com/compute-type")
                        .withOperator("NotIn").withValues("hybrid").build());
                return d;
            });
            CniDaemonSet broken = cni.daemonSet("kube-system", "cilium").orElseThrow();
            assertThat(broken.selects(HYBRID)).isFalse();
            FixPlan plan = new FixPlan("retail-edge", "us-west-2", List.of(new FixPlan.Change(NetworkFixes.CNI_AFFINITY,
                    Map.of("namespace", "kube-system", "daemonSet", "cilium"), "patch daemonset kube-system/cilium", List.of("cluster.cni"))),
                    List.of(), List.of());
            NetworkFixes fixes = new NetworkFixes(unusedAws(), cni);
            OperationEngine engine = new OperationEngine(new MemoryJournalStore(), Clock.systemUTC());
            Journal j = fixes.apply(plan, engine, new CancelToken(), x -> { });
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            CniDaemonSet fixed = cni.daemonSet("kube-system", "cilium").orElseThrow();
            assertThat(fixed.selects(HYBRID)).isTrue();
            assertThat(fixed.requiredTerms()).hasSize(2);
            // a second run observes the patch and adds no third term
            assertThat(fixes.apply(plan, engine, new CancelToken(), x -> { }).status()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(cni.daemonSet("kube-system", "cilium").orElseThrow().requiredTerms()).hasSize(2);
            assertThat(cni.daemonSet("kube-system", "no-such-cni")).isEmpty();
            assertThatThrownBy(() -> cni.patch("kube-system", "no-such-cni", "[]")).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Could not patch DaemonSet kube-system/no-such-cni (HTTP 404)");
        }
    }

    private static NetworkWritePort unusedAws() {
        return (NetworkWritePort) Proxy.newProxyInstance(NetworkWritePort.class.getClassLoader(),
                new Class<?>[] {NetworkWritePort.class}, (p, m, a) -> {
                    throw new AssertionError("no AWS call expected: " + m.getName());
                });
    }
}
