package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ops.FanOut;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.ui.wizard.StepRow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * A running day-2 operation as its journal changes (FX thread): the steps, one row per node or host
 * ({@code progress/TARGET}), the log, the outcome, whether it is paused at a node boundary, and the pod and
 * PodDisruptionBudget that block a drain. Pause, Resume and Cancel go to the run's {@link RunControl}; they take
 * effect at the next node boundary (cancel: the next step boundary for a single node), and the summary says so.
 */
public final class Day2RunViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Consumer<Journal> journals;
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<TargetProgress> targets = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyObjectWrapper<OperationStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyBooleanWrapper pauseAsked = new ReadOnlyBooleanWrapper(this, "pauseAsked");
    private final ReadOnlyBooleanWrapper pausable = new ReadOnlyBooleanWrapper(this, "pausable");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper blocked = new ReadOnlyStringWrapper(this, "blocked", "");
    private RunControl control;

    /** @param journals told of every journal change (the Activity view's operations) */
    Day2RunViewModel(Consumer<Journal> journals) {
        this.journals = journals;
    }

    /**
     * A run begins on these targets (node or host names, each with a detail such as its host; may be empty);
     * {@code pausable}: a rolling run that pauses at node boundaries. Returns its control.
     */
    RunControl starting(Map<String, String> targetDetails, boolean pausable) {
        control = new RunControl();
        paused.set(false);
        pauseAsked.set(false);
        this.pausable.set(pausable);
        running.set(true);
        status.set(OperationStatus.RUNNING);
        steps.clear();
        log.clear();
        blocked.set("");
        targets.setAll(targetDetails.entrySet().stream().map(e -> new TargetProgress(e.getKey(), e.getValue(), "waiting"))
                .toList());
        progress.set(0);
        summary.set("Starting…");
        return control;
    }

    /** A journal change (FX thread). */
    void show(Journal j) {
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
        String prefix = FanOut.progressKey("");
        j.outputs().keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).sorted()
                .filter(name -> targets.stream().noneMatch(t -> t.target().equals(name)))
                .forEach(name -> targets.add(new TargetProgress(name, "", "waiting"))); // a resumed run's nodes
        for (int i = 0; i < targets.size(); i++) {
            TargetProgress t = targets.get(i);
            String p = j.outputs().get(FanOut.progressKey(t.target()));
            if (p != null && !p.equals(t.text())) {
                targets.set(i, new TargetProgress(t.target(), t.detail(), p));
            }
        }
        for (int i = log.size(); i < j.log().size(); i++) {
            log.add(TIME.format(j.log().get(i).time()) + "  " + j.log().get(i).text());
        }
        String why = j.outputs().getOrDefault(PoolDay2Port.BLOCKED_OUTPUT, "");
        blocked.set(why.isEmpty() || j.status().finished() ? "" : why + (why.endsWith(".") ? "" : ".")
                + " The drain retries until the PodDisruptionBudget allows it, or until its timeout.");
        paused.set("true".equals(j.outputs().get(PoolDay2Port.PAUSED_OUTPUT)) && !j.status().finished());
        long finished = s.stream().filter(r -> r.state() != StepState.PENDING && r.state() != StepState.RUNNING).count();
        long done = targets.stream().filter(t -> t.state() == TargetProgress.State.DONE).count();
        // one node (a removal): its steps measure the progress; several: the nodes done
        progress.set(targets.size() <= 1 ? (s.isEmpty() ? 0 : (double) finished / s.size()) : (double) done / targets.size());
        status.set(j.status());
        summary.set(switch (j.status()) {
            case SUCCEEDED -> "Finished: " + j.doneCount() + " of " + s.size() + " steps in place"
                    + (targets.isEmpty() ? "." : "; " + done + " of " + targets.size() + " done.");
            case FAILED -> j.error() == null ? "Failed." : j.error();
            case CANCELLED -> "Cancelled at a safe point" + (j.error() == null ? "" : ": " + j.error())
                    + ". Resume finishes it later.";
            case INTERRUPTED -> "Interrupted; Resume finishes it from its journal.";
            default -> paused.get() ? "Paused at a node boundary: " + done + " of " + targets.size()
                    + " done. Resume goes on with the next node."
                    : "Step " + Math.min(finished + 1, s.size()) + " of " + s.size()
                    + (targets.size() <= 1 ? "…" : " · " + done + " of " + targets.size() + " done…");
        });
        journals.accept(j);
    }

    /** The run ended (FX thread): with its journal, or with a failure sentence (the lock is held elsewhere…). */
    void finished(Journal j, String failure) {
        if (j != null) {
            show(j);
        } else {
            status.set(OperationStatus.FAILED);
            summary.set(failure);
        }
        running.set(false);
        paused.set(false);
        pauseAsked.set(false);
        blocked.set("");
        if (j != null && j.status() == OperationStatus.SUCCEEDED) {
            progress.set(1);
        }
    }

    /** Asks the run to pause at the next node boundary (the node being worked on is finished first). */
    public void pause() {
        if (control != null && running.get() && pausable.get()) {
            control.pause();
            pauseAsked.set(true);
            summary.set("Pausing: the node being upgraded finishes first; the run then waits at the node boundary.");
        }
    }

    /** Lets a paused run go on with its next node. */
    public void resume() {
        if (control != null && running.get()) {
            control.resume();
            pauseAsked.set(false);
            summary.set("Resuming with the next node…");
        }
    }

    /** Asks the run to stop at its next safe point: a node boundary (a rolling run) or a step boundary. */
    public void cancel() {
        if (control != null && running.get()) {
            control.cancel();
            pauseAsked.set(false);
            summary.set(pausable.get() ? "Cancelling: the node being upgraded finishes first; no further node starts."
                    : "Cancelling: the operation stops after its current step.");
        }
    }

    public ObservableList<StepRow> steps() { return steps; }
    /** One row per node or host: its current step and state. */
    public ObservableList<TargetProgress> targets() { return targets; }
    public ObservableList<String> log() { return log; }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<OperationStatus> statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** The journal says the run waits at a node boundary. */
    public ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }
    /** Pause was asked and not yet resumed: Pause is off, Resume on. */
    public ReadOnlyBooleanProperty pauseAskedProperty() { return pauseAsked.getReadOnlyProperty(); }
    /** A rolling run: Pause and Resume are offered. */
    public ReadOnlyBooleanProperty pausableProperty() { return pausable.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    /** The PDB and pod that block a drain now, in a sentence; "" when nothing blocks. */
    public ReadOnlyStringProperty blockedProperty() { return blocked.getReadOnlyProperty(); }
}
