package dev.hybridpane.ui.wizard;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;

/**
 * A wizard that ends in an {@link Operation}: plan → apply → retry → close, the same for every such wizard. The
 * subclass adds its own steps, then {@link #addPlanStep} and {@link #addApplyStep} (and any step after them), and
 * says how the plan is made ({@link #makePlan}), how the target is read again before a retry ({@link #reread}) and
 * what success means ({@link #onSucceeded}).
 * <ul>
 * <li>Next entering the plan step makes the plan; nothing has happened yet. Its Next says "Apply".</li>
 * <li>Next entering the apply step runs the operation with progress; Next is disabled while it runs.</li>
 * <li>After a failure Next says "Retry": the target is read again, re-planned and run again (every step observes
 * first, so what is done is skipped). After success Next moves on, or says "Done" and closes on the last step.</li>
 * <li>Back from the apply step returns to the step before the plan; after success there is no way back.</li>
 * <li>Cancel stops a running operation between steps, then closes.</li>
 * </ul>
 */
public abstract class OperationWizard extends Wizard {
    private final OperationRunViewModel run;
    private final ReadOnlyObjectWrapper<Operation> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyStringWrapper planText = new ReadOnlyStringWrapper(this, "planText", "");
    private WizardStep planStep;
    private WizardStep applyStep;

    protected OperationWizard(String id, String title, TaskRunner runner, OperationRunViewModel run, Runnable onClose) {
        super(id, title, runner, onClose);
        this.run = Objects.requireNonNull(run, "run");
        allowBackWhile(run.runningProperty().not().and(run.statusProperty().isNotEqualTo(OperationStatus.SUCCEEDED)));
    }

    /** The operation for the choices made so far, or null (after saying why in the plan page) when there is none. */
    protected abstract Operation makePlan();

    /** Reads the target again before a retry (with {@link #work}), then calls {@code then} on the FX thread. */
    protected abstract void reread(Runnable then);

    /** The operation succeeded (FX thread). */
    protected abstract void onSucceeded(Journal journal);

    /** Adds the "Plan" step with its page: valid once there is a plan, which Next entering it makes. */
    protected final WizardStep addPlanStep(Supplier<? extends Node> page) {
        planStep = add(new WizardStep("Plan", page, plan.isNotNull()).nextText("Apply").onEnter(this::replan));
        return planStep;
    }

    /** Adds the "Apply" step, whose page ({@code viewId}) shows the run: progress, each step, the outcome and the log. */
    protected final WizardStep addApplyStep(String viewId) {
        applyStep = add(new WizardStep("Apply", () -> new OperationRunView(run, viewId), run.runningProperty().not())
                .nextText(Bindings.createStringBinding(() -> run.runningProperty().get() ? "Applying…"
                        : run.statusProperty().get() == OperationStatus.SUCCEEDED ? (isLast(applyStep) ? "Done" : "Next")
                        : "Retry", run.runningProperty(), run.statusProperty()))
                .onEnter(this::apply)
                .onNext(proceed -> {
                    if (run.statusProperty().get() == OperationStatus.SUCCEEDED) {
                        proceed.run();
                    } else {
                        retry();
                    }
                }));
        return applyStep;
    }

    private boolean isLast(WizardStep step) {
        return steps().indexOf(step) == steps().size() - 1;
    }

    private void replan() {
        plan.set(null);
        planText.set("");
        Operation op = makePlan();
        plan.set(op);
        planText.set(op == null ? "" : op.planText());
    }

    private void apply() {
        run.start(plan.get(), j -> {
            if (j != null && j.status() == OperationStatus.SUCCEEDED) {
                onSucceeded(j);
            }
        });
    }

    /** Reads the target again, re-plans and runs again: every step observes first, so what is done is skipped. */
    public final void retry() {
        reread(() -> {
            replan();
            if (plan.get() != null) {
                apply();
            }
        });
    }

    @Override
    protected WizardStep previous(WizardStep from) {
        return from == applyStep ? super.previous(planStep) : super.previous(from);
    }

    @Override
    public void close() {
        if (run.runningProperty().get()) {
            run.cancel();
        }
        super.close();
    }

    public OperationRunViewModel run() {
        return run;
    }

    public WizardStep planStep() {
        return planStep;
    }

    public WizardStep applyStep() {
        return applyStep;
    }

    public ReadOnlyObjectProperty<Operation> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty planTextProperty() {
        return planText.getReadOnlyProperty();
    }
}
