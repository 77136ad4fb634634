package dev.hybridpane.core.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One step of an operation that runs the same steps on many targets (the hosts of a pool) in parallel, at most
 * {@code parallelism} at once. Each target's steps run in order, each observed before it is applied, so a re-run
 * redoes nothing a target already has; a target that fails stops its own steps, not the others'. Each target's
 * progress is an output {@code progress/TARGET} ("2/6 nodeadm install", "done", "failed: …") and its log lines are
 * prefixed {@code [TARGET]}. A target's steps see the operation's outputs; those they record under {@code TARGET/…}
 * (its node name…) go to the journal. The step fails when any target failed, naming them; cancellation stops each target
 * before its next step.
 */
public final class FanOut implements Step {
    /** The output key of a target's progress. */
    public static String progressKey(String target) {
        return "progress/" + target;
    }

    private final String id;
    private final String title;
    private final List<String> targets;
    private final int parallelism;
    private final Function<String, List<Step>> stepsFor;

    /** @param stepsFor a target's steps, in order (their ids need only be unique within the target) */
    public FanOut(String id, String title, List<String> targets, int parallelism, Function<String, List<Step>> stepsFor) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.targets = List.copyOf(targets);
        this.parallelism = parallelism;
        this.stepsFor = Objects.requireNonNull(stepsFor, "stepsFor");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    /** The plan: every target's steps and their arguments, indented under it. */
    @Override
    public List<String> arguments() {
        List<String> out = new ArrayList<>();
        out.add("on " + targets.size() + " targets, at most " + parallelism + " at once");
        for (String t : targets) {
            out.add(t + ":");
            for (Step s : stepsFor.apply(t)) {
                out.add("  " + s.title());
                s.arguments().forEach(a -> out.add("    " + a));
            }
        }
        return out;
    }

    /** Never already done as a whole: each target's own steps are observed when it runs. */
    @Override
    public boolean observe(StepContext ctx) {
        return false;
    }

    @Override
    public void apply(StepContext ctx) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, targets.size())), r -> {
            Thread t = new Thread(r, id + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<String, Future<String>> runs = new LinkedHashMap<>();
        try {
            for (String t : targets) {
                ctx.put(progressKey(t), "waiting");
                runs.put(t, pool.submit(() -> runTarget(t, ctx)));
            }
            List<String> failed = new ArrayList<>();
            boolean cancelled = false;
            for (Map.Entry<String, Future<String>> e : runs.entrySet()) {
                String outcome;
                try {
                    outcome = e.getValue().get();
                } catch (ExecutionException x) {
                    outcome = "failed: " + OperationEngine.reason(x.getCause());
                }
                if (outcome.startsWith("failed")) {
                    failed.add(e.getKey() + " (" + outcome.substring("failed: ".length()) + ")");
                } else if (outcome.equals("cancelled")) {
                    cancelled = true;
                }
            }
            if (!failed.isEmpty()) {
                throw new IllegalStateException(failed.size() + " of " + targets.size() + " failed: " + String.join("; ", failed));
            }
            if (cancelled) {
                throw new OperationCancelledException();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Runs one target's steps; returns "done", "cancelled" or "failed: reason" (and records it as its progress). */
    private String runTarget(String target, StepContext ctx) {
        List<Step> steps = stepsFor.apply(target);
        StepContext own = new StepContext(ctx.outputs(), line -> ctx.log("[" + target + "] " + line), ctx.cancel());
        String outcome = "done";
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (ctx.cancel().cancelled()) {
                outcome = "cancelled";
                break;
            }
            ctx.put(progressKey(target), (i + 1) + "/" + steps.size() + " " + s.title());
            try {
                if (s.observe(own)) {
                    own.log("already done: " + s.title());
                } else {
                    own.log(s.title());
                    s.apply(own);
                }
                own.outputs().forEach((k, v) -> {
                    if (k.startsWith(target + "/")) {
                        ctx.put(k, v); // a target's own outputs (its node name…) go to the journal
                    }
                });
            } catch (OperationCancelledException e) {
                outcome = "cancelled";
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = "cancelled";
                break;
            } catch (Exception e) {
                outcome = "failed: " + OperationEngine.reason(e);
                own.log("failed: " + OperationEngine.reason(e));
                break;
            }
        }
        ctx.put(progressKey(target), outcome);
        ctx.log("[" + target + "] " + outcome);
        return outcome;
    }
}
