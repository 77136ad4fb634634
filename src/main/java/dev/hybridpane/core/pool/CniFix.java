package dev.hybridpane.core.pool;

import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.domain.pool.HybridNodePool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explicit fix for a CNI that does not run on a pool's nodes: the JSON patches of the cluster's Cilium / Calico
 * DaemonSets ({@link NotReadyDiagnosis#patch}) that let it run on every node of the pool (the nodes as they are in the
 * cluster, or, before any has registered, the labels and taints the pool gives them), shown first and applied only when
 * asked. A DaemonSet already running on the pool's nodes is never touched.
 */
public final class CniFix {
    private CniFix() {
    }

    /**
     * {@code runs}: the CNI already runs on every node of the pool; {@code patches}: what would be applied; {@code notes}:
     * what a patch cannot fix (by hand), or why nothing is needed.
     */
    public record Plan(String pool, boolean runs, List<NotReadyDiagnosis.CniPatch> patches, List<String> notes) {
        public Plan {
            patches = List.copyOf(patches);
            notes = List.copyOf(notes);
        }
    }

    /** Reads the pool, its nodes and the CNI DaemonSets; IllegalArgumentException when the cluster has no such pool. */
    public static Plan plan(PoolStore.Pools pools, String poolName) {
        HybridNodePool pool = pools.get(poolName).map(PoolStore.Stored::pool).orElseThrow(() -> new IllegalArgumentException(
                "There is no node pool named " + poolName + "."));
        List<Map<String, String>> nodes = new ArrayList<>(pools.nodesOfPool(poolName).stream().map(PoolStore.NodeState::labels)
                .toList());
        if (nodes.isEmpty()) {
            Map<String, String> expected = new LinkedHashMap<>(pool.nodeLabels());
            expected.put(NodeLabels.COMPUTE_TYPE, NotReadyDiagnosis.HYBRID);
            expected.put("kubernetes.io/os", "linux");
            nodes.add(expected);
        }
        return plan(poolName, pools.cniDaemonSets(), nodes, pool);
    }

    static Plan plan(String poolName, List<CniDaemonSet> cni, List<Map<String, String>> nodes, HybridNodePool pool) {
        if (cni.isEmpty()) {
            return new Plan(poolName, false, List.of(), List.of("The cluster has no cilium or calico-node DaemonSet to patch: install "
                    + "Cilium with the hybrid nodeAffinity first."));
        }
        Map<String, NotReadyDiagnosis.CniPatch> patches = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Map<String, String> labels : nodes) {
            if (cni.stream().anyMatch(d -> d.selects(labels) && NotReadyDiagnosis.missingTolerations(d, pool.taints()).isEmpty())) {
                continue;
            }
            for (CniDaemonSet d : cni) {
                List<String> misses = d.nodeSelectorMisses(labels);
                if (!misses.isEmpty()) {
                    String note = d.ref() + ": its nodeSelector " + String.join(", ", misses) + " excludes the pool's nodes: "
                            + "change it by hand.";
                    if (!notes.contains(note)) {
                        notes.add(note);
                    }
                    continue;
                }
                NotReadyDiagnosis.patch(d, labels, NotReadyDiagnosis.missingTolerations(d, pool.taints()))
                        .ifPresent(p -> patches.putIfAbsent(d.ref(), p));
            }
        }
        boolean runs = patches.isEmpty() && notes.isEmpty();
        if (runs) {
            notes.add("The cluster's CNI runs on the nodes of pool " + poolName + ": nothing to patch.");
        }
        return new Plan(poolName, runs, List.copyOf(patches.values()), notes);
    }

    /** Applies the plan's patches, then plans again: what remains (no patch when they took effect). */
    public static Plan apply(PoolStore.Pools pools, Plan plan) {
        for (NotReadyDiagnosis.CniPatch p : plan.patches()) {
            pools.patchDaemonSet(p.namespace(), p.name(), p.json());
        }
        return plan(pools, plan.pool());
    }
}
