package dev.hybridpane.core.pool;

import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.pool.NodeCertificates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * "Remove a node" ({@code node remove NODE}): finds the node's pool (its hybridpane.dev/pool label) and the member host
 * that runs it, and runs {@link NodeRemoval}'s steps as a journaled operation ({@code node-remove/REGION/CLUSTER/NODE})
 * under the pool's lock ("pool-NAME", as every pool operation). The first step records the inputs ({@code input/pool},
 * {@code input/host}, {@code input/drain}), so a re-run, from this workstation or another, finishes an interrupted removal
 * even once the Node is gone.
 */
public final class NodeRemovalService {
    public static final String KIND = "node-remove";
    static final String INPUT_POOL = "input/pool";
    static final String INPUT_HOST = "input/host";

    private final ActivationPort ssm;
    private final EdgePort edge;
    private final Clock clock;
    private volatile NodeRemoval.Timings timings = NodeRemoval.Timings.DEFAULT;

    public NodeRemovalService(ActivationPort ssm, EdgePort edge, Clock clock) {
        this.ssm = ssm;
        this.edge = edge;
        this.clock = clock;
    }

    /** The waits (tests shorten them). */
    public NodeRemovalService withTimings(NodeRemoval.Timings t) {
        this.timings = t;
        return this;
    }

    /** The node to remove: its cluster, pool and host, and how it is drained. */
    public record Target(ClusterRef cluster, String pool, String host, String node, NodeDrain.Options drain) {
    }

    /** Invalid input: the node is not one a pool of this cluster holds. Its message is one sentence. */
    public static final class NotFound extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }

    public static String operationId(ClusterRef ref, String node) {
        return KIND + "/" + ref.region() + "/" + ref.name() + "/" + node;
    }

    /**
     * Finds the node's pool and host: from an unfinished earlier removal's journal (the Node may be gone already), else
     * the Node's hybridpane.dev/pool label and the pool's status members (or, for a Roles Anywhere node, the host whose
     * node name it is).
     *
     * @throws NotFound when the cluster has no such node, it is in no pool HybridPane manages, or no host of the pool runs it
     */
    public Target resolve(ClusterRef ref, String node, NodeDrain.Options drain, PoolStore.Pools pools, JournalStore journals) {
        Optional<Journal> earlier = journals.load(operationId(ref, node)).filter(j -> j.status() != OperationStatus.SUCCEEDED);
        if (earlier.isPresent() && earlier.get().outputs().containsKey(INPUT_POOL) && earlier.get().outputs().containsKey(INPUT_HOST)) {
            Map<String, String> o = earlier.get().outputs();
            return new Target(ref, o.get(INPUT_POOL), o.get(INPUT_HOST), node, drain);
        }
        PoolStore.NodeState n = pools.node(node).orElseThrow(() -> new NotFound("Cluster " + ref.name() + " has no node " + node
                + "."));
        String pool = n.labels().get("hybridpane.dev/pool");
        if (pool == null || pool.isBlank()) {
            throw new NotFound("Node " + node + " is in no node pool (it has no hybridpane.dev/pool label).");
        }
        PoolStore.Stored stored = pools.get(pool).orElseThrow(() -> new NotFound("Node " + node + " is labelled for pool " + pool
                + ", which HybridPane does not manage in " + ref.name() + " (no HybridNodePool " + pool + ")."));
        Optional<String> host = stored.status().members().stream().filter(m -> m.node().equals(node))
                .map(PoolStore.Member::host).findFirst();
        if (host.isEmpty()) {
            host = stored.pool().hostNames().stream().filter(h -> NodeCertificates.nodeName(pool, h)
                    .equals(node)).findFirst();
        }
        return new Target(ref, pool, host.orElseThrow(() -> new NotFound("No host of pool " + pool + " runs node " + node
                + " (the pool's status names none).")), node, drain);
    }

    /** The plan: the removal's steps in order. Nothing is called. */
    public Operation plan(Target t, PoolStore.Pools pools, InventoryPort.Inventory inventory) {
        return operation(t, context(t, pools, inventory, h -> null));
    }

    private NodeRemoval.Context context(Target t, PoolStore.Pools pools, InventoryPort.Inventory inventory,
                                        Function<String, HostRun> runs) {
        return new NodeRemoval.Context(t.cluster().region(), t.cluster().name(), t.pool(), pools, inventory, ssm, runs,
                t.drain(), timings);
    }

    private Operation operation(Target t, NodeRemoval.Context c) {
        List<Step> steps = new ArrayList<>();
        steps.add(Steps.of("inputs", "Record the removal of node " + t.node() + " (host " + t.host() + ", pool " + t.pool()
                        + ") for a resume", List.of("pool " + t.pool() + ", host " + t.host()),
                ctx -> {
                    ctx.put(INPUT_POOL, t.pool());
                    ctx.put(INPUT_HOST, t.host());
                    ctx.put(PoolChange.INPUT_DRAIN, PoolChange.drainText(t.drain()));
                    return true;
                }, ctx -> { }));
        steps.addAll(NodeRemoval.steps(c, t.host(), t.node()));
        return new Operation(operationId(t.cluster(), t.node()), KIND, "Remove node " + t.node() + " from pool " + t.pool(),
                t.node() + " · " + t.pool() + " · " + t.cluster().name() + " · " + t.cluster().region(), steps);
    }

    /**
     * Runs the removal under the pool's lock, reaching the host over SSH as the inventory says with {@code identity}.
     * Returns the final journal; a failure also writes a Warning Event on the pool.
     */
    public Journal apply(Target t, PoolStore.Pools pools, InventoryPort.Inventory inventory, SshIdentity identity,
                         JournalStore journals, OperationLock lock, String holder, CancelToken cancel,
                         Consumer<Journal> listener) throws OperationLock.LockedException {
        Map<String, HostRun> runs = new ConcurrentHashMap<>();
        Function<String, HostRun> run = h -> runs.computeIfAbsent(h, x -> {
            StoredHost s = inventory.hosts().stream().filter(y -> y.spec().name().equals(x)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Host " + x + " is not in the inventory: it cannot be reached."));
            return new HostRun(edge, new EdgeTarget(s.spec(), identity, null));
        });
        try (OperationLock.Held l = lock.acquire("pool-" + t.pool(), holder, PoolService.LOCK_TTL)) {
            Journal j = new OperationEngine(journals, clock).run(operation(t, context(t, pools, inventory, run)), cancel,
                    listener);
            if (j.status() == OperationStatus.FAILED) {
                try {
                    pools.event(t.pool(), PoolStore.EventType.Warning, "NodeRemovalFailed", "Removing node " + t.node()
                            + " failed: " + j.error());
                } catch (PoolStoreException e) {
                    listener.accept(j);
                }
            }
            return j;
        } finally {
            runs.values().forEach(HostRun::close);
        }
    }
}
