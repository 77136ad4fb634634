package dev.hybridpane.core.pool;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.edge.EdgePort.CommandResult;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.edge.HostChecks;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.pool.HostCommand;
import dev.hybridpane.domain.pool.HostCommands;
import dev.hybridpane.domain.pool.HybridNodePool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The steps that take one node out of its pool, in the order of AWS's own tests, each observed before it is applied (so a
 * re-run, or another workstation, finishes an interrupted removal and does nothing twice): cordon; drain ({@link NodeDrain});
 * {@code nodeadm uninstall} over SSH (done: the host has no /opt/nodeadm/tracker); wait until the Node is NotReady (or
 * gone); delete the Node; for an SSM node (mi-…) wait until DescribeInstanceInformation no longer lists it, deregistering it
 * when nodeadm could not; then the host is back to available: out of the pool's spec and status members, and its EdgeHost
 * status no longer names the pool. Every step writes an Event on the pool (NodeCordoned, NodeDrained, NodeUninstalled,
 * NodeNotReady, NodeDeleted, NodeDeregistered, NodeRemoved; DrainBlocked as a Warning while a budget blocks).
 *
 * <p>The rolling upgrade reuses {@link #cordon}, {@link #drain} and {@link #steps} (cutover and repave remove nodes this way).
 */
public final class NodeRemoval {
    /** The output that holds, while a PodDisruptionBudget blocks the drain, the sentence naming the pod and the budget. */
    public static final String BLOCKED_OUTPUT = "drain/blocked";

    /**
     * How long the waits may take: NotReady after uninstall (the node monitor's grace, 40 s on EKS, plus margin), SSM's
     * listing polled every {@code ssmPoll} for at most {@code ssmWait} before the console deregisters the instance itself.
     */
    public record Timings(Duration notReady, Duration ssmPoll, Duration ssmWait) {
        public static final Timings DEFAULT = new Timings(Duration.ofMinutes(3), Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    /**
     * What the steps work with: the cluster's pools and Nodes, the inventory (the host's EdgeHost status), SSM, each host's
     * SSH session, the drain's choices and the waits.
     */
    public record Context(String region, String cluster, String pool, PoolStore.Pools pools, InventoryPort.Inventory inventory,
                          ActivationPort ssm, Function<String, HostRun> runs, NodeDrain.Options drain, Timings timings) {
        public Context {
            drain = drain == null ? NodeDrain.Options.DEFAULT : drain;
            timings = timings == null ? Timings.DEFAULT : timings;
        }
    }

    private NodeRemoval() {
    }

    /** Every step of removing {@code host}'s node {@code node}, in order; their ids start with "HOST/". */
    public static List<Step> steps(Context c, String host, String node) {
        List<Step> out = new ArrayList<>();
        out.add(cordon(c, host, node));
        out.add(drain(c, host, node));
        out.add(uninstall(c, host, node));
        out.add(notReady(c, host, node));
        out.add(deleteNode(c, host, node));
        if (node.startsWith("mi-")) {
            out.add(deregistered(c, host, node));
        }
        out.add(release(c, host, node));
        return out;
    }

    /** The node's state, or empty when the Node is gone. */
    private static Optional<PoolStore.NodeState> state(Context c, String node) {
        return c.pools().node(node);
    }

    private static void event(Context c, StepContext ctx, PoolStore.EventType type, String reason, String message) {
        try {
            c.pools().event(c.pool(), type, reason, message);
        } catch (PoolStoreException e) {
            ctx.log("could not record the Event " + reason + ": " + e.getMessage());
        }
    }

    /**
     * The host answers over SSH with its trusted key and sudo works: checked before the node is cordoned, so that a host
     * whose key changed (or that refuses sudo) fails the removal with its node still schedulable, not drained for nothing.
     */
    private static void requireHost(Context c, String host) throws Exception {
        CommandResult sudo = c.runs().apply(host).run(HostCommand.of(HostCommands.SUDO_CHECK));
        if (sudo.exitCode() != 0) {
            throw new IllegalStateException(HostCommands.sudoRefused(host, sudo.stderr().isBlank() ? sudo.stdout() : sudo.stderr()));
        }
    }

    /** Cordon (spec.unschedulable): done when the Node is cordoned or gone; the host is checked first ({@link #requireHost}). */
    public static Step cordon(Context c, String host, String node) {
        return Steps.of(host + "/cordon", "Cordon node " + node, List.of(HostCommands.SUDO_CHECK + " (the host answers with its "
                        + "trusted key)", "kubectl cordon " + node),
                ctx -> state(c, node).map(PoolStore.NodeState::unschedulable).orElse(true),
                ctx -> {
                    requireHost(c, host);
                    c.pools().nodeOps().setUnschedulable(node, true);
                    event(c, ctx, PoolStore.EventType.Normal, "NodeCordoned", "Node " + node + " (host " + host
                            + ") is cordoned: no new pods are scheduled on it.");
                });
    }

    /** Drain through the Eviction API ({@link NodeDrain}): done when the Node is gone or only DaemonSet and mirror pods are left. */
    public static Step drain(Context c, String host, String node) {
        return Steps.of(host + "/drain", "Drain node " + node, List.of(c.drain().describe(),
                        "DaemonSet and mirror pods stay; the node stays cordoned if the drain fails or times out"),
                ctx -> state(c, node).isEmpty() || NodeDrain.drained(c.pools().nodeOps(), node),
                ctx -> {
                    NodeDrain.Result r = new NodeDrain(c.pools().nodeOps(), c.drain()).drain(node, ctx,
                            why -> {
                                ctx.put(BLOCKED_OUTPUT, why);
                                event(c, ctx, PoolStore.EventType.Warning, "DrainBlocked", why);
                            });
                    ctx.put(BLOCKED_OUTPUT, "");
                    event(c, ctx, PoolStore.EventType.Normal, "NodeDrained", "Node " + node + " is drained: " + r.removed().size()
                            + " pod(s) evicted" + (r.skipped().isEmpty() ? "" : ", " + r.skipped().size()
                            + " DaemonSet or mirror pod(s) left") + ".");
                });
    }

    /** {@code nodeadm uninstall} on the host: done when the host has no /opt/nodeadm/tracker. */
    public static Step uninstall(Context c, String host, String node) {
        HostCommand uninstall = HostCommands.nodeadmUninstall(false, false);
        return Steps.of(host + "/uninstall", "nodeadm uninstall on " + host, List.of(uninstall.display()),
                ctx -> c.runs().apply(host).run(HostCommands.trackerExists()).exitCode() != 0,
                ctx -> {
                    HostRun r = c.runs().apply(host);
                    CommandResult res = r.require(uninstall, HostRun.NODEADM, "nodeadm uninstall");
                    if (r.run(HostCommands.trackerExists()).exitCode() == 0) {
                        throw new IllegalStateException("nodeadm uninstall exited " + res.exitCode() + " on " + host
                                + " but /opt/nodeadm/tracker is still there.");
                    }
                    event(c, ctx, PoolStore.EventType.Normal, "NodeUninstalled", "nodeadm uninstall ran on host " + host
                            + " (node " + node + "): kubelet, containerd and the credentials are removed.");
                });
    }

    /** Wait until the Node is NotReady (its kubelet stopped) or gone. */
    public static Step notReady(Context c, String host, String node) {
        return Steps.of(host + "/not-ready", "Wait until node " + node + " is NotReady (at most "
                        + NodeDrain.text(c.timings().notReady()) + ")", List.of("get Node " + node),
                ctx -> state(c, node).map(s -> !s.ready()).orElse(true),
                ctx -> {
                    long end = System.nanoTime() + c.timings().notReady().toNanos();
                    while (state(c, node).map(PoolStore.NodeState::ready).orElse(false)) {
                        if (System.nanoTime() > end) {
                            throw new IllegalStateException("Node " + node + " is still Ready " + NodeDrain.text(c.timings()
                                    .notReady()) + " after nodeadm uninstall on " + host + ": is its kubelet still running?");
                        }
                        ctx.pause(Duration.ofMillis(500));
                    }
                    event(c, ctx, PoolStore.EventType.Normal, "NodeNotReady", "Node " + node + " is NotReady: its kubelet "
                            + "stopped.");
                });
    }

    /** Delete the Node object: done when it is gone. */
    public static Step deleteNode(Context c, String host, String node) {
        return Steps.of(host + "/delete-node", "Delete node " + node, List.of("kubectl delete node " + node),
                ctx -> state(c, node).isEmpty(),
                ctx -> {
                    c.pools().nodeOps().deleteNode(node);
                    event(c, ctx, PoolStore.EventType.Normal, "NodeDeleted", "Node " + node + " (host " + host
                            + ") is deleted from the cluster.");
                });
    }

    /**
     * SSM: wait until DescribeInstanceInformation no longer lists the managed instance; after {@link Timings#ssmWait}
     * (nodeadm could not deregister it) DeregisterManagedInstance.
     */
    public static Step deregistered(Context c, String host, String node) {
        return Steps.of(host + "/ssm", "Wait until SSM no longer lists managed instance " + node + " (deregister it if "
                        + "nodeadm could not)", List.of("ssm:DescribeInstanceInformation InstanceIds=" + node
                        + " every " + NodeDrain.text(c.timings().ssmPoll()) + ", at most " + NodeDrain.text(c.timings().ssmWait()),
                        "then ssm:DeregisterManagedInstance InstanceId=" + node + " if it is still listed"),
                ctx -> !listed(c.ssm(), c.region(), node),
                ctx -> {
                    long end = System.nanoTime() + c.timings().ssmWait().toNanos();
                    while (listed(c.ssm(), c.region(), node)) {
                        if (System.nanoTime() > end) {
                            ctx.log(node + " is still registered with SSM: nodeadm could not deregister it; deregistering it");
                            c.ssm().deregister(c.region(), node);
                            if (listed(c.ssm(), c.region(), node)) {
                                throw new IllegalStateException("SSM still lists managed instance " + node
                                        + " after DeregisterManagedInstance.");
                            }
                            break;
                        }
                        ctx.pause(c.timings().ssmPoll());
                    }
                    event(c, ctx, PoolStore.EventType.Normal, "NodeDeregistered", "Managed instance " + node
                            + " is no longer registered with SSM.");
                });
    }

    /** The host back to available: out of the pool's spec and status members; its EdgeHost status names no pool. */
    public static Step release(Context c, String host, String node) {
        return Steps.of(host + "/release", "Host " + host + " back to available: out of pool " + c.pool() + "'s spec and "
                        + "status, its EdgeHost no longer in the pool", List.of("update HybridNodePool " + c.pool()
                        + " (spec.hosts, status.members)", "update EdgeHost " + host + " status (pool)",
                        "create Event NodeRemoved on HybridNodePool " + c.pool()),
                ctx -> released(c, host),
                ctx -> {
                    removeHost(c.pools(), c.pool(), host);
                    if (c.inventory() != null) {
                        setHostPool(c.inventory(), host, null);
                    }
                    event(c, ctx, PoolStore.EventType.Normal, "NodeRemoved", "Host " + host + " left pool " + c.pool()
                            + " (node " + node + " removed); the host is available.");
                });
    }

    private static boolean released(Context c, String host) {
        Optional<PoolStore.Stored> s = c.pools().get(c.pool());
        if (s.isPresent() && (s.get().pool().host(host).isPresent()
                || s.get().status().members().stream().anyMatch(m -> m.host().equals(host)))) {
            return false;
        }
        return c.inventory() == null || c.inventory().hosts().stream().filter(h -> h.spec().name().equals(host)).findFirst()
                .map(h -> !c.pool().equals(h.status().pool())).orElse(true);
    }

    /**
     * Whether SSM still lists the managed instance. DescribeInstanceInformation answers InvalidInstanceId for an instance
     * id it no longer knows (a deregistered one): that is "not listed".
     */
    static boolean listed(ActivationPort ssm, String region, String managedInstanceId) {
        try {
            return ssm.registered(region, managedInstanceId);
        } catch (AwsFailure e) {
            if ("InvalidInstanceId".equals(e.errorCode())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Takes the host out of the pool's spec (an optimistic update, retried on a conflict) and out of its status members
     * (ready n/m recounted). A pool already without it: nothing.
     */
    static void removeHost(PoolStore.Pools pools, String pool, String host) {
        for (int attempt = 1; ; attempt++) {
            Optional<PoolStore.Stored> s = pools.get(pool);
            if (s.isEmpty()) {
                return;
            }
            HybridNodePool p = s.get().pool();
            try {
                if (p.host(host).isPresent()) {
                    p = p.withHosts(p.hosts().stream().filter(h -> !h.host().equals(host)).toList());
                    pools.update(p, s.get().resourceVersion());
                }
                PoolStore.PoolStatus st = s.get().status();
                if (st.members().stream().anyMatch(m -> m.host().equals(host))) {
                    List<PoolStore.Member> members = st.members().stream().filter(m -> !m.host().equals(host)).toList();
                    int ready = (int) members.stream().filter(m -> !m.node().isEmpty() && pools.node(m.node())
                            .map(PoolStore.NodeState::ready).orElse(false)).count();
                    int total = p.hosts().size();
                    pools.updateStatus(pool, new PoolStore.PoolStatus(ready == total ? "Running" : st.phase(), ready, total,
                            members));
                }
                return;
            } catch (PoolStoreException e) {
                if (!e.conflict() || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    /**
     * Sets (or clears, {@code pool} null) the pool an EdgeHost's status names, its phase following: in pool, or back to
     * what its checks say. A host not in the inventory: nothing.
     */
    static void setHostPool(InventoryPort.Inventory inventory, String host, String pool) {
        Optional<StoredHost> h = inventory.hosts().stream().filter(x -> x.spec().name().equals(host)).findFirst();
        if (h.isEmpty()) {
            return;
        }
        HostStatus s = h.get().status();
        HostPhase phase = s.phase() == HostPhase.UNREACHABLE || s.phase() == HostPhase.UNKNOWN && s.checks().isEmpty()
                ? s.phase() : HostChecks.phase(s.checks(), pool);
        inventory.saveStatus(host, new HostStatus(phase, s.reason(), s.facts(), s.checks(), pool, s.lastSeen()));
    }
}
