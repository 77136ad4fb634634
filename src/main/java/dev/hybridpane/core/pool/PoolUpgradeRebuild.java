package dev.hybridpane.core.pool;

import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a repave or a cutover needs beyond an in-place upgrade, gathered by the plan: the pool's creation inputs for the pool
 * on the new version ({@link PoolService#check}: the cluster, the Hybrid Nodes role, for Roles Anywhere the trust anchor,
 * profile and the CA key held in memory, the hosts' facts; for a cutover the free hosts added), the inventory whose
 * EdgeHosts' status follows the hosts in and out of the pool (kept open by the caller until the run ends), SSM, and for a
 * cutover which free host replaces which old host. {@code toString} names no key.
 *
 * @param replacements cutover: old host → the free host whose new node replaces it (empty for a repave)
 */
public record PoolUpgradeRebuild(PoolInputs inputs, InventoryPort.Inventory inventory, ActivationPort ssm,
                                 Map<String, String> replacements) {
    public PoolUpgradeRebuild {
        replacements = Map.copyOf(replacements);
    }

    /** Whether new nodes join with SSM (an activation is needed) rather than IAM Roles Anywhere. */
    boolean ssmJoin() {
        return inputs.rolesAnywhere() == null;
    }

    /**
     * What the repave or cutover of {@code pool} to {@code to} joins with: for a cutover each old host gets the next free
     * host in the inventory's order, hosts an earlier run claimed for the pool first (a cutover claims every replacement
     * before the first joins, so a resumed run finds the same ones) (too few: an error naming them; each such node's plan notes its replacement), then the pool
     * on version N (with the free hosts for a cutover) is checked as a creation is ({@link PoolService#check}: its problems
     * join the plan's; a Roles Anywhere pool without its CA key is refused there, naming it).
     */
    static PoolUpgradeRebuild gather(PoolService service, ClusterRef ref, HybridNodePool pool, ProfileVersion to,
                                     PoolUpgrade.Options o, List<UpgradePlan.NodePlan> nodes, List<String> free,
                                     PoolStore.Pools pools, ProfileStore.Profiles profiles, InventoryPort.Inventory inventory,
                                     CaKey caKey, ActivationPort ssm, List<ProfileProblem> problems) {
        Map<String, String> replacements = new LinkedHashMap<>();
        List<PoolHost> hosts = new ArrayList<>(pool.hosts());
        int needed = 0;
        for (int i = 0; i < nodes.size(); i++) {
            UpgradePlan.NodePlan n = nodes.get(i);
            if (n.method() != UpgradePlan.Method.CUTOVER) {
                continue;
            }
            needed++;
            if (needed > free.size()) {
                continue;
            }
            String fresh = free.get(needed - 1);
            replacements.put(n.host(), fresh);
            hosts.add(new PoolHost(fresh, pool.host(n.host()).map(PoolHost::vpnServerIp).orElse(null)));
            List<String> notes = new ArrayList<>(n.notes());
            notes.add("replaced by a new node on free host " + fresh + ", which joins at v" + to.number() + " first");
            nodes.set(i, new UpgradePlan.NodePlan(n.host(), n.node(), n.order(), n.batch(), n.method(), n.steps(), notes));
        }
        if (needed > free.size()) {
            problems.add(ProfileProblem.error("strategy", "A cutover needs a free compatible host of site " + pool.site()
                    + " for each of the " + needed + " node(s) it replaces; the site has " + free.size()
                    + (free.isEmpty() ? "" : " (" + String.join(", ", free) + ")") + ": import hosts, or upgrade in place."));
        }
        HybridNodePool target = pool.withHosts(hosts).withProfile(new ProfileRef(pool.profile().name(), to.number()));
        PoolService.Checked c = service.check(target, ref, profiles, inventory, pools, null, PoolInputs.DEFAULT_PARALLELISM,
                o.readyTimeout(), caKey);
        c.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
        return new PoolUpgradeRebuild(c.inputs(), inventory, ssm, replacements);
    }

    @Override
    public String toString() {
        return "PoolUpgradeRebuild[pool=" + inputs.pool().name() + ", replacements=" + replacements + "]";
    }
}
