package dev.hybridpane.core.pool;

import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.ops.Steps;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's repave, where nodeadm cannot upgrade in place (a credential provider change) or when asked: the node removed
 * as {@code node remove} does ({@link NodeRemoval}: cordon, drain, nodeadm uninstall, NotReady, delete the Node, SSM no
 * longer listing it) but the host kept in the pool; the mark {@code HOST/removed = N}; then the host installed and
 * initialised again at version N ({@link PoolUpgradeJoin}: for SSM a new registration, so the node's name changes); then
 * the pool's status names the new node, with an Event NodeRepaved. Each step observes first; once the mark is in the
 * journal the removal steps are done, so a resumed run never uninstalls the new node.
 */
final class PoolUpgradeRepave {
    static final String REMOVED = "/removed";

    private final UpgradePlan plan;
    private final PoolStore.Pools pools;
    private final NodeRemoval.Context removal;
    private final PoolUpgradeJoin join;

    PoolUpgradeRepave(UpgradePlan plan, PoolStore.Pools pools, NodeRemoval.Context removal, PoolUpgradeJoin join) {
        this.plan = plan;
        this.pools = pools;
        this.removal = removal;
        this.join = join;
    }

    static String removedKey(String host) {
        return host + REMOVED;
    }

    private String toNumber() {
        return Integer.toString(plan.to().number());
    }

    private boolean removed(StepContext ctx, String host) {
        return toNumber().equals(ctx.get(removedKey(host)).orElse(null)) || join.rebuilt(ctx, host);
    }

    List<Step> steps(String host) {
        String old = plan.nodes().stream().filter(n -> n.host().equals(host)).findFirst().map(UpgradePlan.NodePlan::node)
                .orElse("");
        List<Step> out = new ArrayList<>();
        List<Step> remove = new ArrayList<>();
        if (!old.isEmpty()) {
            remove.add(NodeRemoval.cordon(removal, host, old));
            remove.add(NodeRemoval.drain(removal, host, old));
        }
        remove.add(NodeRemoval.uninstall(removal, host, old.isEmpty() ? "(none)" : old));
        if (!old.isEmpty()) {
            remove.add(NodeRemoval.notReady(removal, host, old));
            remove.add(NodeRemoval.deleteNode(removal, host, old));
            if (old.startsWith("mi-")) {
                remove.add(NodeRemoval.deregistered(removal, host, old));
            }
        }
        remove.forEach(s -> out.add(PoolUpgradeJoin.guarded(s, ctx -> removed(ctx, host))));
        out.add(Steps.of(host + "/removed", "Record that node " + old + " is removed (host " + host + " stays in the pool)",
                List.of("journal: " + removedKey(host) + " = " + toNumber()), ctx -> removed(ctx, host),
                ctx -> ctx.put(removedKey(host), toNumber())));
        out.addAll(join.join(host, "repaved, replacing node " + old));
        out.add(Steps.of(host + "/member", "Kubernetes: the pool's status names the new node of " + host + ", its EdgeHost "
                        + "in the pool, an Event NodeRepaved", List.of("update HybridNodePool " + plan.pool().name()
                        + " status.members", "update EdgeHost " + host + " status (pool)"),
                ctx -> member(host).equals(ctx.get(HostSteps.nodeKey(host)).orElse(null)) && inPool(host), ctx -> {
                    String node = ctx.get(HostSteps.nodeKey(host)).orElseThrow(() -> new IllegalStateException("Host " + host
                            + " has no node recorded in the journal."));
                    setMember(host, node);
                    if (removal.inventory() != null) {
                        NodeRemoval.setHostPool(removal.inventory(), host, plan.pool().name());
                    }
                    join.event(ctx, "NodeRepaved", "Host " + host + " repaved at v" + toNumber() + ": node " + old
                            + " replaced by " + node + ".");
                }));
        return out;
    }

    private boolean inPool(String host) {
        return removal.inventory() == null || removal.inventory().hosts().stream().filter(h -> h.spec().name().equals(host))
                .findFirst().map(h -> plan.pool().name().equals(h.status().pool())).orElse(true);
    }

    private String member(String host) {
        return pools.get(plan.pool().name()).flatMap(s -> s.status().members().stream().filter(m -> m.host().equals(host))
                .findFirst()).map(PoolStore.Member::node).orElse("");
    }

    private void setMember(String host, String node) {
        PoolStore.PoolStatus s = pools.get(plan.pool().name()).map(PoolStore.Stored::status).orElse(PoolStore.PoolStatus.NONE);
        List<PoolStore.Member> members = new ArrayList<>();
        boolean found = false;
        for (PoolStore.Member m : s.members()) {
            found |= m.host().equals(host);
            members.add(m.host().equals(host) ? new PoolStore.Member(host, node) : m);
        }
        if (!found) {
            members.add(new PoolStore.Member(host, node));
        }
        pools.updateStatus(plan.pool().name(), new PoolStore.PoolStatus(s.phase(), s.ready(), s.total(), members));
    }
}
