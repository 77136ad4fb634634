package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.OperationCancelledException;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Waiting for the nodes: a node that stays NotReady fails the step with its reason; Cancel ends the wait. */
class PoolCreationReadyTest {
    static final String NODE = "mi-0123456789abcdef0";

    /** Pools whose one node is NotReady for the CNI. */
    static final class NotReadyPools implements PoolStore.Pools {
        final List<String> events = new ArrayList<>();

        @Override public List<PoolStore.Stored> list() { return List.of(); }
        @Override public Optional<PoolStore.Stored> get(String name) { return Optional.empty(); }
        @Override public PoolStore.Stored create(HybridNodePool pool) { throw new UnsupportedOperationException(); }
        @Override public PoolStore.Stored update(HybridNodePool pool, String rv) { throw new UnsupportedOperationException(); }
        @Override public PoolStore.Stored updateStatus(String name, PoolStore.PoolStatus s) { throw new UnsupportedOperationException(); }
        @Override
        public void event(String pool, PoolStore.EventType type, String reason, String message) {
            events.add(pool + " " + type + " " + reason + " " + message);
        }
        @Override public Optional<PoolStore.NodeState> nodeByProviderId(String providerId) { return node(NODE); }

        @Override
        public Optional<PoolStore.NodeState> node(String name) {
            return name.equals(NODE) ? Optional.of(new PoolStore.NodeState(NODE, "eks-hybrid:///us-west-2/c/" + NODE, false,
                    "KubeletNotReady: container runtime network not ready: cni plugin not initialized")) : Optional.empty();
        }

        @Override public List<PoolStore.NodeState> nodesOfPool(String pool) { return node(NODE).stream().toList(); }
        @Override public List<CniDaemonSet> cniDaemonSets() { return List.of(); }
        @Override public void patchDaemonSet(String namespace, String name, String jsonPatch) { throw new UnsupportedOperationException(); }
        @Override public NodeOps nodeOps() { throw new UnsupportedOperationException(); }
        @Override public void close() { }
    }

    static Step waitStep(Duration timeout) {
        return waitStep(timeout, new NotReadyPools());
    }

    static Step waitStep(Duration timeout, NotReadyPools pools) {
        Cluster c = new Cluster(new ClusterRef("us-west-2", "c"), "arn:aws:eks:us-west-2:111122223333:cluster/c", "1.31",
                "ACTIVE", "https://x", null, null, null, "vpc-1", List.of(), List.of(), "", "172.20.0.0/16",
                List.of("10.200.0.0/16"), List.of(), "", null, Map.of());
        HybridNodePool p = new HybridNodePool("p", "s", new ProfileRef("x", 1), Map.of(), List.of(), "", List.of(),
                List.of(PoolHost.of("h1")));
        PoolInputs in = new PoolInputs(p, c, "role", List.of(), null, null, Map.of(), Map.of(), null, 1, timeout);
        Step s = new PoolCreation(in, pools, null, Map.of(), Map.of(), Clock.systemUTC()).operation().steps().get(3);
        assertThat(s.id()).isEqualTo("nodes-ready");
        return s;
    }

    @Test
    void aNodeThatStaysNotReadyFailsWithItsReason() throws Exception {
        NotReadyPools pools = new NotReadyPools();
        Step s = waitStep(Duration.ofSeconds(1), pools);
        List<String> log = new ArrayList<>();
        StepContext ctx = new StepContext(Map.of("h1/node", NODE), log::add, new CancelToken());
        assertThat(s.observe(ctx)).isFalse();
        Throwable t = catchThrowable(() -> s.apply(ctx));
        String why = NODE + " (h1): The cluster has no CNI for hybrid nodes: no cilium or calico-node DaemonSet in kube-system. "
                + "Fix: install Cilium with the hybrid nodeAffinity (eks.amazonaws.com/compute-type In [hybrid]) as the EKS user "
                + "guide shows (hybridpane hybrid enable offers its Helm values).";
        assertThat(t).isInstanceOf(IllegalStateException.class).hasMessage("Not Ready after 1 s: " + NODE
                + " (h1): NotReady, KubeletNotReady: container runtime network not ready: cni plugin not initialized. Why: " + why);
        assertThat(log).containsExactly("Not Ready: " + why);
        assertThat(pools.events).containsExactly("p Warning NoCniForHybridNodes " + why);
    }

    @Test
    void cancelEndsTheWait() {
        Step s = waitStep(Duration.ofMinutes(5));
        CancelToken cancel = new CancelToken();
        StepContext ctx = new StepContext(Map.of("h1/node", NODE), line -> { }, cancel);
        cancel.cancel();
        long t0 = System.nanoTime();
        assertThat(catchThrowable(() -> s.apply(ctx))).isInstanceOf(OperationCancelledException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
}
