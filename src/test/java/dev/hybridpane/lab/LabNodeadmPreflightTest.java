package dev.hybridpane.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.lab.edge.LabEdgeHosts.HostCommandResult;
import dev.hybridpane.lab.edge.LabHostFleet;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nodeadm upgrade and uninstall on a lab host refuse, with nodeadm's own messages, a node that still runs a pod no
 * DaemonSet controls and a node that is schedulable; after a cordon and the evictions they go through. An upgrade keeps
 * the node's name and changes its kubelet version; an uninstall followed by the Node's deletion leaves no pod bound to it.
 */
class LabNodeadmPreflightTest {
    static final String CLUSTER = "us-west-2/retail-edge";
    static final String CFG = "file:///etc/hybridpane/nodeconfig.yaml";
    static final String PODS = "only static pods and pods controlled by daemon-sets can be running on the node. Please move "
            + "pods to different node or use --skip pod-validation";
    static final String SCHEDULABLE = "please drain or cordon node to mark it unschedulable or use --skip node-validation: "
            + "node is schedulable";
    static Lab lab;
    static KubernetesClient kube;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabWorld.load(), null);
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder(lab.kube().client(CLUSTER).getConfiguration())
                .withRequestRetryBackoffLimit(0).build()).build();
        lab.kube().server(CLUSTER).workloads().setDelays(Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @AfterAll
    static void stop() {
        kube.close();
        lab.close();
    }

    static HostCommandResult run(String host, String command) {
        return lab.hostFleet().execNow(host, command, null);
    }

    /** The error of nodeadm's "Command failed" line. */
    static String fatal(HostCommandResult r) {
        assertThat(r.exit()).as(r.stderr()).isEqualTo(1);
        Matcher m = Pattern.compile("\"msg\":\"Command failed\",\"error\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(r.stderr());
        assertThat(m.find()).as(r.stderr()).isTrue();
        return m.group(1);
    }

    static String nodeOf(String host) {
        Matcher m = Pattern.compile("\"ManagedInstanceID\"\\s*:\\s*\"([^\"]+)\"").matcher(run(host,
                "sudo -n cat /var/lib/amazon/ssm/registration").stdout());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static List<Pod> appPodsOn(String node) {
        return kube.pods().inNamespace("edge-apps").withField("spec.nodeName", node).list().getItems();
    }

    static void cordon(String node) {
        for (int attempt = 0; ; attempt++) {
            try {
                kube.nodes().withName(node).edit(n -> {
                    n.getSpec().setUnschedulable(true);
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

    /** A drain: evict every pod of the node but the DaemonSets', retrying a 429 as kubectl does. */
    static void drain(String node) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (List<Pod> left = appPodsOn(node); !left.isEmpty(); left = appPodsOn(node)) {
            assertThat(System.nanoTime()).as("drained in time").isLessThan(deadline);
            for (Pod p : left) {
                kube.pods().inNamespace("edge-apps").withName(p.getMetadata().getName()).evict(new EvictionBuilder()
                        .withNewMetadata().withName(p.getMetadata().getName()).withNamespace("edge-apps").endMetadata().build());
            }
            Thread.sleep(200);
        }
    }

    static String hostWithAppPod() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            for (String h : List.of("dallas-18", "dallas-19", "dallas-20", "dallas-21")) {
                if (appPodsOn(nodeOf(h)).stream().anyMatch(p -> "Running".equals(p.getStatus().getPhase()))) {
                    return h;
                }
            }
            assertThat(System.nanoTime()).as("an app pod running on a dallas-gpu node").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void upgradeRefusesUntilTheNodeIsCordonedAndDrainedThenKeepsTheNameAndChangesTheKubelet() throws Exception {
        String host = hostWithAppPod();
        String node = nodeOf(host);
        String upgrade = "sudo -n nodeadm upgrade 1.30 -c " + CFG;
        // a ReplicaSet's pod on a schedulable node: the pod validation speaks first
        assertThat(fatal(run(host, upgrade))).isEqualTo(PODS);
        assertThat(fatal(run(host, upgrade + " --skip pod-validation"))).isEqualTo(SCHEDULABLE);
        assertThat(run(host, "systemctl is-active kubelet").stdout().strip()).as("refused before touching the kubelet").isEqualTo("active");
        cordon(node);
        assertThat(fatal(run(host, upgrade))).as("cordoned, not drained").isEqualTo(PODS);
        drain(node);
        Node before = kube.nodes().withName(node).get();
        HostCommandResult down = run(host, upgrade);
        assertThat(down.exit()).as(down.stderr()).isZero();
        assertThat(kube.nodes().withName(node).get().getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.30.10-eks-5e0fdde");
        HostCommandResult up = run(host, "sudo -n nodeadm upgrade 1.31 -c " + CFG);
        assertThat(up.exit()).as(up.stderr()).isZero();
        Node after = kube.nodes().withName(node).get();
        assertThat(after.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.31.7-eks-473151a");
        assertThat(nodeOf(host)).as("SSM not registered again: the node keeps its name").isEqualTo(node);
        assertThat(after.getSpec().getUnschedulable()).as("nodeadm does not uncordon").isTrue();
        assertThat(after.getMetadata().getUid()).as("the same Node object").isEqualTo(before.getMetadata().getUid());
    }

    @Test
    void uninstallRefusesASchedulableNodeAndAfterItAndTheNodesDeletionNoPodIsBoundThere() throws Exception {
        String host = "dallas-21";
        String node = nodeOf(host);
        long settle = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (kube.pods().inNamespace("kube-system").withField("spec.nodeName", node).list().getItems().size() < 2) {
            assertThat(System.nanoTime()).as("the node's DaemonSet pods").isLessThan(settle);
            Thread.sleep(100);
        }
        // the other tests drain nodes, so app pods may land here until it is cordoned: the node check is asked alone
        assertThat(fatal(run(host, "sudo -n nodeadm uninstall --skip pod-validation"))).isEqualTo(SCHEDULABLE);
        cordon(node);
        if (!appPodsOn(node).isEmpty()) {
            assertThat(fatal(run(host, "sudo -n nodeadm uninstall"))).isEqualTo(PODS);
        }
        drain(node);
        HostCommandResult un = run(host, "sudo -n nodeadm uninstall");
        assertThat(un.exit()).as(un.stderr()).isZero();
        assertThat(kube.pods().inNamespace("kube-system").withField("spec.nodeName", node).list().getItems())
                .as("the DaemonSet pods stay while the Node does").hasSize(2);
        kube.nodes().withName(node).delete();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!kube.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems().isEmpty()) {
            assertThat(System.nanoTime()).as("the pods of the deleted Node gone").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aHostThatCrashesMidUpgradeIsUpgradedByARerun() {
        String host = "dallas-20";
        String node = nodeOf(host);
        lab.hostFleet().injectUpgradeFault(host, LabHostFleet.UpgradeFault.CRASH_MID_UPGRADE);
        String upgrade = "sudo -n nodeadm upgrade 1.30 -c " + CFG + " --skip pod-validation,node-validation";
        assertThat(run(host, upgrade).exit()).as("the connection dropped").isEqualTo(-1);
        assertThat(run(host, "systemctl is-active kubelet").stdout().strip()).isEqualTo("inactive");
        HostCommandResult again = run(host, upgrade);
        assertThat(again.exit()).as(again.stderr()).isZero();
        assertThat(run(host, "systemctl is-active kubelet").stdout().strip()).isEqualTo("active");
        assertThat(kube.nodes().withName(node).get().getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.30.10-eks-5e0fdde");
        assertThat(nodeOf(host)).isEqualTo(node);
    }
}
