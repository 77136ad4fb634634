package dev.hybridpane.adapters.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.TlsWarmup;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * Builds the adapter's Kubernetes clients. They share one {@link KubernetesSerialization}: Jackson builds its
 * (de)serializers for the Kubernetes model once for the console, not once per cluster (at startup that took
 * tens of ms of CPU per cluster, all at the same moment).
 */
final class KubeClients {
    private static final KubernetesSerialization SERIALIZATION = serialization();
    /**
     * fabric8's Vert.x client for HTTPS API servers (every EKS cluster), with Vert.x's TLS context made on the first
     * TLS connection rather than when a client is built (the default: ~35 ms of CPU at startup).
     */
    private static final VertxHttpClientFactory HTTP = httpClientFactory();
    /**
     * For API servers on plain HTTP (the lab's): fabric8 makes a TLS context for every client it builds, whatever
     * the server's scheme (~20 ms of CPU at startup, setting up the JDK's TLS for nothing).
     */
    private static final VertxHttpClientFactory PLAIN_HTTP = new PlainHttpClientFactory();

    private KubeClients() {
    }

    /**
     * Without the class-loader scan: by default fabric8 loads and instantiates every Kubernetes model class
     * the class path lists as a service (~40 ms of CPU on the first watch), to map any kind to its class. The
     * adapter reads its own types, so it registers the kinds its watches deliver (watch events name their
     * object's kind only in the JSON); any other kind would be read as a GenericKubernetesResource.
     */
    private static KubernetesSerialization serialization() {
        KubernetesSerialization s = new KubernetesSerialization(new ObjectMapper(), false);
        s.registerKubernetesResource(Node.class);
        s.registerKubernetesResource(Event.class);
        return s;
    }

    private static VertxHttpClientFactory httpClientFactory() {
        VertxHttpClientFactory f = new VertxHttpClientFactory();
        f.setTlsWarmup(TlsWarmup.OFF);
        return f;
    }

    static KubernetesClient build(Config config) {
        return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(SERIALIZATION)
                .withHttpClientFactory(plainHttp(config.getMasterUrl()) ? PLAIN_HTTP : HTTP).build();
    }

    /** Whether an API server URL is plain HTTP (the lab on loopback): no TLS, no certificates to check. */
    static boolean plainHttp(String url) {
        return url != null && url.regionMatches(true, 0, "http://", 0, 7);
    }

    /** Builds clients that make no TLS context (each has its own Vert.x instance, as with the default factory). */
    private static final class PlainHttpClientFactory extends VertxHttpClientFactory {
        PlainHttpClientFactory() {
            setTlsWarmup(TlsWarmup.OFF);
        }

        @Override
        public VertxHttpClientBuilder<VertxHttpClientFactory> newBuilder() {
            return new VertxHttpClientBuilder<>(this, null) {
                @Override
                public VertxHttpClientBuilder<VertxHttpClientFactory> sslContext(KeyManager[] keyManagers,
                        TrustManager[] trustManagers) {
                    return this;
                }
            };
        }
    }

    /**
     * Builds the deserializers of what every connection reads first (node and event lists). Meant for a
     * background thread while the clusters are being listed, so that the first lists do not wait for them.
     */
    static void prepare() {
        SERIALIZATION.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"NodeList\",\"items\":[]}", NodeList.class);
        SERIALIZATION.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"EventList\",\"items\":[]}", EventList.class);
    }
}
