package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.ui.common.Errors;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One day-2 action as a small dialog: CHOOSE (its options, each with its own field error) → REVIEW (core's plan,
 * read off the FX thread; nothing runs until the administrator approves) → RUN (progress from the journal). Each
 * action writes {@link #checkChoices()}, {@link #makePlan()} and {@link #execute}.
 */
public abstract class Day2Flow {
    public enum Phase { CHOOSE, REVIEW, RUN }

    protected final Day2Context ctx;
    private final String title;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.CHOOSE);
    private final ReadOnlyStringWrapper planText = new ReadOnlyStringWrapper(this, "planText", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final Day2RunViewModel run;

    protected Day2Flow(Day2Context ctx, String title) {
        this.ctx = ctx;
        this.title = title;
        this.run = new Day2RunViewModel(ctx.journals());
    }

    /** Validates the choices (setting each field's error); true when the plan may be read. */
    protected abstract boolean checkChoices();

    /** Core's plan as text (blocking: runs off the FX thread); may keep structured parts for {@link #planRead()}. */
    protected abstract String makePlan() throws Exception;

    /** The plan was read (FX thread): publish its structured parts. */
    protected void planRead() {
    }

    /** The targets of the run (node or host → detail), and whether it pauses at node boundaries. */
    protected abstract Map<String, String> targets();

    protected boolean pausable() {
        return false;
    }

    /** Runs the approved plan (blocking, off the FX thread). */
    protected abstract Journal execute(RunControl control, Consumer<Journal> progress) throws Exception;

    /** After the run, whatever its end (FX thread): wipe secrets. */
    protected void afterRun() {
    }

    /** Whether the choices can be reviewed now (bound to the Review button). */
    public abstract BooleanExpression choicesValid();

    /** Reads the plan for the choices; REVIEW shows it. */
    public void review() {
        error.set("");
        if (!checkChoices() || busy.get()) {
            return;
        }
        busy.set(true);
        ctx.runner().task("Planning: " + title, this::makePlan)
                .onSuccess(text -> {
                    planText.set(text);
                    planRead();
                    phase.set(Phase.REVIEW);
                })
                .onError(e -> error.set(Errors.sentence(e)))
                .andFinally(() -> busy.set(false))
                .start();
    }

    /** Back from REVIEW to the choices. */
    public void back() {
        if (phase.get() == Phase.REVIEW) {
            phase.set(Phase.CHOOSE);
        }
    }

    /** Runs the reviewed plan: the administrator's explicit approval. */
    public void approve() {
        if (phase.get() != Phase.REVIEW && !(phase.get() == Phase.RUN && !run.runningProperty().get())) {
            return;
        }
        phase.set(Phase.RUN);
        start();
    }

    /** Goes straight to the run (a flow that resumes a journal approved when it began). */
    protected void runNow() {
        phase.set(Phase.RUN);
        start();
    }

    /** Starts the run (REVIEW approved, or a flow that resumes a journal). */
    private void start() {
        RunControl control = run.starting(targets(), pausable());
        ctx.runner().task(title, () -> execute(control, j -> ctx.fx().execute(() -> run.show(j))))
                .onSuccess(j -> run.finished(j, null))
                .onError(e -> run.finished(null, Errors.sentence(e)))
                .andFinally(() -> {
                    afterRun();
                    ctx.onRunEnded().run();
                })
                .start();
    }

    /** Whether the run ended without finishing (failed or cancelled): Retry runs it again, resuming its journal. */
    public boolean retryable() {
        OperationStatus s = run.statusProperty().get();
        return phase.get() == Phase.RUN && !run.runningProperty().get() && s != null && s != OperationStatus.SUCCEEDED;
    }

    public String title() { return title; }
    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    /** Core's plan, as {@code Operation.planText()} writes it. */
    public ReadOnlyStringProperty planTextProperty() { return planText.getReadOnlyProperty(); }
    /** Why the plan could not be read, one sentence; "" otherwise. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** Reading the plan. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public Day2RunViewModel run() { return run; }

    /** A whole number in [min, max], or null (the field's error says why). */
    static Integer whole(String text, int min, int max, ReadOnlyStringWrapper error, String what) {
        String t = text == null ? "" : text.strip();
        try {
            int n = Integer.parseInt(t);
            if (n < min || n > max) {
                error.set(what + " must be between " + min + " and " + max + ".");
                return null;
            }
            error.set("");
            return n;
        } catch (NumberFormatException e) {
            error.set(what + " must be a whole number" + (t.isEmpty() ? "." : ", not \"" + t + "\"."));
            return null;
        }
    }
}
