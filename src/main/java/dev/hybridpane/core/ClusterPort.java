package dev.hybridpane.core;

import dev.hybridpane.domain.ClusterRef;
import java.util.List;

/** The cluster's Kubernetes API (fabric8 in production and against the lab). */
public interface ClusterPort {
    /**
     * Starts watching nodes and events of the cluster. Returns at once; the listener gets the state,
     * then an upsert per existing node, then changes as they happen. Failures arrive as a Failed state,
     * never as an exception. Close the connection to stop.
     */
    ClusterConnection connect(ClusterRef ref, ClusterAccess access, ClusterListener listener);

    /** Context names from the user's kubeconfig, for the "use kubeconfig" choice. */
    List<String> kubeconfigContexts();

    interface ClusterConnection extends AutoCloseable {
        @Override
        void close();
    }
}
