package dev.hybridpane.core.pool;

import dev.hybridpane.core.ops.StepContext;
import dev.hybridpane.core.pool.NodeOps.Eviction;
import dev.hybridpane.core.pool.NodeOps.PodOnNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * kubectl drain's semantics on {@link NodeOps}: cordon; list the node's pods; skip mirror pods and DaemonSet pods (always,
 * as with {@code --ignore-daemonsets}); finished pods are always removable; pods with emptyDir volumes are refused unless
 * {@link Options#deleteEmptyDirData}, pods that declare no controller unless {@link Options#force} (every refusal is
 * reported before anything is evicted); evict each through the Eviction API, where a 429 from a PodDisruptionBudget waits
 * {@link Options#retryEvery} and retries, logging the budget and the pod that block (and telling the caller, who records an
 * Event); then wait until the evicted pods (by uid) are gone. A timeout fails with the reason (which pod, which budget) and
 * leaves the node cordoned. Pods are deleted bypassing their budgets only when {@link Options#disableEviction} was chosen.
 * Cancellation ({@link StepContext#pause}) stops a wait at once, the node still cordoned; running the drain again resumes.
 */
public final class NodeDrain {

    /**
     * kubectl drain's choices.
     *
     * @param deleteEmptyDirData evict pods with emptyDir volumes (their local data is lost): {@code --delete-emptydir-data}
     * @param force              evict pods that declare no controller (nothing recreates them): {@code --force}
     * @param disableEviction    DELETE pods instead of evicting them, bypassing PodDisruptionBudgets: {@code --disable-eviction}
     * @param timeout            how long the whole drain may take; zero: no limit (kubectl's {@code --timeout 0})
     * @param retryEvery         the wait before an eviction a budget refused is tried again (kubectl: 5 s)
     */
    public record Options(boolean deleteEmptyDirData, boolean force, boolean disableEviction, Duration timeout,
                          Duration retryEvery) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
        public static final Duration DEFAULT_RETRY = Duration.ofSeconds(5);
        /** Nothing forced, 10 minutes, retry every 5 s. */
        public static final Options DEFAULT = new Options(false, false, false, DEFAULT_TIMEOUT, DEFAULT_RETRY);

        public Options {
            timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
            retryEvery = retryEvery == null || retryEvery.isZero() || retryEvery.isNegative() ? DEFAULT_RETRY : retryEvery;
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("The drain timeout cannot be negative: " + timeout + ".");
            }
        }

        public Options withTimeout(Duration t) {
            return new Options(deleteEmptyDirData, force, disableEviction, t, retryEvery);
        }

        public Options withRetryEvery(Duration r) {
            return new Options(deleteEmptyDirData, force, disableEviction, timeout, r);
        }

        /** The choices as the plan shows them: "evict (PodDisruptionBudgets respected), timeout 10 min". */
        public String describe() {
            List<String> parts = new ArrayList<>();
            parts.add(disableEviction ? "delete pods (PodDisruptionBudgets bypassed: --disable-eviction)"
                    : "evict through the Eviction API (PodDisruptionBudgets respected, retry every " + text(retryEvery) + ")");
            if (deleteEmptyDirData) {
                parts.add("emptyDir data deleted");
            }
            if (force) {
                parts.add("pods without a controller deleted (--force)");
            }
            parts.add(timeout.isZero() ? "no timeout" : "timeout " + text(timeout));
            return String.join(", ", parts);
        }
    }

    /** What a drain did: the pods it evicted (or deleted), and those it left (DaemonSet and mirror pods). */
    public record Result(List<String> removed, List<String> skipped) {
        public Result {
            removed = List.copyOf(removed);
            skipped = List.copyOf(skipped);
        }
    }

    /** A drain that could not finish (refused pods, a timeout, an eviction refused): its sentence says why. */
    public static final class DrainException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public DrainException(String message) {
            super(message);
        }
    }

    private static final String LOCAL_STORAGE = "cannot delete Pods with local storage (use --delete-emptydir-data, "
            + "or \"Delete emptyDir data\" in the console, to override)";
    private static final String UNMANAGED = "cannot delete Pods that declare no controller (use --force, or \"Force\" in the "
            + "console, to override)";

    private final NodeOps ops;
    private final Options options;

    public NodeDrain(NodeOps ops, Options options) {
        this.ops = Objects.requireNonNull(ops, "ops");
        this.options = options == null ? Options.DEFAULT : options;
    }

    public Options options() {
        return options;
    }

    /** Pods a drain leaves on the node: mirror pods and DaemonSet pods. */
    static boolean skipped(PodOnNode p) {
        return p.mirror() || p.daemonSet();
    }

    /**
     * The "drained" check: no pod a drain would remove is left on the node (only DaemonSet and mirror pods). It does not
     * read whether the node is cordoned.
     */
    public static boolean drained(NodeOps ops, String node) {
        return ops.pods(node).stream().allMatch(NodeDrain::skipped);
    }

    /** The refusals kubectl drain would print for these pods with these options; empty: every pod may go. */
    public static List<String> refusals(List<PodOnNode> pods, Options options) {
        List<String> local = new ArrayList<>();
        List<String> unmanaged = new ArrayList<>();
        for (PodOnNode p : pods) {
            if (skipped(p) || p.finished()) {
                continue;
            }
            if (p.ownerKind().isEmpty() && !options.force()) {
                unmanaged.add(p.ref());
            }
            if (p.emptyDir() && !options.deleteEmptyDirData()) {
                local.add(p.ref());
            }
        }
        List<String> out = new ArrayList<>();
        if (!unmanaged.isEmpty()) {
            out.add(UNMANAGED + ": " + String.join(", ", unmanaged));
        }
        if (!local.isEmpty()) {
            out.add(LOCAL_STORAGE + ": " + String.join(", ", local));
        }
        return out;
    }

    /**
     * Cordons the node and drains it. Blocking: returns when every removable pod is gone; fails with a
     * {@link DrainException} (the node stays cordoned) or, when cancelled, with the engine's cancellation.
     *
     * @param blocked told once per pod and budget that blocks it, with a sentence naming both (for an Event); no secret
     */
    public Result drain(String node, StepContext ctx, Consumer<String> blocked) throws InterruptedException {
        long start = System.nanoTime();
        ops.setUnschedulable(node, true);
        List<PodOnNode> pods = ops.pods(node);
        List<String> skipped = pods.stream().filter(NodeDrain::skipped).map(PodOnNode::ref).toList();
        if (!skipped.isEmpty()) {
            ctx.log("drain " + node + ": ignoring DaemonSet-managed and mirror pods: " + String.join(", ", skipped));
        }
        List<String> refused = refusals(pods, options);
        if (!refused.isEmpty()) {
            throw new DrainException("Cannot drain node " + node + ": " + String.join("; ", refused)
                    + ". The node stays cordoned.");
        }
        Map<String, PodOnNode> pending = new LinkedHashMap<>();
        pods.stream().filter(p -> !skipped(p)).forEach(p -> pending.put(p.ref(), p));
        List<String> removed = new ArrayList<>(pending.keySet());
        Map<String, PodOnNode> deleting = new LinkedHashMap<>();
        Map<String, String> blockers = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            for (PodOnNode p : List.copyOf(pending.values())) {
                if (p.finished() || options.disableEviction()) {
                    ops.deletePod(p.namespace(), p.name());
                    ctx.log("drain " + node + ": deleted pod " + p.ref() + (p.finished() ? " (finished)" : " (eviction disabled)"));
                    pending.remove(p.ref());
                    deleting.put(p.ref(), p);
                    continue;
                }
                Eviction e = ops.evict(p.namespace(), p.name());
                if (e instanceof Eviction.Evicted) {
                    ctx.log("drain " + node + ": evicting pod " + p.ref());
                    pending.remove(p.ref());
                    blockers.remove(p.ref());
                    deleting.put(p.ref(), p);
                } else if (e instanceof Eviction.Gone) {
                    pending.remove(p.ref());
                    blockers.remove(p.ref());
                } else if (e instanceof Eviction.Blocked b) {
                    String why = blockedText(p, b);
                    if (!why.equals(blockers.put(p.ref(), why))) {
                        ctx.log("drain " + node + ": " + why + "; will retry every " + text(options.retryEvery()));
                        blocked.accept("Draining node " + node + ": " + why + ".");
                    }
                } else if (e instanceof Eviction.Refused r) {
                    throw new DrainException("Cannot drain node " + node + ": the eviction of pod " + p.ref()
                            + " was refused (" + r.code() + "): " + r.message() + " The node stays cordoned.");
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (late(start)) {
                throw new DrainException("Drain of node " + node + " timed out after " + text(options.timeout()) + ": "
                        + String.join("; ", blockers.isEmpty() ? pending.keySet() : blockers.values())
                        + ". The node stays cordoned; nothing was force-deleted (choose --disable-eviction, or \"Disable "
                        + "eviction\" in the console, to bypass PodDisruptionBudgets).");
            }
            ctx.pause(options.retryEvery());
        }
        Duration poll = options.retryEvery().compareTo(Duration.ofSeconds(1)) < 0 ? options.retryEvery() : Duration.ofSeconds(1);
        while (true) {
            deleting.values().removeIf(p -> !ops.podExists(p.namespace(), p.name(), p.uid()));
            if (deleting.isEmpty()) {
                break;
            }
            if (late(start)) {
                throw new DrainException("Drain of node " + node + " timed out after " + text(options.timeout())
                        + " waiting for evicted pods to be deleted: " + String.join(", ", deleting.keySet())
                        + ". The node stays cordoned.");
            }
            ctx.pause(poll);
        }
        ctx.log("drain " + node + ": " + removed.size() + " pod(s) removed" + (removed.isEmpty() ? "" : ": "
                + String.join(", ", removed)));
        return new Result(removed, skipped);
    }

    private boolean late(long start) {
        return !options.timeout().isZero() && System.nanoTime() - start > options.timeout().toNanos();
    }

    private static String blockedText(PodOnNode p, Eviction.Blocked b) {
        return "pod " + p.ref() + " is blocked by " + (b.budget().isEmpty() ? "the API server (429)"
                : "PodDisruptionBudget " + b.budget()) + ": " + b.message().strip().replaceAll("\\.$", "");
    }

    static String text(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + " min";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
