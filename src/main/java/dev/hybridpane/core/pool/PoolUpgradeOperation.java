package dev.hybridpane.core.pool;

import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.PauseToken;
import dev.hybridpane.core.ops.Rolling;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.ProfileRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pool upgrade's operation: record its inputs ({@code input/…}, so a resume re-runs it as asked), the pool's phase
 * "Upgrading" with an Event, every node rolled ({@link Rolling} over the pool's hosts in order, {@link PoolUpgradeSteps}
 * for each), then the pool's spec on the new profile version, its phase "Running" and an Event.
 */
final class PoolUpgradeOperation {
    static final String STARTED = "upgrade/started-event";

    private PoolUpgradeOperation() {
    }

    static Operation build(UpgradePlan plan, PoolStore.Pools pools, Map<String, HostRun> runs, PauseToken pause,
                           NodeRemoval.Context removal, Map<String, ActivationPort.Created> held, Clock clock) {
        HybridNodePool p = plan.pool();
        int n = plan.to().number();
        PoolUpgrade.Options o = plan.options();
        List<Step> steps = new ArrayList<>();
        steps.add(Steps.of("inputs", "Record the upgrade's inputs in the journal (for a resume)",
                o.inputs().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList(),
                ctx -> false, ctx -> o.inputs().forEach(ctx::put)));
        steps.add(Steps.of("pool-phase", "Kubernetes: HybridNodePool " + p.name() + " status phase " + PoolUpgrade.PHASE
                        + ", an Event UpgradeStarted", List.of("update HybridNodePool " + p.name() + " status"),
                ctx -> ctx.get(STARTED).isPresent() && phase(pools, p.name()).equals(PoolUpgrade.PHASE), ctx -> {
                    setPhase(pools, p.name(), PoolUpgrade.PHASE);
                    pools.event(p.name(), PoolStore.EventType.Normal, "UpgradeStarted", "Upgrade of pool " + p.name() + " from "
                            + p.profile() + " (Kubernetes " + plan.from().kubernetes().version() + ") to v" + n + " (Kubernetes "
                            + plan.kubernetesVersion() + "), " + o.strategy().text() + ", at most " + o.maxUnavailable()
                            + " unavailable.");
                    ctx.put(STARTED, "yes");
                }));
        steps.add(nodes(plan, pools, runs, pause, removal, held, clock, steps));
        steps.add(Steps.of("pool-spec", "Kubernetes: HybridNodePool " + p.name() + " on " + p.profile().name() + " v" + n
                        + ", phase Running, an Event PoolUpgraded",
                List.of("update HybridNodePool " + p.name() + " spec.profile.version: " + n, "update its status"),
                ctx -> pools.get(p.name()).filter(s -> s.pool().profile().version() == n && s.status().phase()
                        .equals("Running")).isPresent(), ctx -> finish(plan, pools, ctx)));
        return new Operation(PoolUpgrade.operationId(plan.ref(), p.name()), PoolUpgrade.KIND, "Upgrade node pool " + p.name()
                + " to " + p.profile().name() + " v" + n, p.name() + " · " + plan.ref().name() + " · " + plan.ref().region(), steps);
    }

    /** The nodes rolled: in place (every host), repaved (each at most max unavailable at once) or cut over (by batch). */
    private static Rolling nodes(UpgradePlan plan, PoolStore.Pools pools, Map<String, HostRun> runs, PauseToken pause,
                                 NodeRemoval.Context removal, Map<String, ActivationPort.Created> held, Clock clock,
                                 List<Step> steps) {
        PoolUpgrade.Options o = plan.options();
        Rolling.Options each = new Rolling.Options(Math.max(1, o.maxUnavailable()), o.pauseBetween(), o.stopOnFailure());
        if (plan.rebuild() == null) {
            PoolUpgradeSteps nodeSteps = new PoolUpgradeSteps(plan, pools, runs::get);
            return new Rolling("nodes", "Upgrade each node " + o.strategy().text() + ", at most " + o.maxUnavailable()
                    + " at a time", plan.pool().hostNames(), each, pause, nodeSteps::steps);
        }
        PoolUpgradeJoin join = new PoolUpgradeJoin(plan, pools, runs::get, held, clock);
        List<String> repaved = plan.nodes().stream().filter(n -> n.method() == UpgradePlan.Method.REPAVE)
                .map(UpgradePlan.NodePlan::host).toList();
        if (!repaved.isEmpty()) {
            if (plan.rebuild().ssmJoin()) {
                steps.add(join.activation(repaved));
            }
            PoolUpgradeRepave repave = new PoolUpgradeRepave(plan, pools, removal, join);
            return new Rolling("nodes", "Repave each node, at most " + o.maxUnavailable() + " at a time", repaved, each, pause,
                    repave::steps);
        }
        if (plan.rebuild().ssmJoin()) {
            steps.add(join.activation(plan.rebuild().replacements().values()));
        }
        PoolUpgradeCutover cutover = new PoolUpgradeCutover(plan, pools, removal, join);
        return new Rolling("nodes", "Cut over in batches of at most " + o.maxSurge() + ": new nodes join first, then as many "
                + "old ones are removed", cutover.batches(), new Rolling.Options(1, o.pauseBetween(), o.stopOnFailure()), pause,
                cutover::steps);
    }

    private static String phase(PoolStore.Pools pools, String pool) {
        return pools.get(pool).map(s -> s.status().phase()).orElse("");
    }

    private static void setPhase(PoolStore.Pools pools, String pool, String phase) {
        PoolStore.PoolStatus s = pools.get(pool).map(PoolStore.Stored::status).orElse(PoolStore.PoolStatus.NONE);
        pools.updateStatus(pool, new PoolStore.PoolStatus(phase, s.ready(), s.total(), s.members()));
    }

    private static void finish(UpgradePlan plan, PoolStore.Pools pools, StepContext ctx) {
        String name = plan.pool().name();
        int n = plan.to().number();
        PoolStore.Stored now = pools.get(name).orElseThrow(() -> new IllegalStateException("Pool " + name + " is gone."));
        if (now.pool().profile().version() != n) {
            pools.update(now.pool().withProfile(new ProfileRef(now.pool().profile().name(), n)), now.resourceVersion());
        }
        int ready = 0;
        List<PoolStore.Member> members = new ArrayList<>();
        for (PoolStore.Member m : now.status().members()) {
            Optional<String> node = ctx.get(HostSteps.nodeKey(m.host())).or(() -> Optional.of(m.node()));
            members.add(new PoolStore.Member(m.host(), node.get()));
            if (pools.node(node.get()).map(PoolStore.NodeState::ready).orElse(false)) {
                ready++;
            }
        }
        int total = now.pool().hosts().size();
        pools.updateStatus(name, new PoolStore.PoolStatus(ready == total ? "Running" : PoolUpgrade.PHASE, ready, total, members));
        pools.event(name, PoolStore.EventType.Normal, "PoolUpgraded", "Pool " + name + " runs " + now.pool().profile().name()
                + " v" + n + " (Kubernetes " + plan.kubernetesVersion() + "): " + ready + "/" + total + " nodes Ready.");
    }
}
