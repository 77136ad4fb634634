/**
 * The one wizard idiom. A wizard is a view model ({@link Wizard}, or
 * {@link OperationWizard} when it ends in an operation) holding a list of
 * {@link WizardStep} objects; {@link WizardView} shows any wizard,
 * and {@code WizardView.modal(openWizard)} shows the open one over the window. A new wizard writes only its steps:
 * <pre>{@code
 * public final class NodePoolViewModel extends OperationWizard {
 *     public NodePoolViewModel(TaskRunner runner, OperationRunViewModel run, Runnable onClose) {
 *         super("pool-wizard", "Create node pool", runner, run, onClose);
 *         add(new WizardStep("Hosts", () -> new PoolHostsView(hosts), hosts.validProperty()) // Next bound to its check
 *                 .onEnter(hosts::reload)                                                   // when Next enters it
 *                 .onNext(proceed -> checkHosts(proceed)));                                 // optional: go on later
 *         addPlanStep(() -> PoolPages.plan(this));   // makePlan() when entered; Next says "Apply"
 *         addApplyStep("pool-run");                  // runs the plan with progress; Retry after a failure
 *     }
 *     protected Operation makePlan() { ... }  protected void reread(Runnable then) { ... }
 *     protected void onSucceeded(Journal j) { ... }
 * }
 * }</pre>
 * The page factory runs in the view, once, the first time its step shows; the view model never calls it.
 */
package dev.hybridpane.ui.wizard;
