package dev.hybridpane.ui.wizard;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;

/**
 * One step of a {@link Wizard}: its title, its page (made by the {@link WizardView} the first time the step shows;
 * view models never call the factory), whether Next may leave it, the text of Next, and what happens when Next
 * enters it, when Next leaves it, and when Back leaves it. The same object is the step for the view model and the
 * view, so nothing lines up by position.
 */
public final class WizardStep {
    private static final Consumer<Runnable> PROCEED = Runnable::run;

    private final String title;
    private final Supplier<? extends Node> page;
    private final ObservableBooleanValue valid;
    private ObservableStringValue nextText = new ReadOnlyStringWrapper("Next");
    private Runnable onEnter = () -> { };
    private Consumer<Runnable> onNext = PROCEED;
    private Runnable onBack = () -> { };

    /**
     * @param page makes the step's page, on the FX thread, once per view
     * @param valid Next is enabled only while this is true (and the wizard is not busy)
     */
    public WizardStep(String title, Supplier<? extends Node> page, ObservableBooleanValue valid) {
        this.title = Objects.requireNonNull(title, "title");
        this.page = Objects.requireNonNull(page, "page");
        this.valid = Objects.requireNonNull(valid, "valid");
    }

    /** What Next enters this step with (makes the plan, starts the operation…); Back does not run it. */
    public WizardStep onEnter(Runnable action) {
        onEnter = Objects.requireNonNull(action, "action");
        return this;
    }

    /**
     * What Next does on this step before the wizard moves on: it gets {@code proceed}, which moves to the next step
     * (or closes on the last one), and calls it when it is ready, maybe later (after reading the cluster), or never
     * (the read failed and the step stays). By default Next proceeds at once.
     */
    public WizardStep onNext(Consumer<Runnable> action) {
        onNext = Objects.requireNonNull(action, "action");
        return this;
    }

    /** What Back does before it leaves this step (stop waiting…). */
    public WizardStep onBack(Runnable action) {
        onBack = Objects.requireNonNull(action, "action");
        return this;
    }

    public WizardStep nextText(String text) {
        return nextText(new ReadOnlyStringWrapper(text));
    }

    /** The text of Next while this step shows ("Next" unless set: "Apply", "Retry", "Close"…). */
    public WizardStep nextText(ObservableStringValue text) {
        nextText = Objects.requireNonNull(text, "text");
        return this;
    }

    public String title() {
        return title;
    }

    public Supplier<? extends Node> page() {
        return page;
    }

    public ObservableBooleanValue valid() {
        return valid;
    }

    public ObservableStringValue nextText() {
        return nextText;
    }

    void enter() {
        onEnter.run();
    }

    void next(Runnable proceed) {
        onNext.accept(proceed);
    }

    void back() {
        onBack.run();
    }
}
