package dev.hybridpane.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lab's pools carry pods as a real cluster's nodes do: DaemonSet pods on every pool node, and per pool a Deployment
 * with a PodDisruptionBudget that the Eviction API enforces (checked with fabric8's own evict, as the console calls it).
 */
class LabWorkloadsTest {
    static final String CLUSTER = "us-west-2/retail-edge";
    static Lab lab;
    static KubernetesClient kube;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabWorld.load(), null);
        // fabric8 retries a 429 and a 5xx (requestRetryBackoffLimit, 10 by default): one answer per call here
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder(lab.kube().client(CLUSTER).getConfiguration())
                .withRequestRetryBackoffLimit(0).build()).build();
        lab.kube().server(CLUSTER).workloads().setDelays(Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @AfterAll
    static void stop() {
        kube.close();
        lab.close();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static List<Pod> appPods(String pool) {
        return kube.pods().inNamespace("edge-apps").withLabel("app", pool + "-app").list().getItems();
    }

    static boolean running(String pool, int n) {
        List<Pod> pods = appPods(pool);
        return pods.size() == n && pods.stream().allMatch(p -> "Running".equals(p.getStatus().getPhase()) && ready(p));
    }

    @Test
    void everyPoolNodeRunsTheDaemonSetsPodsThatReachIt() {
        List<String> nodes = kube.nodes().withLabel("hybridpane.dev/pool").list().getItems().stream()
                .map(n -> n.getMetadata().getName()).toList();
        assertThat(nodes).hasSize(8);
        await("DaemonSet pods on every pool node", () -> nodes.stream().allMatch(n ->
                kube.pods().inNamespace("kube-system").withField("spec.nodeName", n).list().getItems().size() == 2));
        for (String n : nodes) {
            List<Pod> pods = kube.pods().inAnyNamespace().withField("spec.nodeName", n).list().getItems();
            assertThat(pods).as(n).extracting(p -> p.getMetadata().getName().replaceFirst("-[a-z0-9]{5}$", ""))
                    .contains("kube-proxy", "cilium");
            for (Pod p : pods.stream().filter(p -> p.getMetadata().getNamespace().equals("kube-system")).toList()) {
                OwnerReference owner = p.getMetadata().getOwnerReferences().get(0);
                assertThat(owner.getKind()).isEqualTo("DaemonSet");
                assertThat(owner.getController()).isTrue();
                assertThat(owner.getUid()).isEqualTo(kube.apps().daemonSets().inNamespace("kube-system")
                        .withName(owner.getName()).get().getMetadata().getUid());
                assertThat(p.getSpec().getNodeName()).isEqualTo(n);
                assertThat(p.getStatus().getPhase()).isEqualTo("Running");
                assertThat(ready(p)).as(p.getMetadata().getName()).isTrue();
            }
        }
        // the cloud nodes carry none (the lab makes pods for pool nodes only)
        String cloud = kube.nodes().withLabel("eks.amazonaws.com/nodegroup").list().getItems().get(0).getMetadata().getName();
        assertThat(kube.pods().inAnyNamespace().withField("spec.nodeName", cloud).list().getItems()).isEmpty();
    }

    @Test
    void eachPoolRunsADeploymentWithABudgetThatAllowsOneDisruption() {
        for (String pool : List.of("dallas-gpu", "store-pos")) {
            await(pool + "'s two pods Running and Ready", () -> running(pool, 2));
            Deployment d = kube.apps().deployments().inNamespace("edge-apps").withName(pool + "-app").get();
            assertThat(d.getSpec().getReplicas()).isEqualTo(2);
            assertThat(d.getSpec().getTemplate().getSpec().getNodeSelector()).containsEntry("hybridpane.dev/pool", pool);
            await(pool + "'s Deployment status", () -> Integer.valueOf(2).equals(kube.apps().deployments().inNamespace("edge-apps")
                    .withName(pool + "-app").get().getStatus().getReadyReplicas()));
            for (Pod p : appPods(pool)) {
                OwnerReference owner = p.getMetadata().getOwnerReferences().get(0);
                assertThat(owner.getKind()).isEqualTo("ReplicaSet");
                assertThat(kube.apps().replicaSets().inNamespace("edge-apps").withName(owner.getName()).get()
                        .getMetadata().getOwnerReferences().get(0).getName()).isEqualTo(pool + "-app");
                assertThat(kube.nodes().withName(p.getSpec().getNodeName()).get().getMetadata().getLabels())
                        .containsEntry("hybridpane.dev/pool", pool);
            }
            await(pool + "'s budget status", () -> {
                PodDisruptionBudget b = kube.policy().v1().podDisruptionBudget().inNamespace("edge-apps").withName(pool + "-app").get();
                return b.getStatus() != null && Integer.valueOf(1).equals(b.getStatus().getDisruptionsAllowed());
            });
            PodDisruptionBudget b = kube.policy().v1().podDisruptionBudget().inNamespace("edge-apps").withName(pool + "-app").get();
            assertThat(b.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
            assertThat(b.getStatus().getCurrentHealthy()).isEqualTo(2);
            assertThat(b.getStatus().getDesiredHealthy()).isEqualTo(1);
            assertThat(b.getStatus().getExpectedPods()).isEqualTo(2);
            assertThat(b.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                    .containsExactly("DisruptionAllowed=True/SufficientPods");
        }
    }

    static boolean evict(String ns, String pod) {
        return kube.pods().inNamespace(ns).withName(pod).evict(new EvictionBuilder().withNewMetadata().withName(pod)
                .withNamespace(ns).endMetadata().build());
    }

    @Test
    void theEvictionApiAnswersAsKubernetesDoes() throws Exception {
        String pool = "dallas-gpu";
        await(pool + " running", () -> running(pool, 2));
        assertThatThrownBy(() -> evict("edge-apps", "no-such-pod")).isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404));
        // a pod that no budget selects always goes (a DaemonSet's), and its DaemonSet puts another on the node
        Pod ds = kube.pods().inNamespace("kube-system").withLabel("k8s-app", "kube-proxy").list().getItems().get(0);
        assertThat(evict("kube-system", ds.getMetadata().getName())).isTrue();
        assertThat(kube.pods().inNamespace("kube-system").withName(ds.getMetadata().getName()).get()).isNull();
        await("a new kube-proxy pod on " + ds.getSpec().getNodeName(), () -> kube.pods().inNamespace("kube-system")
                .withField("spec.nodeName", ds.getSpec().getNodeName()).withLabel("k8s-app", "kube-proxy").list().getItems().size() == 1);
        // two budgets selecting one pod: 500, as the eviction subresource does not support it
        kube.policy().v1().podDisruptionBudget().inNamespace("edge-apps").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("second").endMetadata().withNewSpec().withNewMinAvailable(0)
                .withNewSelector().withMatchLabels(Map.of("app", pool + "-app")).endSelector().endSpec().build()).create();
        try {
            String victim = appPods(pool).get(0).getMetadata().getName();
            assertThatThrownBy(() -> evict("edge-apps", victim)).isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(500))
                    .hasMessageContaining("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
            assertThat(kube.pods().inNamespace("edge-apps").withName(victim).get()).isNotNull();
        } finally {
            kube.policy().v1().podDisruptionBudget().inNamespace("edge-apps").withName("second").delete();
        }
        // the 429's body, byte for byte as the API server words it
        String victim = appPods(pool).get(0).getMetadata().getName();
        String first = appPods(pool).get(1).getMetadata().getName();
        await("budget allows 1", () -> Integer.valueOf(1).equals(kube.policy().v1().podDisruptionBudget().inNamespace("edge-apps")
                .withName(pool + "-app").get().getStatus().getDisruptionsAllowed()));
        lab.kube().server(CLUSTER).workloads().setDelays(Duration.ofSeconds(30), Duration.ofSeconds(30));
        try {
            assertThat(evict("edge-apps", first)).isTrue();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lab.kube().endpoints().get(CLUSTER)
                    + "/api/v1/namespaces/edge-apps/pods/" + victim + "/eviction")).header("Authorization", "Bearer " + lab.kube().adminToken())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + victim
                                    + "\",\"namespace\":\"edge-apps\"}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.body()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                    + "\"message\":\"Cannot evict pod as it would violate the pod's disruption budget.\",\"reason\":\"TooManyRequests\","
                    + "\"details\":{\"causes\":[{\"reason\":\"DisruptionBudget\",\"message\":\"The disruption budget " + pool
                    + "-app needs 1 healthy pods and has 1 currently\"}]},\"code\":429}");
            assertThat(evict("edge-apps", victim)).isFalse();
            assertThat(kube.pods().inNamespace("edge-apps").withName(victim).get()).isNotNull();
        } finally {
            lab.kube().server(CLUSTER).workloads().setDelays(Duration.ofMillis(100), Duration.ofMillis(100));
        }
        await(pool + " running again", () -> running(pool, 2));
    }

    /** kubectl cordon: a PATCH, tried again when the kubelet's status post changed the Node meanwhile (409). */
    static void cordon(String node, boolean unschedulable) {
        for (int attempt = 0; ; attempt++) {
            try {
                kube.nodes().withName(node).edit(n -> {
                    n.getSpec().setUnschedulable(unschedulable);
                    return n;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt > 10) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aDrainWaitsForTheReplacementBeforeTheSecondPodGoes() {
        String pool = "store-pos";
        await(pool + " running", () -> running(pool, 2));
        List<String> nodes = kube.nodes().withLabel("hybridpane.dev/pool", pool).list().getItems().stream()
                .map(n -> n.getMetadata().getName()).sorted().toList();
        String node = nodes.get(0);
        try {
            // both pods on one node: the others cordoned while they are made again
            nodes.subList(1, nodes.size()).forEach(n -> cordon(n, true));
            appPods(pool).stream().filter(p -> !node.equals(p.getSpec().getNodeName()))
                    .forEach(p -> kube.pods().inNamespace("edge-apps").withName(p.getMetadata().getName()).delete());
            await("both pods on " + node, () -> running(pool, 2) && appPods(pool).stream().allMatch(p -> node.equals(p.getSpec().getNodeName())));
            nodes.subList(1, nodes.size()).forEach(n -> cordon(n, false));
            await("budget allows 1", () -> Integer.valueOf(1).equals(kube.policy().v1().podDisruptionBudget().inNamespace("edge-apps")
                    .withName(pool + "-app").get().getStatus().getDisruptionsAllowed()));
            // the drain: cordon, then evict both
            cordon(node, true);
            List<Pod> pods = appPods(pool);
            lab.kube().server(CLUSTER).workloads().setDelays(Duration.ofMillis(1500), Duration.ofMillis(1500));
            assertThat(evict("edge-apps", pods.get(0).getMetadata().getName())).isTrue();
            assertThat(kube.pods().inNamespace("edge-apps").withName(pods.get(0).getMetadata().getName()).get()).isNull();
            // the other cannot go until the replacement runs elsewhere
            assertThat(evict("edge-apps", pods.get(1).getMetadata().getName())).isFalse();
            assertThat(kube.policy().v1().podDisruptionBudget().inNamespace("edge-apps").withName(pool + "-app").get().getStatus()
                    .getDisruptionsAllowed()).isZero();
            await("the replacement Running and Ready on another node", () -> running(pool, 2));
            assertThat(evict("edge-apps", pods.get(1).getMetadata().getName())).isTrue();
            await(pool + " running again", () -> running(pool, 2));
            List<String> placed = appPods(pool).stream().map(p -> p.getSpec().getNodeName()).toList();
            assertThat(placed).doesNotContain(node);
            // the scheduler spreads: the second replacement went to a node without a pod of the ReplicaSet
            assertThat(placed.stream().distinct()).hasSize(2);
        } finally {
            lab.kube().server(CLUSTER).workloads().setDelays(Duration.ofMillis(100), Duration.ofMillis(100));
            nodes.forEach(n -> cordon(n, false));
        }
    }

    @Test
    void aPodWithNoNodeToGoToStaysPendingUntilOneIsSchedulable() {
        String pool = "dallas-gpu";
        await(pool + " running", () -> running(pool, 2));
        List<String> nodes = kube.nodes().withLabel("hybridpane.dev/pool", pool).list().getItems().stream()
                .map(n -> n.getMetadata().getName()).toList();
        nodes.forEach(n -> cordon(n, true));
        try {
            Pod gone = appPods(pool).get(0);
            kube.pods().inNamespace("edge-apps").withName(gone.getMetadata().getName()).delete();
            await("a replacement", () -> appPods(pool).stream().anyMatch(p -> !p.getMetadata().getName().equals(gone.getMetadata().getName())
                    && !p.getMetadata().getName().equals(appPods(pool).get(0).getMetadata().getName()) || appPods(pool).size() == 2
                    && appPods(pool).stream().noneMatch(x -> x.getMetadata().getName().equals(gone.getMetadata().getName()))));
            sleep(600);
            Pod pending = appPods(pool).stream().filter(p -> p.getSpec().getNodeName() == null).findFirst().orElseThrow();
            assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
            cordon(nodes.get(nodes.size() - 1), false);
            await("the pending pod bound to the node made schedulable", () -> nodes.get(nodes.size() - 1).equals(
                    kube.pods().inNamespace("edge-apps").withName(pending.getMetadata().getName()).get().getSpec().getNodeName()));
            await(pool + " running", () -> running(pool, 2));
        } finally {
            nodes.forEach(n -> cordon(n, false));
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
