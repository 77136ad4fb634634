package dev.hybridpane.core.network;

import dev.hybridpane.core.pool.CniDaemonSet;
import java.util.Optional;

/** The Kubernetes side of the network doctor's {@code cni-affinity} fix, on one cluster: read a CNI DaemonSet, patch it. */
public interface CniAffinityPort {
    Optional<CniDaemonSet> daemonSet(String namespace, String name);

    /** Applies a JSON patch (RFC 6902) to the DaemonSet. */
    void patch(String namespace, String name, String jsonPatch);

    /** For an environment without a cluster to patch: every use says so. */
    static CniAffinityPort unavailable(String why) {
        return new CniAffinityPort() {
            @Override
            public Optional<CniDaemonSet> daemonSet(String namespace, String name) {
                throw new IllegalStateException(why);
            }

            @Override
            public void patch(String namespace, String name, String jsonPatch) {
                throw new IllegalStateException(why);
            }
        };
    }
}
