package dev.hybridpane.core.ops;

import dev.hybridpane.core.AwsFailure;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
        Optional<Journal> before = store.load(op.id());
        // a finished earlier run is kept as history; an interrupted one is resumed (its outputs carry over)
        before.filter(b -> b.status().finished() && b.started() != null).ifPresent(b -> {
            Journal kept = b.withId(op.id() + "-run-" + b.started().toEpochMilli());
            store.save(kept);
            listener.accept(kept);
        });
        Map<String, String> previous = before.map(Journal::outputs).orElse(Map.of());
        Journal first = Journal.planned(op, clock.instant()).withOutputs(previous)
                .withStatus(OperationStatus.RUNNING, clock.instant(), null);
        return new Run(first, previous, cancel, listener).execute(op);
    }

    /**
     * One run of an operation: the journal as it stands now, which every change replaces, saves and reports.
     * The step context's log lines go into the same journal.
     */
    private final class Run {
        private final Consumer<Journal> listener;
        private final CancelToken cancel;
        private final StepContext ctx;
        private Journal journal;

        Run(Journal first, Map<String, String> previous, CancelToken cancel, Consumer<Journal> listener) {
            this.journal = first;
            this.cancel = cancel;
            this.listener = listener;
            // a log line also records the outputs so far: a fan-out's per-target progress shows as it goes
            this.ctx = new StepContext(previous, this::logLine, cancel);
        }

        private synchronized void logLine(String line) {
            publish(journal.withOutputs(ctx.outputs()).withLog(new Journal.LogLine(clock.instant(), line)));
        }

        /** Synchronized: a fan-out step's targets log from their own threads. */
        private synchronized void publish(Journal next) {
            journal = next;
            store.save(next);
            listener.accept(next);
        }

        /** Records the step's new state together with the outputs recorded so far. */
        private synchronized void step(int index, StepState state, String message) {
            publish(journal.withOutputs(ctx.outputs()).withStep(index, state, message));
        }

        Journal execute(Operation op) {
            publish(journal);
            ctx.log("Started: " + op.title() + " (" + op.target() + ")");
            for (int i = 0; i < op.steps().size(); i++) {
                Step step = op.steps().get(i);
                if (cancel.cancelled()) {
                    return finish(i, OperationStatus.CANCELLED, "Cancelled before step " + (i + 1) + ": " + step.title());
                }
                publish(journal.withStep(i, StepState.RUNNING, null));
                try {
                    if (step.observe(ctx)) {
                        ctx.log("Step " + (i + 1) + " already done: " + step.title());
                        step(i, StepState.ALREADY_DONE, "already in place");
                        continue;
                    }
                    ctx.log("Step " + (i + 1) + ": " + step.title());
                    step.apply(ctx);
                    step(i, StepState.DONE, null);
                    ctx.log("Step " + (i + 1) + " done");
                } catch (OperationCancelledException e) {
                    step(i, StepState.PENDING, "cancelled while waiting");
                    return finish(i + 1, OperationStatus.CANCELLED, "Cancelled during step " + (i + 1) + ": " + step.title());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    step(i, StepState.PENDING, "interrupted");
                    return finish(i + 1, OperationStatus.INTERRUPTED, "Interrupted during step " + (i + 1));
                } catch (Exception e) {
                    String reason = reason(e);
                    step(i, StepState.FAILED, reason);
                    return finish(i + 1, OperationStatus.FAILED, "Step " + (i + 1) + " failed: " + reason);
                }
            }
            ctx.log("Finished: all " + op.steps().size() + " steps are in place");
            publish(journal.withStatus(OperationStatus.SUCCEEDED, clock.instant(), null));
            return journal;
        }

        /** Ends the run: the steps still pending from {@code from} on are skipped, and the status is final. */
        private synchronized Journal finish(int from, OperationStatus status, String message) {
            ctx.log(message);
            Journal out = journal;
            for (int k = from; k < out.steps().size(); k++) {
                if (out.steps().get(k).state() == StepState.PENDING) {
                    out = out.withStep(k, StepState.SKIPPED, null);
                }
            }
            out = out.withStatus(status, clock.instant(), message);
            publish(out);
            return out;
        }
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
