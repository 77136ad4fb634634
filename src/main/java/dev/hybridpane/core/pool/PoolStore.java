package dev.hybridpane.core.pool;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.pool.HybridNodePool;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node pools as HybridNodePool objects in the cluster's hybridpane-system namespace, their status, the Kubernetes Events
 * recorded on them, and the cluster's Nodes as a pool operation observes them. Writes are optimistic: an update sends the
 * resourceVersion it read. Methods block; failures are {@link PoolStoreException}s (a stale version:
 * {@link PoolStoreException#conflict()}). Nothing secret is ever stored.
 */
public interface PoolStore {
    String NAMESPACE = InventoryPort.NAMESPACE;

    Pools open(ClusterRef ref, ClusterAccess access);

    /** A stored pool, its resourceVersion and its status (empty status when none was written yet). */
    record Stored(HybridNodePool pool, String resourceVersion, PoolStatus status) {
    }

    /** {@code members}: host name to node name, in the pool's host order. */
    record PoolStatus(String phase, int ready, int total, List<Member> members) {
        public static final PoolStatus NONE = new PoolStatus("", 0, 0, List.of());

        public PoolStatus {
            phase = phase == null ? "" : phase;
            members = List.copyOf(members == null ? List.of() : members);
        }

        /** "3/4". */
        public String readyText() {
            return ready + "/" + total;
        }
    }

    record Member(String host, String node) {
    }

    /**
     * A Node as a pool operation sees it: whether it is Ready and, when not, why (the Ready condition's reason and message);
     * its labels and its InternalIP (null when it has none).
     */
    record NodeState(String name, String providerId, boolean ready, String reason, Map<String, String> labels, String internalIp,
                     boolean unschedulable, String kubeletVersion) {
        public NodeState {
            labels = Map.copyOf(labels == null ? Map.of() : labels);
            kubeletVersion = kubeletVersion == null ? "" : kubeletVersion;
        }

        public NodeState(String name, String providerId, boolean ready, String reason, Map<String, String> labels, String internalIp) {
            this(name, providerId, ready, reason, labels, internalIp, false, "");
        }

        public NodeState(String name, String providerId, boolean ready, String reason) {
            this(name, providerId, ready, reason, Map.of(), null);
        }
    }

    enum EventType { Normal, Warning }

    interface Pools extends AutoCloseable {
        List<Stored> list();

        Optional<Stored> get(String name);

        Stored create(HybridNodePool pool);

        Stored update(HybridNodePool pool, String resourceVersion);

        /** Writes the status (the status subresource). */
        Stored updateStatus(String name, PoolStatus status);

        /** A Kubernetes Event on the pool object (involvedObject = the HybridNodePool); {@code message} holds no secret. */
        void event(String pool, EventType type, String reason, String message);

        /** The Node whose spec.providerID is this one. */
        Optional<NodeState> nodeByProviderId(String providerId);

        Optional<NodeState> node(String name);

        /** The Nodes labelled hybridpane.dev/pool=POOL, by name. */
        List<NodeState> nodesOfPool(String pool);

        /** The CNI DaemonSets: cilium and calico-node in kube-system (calico-node also in calico-system); none: empty. */
        List<CniDaemonSet> cniDaemonSets();

        /** Applies a JSON patch (RFC 6902) to a DaemonSet; the patch holds no secret. */
        void patchDaemonSet(String namespace, String name, String jsonPatch);

        /** The Node-level writes of day-2 operations (cordon, pods, eviction, delete) on this cluster. */
        NodeOps nodeOps();

        @Override
        void close();
    }
}
