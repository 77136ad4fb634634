package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabKubeTest {
    static LabKube lab;
    static final String RETAIL = "us-west-2/retail-edge";

    @BeforeAll
    static void start() {
        lab = new LabKube(LabWorld.load());
        lab.start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void servesEveryWorldClusterOnLoopback() {
        assertThat(lab.endpoints()).containsOnlyKeys(RETAIL, "us-west-2/payments", "eu-central-1/factory-floor",
                "eu-central-1/warehouse-edge", "us-west-2/staging-edge");
        assertThat(lab.endpoints().values()).allMatch(u -> u.startsWith("http://127.0.0.1:")).doesNotHaveDuplicates();
    }

    @Test
    void retailEdgeHasEightHybridAndThreeCloudNodes() {
        KubernetesClient c = lab.client(RETAIL);
        List<Node> hybrid = c.nodes().withLabel(NodeLabels.COMPUTE_TYPE, "hybrid").list().getItems();
        List<Node> all = c.nodes().list().getItems();
        assertThat(hybrid).hasSize(8);
        assertThat(all).hasSize(11);
        for (Node n : hybrid) {
            String name = n.getMetadata().getName();
            assertThat(n.getSpec().getProviderID()).isEqualTo("eks-hybrid:///us-west-2/retail-edge/" + name);
            assertThat(n.getMetadata().getLabels()).containsKeys(NodeLabels.POOL, NodeLabels.SITE, NodeLabels.ARCH)
                    .containsEntry(NodeLabels.HOSTNAME, name);
            String provider = n.getMetadata().getLabels().get(NodeLabels.CREDENTIAL_PROVIDER);
            if ("ssm".equals(provider)) {
                assertThat(name).matches("mi-[0-9a-f]{17}");
                assertThat(n.getStatus().getAddresses().get(0).getAddress()).startsWith("10.200.1.");
            } else {
                assertThat(provider).isEqualTo("iam-ra");
                assertThat(name).matches("store-pos-0[1-4]");
                assertThat(n.getStatus().getAddresses().get(0).getAddress()).startsWith("10.200.2.");
            }
            assertThat(n.getStatus().getConditions()).anyMatch(k -> k.getType().equals("Ready") && k.getStatus().equals("True")
                    && k.getReason().equals("KubeletReady"));
            assertThat(n.getStatus().getNodeInfo().getContainerRuntimeVersion()).startsWith("containerd://1.7.");
        }
        assertThat(all).filteredOn(n -> !n.getMetadata().getLabels().containsKey(NodeLabels.COMPUTE_TYPE))
                .hasSize(3).allSatisfy(n -> {
                    assertThat(n.getMetadata().getName()).matches("ip-10-100-\\d+-\\d+\\.us-west-2\\.compute\\.internal");
                    assertThat(n.getSpec().getProviderID()).matches("aws:///us-west-2[abc]/i-[0-9a-f]{17}");
                    assertThat(n.getMetadata().getLabels()).containsKeys("eks.amazonaws.com/nodegroup",
                            "node.kubernetes.io/instance-type", "topology.kubernetes.io/zone");
                });
    }

    @Test
    void ciliumHasHybridAffinityAndVpcCniAvoidsHybrid() {
        KubernetesClient c = lab.client(RETAIL);
        DaemonSet cilium = c.apps().daemonSets().inNamespace("kube-system").withName("cilium").get();
        DaemonSet awsNode = c.apps().daemonSets().inNamespace("kube-system").withName("aws-node").get();
        var ciliumExpr = cilium.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchExpressions().get(0);
        assertThat(ciliumExpr.getOperator()).isEqualTo("In");
        assertThat(ciliumExpr.getValues()).containsExactly("hybrid");
        var vpcExpr = awsNode.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchExpressions().get(0);
        assertThat(vpcExpr.getOperator()).isEqualTo("NotIn");
        assertThat(vpcExpr.getValues()).contains("hybrid", "auto");
        assertThat(lab.client("us-west-2/payments").apps().daemonSets().inNamespace("kube-system").withName("cilium").get()).isNull();
        assertThat(c.apps().deployments().inNamespace("kube-system").withName("cilium-operator").get()).isNotNull();
    }

    @Test
    void seedsNodeEventsIncludingWarnings() {
        var events = lab.client(RETAIL).v1().events().inNamespace("default").list().getItems();
        assertThat(events).allMatch(e -> e.getInvolvedObject().getKind().equals("Node"));
        assertThat(events).extracting(e -> e.getReason()).contains("Starting", "RegisteredNode", "NodeReady", "NodeNotReady");
        assertThat(events).anyMatch(e -> "Warning".equals(e.getType()));
    }

    @Test
    void discoveryDocumentsParse() throws Exception {
        String base = lab.endpoints().get(RETAIL);
        HttpClient http = HttpClient.newHttpClient();
        APIResourceList core = Serialization.unmarshal(get(http, base + "/api/v1?timeout=32s"), APIResourceList.class);
        assertThat(core.getResources()).extracting(r -> r.getName()).contains("nodes", "events", "namespaces", "pods", "configmaps", "services");
        assertThat(core.getResources()).filteredOn(r -> r.getName().equals("nodes")).allMatch(r -> r.getVerbs().contains("watch")
                && r.getKind().equals("Node") && !r.getNamespaced());
        APIGroupList groups = Serialization.unmarshal(get(http, base + "/apis"), APIGroupList.class);
        assertThat(groups.getGroups()).extracting(g -> g.getName()).contains("apps");
        APIResourceList apps = Serialization.unmarshal(get(http, base + "/apis/apps/v1"), APIResourceList.class);
        assertThat(apps.getResources()).extracting(r -> r.getName()).contains("daemonsets", "deployments");
        assertThat(get(http, base + "/version")).contains("\"gitVersion\":\"v1.31.7-eks-473151a\"");
    }

    @Test
    void writesAKubeconfigWithAContextPerCluster(@TempDir Path dir) throws Exception {
        Path f = lab.writeKubeconfig(dir.resolve("kubeconfig"));
        String text = Files.readString(f);
        // without an AWS account to check EKS tokens, only the admin token's contexts
        // kubectl sends credentials over TLS only: the kubeconfig names each server's TLS listener and its certificate
        assertThat(text).contains("name: \"retail-edge-static\"", "name: \"payments-static\"",
                "name: \"factory-floor-static\"", lab.tlsEndpoints().get(RETAIL), "certificate-authority-data: ")
                .doesNotContain("command: aws");
        var cfg = Config.fromKubeconfig("payments-static", f.toFile());
        assertThat(cfg.getMasterUrl()).startsWith(lab.tlsEndpoints().get("us-west-2/payments")).startsWith("https://");
        assertThat(lab.adminToken().equals(cfg.getAutoOAuthToken())).as("the context carries the lab's admin token").isTrue();
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .isEqualTo("rw-------");
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + lab.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
