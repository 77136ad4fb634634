package dev.hybridpane.core.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One step of an operation that takes targets (the nodes of a pool) out of service and back one small batch at a time,
 * as a rolling update does: each target's steps run in order, each observed before it is applied, with at most
 * {@link Options#maxUnavailable} targets in flight at once, in the targets' order. Optionally a pause after each target
 * before its slot takes the next one. By default no new target starts after one failed (the targets in flight finish);
 * {@link Options#stopOnFailure} false carries on with the others.
 *
 * <p>Pause, resume and cancel ({@link PauseToken}, and the operation's own cancel flag) act at a target boundary: a
 * target that has started always runs all of its steps (its waits see a cancel flag of their own, which a cancel does
 * not set), so no target is left half-done; while paused no new target starts; once cancelled none does, and the step
 * ends as cancelled when those in flight are done.
 *
 * <p>Each target's progress is an output {@code progress/TARGET} ("waiting", "2/6 drain", "done", "failed: …",
 * "not started"), the time its steps took {@code elapsed/TARGET} (milliseconds), and its log lines are prefixed
 * {@code [TARGET]}. A target's steps see the operation's outputs; those they record under {@code TARGET/…} go to the
 * journal, so a resumed run knows what each target has done.
 */
public final class Rolling implements Step {
    /**
     * @param maxUnavailable targets in flight at most (at least 1)
     * @param pauseBetween   how long a slot waits after its target finished before it takes the next one (zero: none)
     * @param stopOnFailure  no new target starts after a failure (the default)
     */
    public record Options(int maxUnavailable, Duration pauseBetween, boolean stopOnFailure) {
        public Options {
            if (maxUnavailable < 1) {
                throw new IllegalArgumentException("max unavailable must be at least 1, not " + maxUnavailable);
            }
            pauseBetween = pauseBetween == null ? Duration.ZERO : pauseBetween;
            if (pauseBetween.isNegative()) {
                throw new IllegalArgumentException("the pause between targets cannot be negative");
            }
        }

        /** One at a time, no pause, stop on the first failure. */
        public static Options defaults() {
            return new Options(1, Duration.ZERO, true);
        }
    }

    public static String progressKey(String target) {
        return "progress/" + target;
    }

    public static String elapsedKey(String target) {
        return "elapsed/" + target;
    }

    private static final Duration SLICE = Duration.ofMillis(20);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String id;
    private final String title;
    private final List<String> targets;
    private final Options options;
    private final PauseToken pause;
    private final Function<String, List<Step>> stepsFor;

    /** @param stepsFor a target's steps, in order (their ids need only be unique within the target) */
    public Rolling(String id, String title, List<String> targets, Options options, PauseToken pause,
                   Function<String, List<Step>> stepsFor) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.targets = List.copyOf(targets);
        this.options = Objects.requireNonNull(options, "options");
        this.pause = pause == null ? new PauseToken() : pause;
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

    public List<String> targets() {
        return targets;
    }

    public Options options() {
        return options;
    }

    /** The plan: the batch rule, then every target's steps and their arguments, indented under it, in order. */
    @Override
    public List<String> arguments() {
        List<String> out = new ArrayList<>();
        out.add(targets.size() + " targets in this order, at most " + options.maxUnavailable() + " at once"
                + (options.pauseBetween().isZero() ? "" : ", a pause of " + options.pauseBetween().toSeconds()
                + " s after each") + (options.stopOnFailure() ? "; no new target starts after a failure"
                : "; a failure does not stop the others"));
        for (int i = 0; i < targets.size(); i++) {
            String t = targets.get(i);
            out.add((i + 1) + ". " + t + ":");
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
        targets.forEach(t -> ctx.put(progressKey(t), "waiting"));
        int k = Math.min(options.maxUnavailable(), Math.max(1, targets.size()));
        ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
            Thread t = new Thread(r, id + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Semaphore slots = new Semaphore(k);
        CancelToken inFlight = new CancelToken(); // the started targets' own flag: a boundary cancel never sets it
        AtomicBoolean failedOnce = new AtomicBoolean();
        Map<String, Future<String>> runs = new LinkedHashMap<>();
        String stopped = null;
        try {
            for (int i = 0; i < targets.size() && stopped == null; i++) {
                stopped = awaitSlot(ctx, slots, failedOnce);
                if (stopped == null) {
                    String t = targets.get(i);
                    boolean last = i == targets.size() - 1;
                    runs.put(t, pool.submit(() -> {
                        try {
                            String outcome = runTarget(t, ctx, inFlight);
                            if (outcome.startsWith("failed")) {
                                failedOnce.set(true);
                            } else if (!last && !options.pauseBetween().isZero()) {
                                pauseAfter(t, ctx);
                            }
                            return outcome;
                        } finally {
                            slots.release();
                        }
                    }));
                }
            }
            List<String> failed = new ArrayList<>();
            for (Map.Entry<String, Future<String>> e : runs.entrySet()) {
                String outcome;
                try {
                    outcome = e.getValue().get();
                } catch (ExecutionException x) {
                    outcome = "failed: " + OperationEngine.reason(x.getCause());
                    ctx.put(progressKey(e.getKey()), outcome);
                }
                if (outcome.startsWith("failed")) {
                    failed.add(e.getKey() + " (" + outcome.substring("failed: ".length()) + ")");
                }
            }
            List<String> notStarted = targets.stream().filter(t -> !runs.containsKey(t)).toList();
            notStarted.forEach(t -> ctx.put(progressKey(t), "not started"));
            String rest = notStarted.isEmpty() ? "" : "; " + notStarted.size() + " not started: " + String.join(", ", notStarted);
            if (!failed.isEmpty()) {
                throw new IllegalStateException(failed.size() + " of " + targets.size() + " failed: " + String.join("; ", failed)
                        + rest);
            }
            if (stopped != null) {
                ctx.log("Cancelled at a target boundary: " + runs.size() + " of " + targets.size() + " ran all their steps"
                        + rest);
                throw new OperationCancelledException();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Waits for a free slot while running; returns null when one is taken, or why no new target starts (cancelled, or
     * a failure with stop-on-failure). While paused it logs once and holds.
     */
    private String awaitSlot(StepContext ctx, Semaphore slots, AtomicBoolean failedOnce) throws InterruptedException {
        boolean saidPaused = false;
        while (true) {
            if (options.stopOnFailure() && failedOnce.get()) {
                return "failure";
            }
            if (pause.paused() && !saidPaused) {
                ctx.log("Paused: no new target starts; " + (options.maxUnavailable() - slots.availablePermits())
                        + " in flight finish their steps");
                saidPaused = true;
            }
            if (!pause.awaitRunning(ctx.cancel(), SLICE)) {
                return "cancelled";
            }
            if (saidPaused) {
                ctx.log("Resumed");
                saidPaused = false;
            }
            if (slots.tryAcquire(SLICE.toMillis(), TimeUnit.MILLISECONDS)) {
                if ((options.stopOnFailure() && failedOnce.get()) || pause.state() != PauseToken.State.RUNNING
                        || ctx.cancel().cancelled()) {
                    slots.release(); // something changed while waiting: look again
                    continue;
                }
                return null;
            }
        }
    }

    /** The pause after a target, cut short by a cancel (nothing new will start anyway). */
    private void pauseAfter(String target, StepContext ctx) throws InterruptedException {
        ctx.log("[" + target + "] pausing " + options.pauseBetween().toSeconds() + " s before the next target");
        long end = System.nanoTime() + options.pauseBetween().toNanos();
        while (System.nanoTime() < end && !pause.cancelled() && !ctx.cancel().cancelled()) {
            Thread.sleep(Math.max(1, Math.min(SLICE.toMillis(), (end - System.nanoTime()) / 1_000_000)));
        }
    }

    /** Runs one target's steps to the end; returns "done" or "failed: reason" (and records it as its progress). */
    private String runTarget(String target, StepContext ctx, CancelToken inFlight) {
        long start = System.nanoTime();
        List<Step> steps = stepsFor.apply(target);
        StepContext own = new StepContext(ctx.outputs(), line -> ctx.log("[" + target + "] " + line), inFlight);
        String outcome = "done";
        ctx.log("[" + target + "] started");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            ctx.put(progressKey(target), (i + 1) + "/" + steps.size() + " " + s.title());
            try {
                if (s.observe(own)) {
                    own.log("already done: " + s.title());
                } else {
                    own.log(s.title());
                    s.apply(own);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = "failed: interrupted during " + s.title();
            } catch (Exception e) {
                outcome = "failed: " + OperationEngine.reason(e);
                own.log("failed: " + OperationEngine.reason(e));
            } finally {
                keepOwnOutputs(target, own, ctx);
            }
            if (!outcome.equals("done")) {
                break;
            }
        }
        ctx.put(elapsedKey(target), Long.toString((System.nanoTime() - start) / 1_000_000));
        ctx.put(progressKey(target), outcome);
        ctx.log("[" + target + "] " + outcome);
        return outcome;
    }

    /** A target's own outputs (TARGET/…) go to the operation's, hence to the journal. */
    private static void keepOwnOutputs(String target, StepContext own, StepContext ctx) {
        own.outputs().forEach((key, v) -> {
            if (key.startsWith(target + "/") && !v.equals(ctx.get(key).orElse(null))) {
                ctx.put(key, v);
            }
        });
    }

    /** The targets whose progress is "done" in these outputs (a journal's), in order. */
    public static List<String> done(List<String> targets, Map<String, String> outputs) {
        List<String> out = new ArrayList<>();
        for (String t : targets) {
            if ("done".equals(outputs.get(progressKey(t)))) {
                out.add(t);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
