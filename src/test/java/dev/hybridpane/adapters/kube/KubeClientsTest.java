package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

class KubeClientsTest {
    @Test
    void clientsShareOneSerializationThatPrepareHasWarmed() {
        KubeClients.prepare();
        try (KubernetesClient a = KubeClients.build(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build());
                KubernetesClient b = KubeClients.build(new ConfigBuilder().withMasterUrl("http://127.0.0.1:2").build())) {
            assertThat(a.getKubernetesSerialization()).isSameAs(b.getKubernetesSerialization());
            NodeList list = a.getKubernetesSerialization().unmarshal(
                    "{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"items\":[{\"metadata\":{\"name\":\"n1\"}}]}", NodeList.class);
            assertThat(list.getItems()).extracting(n -> n.getMetadata().getName()).containsExactly("n1");
        }
    }
}
