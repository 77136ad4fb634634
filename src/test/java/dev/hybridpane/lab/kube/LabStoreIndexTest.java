package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
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
    @Test
    void indexFromTheTreeEqualsTheIndexFromTheBoundObjectForEverySeededKind() {
        KubernetesAttributesExtractor extractor = new KubernetesAttributesExtractor();
        try (LabKube lab = new LabKube(LabWorld.load())) {
            lab.start();
            List<HasMetadata> objects = new ArrayList<>();
            for (String key : lab.endpoints().keySet()) {
                KubernetesClient c = lab.client(key);
                objects.addAll(c.nodes().list().getItems());
                objects.addAll(c.v1().events().inAnyNamespace().list().getItems());
                objects.addAll(c.apps().daemonSets().inAnyNamespace().list().getItems());
                objects.addAll(c.apps().deployments().inAnyNamespace().list().getItems());
                objects.addAll(c.namespaces().list().getItems());
            }
            assertThat(objects).extracting(HasMetadata::getKind).contains("Node", "Event", "DaemonSet", "Namespace");
            assertThat(objects).anyMatch(o -> o.getMetadata().getLabels() != null && !o.getMetadata().getLabels().isEmpty())
                    .anyMatch(o -> o.getMetadata().getNamespace() != null);
            for (HasMetadata o : objects) {
                String json = Serialization.asJson(o);
                ObjectNode tree = (ObjectNode) Serialization.jsonMapper().valueToTree(o);
                assertThat(extractor.extract(LabDispatcher.generic(tree)))
                        .as("%s %s/%s", o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName())
                        .isEqualTo(extractor.extract(Serialization.unmarshal(json, GenericKubernetesResource.class)));
            }
        }
    }
}
