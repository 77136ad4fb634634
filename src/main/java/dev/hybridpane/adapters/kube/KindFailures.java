package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.edge.InventoryPort;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Why a call on HybridPane's own kinds failed, in words: shared by the edge host inventory and the profile store. */
final class KindFailures {
    private KindFailures() {
    }

    /**
     * A 404 for a path the API server does not serve at all (no CRD for the kind: "the server could not find the
     * requested resource", no object named), as opposed to a 404 for one missing object (details name it).
     */
    static boolean kindNotServed(KubernetesClientException e) {
        var status = e.getStatus();
        return status == null || status.getDetails() == null || status.getDetails().getName() == null
                || status.getDetails().getName().isEmpty();
    }

    /**
     * The reason clause of a failed call: {@code resources} names what RBAC must allow, {@code gone} and
     * {@code conflict} say what a 404 for one object and a 409 mean to the caller.
     */
    static String reason(KubernetesClientException e, String resources, String gone, String conflict) {
        return switch (e.getCode()) {
            case 401 -> "the cluster rejected the credentials";
            case 403 -> "your identity lacks RBAC permission on " + resources + " in " + InventoryPort.NAMESPACE;
            case 404 -> gone;
            case 409 -> conflict;
            default -> e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : RootCause.root(e);
        };
    }
}
