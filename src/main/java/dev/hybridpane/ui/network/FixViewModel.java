package dev.hybridpane.ui.network;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.network.NetworkDoctorPort.FixPlan;
import dev.hybridpane.ui.wizard.StepRow;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Fix…: the report's automatic fixes as a plan to review (one line per change), the manual ones as instructions with
 * copyable snippets per site, then Apply through the operation engine with a row per step, Cancel between steps, and
 * a fresh doctor run once the fixes are in.
 */
public final class FixViewModel {
    /** Where the flow is. */
    public enum Phase { PLANNING, REVIEW, APPLYING, SUCCEEDED, FAILED, CANCELLED }

    /** A fix the network team makes: where (a site or host), what, and the exact snippet. */
    public record ManualFix(String where, String title, String description, String snippet) {
    }

    private final NetworkDoctorPort port;
    private final TaskRunner runner;
    private final Executor fx;
    private final Consumer<Journal> journals;
    private final DoctorReport report;
    private final Consumer<Boolean> onClose;
    private final ObservableList<String> changes = FXCollections.observableArrayList();
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final List<ManualFix> manual;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.PLANNING);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Making the plan…");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private FixPlan plan;
    private CancelToken cancel;

    /** @param onClose told, when the flow closes, whether fixes were applied (the doctor then runs again) */
    FixViewModel(NetworkDoctorPort port, TaskRunner runner, Executor fx, Consumer<Journal> journals, DoctorReport report,
            Consumer<Boolean> onClose) {
        this.port = port;
        this.runner = runner;
        this.fx = fx;
        this.journals = journals;
        this.report = report;
        this.onClose = onClose;
        this.manual = manualFixes(report);
    }

    /** The manual fixes of the report's failing or warning checks, by site or host. */
    static List<ManualFix> manualFixes(DoctorReport report) {
        return report.checks().stream()
                .filter(c -> c.status() != DoctorStatus.PASS && c.fix().present() && !c.fix().automatic())
                .map(c -> new ManualFix(where(c), c.title(), c.fix().description(), c.fix().snippet()))
                .sorted((a, b) -> a.where().compareTo(b.where()))
                .toList();
    }

    private static String where(DoctorCheck c) {
        for (String s : c.subjects()) {
            if (s.startsWith("site:")) {
                return "Site " + s.substring(5);
            }
        }
        int at = c.id().indexOf('@');
        return c.area().equals("host") && at > 0 ? "Host " + c.id().substring(at + 1) : "AWS · " + report(c);
    }

    private static String report(DoctorCheck c) {
        return c.subjects().isEmpty() ? c.area() : c.subjects().get(0);
    }

    /** Makes the plan of the automatic fixes (nothing changes yet). */
    void plan() {
        phase.set(Phase.PLANNING);
        summary.set("Making the plan…");
        runner.task("Planning the network fixes of " + report.cluster(), () -> port.planFixes(report))
                .onSuccess(p -> {
                    plan = p;
                    changes.setAll(p.changes());
                    phase.set(Phase.REVIEW);
                    summary.set(p.changes().isEmpty() ? "No change can be applied automatically."
                            : p.changes().size() + (p.changes().size() == 1 ? " change" : " changes")
                                    + " to review; nothing has changed yet.");
                })
                .onError(e -> {
                    phase.set(Phase.FAILED);
                    error.set(Errors.sentence(e));
                    summary.set("The plan could not be made.");
                })
                .start();
    }

    public boolean canApply() {
        return phase.get() == Phase.REVIEW && plan != null && !plan.changes().isEmpty();
    }

    /** Applies the reviewed plan, a row per step. */
    public void apply() {
        boolean again = phase.get() == Phase.FAILED || phase.get() == Phase.CANCELLED;
        if (plan == null || plan.changes().isEmpty() || !(phase.get() == Phase.REVIEW || again)) {
            return;
        }
        CancelToken token = new CancelToken();
        cancel = token;
        phase.set(Phase.APPLYING);
        error.set(null);
        summary.set("Applying…");
        List<String> titles = plan.operation().steps().stream().map(s -> s.title()).toList();
        steps.setAll(IntStream.range(0, titles.size())
                .mapToObj(i -> new StepRow(i + 1, titles.get(i), StepState.PENDING, null)).toList());
        runner.task(plan.operation().title(), () -> port.applyFixes(plan, token, j -> fx.execute(() -> show(j))))
                .onSuccess(j -> {
                    show(j);
                    OperationStatus s = j.status();
                    phase.set(s == OperationStatus.SUCCEEDED ? Phase.SUCCEEDED
                            : s == OperationStatus.CANCELLED ? Phase.CANCELLED : Phase.FAILED);
                    summary.set(switch (phase.get()) {
                        case SUCCEEDED -> "Applied: " + j.doneCount() + " of " + j.steps().size()
                                + " changes in place. Close runs the doctor again.";
                        case CANCELLED -> "Cancelled before the next change; Apply again resumes.";
                        default -> "Failed: " + j.error();
                    });
                    if (phase.get() == Phase.FAILED) {
                        error.set(j.error());
                    }
                })
                .onError(e -> {
                    phase.set(token.cancelled() ? Phase.CANCELLED : Phase.FAILED);
                    error.set(Errors.sentence(e));
                    summary.set("Failed: " + Errors.sentence(e));
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
        journals.accept(j);
    }

    /** Stops the apply before its next change. */
    public void cancel() {
        if (cancel != null && phase.get() == Phase.APPLYING) {
            cancel.cancel();
            summary.set("Cancelling after the current change…");
        }
    }

    /** Closes the flow (cancelling a running apply); the doctor runs again when fixes were applied. */
    public void close() {
        cancel();
        onClose.accept(phase.get() == Phase.SUCCEEDED);
    }

    public DoctorReport report() {
        return report;
    }

    public ObservableList<String> changes() {
        return changes;
    }

    public ObservableList<StepRow> steps() {
        return steps;
    }

    public List<ManualFix> manual() {
        return manual;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The plan as the engine prints it (for copying into a change ticket). */
    public String planText() {
        return plan == null ? "" : plan.operation().planText();
    }
}
