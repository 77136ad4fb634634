package dev.hybridpane.core.pool;

import dev.hybridpane.core.edge.EdgePort.CommandResult;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.pool.HostCommand;
import dev.hybridpane.domain.pool.HostCommands;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.NodeConfig;
import dev.hybridpane.domain.pool.NodeCredentials;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.domain.pool.ProfileRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One node's in-place upgrade, as AWS's own tests do it: cordon, drain (Eviction API, {@link NodeDrain}), the NodeConfig
 * for the new version (same credentials: the node keeps its name), {@code nodeadm upgrade VERSION -c file://…} (never a
 * new SSM registration), uncordon, wait until the node is Ready with the new kubelet. Every step observes first; a node
 * already Ready, schedulable, at the new kubelet and with the new NodeConfig is done as a whole (no node upgraded
 * twice); {@code HOST/upgraded} in the journal records that nodeadm upgrade ran for version N. Each step that changes
 * something writes an Event on the pool.
 */
final class PoolUpgradeSteps {
    static final String UPGRADED = "/upgraded";
    static final Duration POLL = Duration.ofMillis(250);

    private final UpgradePlan plan;
    private final HybridNodePool target;
    private final PoolStore.Pools pools;
    private final Function<String, HostRun> runs;

    PoolUpgradeSteps(UpgradePlan plan, PoolStore.Pools pools, Function<String, HostRun> runs) {
        this.plan = plan;
        this.target = plan.pool().withProfile(new ProfileRef(plan.pool().profile().name(),
                plan.to().number()));
        this.pools = pools;
        this.runs = runs;
    }

    static String upgradedKey(String host) {
        return host + UPGRADED;
    }

    private String version() {
        return plan.kubernetesVersion();
    }

    private String toNumber() {
        return Integer.toString(plan.to().number());
    }

    /** The kubelet reports the new minor version ("v1.31.7-eks-…" for 1.31). */
    static boolean atVersion(PoolStore.NodeState n, String minor) {
        return n.kubeletVersion().startsWith("v" + minor + ".");
    }

    private boolean sameMinor() {
        return plan.from().kubernetes().version().equals(version());
    }

    List<Step> steps(String host) {
        String node = plan.nodes().stream().filter(n -> n.host().equals(host)).findFirst().map(UpgradePlan.NodePlan::node)
                .orElse("");
        String pool = plan.pool().name();
        NodeDrain drain = new NodeDrain(pools.nodeOps(), plan.options().drain());
        HostCommand upgrade = HostCommands.nodeadmUpgrade(version());
        return List.of(
                Steps.of("check", "Check passwordless sudo, and whether node " + node + " is already upgraded",
                        List.of(HostCommands.SUDO_CHECK, "Kubernetes: get Node " + node + " (Ready, schedulable, kubelet v"
                                + version() + ".x)", HostCommands.cat(HostCommands.NODECONFIG_PATH).display()),
                        ctx -> check(host, node, ctx), ctx -> { }),
                Steps.of("cordon", "kubectl cordon " + node, List.of("spec.unschedulable: true"),
                        ctx -> done(host) || state(node).unschedulable(), ctx -> {
                            pools.nodeOps().setUnschedulable(node, true);
                            event(ctx, PoolStore.EventType.Normal, "NodeCordoned", "Upgrade to v" + toNumber() + ": node " + node
                                    + " (host " + host + ") cordoned.");
                        }),
                Steps.of("drain", "Drain " + node + " through the Eviction API", List.of(plan.options().drain().describe()),
                        ctx -> done(host) || state(node).unschedulable() && NodeDrain.drained(pools.nodeOps(), node), ctx -> {
                            NodeDrain.Result r = drain.drain(node, ctx, blocked -> event(ctx, PoolStore.EventType.Warning,
                                    "DrainBlocked", blocked));
                            event(ctx, PoolStore.EventType.Normal, "NodeDrained", "Node " + node + " drained: " + r.removed().size()
                                    + " pod(s) evicted" + (r.skipped().isEmpty() ? "." : ", " + r.skipped().size()
                                    + " DaemonSet or mirror pod(s) left."));
                        }),
                Steps.of("nodeconfig", "Write the NodeConfig for v" + toNumber() + " (same credentials, so the node keeps its "
                                + "name)", List.of("sudo -n install -D -m 0600 /dev/stdin " + HostCommands.NODECONFIG_PATH,
                                "labels " + NodeLabels.PROFILE_VERSION + "=" + toNumber() + "; the Kubernetes layer of v"
                                        + toNumber()),
                        ctx -> done(host) || sameConfig(host), ctx -> {
                            runs.apply(host).require(HostCommands.writeNodeConfig(newConfig(host)), HostRun.COMMAND,
                                    "Writing the NodeConfig");
                            event(ctx, PoolStore.EventType.Normal, "NodeConfigWritten", "Host " + host + ": NodeConfig for "
                                    + pool + " v" + toNumber() + " written.");
                        }),
                Steps.of("upgrade", upgrade.command().replace("sudo -n ", ""), List.of(upgrade.display()),
                        ctx -> done(host) || toNumber().equals(ctx.get(upgradedKey(host)).orElse(null))
                                || !sameMinor() && atVersion(state(node), version()), ctx -> {
                            runs.apply(host).require(upgrade, HostRun.NODEADM, "nodeadm upgrade");
                            ctx.put(upgradedKey(host), toNumber());
                            event(ctx, PoolStore.EventType.Normal, "NodeUpgraded", "Host " + host + ": nodeadm upgrade "
                                    + version() + " done; node " + node + " keeps its name.");
                        }),
                Steps.of("uncordon", "kubectl uncordon " + node, List.of("spec.unschedulable: false"),
                        ctx -> done(host) || !state(node).unschedulable(), ctx -> {
                            pools.nodeOps().setUnschedulable(node, false);
                            event(ctx, PoolStore.EventType.Normal, "NodeUncordoned", "Node " + node + " uncordoned.");
                        }),
                Steps.of("ready", "Wait until " + node + " is Ready with kubelet v" + version() + ".x (at most "
                                + plan.options().readyTimeout().toSeconds() + " s)", List.of("Kubernetes: get Node " + node),
                        ctx -> upgradedAndReady(state(node)), ctx -> {
                            PoolStore.NodeState s = waitReady(node, ctx);
                            event(ctx, PoolStore.EventType.Normal, "NodeReady", "Node " + node + " is Ready with kubelet "
                                    + s.kubeletVersion() + ".");
                        }));
    }

    private boolean done(String host) {
        return runs.apply(host).done;
    }

    private PoolStore.NodeState state(String node) {
        return pools.node(node).orElseThrow(() -> new IllegalStateException("Node " + node + " is not in the cluster: it "
                + "cannot be upgraded in place (remove it from the pool, or repave it)."));
    }

    private boolean upgradedAndReady(PoolStore.NodeState s) {
        return s.ready() && atVersion(s, version());
    }

    /** sudo works; the node exists; the whole node is done when it is Ready, schedulable, upgraded and configured. */
    private boolean check(String host, String node, StepContext ctx) throws Exception {
        if (node.isEmpty()) {
            throw new IllegalStateException("Host " + host + " has no node in the pool's status: it cannot be upgraded.");
        }
        HostRun r = runs.apply(host);
        CommandResult sudo = r.run(HostCommand.of(HostCommands.SUDO_CHECK));
        if (sudo.exitCode() != 0) {
            throw new IllegalStateException(HostCommands.sudoRefused(host, sudo.stderr().isBlank() ? sudo.stdout() : sudo.stderr()));
        }
        PoolStore.NodeState s = state(node);
        r.node = node;
        ctx.put(HostSteps.nodeKey(host), node);
        boolean marked = toNumber().equals(ctx.get(upgradedKey(host)).orElse(null))
                || toNumber().equals(s.labels().get(NodeLabels.PROFILE_VERSION)) || !sameMinor();
        r.done = upgradedAndReady(s) && !s.unschedulable() && marked && sameConfig(host);
        if (r.done) {
            ctx.log("node " + node + " is Ready at " + s.kubeletVersion() + " with the v" + toNumber()
                    + " NodeConfig: nothing to do on " + host);
        }
        return true;
    }

    private NodeConfig newConfig(String host) throws Exception {
        HostRun r = runs.apply(host);
        Optional<String> current = r.cat(HostCommands.NODECONFIG_PATH);
        current.flatMap(PoolUpgradeConfig::credentials).ifPresent(c -> {
            if (c instanceof NodeCredentials.Ssm s) {
                r.secret = s.activationCode(); // never let it into a failure message
            }
        });
        return PoolUpgradeConfig.build(plan.ref().name(), plan.ref().region(), plan.to().kubernetes(), target, host, current);
    }

    private boolean sameConfig(String host) throws Exception {
        HostRun r = runs.apply(host);
        Optional<String> current = r.cat(HostCommands.NODECONFIG_PATH);
        if (current.isEmpty()) {
            return false;
        }
        String wanted = HostCommands.writeNodeConfig(newConfig(host)).stdin();
        return current.get().equals(wanted);
    }

    private PoolStore.NodeState waitReady(String node, StepContext ctx) throws Exception {
        long end = System.nanoTime() + plan.options().readyTimeout().toNanos();
        PoolStore.NodeState s = state(node);
        while (!upgradedAndReady(s)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("Node " + node + " is not Ready with kubelet v" + version() + ".x after "
                        + plan.options().readyTimeout().toSeconds() + " s: " + (s.ready() ? "its kubelet is "
                        + s.kubeletVersion() : "NotReady, " + s.reason()) + ".");
            }
            ctx.pause(POLL);
            s = state(node);
        }
        return s;
    }

    private void event(StepContext ctx, PoolStore.EventType type, String reason, String message) {
        try {
            pools.event(plan.pool().name(), type, reason, message);
        } catch (PoolStoreException e) {
            ctx.log("could not record the Event " + reason + ": " + e.getMessage());
        }
    }
}
