package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server-side printing: what kubectl asks for (Accept: ...as=Table...) and what it gets back. */
class LabKubeTablesTest {
    /** The Accept header kubectl 1.2x/1.3x sends for {@code kubectl get}. */
    static final String KUBECTL_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    static final String RETAIL = "us-west-2/retail-edge";
    static LabKube lab;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static String notReadyNode;

    @BeforeAll
    static void start() {
        lab = new LabKube(LabWorld.load());
        lab.start();
        base = lab.endpoints().get(RETAIL);
        KubernetesClient c = lab.client(RETAIL);
        Node n = c.nodes().withLabel(NodeLabels.COMPUTE_TYPE, "hybrid").list().getItems().get(0);
        notReadyNode = n.getMetadata().getName();
        c.nodes().withName(notReadyNode).editStatus(x -> {
            x.getStatus().getConditions().removeIf(k -> k.getType().equals("Ready"));
            x.getStatus().getConditions().add(Serialization.jsonMapper().convertValue(LabNodeFactory.notReady(Instant.now(), Instant.now()),
                    NodeCondition.class));
            return x;
        });
        installCrdsAndAHost(c);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void nodesAsATableWithWideColumnsAtPriorityOne() throws Exception {
        JsonNode t = table("/api/v1/nodes?limit=500");
        assertThat(t.path("kind").asText()).isEqualTo("Table");
        assertThat(t.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(columns(t, 0)).containsExactly("Name", "Status", "Roles", "Age", "Version");
        assertThat(columns(t, 1)).containsExactly("Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime");
        assertThat(t.path("rows")).hasSize(11);
        JsonNode down = row(t, notReadyNode);
        assertThat(down.path("cells").get(1).asText()).isEqualTo("NotReady");
        assertThat(down.path("cells").get(2).asText()).isEqualTo("<none>");
        assertThat(down.path("cells").get(3).asText()).matches("5\\dm");
        assertThat(down.path("cells").get(4).asText()).startsWith("v1.");
        assertThat(down.path("cells").get(5).asText()).matches("10\\.200\\.\\d+\\.\\d+");
        assertThat(down.path("cells").get(6).asText()).isEqualTo("<none>");
        assertThat(down.path("cells").get(9).asText()).isEqualTo("containerd://1.7.27");
        assertThat(down.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(down.path("object").path("metadata").path("uid").asText()).isNotEmpty();
        assertThat(down.path("object").has("status")).isFalse();
        List<String> statuses = new ArrayList<>();
        t.path("rows").forEach(r -> statuses.add(r.path("cells").get(1).asText()));
        assertThat(statuses).containsOnly("Ready", "NotReady").containsOnlyOnce("NotReady");
    }

    @Test
    void labelSelectorsAndIncludeObjectAreHonoured() throws Exception {
        String selector = URLEncoder.encode(NodeLabels.COMPUTE_TYPE + "=hybrid", StandardCharsets.UTF_8);
        JsonNode t = table("/api/v1/nodes?labelSelector=" + selector + "&includeObject=Object");
        assertThat(t.path("rows")).hasSize(8);
        assertThat(t.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("Node");
        assertThat(t.path("rows").get(0).path("object").path("status").path("nodeInfo").isObject()).isTrue();
        JsonNode none = table("/api/v1/nodes?includeObject=None");
        assertThat(none.path("rows").get(0).has("object")).isFalse();
    }

    @Test
    void daemonSetsInANamespace() throws Exception {
        JsonNode t = table("/apis/apps/v1/namespaces/kube-system/daemonsets?limit=500");
        assertThat(columns(t, 0)).containsExactly("Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age");
        JsonNode cilium = row(t, "cilium");
        assertThat(cilium.path("cells").get(1).asLong()).isEqualTo(8);
        assertThat(cilium.path("cells").get(3).asLong()).isEqualTo(8);
        assertThat(cilium.path("cells").get(6).asText()).isEqualTo("<none>");
        assertThat(cilium.path("cells").get(7).asText()).isEqualTo("41d");
        assertThat(table("/apis/apps/v1/namespaces/default/daemonsets").path("rows")).isEmpty();
    }

    @Test
    void eventsAcrossNamespaces() throws Exception {
        JsonNode t = table("/api/v1/events?limit=500");
        assertThat(columns(t, 0)).containsExactly("Last Seen", "Type", "Reason", "Object", "Message");
        assertThat(t.path("rows").size()).isGreaterThan(8);
        JsonNode first = t.path("rows").get(0);
        assertThat(first.path("cells").get(3).asText()).startsWith("node/");
        assertThat(first.path("object").path("metadata").path("namespace").asText()).isEqualTo("default");
        List<String> reasons = new ArrayList<>();
        t.path("rows").forEach(r -> reasons.add(r.path("cells").get(2).asText()));
        assertThat(reasons).contains("NodeNotReady", "RegisteredNode");
    }

    @Test
    void customResourcesUseTheirPrinterColumns() throws Exception {
        JsonNode t = table("/apis/hybridpane.dev/v1alpha1/namespaces/hybridpane-system/edgehosts");
        assertThat(columns(t, 0)).containsExactly("Name", "ADDRESS", "SITE", "OS", "ARCH", "STATUS", "POOL", "LAST-SEEN", "AGE");
        JsonNode host = row(t, "store-pos-09");
        List<String> cells = new ArrayList<>();
        host.path("cells").forEach(c -> cells.add(c.isNull() ? null : c.asText()));
        assertThat(cells).containsExactly("store-pos-09", "10.200.2.19", "store-214", "Ubuntu 22.04.5 LTS", "amd64", "Ready", null, null, cells.get(8));
        assertThat(cells.get(8)).matches("\\d+s");
        assertThat(t.path("columnDefinitions").get(8).path("type").asText()).isEqualTo("date");
    }

    @Test
    void everythingElseStaysPlainJson() throws Exception {
        JsonNode deployments = table("/apis/apps/v1/namespaces/kube-system/deployments");
        assertThat(deployments.path("kind").asText()).isNotEqualTo("Table");
        assertThat(deployments.path("items")).isNotEmpty();
        assertThat(deployments.has("columnDefinitions")).isFalse();
        JsonNode withoutAccept = Serialization.jsonMapper().readTree(get("/api/v1/nodes", "application/json"));
        assertThat(withoutAccept.path("kind").asText()).isNotEqualTo("Table");
        assertThat(withoutAccept.path("items")).hasSize(11);
    }

    @Test
    void humanDurationsMatchKubectl() {
        assertThat(LabPrinters.humanDuration(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(LabPrinters.humanDuration(Duration.ofSeconds(5 * 60 + 7))).isEqualTo("5m7s");
        assertThat(LabPrinters.humanDuration(Duration.ofMinutes(50))).isEqualTo("50m");
        assertThat(LabPrinters.humanDuration(Duration.ofMinutes(4 * 60 + 30))).isEqualTo("4h30m");
        assertThat(LabPrinters.humanDuration(Duration.ofDays(3).plusHours(2))).isEqualTo("3d2h");
        assertThat(LabPrinters.humanDuration(Duration.ofDays(41))).isEqualTo("41d");
    }

    /**
     * The CRDs of the console's manifest and the namespace (re-applied as an import does: retail-edge starts
     * imported), and one EdgeHost with a status.
     */
    static void installCrdsAndAHost(KubernetesClient c) {
        try (InputStream in = LabKubeTablesTest.class.getResourceAsStream("/dev/hybridpane/manifest/hybridpane-system.yaml")) {
            for (HasMetadata o : c.load(in).items()) {
                if (o instanceof CustomResourceDefinition || o.getKind().equals("Namespace")) {
                    c.resource(o).createOr(NonDeletingOperation::update);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GenericKubernetesResource host = new GenericKubernetesResource();
        host.setApiVersion("hybridpane.dev/v1alpha1");
        host.setKind("EdgeHost");
        host.setMetadata(new ObjectMetaBuilder().withName("store-pos-09")
                .withNamespace("hybridpane-system").build());
        host.setAdditionalProperty("spec", Map.of("address", "10.200.2.19", "site", "store-214"));
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup("hybridpane.dev")
                .withVersion("v1alpha1").withPlural("edgehosts").withKind("EdgeHost").withNamespaced(true).build();
        var hosts = c.genericKubernetesResources(ctx).inNamespace("hybridpane-system");
        hosts.resource(host).create();
        // the CRD has a status subresource: a create drops the status, as on a real server
        hosts.withName("store-pos-09").editStatus(h -> {
            h.setAdditionalProperty("status", Map.of("os", "Ubuntu 22.04.5 LTS", "arch", "amd64", "phase", "Ready"));
            return h;
        });
    }

    static JsonNode table(String path) throws Exception {
        return Serialization.jsonMapper().readTree(get(path, KUBECTL_ACCEPT));
    }

    static String get(String path, String accept) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept)
                        .header("Authorization", "Bearer " + lab.adminToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    static List<String> columns(JsonNode table, int priority) {
        List<String> out = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> {
            if (c.path("priority").asInt() == priority) {
                out.add(c.path("name").asText());
            }
        });
        return out;
    }

    static JsonNode row(JsonNode table, String name) {
        for (JsonNode r : table.path("rows")) {
            if (name.equals(r.path("object").path("metadata").path("name").asText())) {
                return r;
            }
        }
        throw new AssertionError("no row " + name + " in " + table);
    }
}
