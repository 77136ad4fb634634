package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.StepContext;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NodeDrain with the production adapter (Fabric8NodeOps) against the lab's Eviction API and the seeded store-pos pool's
 * budget (POOL-app: 2 replicas, PodDisruptionBudget minAvailable 1): with both pods on one node, the first eviction passes,
 * the second is refused (429) naming the budget, and the drain proceeds once the replacement runs on another node; with
 * nowhere else to run, the drain times out naming the pod and the budget and leaves the node cordoned.
 */
class NodeDrainLabTest {
    @TempDir
    static Path dir;
    static PoolLab lab;
    static KubernetesClient kube;

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
        kube = lab.kube();
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    static List<Pod> pods() {
        return kube.pods().inNamespace("edge-apps").withLabel("app", "store-pos-app").list().getItems();
    }

    static boolean running() {
        List<Pod> pods = pods();
        return pods.size() == 2 && pods.stream().allMatch(p -> "Running".equals(p.getStatus().getPhase())
                && p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited in vain").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static List<String> poolNodes() {
        return kube.nodes().withLabel("hybridpane.dev/pool", "store-pos").list().getItems().stream()
                .map(n -> n.getMetadata().getName()).sorted().toList();
    }

    static void cordon(String node, boolean on) {
        kube.nodes().withName(node).edit(n -> {
            n.getSpec().setUnschedulable(on);
            return n;
        });
    }

    /** Both of the pool app's pods on {@code node}: the other nodes cordoned while the pods are recreated. */
    static void bothPodsOn(String node, List<String> others) throws InterruptedException {
        await(NodeDrainLabTest::running);
        others.forEach(n -> cordon(n, true));
        pods().forEach(p -> kube.pods().inNamespace("edge-apps").withName(p.getMetadata().getName()).delete());
        await(() -> running() && pods().stream().allMatch(p -> node.equals(p.getSpec().getNodeName())));
    }

    @Test
    void aBudgetThatBlocksIsNamedAndTheDrainProceedsOnceTheReplacementRunsElsewhere() throws Exception {
        List<String> nodes = poolNodes();
        String node = nodes.get(0);
        List<String> others = nodes.subList(1, nodes.size());
        bothPodsOn(node, others);
        others.forEach(n -> cordon(n, false));
        await(() -> kube.policy().v1().podDisruptionBudget().inNamespace("edge-apps").withName("store-pos-app").get()
                .getStatus().getDisruptionsAllowed() == 1);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        NodeDrain.Options options = new NodeDrain.Options(false, false, false, Duration.ofSeconds(60), Duration.ofMillis(500));

        NodeDrain.Result r;
        try (PoolStore.Pools pools = lab.pools()) {
            r = new NodeDrain(pools.nodeOps(), options).drain(node, new StepContext(Map.of(), log::add, new CancelToken()),
                    events::add);
            assertThat(NodeDrain.drained(pools.nodeOps(), node)).isTrue();
        }

        assertThat(r.removed()).hasSize(2).allMatch(p -> p.startsWith("edge-apps/store-pos-app-"));
        assertThat(r.skipped()).isNotEmpty().allMatch(p -> p.startsWith("kube-system/"));
        assertThat(events).as("the blocking budget named once").singleElement().asString()
                .startsWith("Draining node " + node + ": pod edge-apps/store-pos-app-")
                .contains("is blocked by PodDisruptionBudget edge-apps/store-pos-app: Cannot evict pod as it would violate the "
                        + "pod's disruption budget");
        assertThat(kube.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
        await(NodeDrainLabTest::running);
        assertThat(pods()).noneMatch(p -> node.equals(p.getSpec().getNodeName()));
        cordon(node, false);
    }

    @Test
    void withNowhereElseToRunTheDrainTimesOutNamingThePodAndBudgetAndLeavesTheNodeCordoned() throws Exception {
        List<String> nodes = poolNodes();
        String node = nodes.get(nodes.size() - 1);
        List<String> others = nodes.subList(0, nodes.size() - 1);
        bothPodsOn(node, others); // the others stay cordoned: the replacement stays Pending
        NodeDrain.Options options = new NodeDrain.Options(false, false, false, Duration.ofSeconds(4), Duration.ofMillis(500));
        try (PoolStore.Pools pools = lab.pools()) {
            assertThatThrownBy(() -> new NodeDrain(pools.nodeOps(), options).drain(node, new StepContext(Map.of(), l -> { },
                    new CancelToken()), e -> { }))
                    .isInstanceOf(NodeDrain.DrainException.class)
                    .hasMessageStartingWith("Drain of node " + node + " timed out after 4 s: pod edge-apps/store-pos-app-")
                    .hasMessageContaining("blocked by PodDisruptionBudget edge-apps/store-pos-app")
                    .hasMessageContaining("The node stays cordoned; nothing was force-deleted");
        }
        assertThat(kube.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
        assertThat(pods()).filteredOn(p -> node.equals(p.getSpec().getNodeName())).hasSize(1);
        nodes.forEach(n -> cordon(n, false));
    }
}
