package dev.hybridpane.ui.wizard;

import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

/**
 * A wizard's view model: its steps in order, the current one, and what Next, Back and Cancel do. Next is bound to
 * the current step's own {@link WizardStep#valid()} and is disabled while the wizard is busy (reading, planning);
 * Back is enabled after the first step while the wizard is not busy and {@link #allowBackWhile} holds. A subclass
 * adds its steps in its constructor; {@link OperationWizard} adds the plan and apply steps every operation has.
 */
public abstract class Wizard {
    private final String id;
    private final String title;
    private final TaskRunner runner;
    private final Runnable onClose;
    private final List<WizardStep> steps = new ArrayList<>();
    private final ReadOnlyObjectWrapper<WizardStep> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
    private final ReadOnlyStringWrapper busy = new ReadOnlyStringWrapper(this, "busy", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final BooleanProperty currentValid = new SimpleBooleanProperty(this, "currentValid");
    private final StringProperty nextText = new SimpleStringProperty(this, "nextText", "Next");
    private final BooleanProperty backAllowed = new SimpleBooleanProperty(this, "backAllowed", true);
    private final BooleanBinding canNext;
    private final BooleanBinding canBack;

    /**
     * @param id the view's id; its buttons are {@code id-cancel}, {@code id-back} and {@code id-next}
     * @param onClose runs when the wizard closes (Cancel, or Next on the last step)
     */
    protected Wizard(String id, String title, TaskRunner runner, Runnable onClose) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        current.addListener((o, a, step) -> {
            currentValid.bind(step.valid());
            nextText.bind(step.nextText());
        });
        canNext = currentValid.and(busy.isEmpty());
        canBack = Bindings.createBooleanBinding(() -> steps.indexOf(current.get()) > 0 && busy.get().isEmpty()
                && backAllowed.get(), current, busy, backAllowed);
    }

    /** Appends a step; the first one added is where the wizard starts. */
    protected final WizardStep add(WizardStep step) {
        steps.add(Objects.requireNonNull(step, "step"));
        if (current.get() == null) {
            current.set(step);
        }
        return step;
    }

    /** Back is enabled only while this holds too (an operation wizard: nothing runs and nothing succeeded yet). */
    protected final void allowBackWhile(ObservableBooleanValue condition) {
        backAllowed.bind(condition);
    }

    /** Where Back goes from {@code from}: the step before it unless a subclass skips one. */
    protected WizardStep previous(WizardStep from) {
        return steps.get(Math.max(0, steps.indexOf(from) - 1));
    }

    /** Shows the first step again (the wizard is opened anew); runs no step's entry action. */
    protected final void restart() {
        current.set(steps.get(0));
    }

    /** Shows a step without running its entry action. */
    protected final void goTo(WizardStep step) {
        if (!steps.contains(step)) {
            throw new IllegalArgumentException("not a step of " + title + ": " + step.title());
        }
        current.set(step);
    }

    /** Runs the current step's Next action, then (when it proceeds) enters the following step or closes after the last. */
    public void next() {
        if (!canNext.get()) {
            return;
        }
        WizardStep from = current.get();
        from.next(() -> proceed(from));
    }

    private void proceed(WizardStep from) {
        if (current.get() != from) {
            return; // the user went elsewhere while the step was getting ready
        }
        int i = steps.indexOf(from);
        if (i == steps.size() - 1) {
            closeNow();
            return;
        }
        WizardStep to = steps.get(i + 1);
        current.set(to);
        to.enter();
    }

    public void back() {
        if (canBack.get()) {
            WizardStep from = current.get();
            from.back();
            current.set(previous(from));
        }
    }

    /** Cancel: a subclass stops what runs (between steps), then calls this. */
    public void close() {
        closeNow();
    }

    protected final void closeNow() {
        onClose.run();
    }

    /**
     * Runs blocking work off the FX thread with the wizard busy (Next and Back wait, the view shows {@code busyText});
     * {@code then} gets the result on the FX thread, and a failure becomes the wizard's error after {@code failure}.
     */
    protected final <T> void work(String title, String busyText, String failure, Callable<T> work, Consumer<? super T> then) {
        setBusy(busyText);
        runner.task(title, work)
                .onSuccess(then)
                .onError(e -> setError(failure + Errors.sentence(e)))
                .andFinally(() -> setBusy(""))
                .start();
    }

    protected final void setBusy(String text) {
        busy.set(text == null ? "" : text);
    }

    protected final void setSubtitle(String text) {
        subtitle.set(text);
    }

    protected final void setError(String text) {
        error.set(text);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public List<WizardStep> steps() {
        return Collections.unmodifiableList(steps);
    }

    public ReadOnlyObjectProperty<WizardStep> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    /** Loading or working: the view shows a spinner with this text; empty when idle. */
    public ReadOnlyStringProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** A sentence when the wizard cannot go on (the cluster could not be read), else null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ObservableBooleanValue canNextProperty() {
        return canNext;
    }

    public ObservableBooleanValue canBackProperty() {
        return canBack;
    }

    /** "Next", "Apply", "Done"…: the current step's. */
    public ObservableStringValue nextTextProperty() {
        return nextText;
    }
}
