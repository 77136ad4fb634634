package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Custom resources exist only while their CRD is established, and their objects follow its schema. */
class LabCrdTest {
    static final String RETAIL = "us-west-2/retail-edge";
    static final String PAYMENTS = "us-west-2/payments";
    static final String FACTORY = "eu-central-1/factory-floor";
    static final String NOT_FOUND_BODY = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\",\"details\":{},\"code\":404}";
    static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder().withGroup("example.com")
            .withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true).build();
    static final ResourceDefinitionContext HOSTS = new ResourceDefinitionContext.Builder().withGroup("hybridpane.dev")
            .withVersion("v1alpha1").withKind("EdgeHost").withPlural("edgehosts").withNamespaced(true).build();
    static final HttpClient http = HttpClient.newHttpClient();
    static LabKube lab;

    @BeforeAll
    static void start() {
        lab = new LabKube(LabWorld.load());
        lab.start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static final String WIDGET_CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget, shortNames: [wd]}
              versions:
              - name: v1
                served: true
                storage: true
                subresources: {status: {}}
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        required: [size]
                        properties:
                          size: {type: integer}
                          ratio: {type: number}
                          enabled: {type: boolean}
                          color: {type: string, enum: [red, blue]}
                          tags: {type: array, items: {type: string}}
                          labels: {type: object, additionalProperties: {type: string}}
                      status:
                        type: object
                        properties:
                          phase: {type: string}
            """;

    static GenericKubernetesResource widget(String name, Map<String, Object> spec) {
        GenericKubernetesResource w = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
                .withNewMetadata().withName(name).withNamespace("default").endMetadata().build();
        w.setAdditionalProperty("spec", spec);
        return w;
    }

    static HttpResponse<String> send(String cluster, String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(lab.endpoints().get(cluster) + path))
                .header("Accept", "application/json").header("Authorization", "Bearer " + lab.adminToken());
        if (body != null) {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String s) throws Exception {
        return Serialization.jsonMapper().readTree(s);
    }

    @Test
    void aKindIsServedOnlyWhileItsCrdIsEstablished() throws Exception {
        KubernetesClient c = lab.client(PAYMENTS);
        // before: 404 with the API server's Status, and discovery does not know the group
        HttpResponse<String> before = send(PAYMENTS, "GET", "/apis/example.com/v1/namespaces/default/widgets", null, null);
        assertThat(before.statusCode()).isEqualTo(404);
        assertThat(before.body()).isEqualTo(NOT_FOUND_BODY);
        assertThat(send(PAYMENTS, "GET", "/apis/example.com/v1", null, null).statusCode()).isEqualTo(404);
        assertThat(send(PAYMENTS, "GET", "/apis/example.com", null, null).statusCode()).isEqualTo(404);
        assertThat(send(PAYMENTS, "GET", "/apis", null, null).body()).doesNotContain("example.com");
        assertThatThrownBy(() -> c.genericKubernetesResources(WIDGETS).inNamespace("default").resource(widget("w0", Map.of("size", 1))).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getStatus().getReason()).isEqualTo("NotFound");
                    assertThat(e.getStatus().getMessage()).isEqualTo("the server could not find the requested resource");
                });

        // the CRD: established at once, with its accepted names
        CustomResourceDefinition crd = c.apiextensions().v1().customResourceDefinitions()
                .load(new java.io.ByteArrayInputStream(WIDGET_CRD.getBytes())).item();
        c.resource(crd).create();
        CustomResourceDefinition established = c.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com")
                .waitUntilCondition(d -> d.getStatus() != null && d.getStatus().getConditions().stream()
                        .anyMatch(k -> k.getType().equals("Established") && k.getStatus().equals("True")), 5, TimeUnit.SECONDS);
        assertThat(established.getStatus().getConditions()).extracting(k -> k.getType() + "=" + k.getStatus())
                .containsExactly("NamesAccepted=True", "Established=True");
        assertThat(established.getStatus().getAcceptedNames().getKind()).isEqualTo("Widget");
        assertThat(established.getStatus().getAcceptedNames().getShortNames()).containsExactly("wd");
        assertThat(established.getStatus().getStoredVersions()).containsExactly("v1");

        // served: discovery lists it (with its status subresource), CRUD works
        assertThat(json(send(PAYMENTS, "GET", "/apis", null, null).body()).findValuesAsText("name")).contains("example.com");
        JsonNode resources = json(send(PAYMENTS, "GET", "/apis/example.com/v1", null, null).body()).path("resources");
        assertThat(resources.findValuesAsText("name")).containsExactly("widgets", "widgets/status");
        assertThat(json(send(PAYMENTS, "GET", "/apis/example.com", null, null).body()).path("preferredVersion").path("version").asText())
                .isEqualTo("v1");
        var widgets = c.genericKubernetesResources(WIDGETS).inNamespace("default");
        widgets.resource(widget("w1", Map.of("size", 3, "color", "red"))).create();
        assertThat(widgets.withName("w1").get().getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 3, "color", "red"));
        widgets.withName("w1").edit(w -> {
            w.setAdditionalProperty("spec", Map.of("size", 4, "color", "blue"));
            return w;
        });
        assertThat(widgets.list().getItems()).hasSize(1);
        // a missing object of a served kind is named in its 404 (unlike a kind that is not served)
        HttpResponse<String> missing = send(PAYMENTS, "GET", "/apis/example.com/v1/namespaces/default/widgets/nope", null, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"widgets.example.com \\\"nope\\\" not found\",\"reason\":\"NotFound\",\"details\":{\"name\":\"nope\","
                + "\"group\":\"example.com\",\"kind\":\"widgets\"},\"code\":404}");
        assertThat(((Map<?, ?>) widgets.withName("w1").get().getAdditionalProperties().get("spec")).get("size")).isEqualTo(4);

        // deleted: 404 again, gone from discovery, and its objects went with it
        c.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com").delete();
        c.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com").waitUntilCondition(d -> d == null, 5, TimeUnit.SECONDS);
        assertThat(send(PAYMENTS, "GET", "/apis/example.com/v1/namespaces/default/widgets/w1", null, null).body()).isEqualTo(NOT_FOUND_BODY);
        assertThat(send(PAYMENTS, "GET", "/apis", null, null).body()).doesNotContain("example.com");
        assertThat(send(PAYMENTS, "GET", "/apis/example.com/v1", null, null).statusCode()).isEqualTo(404);
        c.resource(crd).create();
        assertThat(widgets.list().getItems()).as("a new CRD of the same name starts empty").isEmpty();
        c.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com").delete();
    }

    @Test
    void objectsAreCheckedAgainstTheSchema() throws Exception {
        String cluster = FACTORY;
        KubernetesClient c = lab.client(cluster);
        c.resource(c.apiextensions().v1().customResourceDefinitions().load(new java.io.ByteArrayInputStream(WIDGET_CRD.getBytes())).item())
                .create();
        var widgets = c.genericKubernetesResources(WIDGETS).inNamespace("default");

        // required
        assertThatThrownBy(() -> widgets.resource(widget("w1", Map.of("color", "red"))).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.getStatus().getMessage()).isEqualTo("Widget.example.com \"w1\" is invalid: spec.size: Required value");
                    assertThat(e.getStatus().getDetails().getName()).isEqualTo("w1");
                    assertThat(e.getStatus().getDetails().getGroup()).isEqualTo("example.com");
                    assertThat(e.getStatus().getDetails().getKind()).isEqualTo("Widget");
                    assertThat(e.getStatus().getDetails().getCauses()).singleElement().satisfies(k -> {
                        assertThat(k.getReason()).isEqualTo("FieldValueRequired");
                        assertThat(k.getField()).isEqualTo("spec.size");
                        assertThat(k.getMessage()).isEqualTo("Required value");
                    });
                });
        // types and enum, reported together
        HttpResponse<String> bad = send(cluster, "POST", "/apis/example.com/v1/namespaces/default/widgets",
                "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w2\"},"
                        + "\"spec\":{\"size\":\"big\",\"ratio\":\"x\",\"enabled\":\"yes\",\"color\":\"green\",\"tags\":[\"a\",3],"
                        + "\"labels\":{\"k\":1}}}", "application/json");
        assertThat(bad.statusCode()).isEqualTo(422);
        JsonNode s = json(bad.body());
        assertThat(s.path("kind").asText()).isEqualTo("Status");
        assertThat(s.path("code").asInt()).isEqualTo(422);
        assertThat(s.path("details").path("causes").findValuesAsText("field"))
                .containsExactlyInAnyOrder("spec.size", "spec.ratio", "spec.enabled", "spec.color", "spec.tags[1]", "spec.labels.k");
        assertThat(s.path("details").path("causes").findValuesAsText("reason")).containsExactlyInAnyOrder("FieldValueTypeInvalid",
                "FieldValueTypeInvalid", "FieldValueTypeInvalid", "FieldValueNotSupported", "FieldValueTypeInvalid", "FieldValueTypeInvalid");
        assertThat(s.path("message").asText()).startsWith("Widget.example.com \"w2\" is invalid: [")
                .contains("spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\"")
                .contains("spec.color: Unsupported value: \"green\": supported values: \"red\", \"blue\"");
        assertThat(widgets.withName("w2").get()).as("nothing stored").isNull();

        // unknown fields: pruned (with a warning), or refused under fieldValidation=Strict
        String unknown = "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w3\"},"
                + "\"spec\":{\"size\":1,\"shape\":\"round\"},\"extra\":true}";
        HttpResponse<String> strict = send(cluster, "POST", "/apis/example.com/v1/namespaces/default/widgets?fieldValidation=Strict",
                unknown, "application/json");
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(json(strict.body()).path("reason").asText()).isEqualTo("BadRequest");
        assertThat(json(strict.body()).path("message").asText()).isEqualTo("Widget in version \"v1\" cannot be handled as a Widget: "
                + "strict decoding error: unknown field \"extra\", unknown field \"spec.shape\"");
        HttpResponse<String> pruned = send(cluster, "POST", "/apis/example.com/v1/namespaces/default/widgets", unknown, "application/json");
        assertThat(pruned.statusCode()).isEqualTo(201);
        assertThat(pruned.headers().allValues("Warning")).contains("299 - \"unknown field \\\"spec.shape\\\"\"");
        GenericKubernetesResource w3 = widgets.withName("w3").get();
        assertThat(w3.getAdditionalProperties()).doesNotContainKey("extra");
        assertThat(w3.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 1));

        // updates and patches are checked too
        assertThatThrownBy(() -> widgets.withName("w3").edit(w -> {
            w.setAdditionalProperty("spec", Map.of("size", 2, "color", "pink"));
            return w;
        })).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
        HttpResponse<String> patch = send(cluster, "PATCH", "/apis/example.com/v1/namespaces/default/widgets/w3",
                "{\"spec\":{\"size\":null}}", "application/merge-patch+json");
        assertThat(patch.statusCode()).isEqualTo(422);
        assertThat(json(patch.body()).path("message").asText()).isEqualTo("Widget.example.com \"w3\" is invalid: spec.size: Required value");
        HttpResponse<String> good = send(cluster, "PATCH", "/apis/example.com/v1/namespaces/default/widgets/w3",
                "[{\"op\":\"replace\",\"path\":\"/spec/size\",\"value\":7}]", "application/json-patch+json");
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(((Map<?, ?>) widgets.withName("w3").get().getAdditionalProperties().get("spec")).get("size")).isEqualTo(7);
        c.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com").delete();
    }

    @Test
    void theStatusSubresourceSeparatesSpecAndStatus() throws Exception {
        KubernetesClient c = lab.client(RETAIL);
        var hosts = c.genericKubernetesResources(HOSTS).inNamespace("hybridpane-system");
        GenericKubernetesResource h = new GenericKubernetesResourceBuilder().withApiVersion("hybridpane.dev/v1alpha1")
                .withKind("EdgeHost").withNewMetadata().withName("status-h1").withNamespace("hybridpane-system").endMetadata().build();
        h.setAdditionalProperty("spec", Map.of("address", "10.0.0.1"));
        h.setAdditionalProperty("status", Map.of("phase", "Ready"));
        GenericKubernetesResource created = hosts.resource(h).create();
        assertThat(created.getAdditionalProperties()).as("a create drops .status").doesNotContainKey("status");

        GenericKubernetesResource s = hosts.withName("status-h1").get();
        s.setAdditionalProperty("status", Map.of("phase", "Ready"));
        s.setAdditionalProperty("spec", Map.of("address", "10.9.9.9"));
        hosts.resource(s).updateStatus();
        GenericKubernetesResource afterStatus = hosts.withName("status-h1").get();
        assertThat(afterStatus.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Ready"));
        assertThat(afterStatus.getAdditionalProperties().get("spec")).as("/status changes only .status")
                .isEqualTo(Map.of("address", "10.0.0.1"));

        afterStatus.setAdditionalProperty("status", Map.of("phase", "Lost"));
        afterStatus.setAdditionalProperty("spec", Map.of("address", "10.0.0.2"));
        hosts.resource(afterStatus).update();
        GenericKubernetesResource afterUpdate = hosts.withName("status-h1").get();
        assertThat(afterUpdate.getAdditionalProperties().get("spec")).isEqualTo(Map.of("address", "10.0.0.2"));
        assertThat(afterUpdate.getAdditionalProperties().get("status")).as("the main resource ignores .status")
                .isEqualTo(Map.of("phase", "Ready"));

        HttpResponse<String> patch = send(RETAIL, "PATCH", "/apis/hybridpane.dev/v1alpha1/namespaces/hybridpane-system/edgehosts/status-h1",
                "{\"spec\":{\"address\":\"10.0.0.3\"},\"status\":{\"phase\":\"Gone\"}}", "application/merge-patch+json");
        assertThat(patch.statusCode()).isEqualTo(200);
        GenericKubernetesResource afterPatch = hosts.withName("status-h1").get();
        assertThat(afterPatch.getAdditionalProperties().get("spec")).isEqualTo(Map.of("address", "10.0.0.3"));
        assertThat(afterPatch.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Ready"));
        hosts.withName("status-h1").delete();
    }

    @Test
    void theHybridClusterStartsImportedAndTheOthersDoNot() throws Exception {
        KubernetesClient retail = lab.client(RETAIL);
        List<String> names = retail.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                .map(d -> d.getMetadata().getName()).toList();
        // HybridPane's four, and Cilium's CiliumNode (retail-edge runs Cilium: LabCiliumIpamTest)
        assertThat(names).containsExactlyInAnyOrder("clusterprofiles.hybridpane.dev", "sites.hybridpane.dev",
                "edgehosts.hybridpane.dev", "hybridnodepools.hybridpane.dev", "ciliumnodes.cilium.io");
        assertThat(retail.namespaces().withName("hybridpane-system").get()).isNotNull();
        assertThat(retail.rbac().clusterRoles().withName("hybridpane-admin").get()).isNotNull();
        assertThat(retail.rbac().clusterRoleBindings().withName("hybridpane-viewer").get()).isNotNull();
        JsonNode group = json(send(RETAIL, "GET", "/apis/hybridpane.dev/v1alpha1", null, null).body());
        assertThat(group.path("resources").findValuesAsText("name")).containsExactly("clusterprofiles", "clusterprofiles/status",
                "sites", "sites/status", "edgehosts", "edgehosts/status", "hybridnodepools", "hybridnodepools/status");
        assertThat(retail.genericKubernetesResources(HOSTS).inNamespace("hybridpane-system").list().getItems()).isEmpty();

        for (String other : List.of(PAYMENTS, FACTORY)) {
            assertThat(lab.client(other).apiextensions().v1().customResourceDefinitions().withName("edgehosts.hybridpane.dev").get())
                    .as(other).isNull();
            assertThat(lab.client(other).namespaces().withName("hybridpane-system").get()).as(other).isNull();
            assertThat(send(other, "GET", "/apis", null, null).body()).as(other).doesNotContain("hybridpane.dev");
            HttpResponse<String> r = send(other, "GET", "/apis/hybridpane.dev/v1alpha1/namespaces/hybridpane-system/edgehosts", null, null);
            assertThat(r.statusCode()).as(other).isEqualTo(404);
            assertThat(r.body()).isEqualTo(NOT_FOUND_BODY);
        }
    }

    @Test
    void aCrdMustBeNamedAfterItsPluralAndGroup() throws Exception {
        HttpResponse<String> r = send(FACTORY, "POST", LabCrds.CRDS, Serialization.jsonMapper().writeValueAsString(
                Serialization.yamlMapper().readTree(WIDGET_CRD.replace("name: widgets.example.com", "name: gadgets.example.com"))),
                "application/json");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r.body()).path("message").asText()).isEqualTo("CustomResourceDefinition.apiextensions.k8s.io \"gadgets.example.com\" "
                + "is invalid: metadata.name: Invalid value: \"gadgets.example.com\": must be spec.names.plural+\".\"+spec.group");
        assertThat(lab.client(FACTORY).apiextensions().v1().customResourceDefinitions().withName("gadgets.example.com").get()).isNull();
    }
}
