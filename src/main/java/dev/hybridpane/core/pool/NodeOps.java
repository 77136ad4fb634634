package dev.hybridpane.core.pool;

import java.util.List;
import java.util.Map;

/**
 * What day-2 operations do to Nodes and their pods in one cluster, as kubectl drain does it: cordon and uncordon
 * ({@code spec.unschedulable}), list a node's pods, evict one through the Eviction API (policy/v1; a PodDisruptionBudget
 * may refuse with 429), delete a pod (only when the administrator chose to force), delete the Node. Blocking calls;
 * failures are {@link PoolStoreException}s. Deleting what is already gone is not an error.
 */
public interface NodeOps {

    /** Sets {@code spec.unschedulable} (true: cordon; false: uncordon). */
    void setUnschedulable(String node, boolean unschedulable);

    /** The pods bound to the node (fieldSelector spec.nodeName), with what a drain needs to know of each. */
    List<PodOnNode> pods(String node);

    /**
     * A pod as a drain sees it.
     *
     * @param ownerKind the controller's kind (ReplicaSet, DaemonSet, StatefulSet, Job, Node for a mirror pod…); empty:
     *                  no controller (an unmanaged pod)
     * @param mirror    a static pod's mirror (annotation kubernetes.io/config.mirror)
     * @param emptyDir  it has an emptyDir volume (local data a drain would lose)
     * @param finished  its phase is Succeeded or Failed
     */
    record PodOnNode(String namespace, String name, String uid, String ownerKind, String ownerName, boolean mirror,
                     boolean emptyDir, boolean finished, Map<String, String> labels) {
        public PodOnNode {
            ownerKind = ownerKind == null ? "" : ownerKind;
            ownerName = ownerName == null ? "" : ownerName;
            labels = Map.copyOf(labels == null ? Map.of() : labels);
        }

        public boolean daemonSet() {
            return ownerKind.equals("DaemonSet");
        }

        public String ref() {
            return namespace + "/" + name;
        }
    }

    /** POST pods/NAME/eviction (policy/v1 Eviction). */
    Eviction evict(String namespace, String pod);

    /** What the Eviction API answered. */
    sealed interface Eviction {
        /** 201: the pod is being deleted. */
        record Evicted() implements Eviction {
        }

        /** 404: the pod is already gone. */
        record Gone() implements Eviction {
        }

        /**
         * 429: a PodDisruptionBudget would be violated (or the API is rate limiting).
         *
         * @param budget the PDB that blocks ("namespace/name"), when one selects the pod; else empty
         * @param message the API server's message
         */
        record Blocked(String budget, String message) implements Eviction {
        }

        /** Any other refusal (500: several PDBs select the pod…). */
        record Refused(int code, String message) implements Eviction {
        }
    }

    /** Whether the pod of this uid still exists (a drain waits for evicted pods to be deleted). */
    boolean podExists(String namespace, String pod, String uid);

    /** DELETE the pod (a forced drain only: it bypasses PodDisruptionBudgets). */
    void deletePod(String namespace, String pod);

    /** DELETE the Node object; already gone: nothing. */
    void deleteNode(String node);
}
