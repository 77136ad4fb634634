package dev.hybridpane.ui.wizard;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs an {@link Operation} through the engine on a worker and mirrors its journal on the FX thread: step rows
 * with their states, progress, the live log, the final status and the failure sentence. Cancel stops between steps.
 */
public final class OperationRunViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final TaskRunner runner;
    private final Executor fx;
    private final OperationEngine engine;
    private final Consumer<Journal> journals;
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyObjectWrapper<OperationStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private CancelToken cancel;

    /** @param journals receives every journal change on the FX thread (the Activity view's operations) */
    public OperationRunViewModel(TaskRunner runner, Executor fx, OperationEngine engine, Consumer<Journal> journals) {
        this.runner = runner;
        this.fx = fx;
        this.engine = engine;
        this.journals = journals;
    }

    /** Starts the operation; {@code onFinished} runs on the FX thread with the final journal. */
    public void start(Operation op, Consumer<Journal> onFinished) {
        if (running.get()) {
            return;
        }
        CancelToken token = new CancelToken();
        cancel = token;
        running.set(true);
        status.set(OperationStatus.RUNNING);
        error.set(null);
        log.clear();
        steps.setAll(IntStream.range(0, op.steps().size())
                .mapToObj(i -> new StepRow(i + 1, op.steps().get(i).title(), StepState.PENDING, null))
                .toList());
        progress.set(0);
        summary.set("Starting…");
        runner.task(op.title(), () -> engine.run(op, token, j -> fx.execute(() -> show(j))))
                .onSuccess(j -> {
                    show(j);
                    running.set(false);
                    onFinished.accept(j);
                })
                .onError(e -> {
                    running.set(false);
                    status.set(OperationStatus.FAILED);
                    error.set(Errors.sentence(e));
                    summary.set("Failed: " + Errors.sentence(e));
                    onFinished.accept(null);
                })
                .start();
    }

    private void show(Journal j) {
        List<Journal.StepRecord> s = j.steps();
        for (int i = 0; i < s.size(); i++) {
            StepRow row = new StepRow(i + 1, s.get(i).title(), s.get(i).state(), s.get(i).message());
            if (i < steps.size()) {
                if (!steps.get(i).equals(row)) {
                    steps.set(i, row);
                }
            } else {
                steps.add(row);
            }
        }
        for (int i = log.size(); i < j.log().size(); i++) {
            Journal.LogLine l = j.log().get(i);
            log.add(TIME.format(l.time()) + "  " + l.text());
        }
        int finished = (int) s.stream().filter(r -> r.state() != StepState.PENDING
                && r.state() != StepState.RUNNING).count();
        progress.set(s.isEmpty() ? 1 : (double) finished / s.size());
        status.set(j.status());
        error.set(j.error());
        summary.set(switch (j.status()) {
            case SUCCEEDED -> "Finished: " + j.doneCount() + " of " + s.size() + " steps in place"
                    + (s.stream().allMatch(r -> r.state() == StepState.ALREADY_DONE)
                            ? " (everything was already done; nothing changed)" : ".");
            case FAILED -> j.error();
            case CANCELLED -> "Cancelled. " + j.error() + ". Nothing after it ran; run it again to resume.";
            case INTERRUPTED -> "Interrupted; run it again to resume.";
            default -> "Step " + Math.min(finished + 1, s.size()) + " of " + s.size() + "…";
        });
        journals.accept(j);
    }

    /** Asks the engine to stop before the next step (a running wait stops early). */
    public void cancel() {
        if (cancel != null) {
            cancel.cancel();
            summary.set("Cancelling after the current step…");
        }
    }

    public ObservableList<StepRow> steps() {
        return steps;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<OperationStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
