package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hybridpane.domain.Cidr;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Cilium in cluster-pool IPAM mode on a lab cluster whose CNI is Cilium: at seeding, the CRD ciliumnodes.cilium.io and
 * the ConfigMap kube-system/cilium-config ({@link LabCiliumObjects}); then, for every Node the cilium DaemonSet runs on,
 * the CiliumNode its agent creates, with the pod CIDR the operator allocates from the pool list (the next free block of
 * the mask size, each pool in turn, as the operator's CIDR sets hand them out: from the block after the last one
 * given, wrapping), and, when the Node is deleted, the garbage collector's deletion of its CiliumNode (it is owned by
 * the Node) and the operator's release of the CIDR.
 *
 * <p>It hears the store's writes ({@link LabCrudDispatcher.Changes}, noting only) and acts right after each write, outside
 * the store's lock ({@link LabDispatcher#afterEachWrite}): a Node's CiliumNode exists as soon as its registration
 * returns, as it does on a real cluster before the node turns Ready.
 */
final class LabCiliumIpam {
    private record Change(String kind, String oldState, String newState) {
    }

    /** One pool of the list: a CIDR set of blocks of the mask size. */
    private static final class Pool {
        final Cidr cidr;
        final int blocks;
        final BitSet used = new BitSet();
        int next;

        Pool(Cidr cidr, int mask) {
            this.cidr = cidr;
            this.blocks = mask < cidr.prefix() ? 0 : 1 << Math.min(30, mask - cidr.prefix());
        }
    }

    private final LabDispatcher store;
    private final Clock clock;
    private final List<String> poolList;
    private final int maskSize;
    private final List<Pool> pools = new ArrayList<>();
    private final Queue<Change> changes = new ConcurrentLinkedQueue<>();
    /** Node name to the pod CIDR its CiliumNode holds ("" when none could be allocated). */
    private final Map<String, String> allocated = new HashMap<>();
    private volatile boolean daemonSetDirty = true;
    private JsonNode daemonSets = JsonNodeFactory.instance.objectNode();
    private boolean draining;

    LabCiliumIpam(LabCluster cluster, LabDispatcher store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.poolList = cluster.remotePodCidrs().isEmpty() ? List.of(LabCiliumObjects.DEFAULT_POOL) : cluster.remotePodCidrs();
        this.maskSize = LabCiliumObjects.MASK_SIZE;
        for (String p : poolList) {
            pools.add(new Pool(Cidr.parse(p), maskSize));
        }
        store.listen(this::changed);
        store.afterEachWrite(this::drain);
    }

    /** Whether a world cluster runs Cilium (and so gets this controller). */
    static boolean runsCilium(LabCluster cluster) {
        return "cilium".equals(cluster.cni());
    }

    /** Stores the CRD and cilium-config, as the Helm install did when the cluster was set up. */
    void install(Instant created) {
        store.seed(LabCrds.CRDS, LabCiliumObjects.crd(), created);
        store.seed(LabCiliumObjects.CONFIG_MAPS, LabCiliumObjects.configMap(poolList, maskSize), created);
    }

    /** Called under the store's write lock: takes note only. */
    private void changed(String kind, String oldState, String newState) {
        switch (kind) {
            case "Node" -> {
                if (oldState == null || newState == null) {
                    changes.add(new Change(kind, oldState, newState));
                }
            }
            case "CiliumNode" -> {
                if (newState == null) {
                    changes.add(new Change(kind, oldState, null));
                }
            }
            case "DaemonSet" -> daemonSetDirty = true;
            default -> {
            }
        }
    }

    /** Acts on what was noted; runs after every write, so it returns at once when nothing concerns it. */
    void drain() {
        if (changes.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (draining) {
                return; // its own writes, heard while it works: the loop below takes them
            }
            draining = true;
            try {
                for (Change c; (c = changes.poll()) != null; ) {
                    apply(c);
                }
            } finally {
                draining = false;
            }
        }
    }

    private void apply(Change c) {
        JsonNode o = parse(c.oldState() != null ? c.oldState() : c.newState());
        if (o == null) {
            return;
        }
        String name = LabDispatcher.name(o);
        if ("CiliumNode".equals(c.kind())) {
            release(name);
        } else if (c.newState() == null) {
            if (allocated.containsKey(name)) {
                store.delete(LabCiliumObjects.CILIUM_NODES + "/" + name); // its release follows from the deletion
            }
        } else if (!allocated.containsKey(name) && agentRuns(o)) {
            String cidr = allocate();
            allocated.put(name, cidr == null ? "" : cidr);
            String error = cidr == null ? "allocator clusterPoolIPv4 failed: no free " + maskSize + "-bit block left in "
                    + String.join(", ", poolList) : null;
            store.seed(LabCiliumObjects.CILIUM_NODES, LabCiliumObjects.ciliumNode(o, cidr, error), clock.instant());
        }
    }

    /** Whether the cilium DaemonSet's pod template admits the node (its selector, affinity and tolerations). */
    private boolean agentRuns(JsonNode node) {
        if (daemonSetDirty) {
            daemonSetDirty = false;
            String json = store.get(LabWorkloads.DAEMONSETS + "/cilium");
            JsonNode ds = json == null ? null : parse(json);
            daemonSets = JsonNodeFactory.instance.objectNode().set("items",
                    ds == null ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.arrayNode().add(ds));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        node.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        JsonNode taints = node.path("spec").path("taints");
        return LabKubeletNodes.cniRuns(daemonSets, labels, taints.isArray() ? taints : JsonNodeFactory.instance.arrayNode());
    }

    /** The next free block: each pool in list order, from the block after the last one it gave, wrapping; null when full. */
    private String allocate() {
        for (Pool p : pools) {
            for (int i = 0; i < p.blocks; i++) {
                int candidate = (p.next + i) % p.blocks;
                if (!p.used.get(candidate)) {
                    p.used.set(candidate);
                    p.next = (candidate + 1) % p.blocks;
                    return Cidr.format(p.cidr.first() + ((long) candidate << (32 - maskSize))) + "/" + maskSize;
                }
            }
        }
        return null;
    }

    private void release(String node) {
        String cidr = allocated.remove(node);
        if (cidr == null || cidr.isEmpty()) {
            return;
        }
        Cidr c = Cidr.parse(cidr);
        for (Pool p : pools) {
            if (p.cidr.contains(c)) {
                p.used.clear((int) ((c.first() - p.cidr.first()) >> (32 - maskSize)));
            }
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Serialization.jsonMapper().readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
