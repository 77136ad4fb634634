package dev.hybridpane.core.ops;

import dev.hybridpane.core.AwsFailure;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs an {@link Operation} on the calling thread (callers put it on a worker): for each step, observe, and apply
 * only when the effect is missing; check the cancel flag between steps; journal every change (no secrets) and
 * report it to the listener. A step that fails stops the operation; running it again resumes, because every step
 * observes first. Outputs recorded by an earlier (interrupted) run of the same id are restored.
 */
public final class OperationEngine {
    private final JournalStore store;
    private final Clock clock;

    public OperationEngine(JournalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Journal run(Operation op, CancelToken cancel, Consumer<Journal> listener) {
        java.util.Optional<Journal> before = store.load(op.id());
        // a finished earlier run is kept as history; an interrupted one is resumed (its outputs carry over)
        before.filter(b -> b.status().finished() && b.started() != null).ifPresent(b -> {
            Journal kept = b.withId(op.id() + "-run-" + b.started().toEpochMilli());
            store.save(kept);
            listener.accept(kept);
        });
        Map<String, String> previous = before.map(Journal::outputs).orElse(Map.of());
        Journal[] j = {Journal.planned(op, clock.instant()).withOutputs(previous).withStatus(OperationStatus.RUNNING, clock.instant(),
                null)};
        Consumer<Journal> publish = next -> {
            j[0] = next;
            store.save(next);
            listener.accept(next);
        };
        StepContext ctx = new StepContext(previous, line -> publish.accept(j[0].withLog(new Journal.LogLine(clock.instant(), line))),
                cancel);
        publish.accept(j[0]);
        ctx.log("Started: " + op.title() + " (" + op.target() + ")");
        for (int i = 0; i < op.steps().size(); i++) {
            Step step = op.steps().get(i);
            if (cancel.cancelled()) {
                return finish(publish, j, ctx, i, OperationStatus.CANCELLED, "Cancelled before step " + (i + 1) + ": " + step.title());
            }
            publish.accept(j[0].withStep(i, StepState.RUNNING, null));
            try {
                if (step.observe(ctx)) {
                    ctx.log("Step " + (i + 1) + " already done: " + step.title());
                    publish.accept(j[0].withOutputs(ctx.outputs()).withStep(i, StepState.ALREADY_DONE, "already in place"));
                    continue;
                }
                ctx.log("Step " + (i + 1) + ": " + step.title());
                step.apply(ctx);
                publish.accept(j[0].withOutputs(ctx.outputs()).withStep(i, StepState.DONE, null));
                ctx.log("Step " + (i + 1) + " done");
            } catch (OperationCancelledException e) {
                publish.accept(j[0].withOutputs(ctx.outputs()).withStep(i, StepState.PENDING, "cancelled while waiting"));
                return finish(publish, j, ctx, i + 1, OperationStatus.CANCELLED, "Cancelled during step " + (i + 1) + ": " + step.title());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                publish.accept(j[0].withOutputs(ctx.outputs()).withStep(i, StepState.PENDING, "interrupted"));
                return finish(publish, j, ctx, i + 1, OperationStatus.INTERRUPTED, "Interrupted during step " + (i + 1));
            } catch (Exception e) {
                String reason = reason(e);
                publish.accept(j[0].withOutputs(ctx.outputs()).withStep(i, StepState.FAILED, reason));
                return finish(publish, j, ctx, i + 1, OperationStatus.FAILED, "Step " + (i + 1) + " failed: " + reason);
            }
        }
        ctx.log("Finished: all " + op.steps().size() + " steps are in place");
        j[0] = j[0].withStatus(OperationStatus.SUCCEEDED, clock.instant(), null);
        publish.accept(j[0]);
        return j[0];
    }

    private Journal finish(Consumer<Journal> publish, Journal[] j, StepContext ctx, int from, OperationStatus status, String message) {
        ctx.log(message);
        Journal out = j[0];
        for (int k = from; k < out.steps().size(); k++) {
            if (out.steps().get(k).state() == StepState.PENDING) {
                out = out.withStep(k, StepState.SKIPPED, null);
            }
        }
        out = out.withStatus(status, clock.instant(), message);
        publish.accept(out);
        return out;
    }

    /** One sentence for a failed step; AWS failures already carry one. */
    static String reason(Throwable e) {
        if (e instanceof AwsFailure f) {
            return f.getMessage();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
