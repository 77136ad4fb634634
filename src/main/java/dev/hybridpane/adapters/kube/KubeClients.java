package dev.hybridpane.adapters.kube;

import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Builds the adapter's Kubernetes clients. They share one {@link KubernetesSerialization}: Jackson builds its
 * (de)serializers for the Kubernetes model once for the console, not once per cluster (at startup that took
 * tens of ms of CPU per cluster, all at the same moment).
 */
final class KubeClients {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubeClients() {
    }

    static KubernetesClient build(Config config) {
        return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(SERIALIZATION).build();
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
