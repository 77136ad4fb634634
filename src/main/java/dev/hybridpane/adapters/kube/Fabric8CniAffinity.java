package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.network.CniAffinityPort;
import dev.hybridpane.core.pool.CniDaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The network doctor's CNI affinity fix on one cluster: a CNI DaemonSet read as core's {@link CniDaemonSet}, and a JSON
 * patch applied to it, over one client of the cluster's API (closed with this).
 */
public final class Fabric8CniAffinity implements CniAffinityPort, AutoCloseable {
    private final KubernetesClient client;

    private Fabric8CniAffinity(KubernetesClient client) {
        this.client = client;
    }

    public static Fabric8CniAffinity open(Fabric8ClusterPort clusters, ClusterAccess access) {
        return new Fabric8CniAffinity(KubeClients.build(clusters.configFor(access)));
    }

    @Override
    public Optional<CniDaemonSet> daemonSet(String namespace, String name) {
        return call("read DaemonSet " + namespace + "/" + name, () -> {
            DaemonSet d = client.apps().daemonSets().inNamespace(namespace).withName(name).get();
            return Optional.ofNullable(d).map(CniDaemonSets::of);
        });
    }

    @Override
    public void patch(String namespace, String name, String jsonPatch) {
        call("patch DaemonSet " + namespace + "/" + name, () -> client.apps().daemonSets().inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON), jsonPatch));
    }

    private static <T> T call(String what, Supplier<T> body) {
        try {
            return KubeRetry.throttled(body);
        } catch (KubernetesClientException e) {
            String status = e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "";
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            throw new IllegalStateException("Could not " + what + status + ": " + KubeFailures.scrub(reason), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
