package dev.hybridpane.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ops.MemoryJournalStore;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.ui.common.SyncTaskRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;

/** The wizard base on its own: Next follows the current step's validity, the step list, plan → apply → retry → close. */
class WizardTest {
    private final SyncTaskRunner runner = new SyncTaskRunner();
    private final JournalStore journals = new MemoryJournalStore();
    private final List<String> events = new ArrayList<>();
    private boolean closed;

    /** Two choice steps, plan, apply and a last step; the operation's one step fails while {@code broken}. */
    private final class Sample extends OperationWizard {
        final BooleanProperty nameValid = new SimpleBooleanProperty(false);
        final BooleanProperty sizeValid = new SimpleBooleanProperty(true);
        final WizardStep name;
        final WizardStep size;
        final WizardStep done;
        boolean broken;
        int rereads;

        Sample() {
            super("sample-wizard", "Sample", runner, new OperationRunViewModel(runner, Runnable::run,
                    new OperationEngine(journals, Clock.systemUTC()), j -> { }), () -> closed = true);
            name = add(new WizardStep("Name", Pane::new, nameValid).onEnter(() -> events.add("enter name")));
            size = add(new WizardStep("Size", Pane::new, sizeValid).onEnter(() -> events.add("enter size"))
                    .onBack(() -> events.add("back from size")));
            addPlanStep(Pane::new);
            addApplyStep("sample-run");
            done = add(new WizardStep("Done", Pane::new, new SimpleBooleanProperty(true)).nextText("Close"));
        }

        @Override
        protected Operation makePlan() {
            events.add("plan");
            return new Operation("sample-1", "sample", "Sample", "target", List.of(Steps.of("one", "Step one", List.of(),
                    ctx -> false, ctx -> {
                        if (broken) {
                            throw new IllegalStateException("step one is broken");
                        }
                    })));
        }

        @Override
        protected void reread(Runnable then) {
            rereads++;
            work("Reading target", "Re-reading target…", "Could not read target: ", () -> "fresh", r -> then.run());
        }

        @Override
        protected void onSucceeded(Journal journal) {
            events.add("succeeded");
        }
    }

    @Test
    void nextFollowsTheCurrentStepsOwnValidityAndBackWalksTheList() {
        Sample w = new Sample();
        assertThat(w.steps()).extracting(WizardStep::title).containsExactly("Name", "Size", "Plan", "Apply", "Done");
        assertThat(w.currentProperty().get()).isSameAs(w.name);
        assertThat(w.canNextProperty().get()).isFalse();
        assertThat(w.canBackProperty().get()).as("first step").isFalse();
        w.next();
        assertThat(w.currentProperty().get()).as("Next does nothing while the step is invalid").isSameAs(w.name);

        w.nameValid.set(true);
        assertThat(w.canNextProperty().get()).isTrue();
        assertThat(w.nextTextProperty().get()).isEqualTo("Next");
        w.next();
        assertThat(w.currentProperty().get()).isSameAs(w.size);
        assertThat(events).containsExactly("enter size");
        assertThat(w.canBackProperty().get()).isTrue();

        w.sizeValid.set(false);
        assertThat(w.canNextProperty().get()).as("bound to the new current step's validity").isFalse();
        w.nameValid.set(false);
        w.back();
        assertThat(w.currentProperty().get()).isSameAs(w.name);
        assertThat(events).as("Back runs the step's back action, not the entry action").containsExactly("enter size",
                "back from size");
        assertThat(w.canNextProperty().get()).isFalse();
    }

    @Test
    void planApplyRetryAndCloseRunTheOperation() {
        Sample w = new Sample();
        w.nameValid.set(true);
        w.next();
        w.next();
        assertThat(w.currentProperty().get()).isSameAs(w.planStep());
        assertThat(events).endsWith("plan");
        assertThat(w.planTextProperty().get()).contains("Step one");
        assertThat(w.nextTextProperty().get()).isEqualTo("Apply");
        assertThat(journals.load("sample-1")).as("nothing has happened yet").isEmpty();

        w.broken = true;
        w.next();
        assertThat(w.currentProperty().get()).isSameAs(w.applyStep());
        assertThat(w.run().statusProperty().get()).isEqualTo(OperationStatus.FAILED);
        assertThat(w.run().steps()).extracting(StepRow::state).containsExactly(StepState.FAILED);
        assertThat(w.nextTextProperty().get()).isEqualTo("Retry");
        assertThat(w.canNextProperty().get()).isTrue();
        assertThat(w.canBackProperty().get()).isTrue();

        w.broken = false;
        w.next();
        assertThat(w.rereads).isEqualTo(1);
        assertThat(w.currentProperty().get()).as("a retry stays on the apply step").isSameAs(w.applyStep());
        assertThat(w.run().statusProperty().get()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(events).endsWith("plan", "succeeded");
        assertThat(w.nextTextProperty().get()).as("a step follows").isEqualTo("Next");
        assertThat(w.canBackProperty().get()).as("no way back after success").isFalse();

        w.next();
        assertThat(w.currentProperty().get()).isSameAs(w.done);
        assertThat(w.nextTextProperty().get()).isEqualTo("Close");
        assertThat(closed).isFalse();
        w.next();
        assertThat(closed).isTrue();
    }

    @Test
    void backFromApplySkipsThePlanAndCancelCloses() {
        Sample w = new Sample();
        w.nameValid.set(true);
        w.next();
        w.next();
        w.broken = true;
        w.next();
        w.back();
        assertThat(w.currentProperty().get()).as("back to the step before the plan").isSameAs(w.size);
        w.close();
        assertThat(closed).isTrue();
    }
}
