package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ClusterAccess;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.StandardHttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpClientBuilder;
import javax.net.ssl.SSLContext;
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

    @Test
    void watchEventsOfTheWatchedKindsAreReadAsTheirTypes() {
        try (KubernetesClient c = KubeClients.build(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build())) {
            var serialization = c.getKubernetesSerialization();
            WatchEvent node = serialization.unmarshal("{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\"v1\","
                    + "\"kind\":\"Node\",\"metadata\":{\"name\":\"mi-1\"}}}", WatchEvent.class);
            assertThat(node.getObject()).isInstanceOf(Node.class);
            WatchEvent event = serialization.unmarshal("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\","
                    + "\"kind\":\"Event\",\"metadata\":{\"name\":\"e1\"},\"reason\":\"NodeReady\"}}", WatchEvent.class);
            assertThat(event.getObject()).isInstanceOf(Event.class);
            assertThat(((Event) event.getObject()).getReason()).isEqualTo("NodeReady");
            // kinds the adapter does not watch are not looked up on the class path
            WatchEvent other = serialization.unmarshal("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\","
                    + "\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c1\"}}}", WatchEvent.class);
            assertThat(other.getObject()).isInstanceOf(GenericKubernetesResource.class);
        }
    }

    @Test
    void onlyAnHttpsEndpointGetsATlsContext() throws Exception {
        try (KubernetesClient plain = KubeClients.build(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build());
                KubernetesClient tls = KubeClients.build(new ConfigBuilder().withMasterUrl("https://127.0.0.1:2").build())) {
            assertThat(tlsContext(plain)).isNull();
            assertThat(tlsContext(tls)).isNotNull();
        }
    }

    private static SSLContext tlsContext(KubernetesClient client) throws ReflectiveOperationException {
        var field = StandardHttpClient.class.getDeclaredField("builder");
        field.setAccessible(true);
        return ((StandardHttpClientBuilder<?, ?, ?>) field.get(client.getHttpClient()))
                .getSslContext();
    }

    @Test
    void onlyAPlainHttpEndpointSkipsCertificateChecks() {
        var tls = Fabric8ClusterPort.eksConfig(new ClusterAccess.EksTokenAccess(
                "https://ABC.gr7.us-west-2.eks.amazonaws.com", "Q0EgZGF0YQ==", () -> null));
        assertThat(tls.isTrustCerts()).isFalse();
        assertThat(tls.getCaCertData()).isEqualTo("Q0EgZGF0YQ==");
        var plain = Fabric8ClusterPort.eksConfig(new ClusterAccess.EksTokenAccess(
                "http://127.0.0.1:41771", "", () -> null));
        assertThat(plain.isTrustCerts()).isTrue();
    }
}
