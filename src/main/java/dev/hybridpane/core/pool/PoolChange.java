package dev.hybridpane.core.pool;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Change a pool": {@code pool apply -f} of a pool that exists, with hosts added and/or removed. First the pool's creation
 * steps for the new spec (the added hosts join as in create; the hosts already in the pool are only checked, their node
 * found in the cluster, and nothing is done to them), so capacity never drops; then each removed host's node goes through
 * {@link NodeRemoval}, one at a time. The first step records the inputs ({@code input/pool}: the new spec as YAML;
 * {@code input/remove/HOST}: its node; {@code input/drain}: the drain's choices), so a resume rebuilds the change even
 * after the spec no longer names the removed hosts. Journal id {@code pool-change/REGION/CLUSTER/POOL}.
 */
public final class PoolChange {
    public static final String KIND = "pool-change";
    static final String INPUT_POOL = "input/pool";
    static final String INPUT_REMOVE = "input/remove/";
    static final String INPUT_DRAIN = "input/drain";

    /** A host leaving the pool, and its node ("" when it never joined: then only nodeadm uninstall and the release). */
    public record Removed(String host, String node) {
    }

    /** What changes: the hosts that join, the hosts (and nodes) removed, in order. */
    public record Delta(List<String> added, List<Removed> removed) {
        public Delta {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }

        public boolean empty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    private PoolChange() {
    }

    public static String operationId(String region, String cluster, String pool) {
        return KIND + "/" + region + "/" + cluster + "/" + pool;
    }

    /**
     * The delta between the stored pool and the desired one, plus the removals an earlier run that did not succeed recorded (failed, cancelled, interrupted) (its
     * journal; the spec may already have lost those hosts). Empty when the pool is not stored or was never created (no
     * status members yet, and no earlier change): that is a creation.
     */
    static Optional<Delta> delta(HybridNodePool desired, PoolStore.Pools pools, Optional<Journal> earlier) {
        Optional<PoolStore.Stored> stored = pools.get(desired.name());
        Map<String, String> removed = new LinkedHashMap<>();
        earlier.filter(j -> j.status() != OperationStatus.SUCCEEDED).ifPresent(j -> j.outputs().forEach((k, v) -> {
            if (k.startsWith(INPUT_REMOVE) && !desired.hostNames().contains(k.substring(INPUT_REMOVE.length()))) {
                removed.put(k.substring(INPUT_REMOVE.length()), v);
            }
        }));
        if (stored.isEmpty() || stored.get().status().members().isEmpty() && removed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> nodeOf = new LinkedHashMap<>();
        stored.get().status().members().forEach(m -> nodeOf.put(m.host(), m.node()));
        for (String h : stored.get().pool().hostNames()) {
            if (!desired.hostNames().contains(h)) {
                removed.putIfAbsent(h, nodeOf.getOrDefault(h, ""));
            }
        }
        List<String> added = desired.hostNames().stream().filter(h -> !stored.get().pool().hostNames().contains(h)
                && !nodeOf.containsKey(h)).toList();
        List<Removed> out = new ArrayList<>();
        removed.forEach((h, n) -> out.add(new Removed(h, n)));
        return Optional.of(new Delta(added, out));
    }

    /** The change as one operation: the inputs, the creation's steps for the new spec, then each removal in turn. */
    static Operation operation(PoolInputs in, Operation creation, Delta delta, NodeRemoval.Context removal) {
        HybridNodePool p = in.pool();
        List<Step> steps = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add("hosts that join: " + (delta.added().isEmpty() ? "none" : String.join(", ", delta.added())));
        args.add("nodes removed, one at a time: " + (delta.removed().isEmpty() ? "none" : String.join(", ", delta.removed()
                .stream().map(r -> (r.node().isEmpty() ? "(no node)" : r.node()) + " (host " + r.host() + ")").toList())));
        args.add("the hosts already in the pool are only checked: nothing is done to their nodes");
        steps.add(Steps.of("inputs", "Record the change of pool " + p.name() + " (for a resume)", args,
                ctx -> {
                    ctx.put(INPUT_POOL, PoolMapper.toYaml(p));
                    ctx.put(INPUT_DRAIN, drainText(removal.drain()));
                    delta.removed().forEach(r -> ctx.put(INPUT_REMOVE + r.host(), r.node()));
                    return true;
                }, ctx -> { }));
        steps.addAll(creation.steps());
        for (Removed r : delta.removed()) {
            if (r.node().isEmpty()) {
                steps.add(NodeRemoval.uninstall(removal, r.host(), "(none)"));
                steps.add(NodeRemoval.release(removal, r.host(), "(none)"));
            } else {
                steps.addAll(NodeRemoval.steps(removal, r.host(), r.node()));
            }
        }
        return new Operation(operationId(in.region(), in.clusterName(), p.name()), KIND, "Change node pool " + p.name(),
                p.name() + " · " + in.clusterName() + " · " + in.region(), steps);
    }

    /** The desired pool a change recorded (for a resume), if any. */
    public static Optional<HybridNodePool> recordedPool(Journal j) {
        return Optional.ofNullable(j.outputs().get(INPUT_POOL)).map(PoolMapper::fromYaml);
    }

    /** The drain's choices a change or a node removal recorded (for a resume); none recorded: the defaults. */
    public static NodeDrain.Options recordedDrain(Journal j) {
        return drainOptions(j.outputs().get(INPUT_DRAIN));
    }

    static String drainText(NodeDrain.Options o) {
        return "deleteEmptyDirData=" + o.deleteEmptyDirData() + ",force=" + o.force() + ",disableEviction="
                + o.disableEviction() + ",timeout=" + o.timeout() + ",retryEvery=" + o.retryEvery();
    }

    static NodeDrain.Options drainOptions(String text) {
        if (text == null || text.isBlank()) {
            return NodeDrain.Options.DEFAULT;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : text.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return new NodeDrain.Options(Boolean.parseBoolean(m.get("deleteEmptyDirData")), Boolean.parseBoolean(m.get("force")),
                Boolean.parseBoolean(m.get("disableEviction")), m.containsKey("timeout") ? Duration.parse(m.get("timeout")) : null,
                m.containsKey("retryEvery") ? Duration.parse(m.get("retryEvery")) : null);
    }
}
