package dev.hybridpane.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.hybridpane.lab.edge.NodeadmBackend.KubeletJoin;
import dev.hybridpane.lab.edge.NodeadmBackend.NodeadmBackendException;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lab's kubelets through {@link LabNodeadmBackend}: the Node a started kubelet registers (labels, taints,
 * providerID, nodeInfo, addresses), Ready only while a CNI DaemonSet would run on hybrid nodes (patched here),
 * heartbeats and the Lease, and Unknown once the kubelet stops posting past the grace period. Seen through the lab's
 * API server with a Kubernetes client, as kubectl sees it.
 */
class LabKubeletsTest {
    static final String RETAIL = "us-west-2/retail-edge";
    static final String PAYMENTS = "us-west-2/payments";
    static Lab lab;
    static LabNodeadmBackend backend;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabWorld.load(), null);
        backend = lab.nodeadmBackend();
        backend.kubelets().setTimings(Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static KubeletJoin join(String cluster, String node, String kubelet, List<String> taints) {
        return new KubeletJoin("us-west-2", cluster, node, "10.200.1.50", kubelet, "ssm", "amd64", "Ubuntu 22.04.5 LTS",
                "5.15.0-131-generic", Map.of("hybridpane.dev/pool", "edge-gpu", "hybridpane.dev/site", "dallas-dc",
                        "workload", "gpu"), taints);
    }

    static KubernetesClient kube(String key) {
        return lab.kube().client(key);
    }

    static Node node(String key, String name) {
        return kube(key).nodes().withName(name).get();
    }

    static NodeCondition condition(Node n, String type) {
        return n.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    /** Waits (up to 10 s) until the node satisfies {@code test}; returns it. */
    static Node await(String key, String name, Predicate<Node> test) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(10);
        Node n = node(key, name);
        while ((n == null || !test.test(n)) && Instant.now().isBefore(end)) {
            Thread.sleep(100);
            n = node(key, name);
        }
        assertThat(n).as(name).isNotNull();
        assertThat(test.test(n)).as(name + " within 10 s; conditions " + n.getStatus().getConditions()).isTrue();
        return n;
    }

    static Predicate<Node> ready(String status) {
        return n -> status.equals(condition(n, "Ready").getStatus());
    }

    static void cniAffinity(String key, String name, String operator) {
        DaemonSet ds = kube(key).apps().daemonSets().inNamespace("kube-system").withName(name).get();
        ds.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).setMatchExpressions(List.of(new NodeSelectorRequirementBuilder()
                        .withKey("eks.amazonaws.com/compute-type").withOperator(operator).withValues("hybrid").build()));
        kube(key).apps().daemonSets().inNamespace("kube-system").resource(ds).update();
    }

    @Test
    void theNodeRegistersWithItsLabelsTaintsProviderIdAndNodeInfoAndIsReadyWithTheHybridCni() throws Exception {
        String name = "mi-0a1b2c3d4e5f60001";
        backend.kubeletStarted(join("retail-edge", name, "v1.31.7-eks-473151a", List.of("dedicated=gpu:NoSchedule", "spot:PreferNoSchedule")));
        assertThat(backend.nodeExists("us-west-2", "retail-edge", name)).isTrue();
        Node n = await(RETAIL, name, ready("True"));
        assertThat(n.getMetadata().getLabels()).containsEntry("eks.amazonaws.com/compute-type", "hybrid")
                .containsEntry("eks.amazonaws.com/hybrid-credential-provider", "ssm").containsEntry("kubernetes.io/hostname", name)
                .containsEntry("kubernetes.io/arch", "amd64").containsEntry("hybridpane.dev/pool", "edge-gpu")
                .containsEntry("hybridpane.dev/site", "dallas-dc").containsEntry("workload", "gpu");
        assertThat(n.getSpec().getProviderID()).isEqualTo("eks-hybrid:///us-west-2/retail-edge/" + name);
        assertThat(n.getSpec().getTaints()).extracting(Taint::getKey, Taint::getValue, Taint::getEffect)
                .containsExactly(tuple("dedicated", "gpu", "NoSchedule"),
                        tuple("spot", null, "PreferNoSchedule"));
        assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.31.7-eks-473151a");
        assertThat(n.getStatus().getNodeInfo().getOsImage()).isEqualTo("Ubuntu 22.04.5 LTS");
        assertThat(n.getStatus().getNodeInfo().getKernelVersion()).isEqualTo("5.15.0-131-generic");
        assertThat(n.getStatus().getNodeInfo().getArchitecture()).isEqualTo("amd64");
        assertThat(n.getStatus().getAddresses()).anySatisfy(a -> {
            assertThat(a.getType()).isEqualTo("InternalIP");
            assertThat(a.getAddress()).isEqualTo("10.200.1.50");
        });
        assertThat(condition(n, "Ready").getReason()).isEqualTo("KubeletReady");

        // heartbeats move on, and the Lease is renewed
        String beat = condition(n, "Ready").getLastHeartbeatTime();
        Node later = await(RETAIL, name, x -> !condition(x, "Ready").getLastHeartbeatTime().equals(beat));
        assertThat(condition(later, "Ready").getLastTransitionTime()).isEqualTo(condition(n, "Ready").getLastTransitionTime());
        Lease lease = kube(RETAIL).leases().inNamespace("kube-node-lease").withName(name).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(name);
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(40);
        assertThat(lease.getSpec().getRenewTime()).isNotNull();

        // a cordon and a label set by a client stay through the kubelet's later posts
        kube(RETAIL).nodes().withName(name).edit(x -> {
            x.getSpec().setUnschedulable(true);
            x.getMetadata().getLabels().put("hybridpane.dev/draining", "true");
            return x;
        });
        String cordonBeat = condition(node(RETAIL, name), "Ready").getLastHeartbeatTime();
        Node afterCordon = await(RETAIL, name, x -> !condition(x, "Ready").getLastHeartbeatTime().equals(cordonBeat));
        assertThat(afterCordon.getSpec().getUnschedulable()).isTrue();
        assertThat(afterCordon.getMetadata().getLabels()).containsEntry("hybridpane.dev/draining", "true");

        // the cluster's CNI loses the hybrid affinity: NotReady with the kubelet's reason; back: Ready again
        cniAffinity(RETAIL, "cilium", "NotIn");
        Node notReady = await(RETAIL, name, ready("False"));
        NodeCondition c = condition(notReady, "Ready");
        assertThat(c.getReason()).isEqualTo("KubeletNotReady");
        assertThat(c.getMessage()).isEqualTo("container runtime network not ready: NetworkReady=false "
                + "reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized");
        cniAffinity(RETAIL, "cilium", "In");
        await(RETAIL, name, ready("True"));
        List<Event> events = kube(RETAIL).v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
        assertThat(events).extracting(Event::getReason).contains("Starting", "RegisteredNode", "NodeNotReady", "NodeReady");
    }

    @Test
    void withoutACniForHybridNodesTheNodeStaysNotReadyUntilOneWithTheAffinityIsDeployed() throws Exception {
        String name = "payments-edge-01";
        backend.kubeletStarted(join("payments", name, "v1.31.7-eks-473151a", List.of()));
        Node n = await(PAYMENTS, name, ready("False"));
        assertThat(condition(n, "Ready").getReason()).isEqualTo("KubeletNotReady");
        Thread.sleep(800);
        assertThat(condition(node(PAYMENTS, name), "Ready").getStatus()).isEqualTo("False");
        // a Calico DaemonSet that keeps off hybrid nodes changes nothing; with the hybrid affinity it makes the node Ready
        DaemonSet calico = new DaemonSetBuilder().withNewMetadata().withName("calico-node").withNamespace("kube-system")
                .addToLabels("k8s-app", "calico-node").endMetadata().withNewSpec().withNewSelector()
                .addToMatchLabels("k8s-app", "calico-node").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("k8s-app", "calico-node").endMetadata().withNewSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey("eks.amazonaws.com/compute-type").withOperator("NotIn").withValues("hybrid").endMatchExpression()
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
                .addNewContainer().withName("calico-node").withImage("quay.io/calico/node:v3.29.1").endContainer()
                .endSpec().endTemplate().endSpec().build();
        kube(PAYMENTS).apps().daemonSets().inNamespace("kube-system").resource(calico).create();
        Thread.sleep(800);
        assertThat(condition(node(PAYMENTS, name), "Ready").getStatus()).isEqualTo("False");
        cniAffinity(PAYMENTS, "calico-node", "In");
        await(PAYMENTS, name, ready("True"));
    }

    @Test
    void whenTheKubeletStopsTheNodeGoesUnknownAfterTheGracePeriodAndARestartBringsItBack() throws Exception {
        String name = "mi-0a1b2c3d4e5f60002";
        backend.kubeletStarted(join("retail-edge", name, "v1.30.9-eks-1234567", List.of()));
        await(RETAIL, name, ready("True"));
        Instant stoppedAt = Instant.now();
        backend.kubeletStopped("us-west-2", "retail-edge", name);
        Node unknown = await(RETAIL, name, ready("Unknown"));
        assertThat(Duration.between(stoppedAt, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(unknown.getStatus().getConditions()).allSatisfy(c -> {
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("NodeStatusUnknown");
            assertThat(c.getMessage()).isEqualTo("Kubelet stopped posting node status.");
        });
        // the Node object stays, as in a real cluster
        assertThat(backend.nodeExists("us-west-2", "retail-edge", name)).isTrue();
        // nodeadm upgrade: the kubelet starts again, newer, on the same Node
        backend.kubeletStarted(join("retail-edge", name, "v1.31.7-eks-473151a", List.of()));
        Node back = await(RETAIL, name, ready("True"));
        assertThat(back.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.31.7-eks-473151a");
        assertThat(kube(RETAIL).nodes().withLabel("kubernetes.io/hostname", name).list().getItems()).hasSize(1);
    }

    @Test
    void nodeExistsAndUnknownClusters() {
        assertThat(backend.nodeExists("us-west-2", "retail-edge", "never-joined")).isFalse();
        assertThat(backend.nodeExists("us-west-2", "no-such-cluster", "x")).isFalse();
        assertThat(catchThrowableOfType(NodeadmBackendException.class,
                () -> backend.kubeletStarted(join("no-such-cluster", "n1", "v1.31.7", List.of())))).isNotNull();
    }
}
