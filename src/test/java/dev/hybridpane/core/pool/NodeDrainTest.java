package dev.hybridpane.core.pool;

import static dev.hybridpane.core.pool.NodeDrainFakeOps.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.OperationCancelledException;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.pool.NodeOps.Eviction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeDrainTest {
    static final NodeDrain.Options FAST = NodeDrain.Options.DEFAULT.withTimeout(Duration.ofSeconds(5))
            .withRetryEvery(Duration.ofMillis(20));
    static final Eviction BLOCKED = new Eviction.Blocked("shop/web-pdb",
            "Cannot evict pod as it would violate the pod's disruption budget.");

    final List<String> log = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final CancelToken cancel = new CancelToken();
    final StepContext ctx = new StepContext(Map.of(), log::add, cancel);

    static NodeDrainFakeOps world() {
        return new NodeDrainFakeOps().node("mi-1",
                pod("shop", "web-1", "ReplicaSet"),
                pod("kube-system", "cilium-x", "DaemonSet"),
                pod("kube-system", "kube-proxy-mirror", "Node", true, false, false));
    }

    @Test
    void aBudgetThatBlocksIsRetriedUntilItAllowsAndTheBlockerIsNamedOnce() throws Exception {
        NodeDrainFakeOps ops = world();
        ops.answers.put("shop/web-1", new ArrayList<>(List.of(BLOCKED, BLOCKED, BLOCKED)));

        NodeDrain.Result r = new NodeDrain(ops, FAST).drain("mi-1", ctx, events::add);

        assertThat(r.removed()).containsExactly("shop/web-1");
        assertThat(r.skipped()).containsExactly("kube-system/cilium-x", "kube-system/kube-proxy-mirror");
        assertThat(ops.calls()).containsExactly("cordon mi-1", "evict shop/web-1", "evict shop/web-1", "evict shop/web-1",
                "evict shop/web-1");
        assertThat(events).containsExactly("Draining node mi-1: pod shop/web-1 is blocked by PodDisruptionBudget shop/web-pdb: "
                + "Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(log).filteredOn(l -> l.contains("blocked by PodDisruptionBudget shop/web-pdb")).hasSize(1)
                .first().asString().endsWith("will retry every 20 ms");
        assertThat(ops.unschedulable.get("mi-1")).as("cordoned").isTrue();
        assertThat(NodeDrain.drained(ops, "mi-1")).isTrue();
        assertThat(ops.pods("mi-1")).extracting(NodeOps.PodOnNode::name).containsExactly("cilium-x", "kube-proxy-mirror");
    }

    @Test
    void itWaitsUntilEvictedPodsAreGone() throws Exception {
        NodeDrainFakeOps ops = world();
        ops.goneAfterPolls = 3;
        new NodeDrain(ops, FAST).drain("mi-1", ctx, events::add);
        assertThat(ops.pods("mi-1")).extracting(NodeOps.PodOnNode::name).doesNotContain("web-1");
        assertThat(events).isEmpty();
    }

    @Test
    void emptyDirAndUnmanagedPodsAreRefusedWithTheOptionThatOverridesAndNothingIsEvicted() {
        NodeDrainFakeOps ops = new NodeDrainFakeOps().node("mi-1", pod("shop", "cache", "StatefulSet", false, true, false),
                pod("default", "debug", ""), pod("shop", "web-1", "ReplicaSet"));

        assertThatThrownBy(() -> new NodeDrain(ops, FAST).drain("mi-1", ctx, events::add))
                .isInstanceOf(NodeDrain.DrainException.class)
                .hasMessage("Cannot drain node mi-1: cannot delete Pods that declare no controller (use --force, or \"Force\" in "
                        + "the console, to override): default/debug; cannot delete Pods with local storage (use "
                        + "--delete-emptydir-data, or \"Delete emptyDir data\" in the console, to override): shop/cache. "
                        + "The node stays cordoned.");
        assertThat(ops.calls()).containsExactly("cordon mi-1");
        assertThat(ops.unschedulable.get("mi-1")).isTrue();
        assertThat(NodeDrain.drained(ops, "mi-1")).isFalse();
    }

    @Test
    void theChoicesLetEmptyDirAndUnmanagedPodsGo() throws Exception {
        NodeDrainFakeOps ops = new NodeDrainFakeOps().node("mi-1", pod("shop", "cache", "StatefulSet", false, true, false),
                pod("default", "debug", ""));
        NodeDrain.Options both = new NodeDrain.Options(true, true, false, Duration.ofSeconds(5), Duration.ofMillis(20));

        NodeDrain.Result r = new NodeDrain(ops, both).drain("mi-1", ctx, events::add);

        assertThat(r.removed()).containsExactly("shop/cache", "default/debug");
        assertThat(ops.calls()).containsExactly("cordon mi-1", "evict shop/cache", "evict default/debug");
        assertThat(NodeDrain.drained(ops, "mi-1")).isTrue();
    }

    @Test
    void finishedPodsAreAlwaysRemovable() throws Exception {
        NodeDrainFakeOps ops = new NodeDrainFakeOps().node("mi-1", pod("default", "done-job", "", false, true, true));
        assertThat(NodeDrain.refusals(ops.pods("mi-1"), NodeDrain.Options.DEFAULT)).isEmpty();
        new NodeDrain(ops, FAST).drain("mi-1", ctx, events::add);
        assertThat(ops.calls()).containsExactly("cordon mi-1", "delete default/done-job");
        assertThat(NodeDrain.drained(ops, "mi-1")).isTrue();
    }

    @Test
    void aTimeoutNamesThePodAndTheBudgetAndLeavesTheNodeCordonedWithNothingDeleted() {
        NodeDrainFakeOps ops = world();
        List<Eviction> always = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            always.add(BLOCKED);
        }
        ops.answers.put("shop/web-1", always);
        NodeDrain.Options quick = FAST.withTimeout(Duration.ofMillis(200));

        assertThatThrownBy(() -> new NodeDrain(ops, quick).drain("mi-1", ctx, events::add))
                .isInstanceOf(NodeDrain.DrainException.class)
                .hasMessageStartingWith("Drain of node mi-1 timed out after 200 ms: pod shop/web-1 is blocked by "
                        + "PodDisruptionBudget shop/web-pdb: Cannot evict pod as it would violate the pod's disruption budget. "
                        + "The node stays cordoned; nothing was force-deleted");
        assertThat(ops.unschedulable.get("mi-1")).isTrue();
        assertThat(ops.calls()).filteredOn(c -> c.startsWith("delete") || c.startsWith("uncordon")).isEmpty();
        assertThat(ops.calls()).filteredOn(c -> c.equals("evict shop/web-1")).hasSizeGreaterThan(2);
        assertThat(events).hasSize(1);
    }

    @Test
    void disableEvictionDeletesPodsBypassingBudgets() throws Exception {
        NodeDrainFakeOps ops = world();
        ops.answers.put("shop/web-1", new ArrayList<>(List.of(BLOCKED)));
        NodeDrain.Options delete = new NodeDrain.Options(false, false, true, Duration.ofSeconds(5), Duration.ofMillis(20));

        new NodeDrain(ops, delete).drain("mi-1", ctx, events::add);

        assertThat(ops.calls()).containsExactly("cordon mi-1", "delete shop/web-1");
        assertThat(NodeDrain.drained(ops, "mi-1")).isTrue();
    }

    @Test
    void anotherRefusalFailsAtOnce() {
        NodeDrainFakeOps ops = world();
        ops.answers.put("shop/web-1", new ArrayList<>(List.of(new Eviction.Refused(500,
                "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."))));
        assertThatThrownBy(() -> new NodeDrain(ops, FAST).drain("mi-1", ctx, events::add))
                .hasMessage("Cannot drain node mi-1: the eviction of pod shop/web-1 was refused (500): This pod has more than one "
                        + "PodDisruptionBudget, which the eviction subresource does not support. The node stays cordoned.");
        assertThat(ops.unschedulable.get("mi-1")).isTrue();
    }

    @Test
    void cancellingStopsTheWaitWithTheNodeCordoned() {
        NodeDrainFakeOps ops = world();
        List<Eviction> always = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            always.add(BLOCKED);
        }
        ops.answers.put("shop/web-1", always);
        NodeDrain.Options slow = FAST.withRetryEvery(Duration.ofSeconds(30));
        cancel.cancel();
        long t = System.nanoTime();
        assertThatThrownBy(() -> new NodeDrain(ops, slow).drain("mi-1", ctx, events::add))
                .isInstanceOf(OperationCancelledException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(5));
        assertThat(ops.unschedulable.get("mi-1")).isTrue();
    }

    @Test
    void optionsDescribeThemselvesAndRefuseANegativeTimeout() {
        assertThat(NodeDrain.Options.DEFAULT.describe()).isEqualTo("evict through the Eviction API (PodDisruptionBudgets "
                + "respected, retry every 5 s), timeout 10 min");
        assertThat(NodeDrain.Options.DEFAULT.withTimeout(Duration.ZERO).describe()).endsWith("no timeout");
        assertThatThrownBy(() -> NodeDrain.Options.DEFAULT.withTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
