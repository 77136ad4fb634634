package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lab stores its objects with an index entry read straight from their JSON trees, not bound into the
 * Kubernetes model (the store's own way). Both must give the store the same key, or lists, label selectors
 * and watches would miss objects.
 */
class LabStoreIndexTest {
    private static final List<String> COLLECTIONS = List.of("/api/v1/nodes", "/api/v1/namespaces",
            "/api/v1/namespaces/default/events", "/apis/apps/v1/namespaces/kube-system/daemonsets",
            "/apis/apps/v1/namespaces/kube-system/deployments");

    @Test
    void indexFromTheTreeEqualsTheIndexFromTheBoundObjectForEverySeededObject() throws Exception {
        KubernetesAttributesExtractor extractor = new KubernetesAttributesExtractor();
        ObjectMapper json = new ObjectMapper();
        try (LabKube lab = new LabKube(LabWorld.load())) {
            lab.start();
            // the objects as the lab stored them (the store's lists hold the stored JSON as it is)
            List<ObjectNode> objects = new ArrayList<>();
            for (String key : lab.endpoints().keySet()) {
                for (String collection : COLLECTIONS) {
                    String list = lab.server(key).dispatcher().get(collection);
                    if (list != null) {
                        for (JsonNode item : json.readTree(list).path("items")) {
                            objects.add((ObjectNode) item);
                        }
                    }
                }
            }
            assertThat(objects).extracting(o -> o.path("kind").asText()).contains("Node", "Event", "DaemonSet", "Namespace");
            assertThat(objects).anyMatch(o -> o.path("metadata").path("labels").size() > 0)
                    .anyMatch(o -> o.path("metadata").has("namespace"));
            // a label whose value is null (not seeded, but valid JSON) indexes as the store's binding does
            ObjectNode nullLabel = objects.get(0).deepCopy();
            ((ObjectNode) nullLabel.path("metadata").path("labels")).putNull("hybridpane.dev/empty");
            objects.add(nullLabel);
            for (ObjectNode o : objects) {
                assertThat(extractor.extract(LabDispatcher.generic(o)))
                        .as("%s %s", o.path("kind").asText(), o.path("metadata").path("name").asText())
                        .isEqualTo(extractor.extract(Serialization.unmarshal(o.toString(), GenericKubernetesResource.class)));
            }
        }
    }
}
