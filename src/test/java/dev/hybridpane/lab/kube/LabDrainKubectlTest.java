package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kubectl drain NODE --ignore-daemonsets --delete-emptydir-data} against a lab API server: it cordons (a
 * strategic merge patch), lists the node's pods (a typed PodList with a spec.nodeName field selector), skips the
 * DaemonSet pods, evicts through the Eviction API, retries the 429 of the pool's budget every 5 s, and ends drained
 * once the ReplicaSet's replacement runs elsewhere.
 */
class LabDrainKubectlTest {
    static LabKube lab;
    static KubernetesClient kube;
    @TempDir
    static Path dir;
    static Path kubeconfig;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(LabKubectlTest.KUBECTL), "kubectl is not installed at /usr/bin/kubectl");
        lab = new LabKube(LabWorld.load());
        lab.start();
        kubeconfig = lab.writeKubeconfig(dir.resolve("kubeconfig"));
        kube = lab.client(LabKubeTablesTest.RETAIL);
        lab.server(LabKubeTablesTest.RETAIL).workloads().setDelays(Duration.ofMillis(100), Duration.ofMillis(100));
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
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited in vain").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void kubectlDrainRespectsThePoolsBudget() throws Exception {
        await(LabDrainKubectlTest::running);
        List<String> nodes = kube.nodes().withLabel("hybridpane.dev/pool", "store-pos").list().getItems().stream()
                .map(n -> n.getMetadata().getName()).sorted().toList();
        String node = nodes.get(0);
        // both pods on one node
        for (String n : nodes.subList(1, nodes.size())) {
            kubectl("cordon", n);
        }
        kubectl("delete", "pods", "-n", "edge-apps", "-l", "app=store-pos-app", "--wait=false");
        await(() -> running() && pods().stream().allMatch(p -> node.equals(p.getSpec().getNodeName())));
        for (String n : nodes.subList(1, nodes.size())) {
            kubectl("uncordon", n);
        }
        await(() -> kube.policy().v1().podDisruptionBudget().inNamespace("edge-apps").withName("store-pos-app").get()
                .getStatus().getDisruptionsAllowed() == 1);

        String out = String.join("\n", kubectl("drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=60s"));

        assertThat(out).contains("node/" + node + " cordoned", "Warning: ignoring DaemonSet-managed Pods: kube-system/",
                "evicting pod edge-apps/store-pos-app-", "(will retry after 5s): Cannot evict pod as it would violate the pod's "
                        + "disruption budget.", "node/" + node + " drained");
        assertThat(kube.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
        await(LabDrainKubectlTest::running);
        assertThat(pods()).noneMatch(p -> node.equals(p.getSpec().getNodeName()));
        // the DaemonSet pods stay
        assertThat(kube.pods().inNamespace("kube-system").withField("spec.nodeName", node).list().getItems()).hasSize(2);
    }

    private static List<String> kubectl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LabKubectlTest.KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(),
                "--context", "retail-edge" + LabKube.STATIC_SUFFIX));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text.lines().filter(l -> !l.isBlank()).toList();
    }
}
