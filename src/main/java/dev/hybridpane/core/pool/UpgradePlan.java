package dev.hybridpane.core.pool;

import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.util.List;
import java.util.Map;

/**
 * A reviewed pool upgrade, before anything runs: the pool, the profile version its nodes run and the one they go to, the
 * options, and per node (in the order they go) its host, its batch, how it is upgraded, each step and notes (an SSM node
 * repaved gets a new name, a node already at the new version is left alone…); every problem found (errors: it cannot run
 * as asked); how each host (and free host) is reached, from the inventory; and the operation itself ({@link #operation}, whose {@code planText} lists every step and its arguments).
 * For a repave or a cutover, {@code rebuild} (else null) holds what new nodes join with (the CA key of a Roles Anywhere
 * pool in memory, shown nowhere). Nothing secret is shown by it.
 */
public record UpgradePlan(ClusterRef ref, HybridNodePool pool, ProfileVersion from, ProfileVersion to, PoolUpgrade.Options options,
                          List<NodePlan> nodes, List<String> freeHosts, Map<String, EdgeHostSpec> hosts,
                          List<ProfileProblem> problems, Operation operation, PoolUpgradeRebuild rebuild) {
    public UpgradePlan {
        nodes = List.copyOf(nodes);
        hosts = Map.copyOf(hosts);
        freeHosts = List.copyOf(freeHosts);
        problems = List.copyOf(problems);
    }

    /** How one node reaches the new version. */
    public enum Method {
        /** cordon, drain, nodeadm upgrade, uncordon, wait Ready: the node keeps its name. */
        IN_PLACE("in place"),
        /** removed, then installed and initialised again on the same host (nodeadm cannot upgrade it in place). */
        REPAVE("repave"),
        /** a new node joins on a free host first; then this one is drained and removed, and its host freed. */
        CUTOVER("cutover"),
        /** already Ready and schedulable at the new version: nothing to do. */
        UP_TO_DATE("up to date");

        private final String text;

        Method(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * One node of the plan.
     *
     * @param order 1-based position in the rolling order
     * @param batch 1-based: which group of {@code maxUnavailable} (or {@code maxSurge} for a cutover) it goes with
     * @param steps each step's title, in order
     */
    public record NodePlan(String host, String node, int order, int batch, Method method, List<String> steps, List<String> notes) {
        public NodePlan {
            node = node == null ? "" : node;
            steps = List.copyOf(steps);
            notes = List.copyOf(notes);
        }
    }

    /** The same plan with its operation (built once the plan's contents are known). */
    UpgradePlan withOperation(Operation op) {
        return new UpgradePlan(ref, pool, from, to, options, nodes, freeHosts, hosts, problems, op, rebuild);
    }

    public boolean valid() {
        return problems.stream().noneMatch(ProfileProblem::isError);
    }

    public List<ProfileProblem> errors() {
        return problems.stream().filter(ProfileProblem::isError).toList();
    }

    /** The Kubernetes version the nodes go to ("1.31"). */
    public String kubernetesVersion() {
        return to.kubernetes().version();
    }

    /** The plan as text: what changes, the order, each node's method, steps and notes, then the operation's steps. */
    public String planText() {
        StringBuilder b = new StringBuilder();
        b.append("Upgrade pool ").append(pool.name()).append(" (").append(ref.name()).append(" · ").append(ref.region())
                .append(") from ").append(pool.profile().name()).append(" v").append(from.number()).append(" (Kubernetes ")
                .append(from.kubernetes().version()).append(", ").append(from.kubernetes().credentialProvider().id())
                .append(") to v").append(to.number()).append(" (Kubernetes ").append(to.kubernetes().version()).append(", ")
                .append(to.kubernetes().credentialProvider().id()).append(")\n");
        b.append("Strategy ").append(options.strategy().text()).append(", at most ").append(options.maxUnavailable())
                .append(" unavailable");
        if (options.strategy() == PoolUpgrade.Strategy.CUTOVER) {
            b.append(", at most ").append(options.maxSurge()).append(" extra (surge)");
        }
        b.append(options.stopOnFailure() ? ", stop on the first failure" : ", carry on after a failure");
        if (!options.pauseBetween().isZero()) {
            b.append(", pause ").append(options.pauseBetween().toSeconds()).append(" s between nodes");
        }
        b.append('\n');
        if (options.strategy() == PoolUpgrade.Strategy.CUTOVER) {
            b.append("Free hosts at ").append(pool.site()).append(": ").append(freeHosts.isEmpty() ? "none"
                    : String.join(", ", freeHosts)).append('\n');
        }
        for (NodePlan n : nodes) {
            b.append(String.format("%2d. batch %d  %-20s on %-12s %s%n", n.order(), n.batch(), n.node().isEmpty() ? "(no node)"
                    : n.node(), n.host(), n.method().text()));
            n.steps().forEach(s -> b.append("      - ").append(s).append('\n'));
            n.notes().forEach(s -> b.append("      note: ").append(s).append('\n'));
        }
        problems.forEach(p -> b.append(p.isError() ? "error: " : "warning: ").append(p.field()).append(": ")
                .append(p.message()).append('\n'));
        if (operation != null) {
            b.append('\n').append(operation.planText());
        }
        return b.toString();
    }
}
