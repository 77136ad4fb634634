package dev.hybridpane.ui.hybrid;

import dev.hybridpane.core.hybrid.FootprintStatus;
import dev.hybridpane.core.hybrid.HybridSetupService;
import dev.hybridpane.core.hybrid.ImportReview;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.HybridTools;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The import wizard: choose a cluster, review the hybrid requirements (a failure blocks), show HybridPane's manifest
 * (applied now, or by the administrator while the wizard waits), the plan, apply with progress, and done.
 */
public final class ImportClusterViewModel extends WizardSteps {
    public static final List<String> STEPS = List.of("Cluster", "Requirements", "Manifest", "Plan", "Apply", "Done");
    public static final int CLUSTER = 0;
    public static final int REQUIREMENTS = 1;
    public static final int MANIFEST = 2;
    public static final int PLAN = 3;
    public static final int APPLY = 4;
    public static final int DONE = 5;

    private final HybridTools tools;
    private final Supplier<String> profile;
    private final TaskRunner runner;
    private final Consumer<ClusterRef> onFinished;
    private final ClusterChoiceStepViewModel choice;
    private final FootprintWaitViewModel wait;
    private final OperationRunViewModel run;
    private final ReadOnlyObjectWrapper<ImportReview> review = new ReadOnlyObjectWrapper<>(this, "review");
    private final ObservableList<Check> checks = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper blocked = new ReadOnlyStringWrapper(this, "blocked");
    private final ReadOnlyStringWrapper manifest = new ReadOnlyStringWrapper(this, "manifest", "");
    private final ReadOnlyStringWrapper footprintText = new ReadOnlyStringWrapper(this, "footprintText", "");
    private final BooleanProperty applyMyself = new SimpleBooleanProperty(this, "applyMyself");
    private final ReadOnlyObjectWrapper<Operation> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyStringWrapper planText = new ReadOnlyStringWrapper(this, "planText", "");
    private final ReadOnlyStringWrapper doneText = new ReadOnlyStringWrapper(this, "doneText", "");
    private HybridSetupService setup;

    public ImportClusterViewModel(HybridTools tools, Supplier<String> profile, TaskRunner runner, OperationRunViewModel run,
            ObservableList<ClusterRow> discovered, Duration pollInterval, Consumer<ClusterRef> onFinished, Runnable onClose) {
        super(STEPS, onClose);
        this.tools = tools;
        this.profile = profile;
        this.runner = runner;
        this.run = run;
        this.onFinished = onFinished;
        this.choice = new ClusterChoiceStepViewModel(discovered);
        this.wait = new FootprintWaitViewModel(runner, pollInterval);
        setSubtitle("Choose a cluster");
        setCanNext(Bindings.createBooleanBinding(() -> switch (step()) {
            case CLUSTER -> choice.validProperty().get();
            case REQUIREMENTS -> review.get() != null && blocked.get() == null;
            case MANIFEST -> review.get() != null && !wait.waitingProperty().get();
            case PLAN -> plan.get() != null;
            case APPLY -> !run.runningProperty().get();
            default -> true;
        }, stepProperty(), choice.validProperty(), review, blocked, wait.waitingProperty(), plan, run.runningProperty()));
        setCanBack(Bindings.createBooleanBinding(() -> step() > 0 && step() < DONE && !run.runningProperty().get()
                && run.statusProperty().get() != OperationStatus.SUCCEEDED, stepProperty(), run.runningProperty(),
                run.statusProperty()));
        setNextText(Bindings.createStringBinding(() -> switch (step()) {
            case MANIFEST -> wait.waitingProperty().get() ? "Waiting…" : applyMyself.get() ? "Check and continue" : "Next";
            case PLAN -> "Apply";
            case APPLY -> run.runningProperty().get() ? "Applying…" : run.statusProperty().get() == OperationStatus.SUCCEEDED
                    ? "Next" : "Retry";
            case DONE -> "Close";
            default -> "Next";
        }, stepProperty(), applyMyself, wait.waitingProperty(), run.runningProperty(), run.statusProperty()));
        // the subtitle names the chosen cluster as soon as the fields hold a valid one
        javafx.beans.InvalidationListener subtitle = o -> setSubtitle(choice.validProperty().get()
                ? choice.ref().name() + " · " + choice.ref().region() : "Choose a cluster");
        choice.regionProperty().addListener(subtitle);
        choice.nameProperty().addListener(subtitle);
        applyMyself.addListener((o, a, b) -> {
            if (!b) {
                wait.cancel();
            }
        });
    }

    @Override
    public String title() {
        return "Import cluster";
    }

    /** Opens at step a), with a cluster already chosen (or none). */
    public void open(ClusterRef preset) {
        goTo(CLUSTER);
        setError(null);
        review.set(null);
        choice.choose(preset);
    }

    @Override
    public void next() {
        if (!canNextProperty().get()) {
            return;
        }
        switch (step()) {
            case CLUSTER -> readRequirements();
            case MANIFEST -> leaveManifest();
            case PLAN -> {
                goTo(APPLY);
                apply();
            }
            case APPLY -> {
                if (run.statusProperty().get() == OperationStatus.SUCCEEDED) {
                    goTo(DONE);
                } else {
                    retry();
                }
            }
            case DONE -> closeNow();
            default -> goTo(step() + 1);
        }
    }

    @Override
    public void back() {
        if (canBackProperty().get()) {
            wait.cancel();
            goTo(step() == APPLY ? MANIFEST : step() - 1);
        }
    }

    /** Reviews the chosen cluster off the FX thread: DescribeCluster, add-ons, nodes and the footprint. */
    private void readRequirements() {
        ClusterRef ref = choice.ref();
        setError(null);
        setBusy("Checking " + ref.name() + "…");
        runner.run("Checking " + ref.name(), () -> {
            setup = tools.setups().apply(profile.get());
            return setup.reviewImport(ref);
        }, r -> {
            setBusy("");
            load(r);
            goTo(REQUIREMENTS);
        }, e -> {
            setBusy("");
            setError("Could not read " + ref.name() + " in " + ref.region() + ": " + Errors.sentence(e));
        });
    }

    private void load(ImportReview r) {
        review.set(r);
        checks.setAll(r.checks());
        blocked.set(r.checks().stream().filter(c -> c.status() == CheckStatus.FAIL).map(c -> c.title() + ": " + c.reason())
                .reduce((a, b) -> a + "\n" + b).map(s -> "Import is blocked until this is fixed in AWS (then Back and Next "
                        + "check again):\n" + s).orElse(null));
        manifest.set(r.manifest());
        footprintText.set(footprint(r.footprint()));
    }

    static String footprint(FootprintStatus f) {
        int total = f.present().size() + f.missing().size();
        if (f.complete()) {
            return "All " + total + " objects are already in the cluster; applying changes nothing.";
        }
        if (f.present().isEmpty()) {
            return "None of its " + total + " objects is in the cluster yet.";
        }
        return f.present().size() + " of " + total + " objects are in the cluster; missing: " + String.join(", ", f.missing()) + ".";
    }

    private void leaveManifest() {
        if (!applyMyself.get()) {
            makePlan();
            goTo(PLAN);
            return;
        }
        ImportReview r = review.get();
        wait.start(() -> setup.footprint(r), () -> {
            footprintText.set(footprint(new FootprintStatus(r.objects(), List.of())));
            makePlan();
            goTo(PLAN);
        });
    }

    /** Stops waiting for the administrator's kubectl or GitOps apply. */
    public void stopWaiting() {
        wait.cancel();
    }

    private void makePlan() {
        Operation op = setup.planImport(review.get());
        plan.set(op);
        planText.set(op.planText());
    }

    private void apply() {
        ClusterRef ref = review.get().cluster().ref();
        run.start(plan.get(), j -> {
            if (j != null && j.status() == OperationStatus.SUCCEEDED) {
                doneText.set(ref.name() + " (" + ref.region() + ") is imported: HybridPane's namespace, CRDs and RBAC are in "
                        + "the cluster, and the cluster is recorded in this workstation's workspace (workspace.json) as "
                        + review.get().cluster().arn() + ".");
                onFinished.accept(ref);
            }
        });
    }

    /** Reads the cluster again, re-plans and runs: every step observes first, so what is done is skipped. */
    public void retry() {
        ClusterRef ref = review.get().cluster().ref();
        setBusy("Re-reading " + ref.name() + "…");
        runner.run("Checking " + ref.name(), () -> setup.reviewImport(ref), r -> {
            setBusy("");
            load(r);
            makePlan();
            apply();
        }, e -> {
            setBusy("");
            setError("Could not read " + ref.name() + ": " + Errors.sentence(e));
        });
    }

    @Override
    public void close() {
        wait.cancel();
        if (run.runningProperty().get()) {
            run.cancel();
        }
        closeNow();
    }

    public ClusterChoiceStepViewModel choice() {
        return choice;
    }

    public FootprintWaitViewModel waitForFootprint() {
        return wait;
    }

    public OperationRunViewModel run() {
        return run;
    }

    public ReadOnlyObjectProperty<ImportReview> reviewProperty() {
        return review.getReadOnlyProperty();
    }

    public ObservableList<Check> checks() {
        return checks;
    }

    /** The failed checks as one message (Next is disabled while it is not null). */
    public ReadOnlyStringProperty blockedProperty() {
        return blocked.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty manifestProperty() {
        return manifest.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty footprintTextProperty() {
        return footprintText.getReadOnlyProperty();
    }

    /** True: "I'll apply it myself with kubectl or GitOps" (the wizard waits); false: "Apply it now". */
    public BooleanProperty applyMyselfProperty() {
        return applyMyself;
    }

    public ReadOnlyObjectProperty<Operation> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty planTextProperty() {
        return planText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty doneTextProperty() {
        return doneText.getReadOnlyProperty();
    }
}
