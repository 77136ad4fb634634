package dev.hybridpane.core.pool;

import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cutover, Cluster API style: capacity never drops. Every replacement (a free compatible host of the site) is claimed
 * for the pool first; then the old nodes go in batches of at most max surge; per batch, first each replacement joins at the new version ({@link PoolUpgradeJoin}) and is adopted
 * (the pool's spec and status name it, its EdgeHost is in the pool, an Event NodeAdopted), then each old node of the batch
 * is removed as {@code node remove} does ({@link NodeRemoval}: cordon, drain, uninstall, NotReady, delete, SSM, and its
 * host back to available). Every step observes first, so a resumed run does nothing twice.
 */
final class PoolUpgradeCutover {
    private final UpgradePlan plan;
    private final PoolStore.Pools pools;
    private final NodeRemoval.Context removal;
    private final PoolUpgradeJoin join;
    private final Map<String, List<UpgradePlan.NodePlan>> batches = new LinkedHashMap<>();

    PoolUpgradeCutover(UpgradePlan plan, PoolStore.Pools pools, NodeRemoval.Context removal, PoolUpgradeJoin join) {
        this.plan = plan;
        this.pools = pools;
        this.removal = removal;
        this.join = join;
        for (UpgradePlan.NodePlan n : plan.nodes()) {
            if (n.method() == UpgradePlan.Method.CUTOVER) {
                batches.computeIfAbsent("batch-" + n.batch(), k -> new ArrayList<>()).add(n);
            }
        }
    }

    /** The batches in order ("batch-1", …). */
    List<String> batches() {
        return List.copyOf(batches.keySet());
    }

    List<Step> steps(String batch) {
        List<Step> out = new ArrayList<>();
        List<UpgradePlan.NodePlan> nodes = batches.getOrDefault(batch, List.of());
        if (batch.equals(batches.keySet().iterator().next())) {
            // every replacement is claimed before the first joins: a run killed between batches resumes with the hosts
            // its plan named (claimed hosts go first), never with an old host a batch before it gave back
            for (List<UpgradePlan.NodePlan> all : batches.values()) {
                for (UpgradePlan.NodePlan n : all) {
                    String fresh = plan.rebuild().replacements().get(n.host());
                    if (fresh != null) {
                        out.add(claim(fresh, n));
                    }
                }
            }
        }
        for (UpgradePlan.NodePlan n : nodes) {
            String fresh = plan.rebuild().replacements().get(n.host());
            if (fresh == null) {
                continue; // no free host for it: the plan says so and is refused
            }
            out.addAll(join.join(fresh, "cutover, replacing node " + n.node() + " on " + n.host()));
        }
        for (UpgradePlan.NodePlan n : nodes) {
            String fresh = plan.rebuild().replacements().get(n.host());
            if (fresh == null) {
                continue;
            }
            if (n.node().isEmpty()) {
                out.add(swapped(fresh, n, NodeRemoval.uninstall(removal, n.host(), "(none)")));
            } else {
                for (Step s : NodeRemoval.steps(removal, n.host(), n.node())) {
                    if (!s.id().endsWith("/release")) {
                        out.add(swapped(fresh, n, s));
                    }
                }
            }
            out.add(swap(fresh, n));
        }
        String pool = plan.pool().name();
        out.add(Steps.of(batch + "/phase", "Kubernetes: pool " + pool + " stays " + PoolUpgrade.PHASE + " until the end",
                List.of("update HybridNodePool " + pool + " status.phase"), ctx -> phase().equals(PoolUpgrade.PHASE), ctx -> {
                    PoolStore.PoolStatus st = pools.get(pool).map(PoolStore.Stored::status).orElse(PoolStore.PoolStatus.NONE);
                    pools.updateStatus(pool, new PoolStore.PoolStatus(PoolUpgrade.PHASE, st.ready(), st.total(), st.members()));
                }));
        return out;
    }

    private String phase() {
        return pools.get(plan.pool().name()).map(st -> st.status().phase()).orElse("");
    }

    /**
     * The free host's EdgeHost is marked in the pool before anything runs on it, so a run resumed by another console picks
     * the same host again (claimed hosts come first) instead of joining a second one.
     */
    private Step claim(String fresh, UpgradePlan.NodePlan old) {
        String pool = plan.pool().name();
        return Steps.of(fresh + "/claim", "Claim free host " + fresh + " for pool " + pool + " (it replaces " + old.host() + ")",
                List.of("update EdgeHost " + fresh + " status (pool " + pool + ")"),
                ctx -> removal.inventory() == null || removal.inventory().hosts().stream()
                        .filter(h -> h.spec().name().equals(fresh)).anyMatch(h -> pool.equals(h.status().pool())),
                ctx -> NodeRemoval.setHostPool(removal.inventory(), fresh, pool));
    }

    /** A removal step, done as well once the swap is (the old host is then out of the pool). */
    private Step swapped(String fresh, UpgradePlan.NodePlan old, Step s) {
        return PoolUpgradeJoin.guarded(s, ctx -> swappedIn(ctx, fresh, old.host()));
    }

    /**
     * The new host takes the old one's place in the pool's spec (the old host's VPN server) and status, in one update, so
     * no resume ever sees both or neither; the new host's EdgeHost is in the pool, the old one's is available again.
     */
    private Step swap(String host, UpgradePlan.NodePlan old) {
        String pool = plan.pool().name();
        return Steps.of(old.host() + "/swap", "Host " + host + " takes " + old.host() + "'s place in pool " + pool + " (spec and "
                        + "status); " + old.host() + " back to available, Events NodeRemoved and NodeAdopted",
                List.of("update HybridNodePool " + pool + " (spec.hosts, status.members)", "update EdgeHost " + host + " and "
                        + old.host() + " status (pool)"),
                ctx -> swappedIn(ctx, host, old.host()), ctx -> {
                    String node = ctx.get(HostSteps.nodeKey(host)).orElseThrow(() -> new IllegalStateException("Host " + host
                            + " has no node recorded in the journal."));
                    replaceHost(old.host(), host, node);
                    if (removal.inventory() != null) {
                        NodeRemoval.setHostPool(removal.inventory(), host, pool);
                        NodeRemoval.setHostPool(removal.inventory(), old.host(), null);
                    }
                    join.event(ctx, "NodeRemoved", "Host " + old.host() + " left pool " + pool + " (node " + old.node()
                            + " removed); the host is available.");
                    join.event(ctx, "NodeAdopted", "Host " + host + " (node " + node + ", v" + plan.to().number()
                            + ") took the place of " + old.host() + " in pool " + pool + ".");
                });
    }

    private boolean swappedIn(StepContext ctx, String host, String oldHost) {
        Optional<PoolStore.Stored> s = pools.get(plan.pool().name());
        Optional<String> node = ctx.get(HostSteps.nodeKey(host));
        if (s.isEmpty() || node.isEmpty() || s.get().pool().host(host).isEmpty() || s.get().pool().host(oldHost).isPresent()
                || s.get().status().members().stream().noneMatch(m -> m.host().equals(host) && m.node().equals(node.get()))) {
            return false;
        }
        return removal.inventory() == null || removal.inventory().hosts().stream().filter(h -> h.spec().name().equals(host)
                || h.spec().name().equals(oldHost)).allMatch(h -> h.spec().name().equals(host)
                ? plan.pool().name().equals(h.status().pool()) : !plan.pool().name().equals(h.status().pool()));
    }

    private void replaceHost(String oldHost, String host, String node) {
        for (int attempt = 1; ; attempt++) {
            PoolStore.Stored s = pools.get(plan.pool().name()).orElseThrow(() -> new IllegalStateException("Pool "
                    + plan.pool().name() + " is gone."));
            HybridNodePool p = s.pool();
            try {
                if (p.host(host).isEmpty() || p.host(oldHost).isPresent()) {
                    String vpn = p.host(oldHost).map(PoolHost::vpnServerIp).orElse(null);
                    List<PoolHost> hosts = new ArrayList<>();
                    for (PoolHost h : p.hosts()) {
                        if (h.host().equals(oldHost)) {
                            hosts.add(new PoolHost(host, vpn));
                        } else if (!h.host().equals(host)) {
                            hosts.add(h);
                        }
                    }
                    if (hosts.stream().noneMatch(h -> h.host().equals(host))) {
                        hosts.add(new PoolHost(host, vpn));
                    }
                    p = p.withHosts(hosts);
                    pools.update(p, s.resourceVersion());
                }
                PoolStore.PoolStatus st = s.status();
                List<PoolStore.Member> members = new ArrayList<>(st.members().stream().filter(m -> !m.host().equals(host)
                        && !m.host().equals(oldHost)).toList());
                members.add(new PoolStore.Member(host, node));
                int ready = (int) members.stream().filter(m -> pools.node(m.node()).map(PoolStore.NodeState::ready)
                        .orElse(false)).count();
                pools.updateStatus(plan.pool().name(), new PoolStore.PoolStatus(st.phase(), ready, p.hosts().size(), members));
                return;
            } catch (PoolStoreException e) {
                if (!e.conflict() || attempt >= 5) {
                    throw e;
                }
            }
        }
    }
}
