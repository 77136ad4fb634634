package dev.hybridpane.ui.hybrid;

import dev.hybridpane.core.hybrid.FootprintStatus;
import dev.hybridpane.core.hybrid.HybridSetupService;
import dev.hybridpane.core.hybrid.ImportReview;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.HybridTools;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.wizard.OperationRunViewModel;
import dev.hybridpane.ui.wizard.OperationWizard;
import dev.hybridpane.ui.wizard.WizardStep;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.InvalidationListener;
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
public final class ImportClusterViewModel extends OperationWizard {
    private final HybridTools tools;
    private final Supplier<String> profile;
    private final Consumer<ClusterRef> onFinished;
    private final ClusterChoiceStepViewModel choice;
    private final FootprintWaitViewModel wait;
    private final ReadOnlyObjectWrapper<ImportReview> review = new ReadOnlyObjectWrapper<>(this, "review");
    private final ObservableList<Check> checks = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper blocked = new ReadOnlyStringWrapper(this, "blocked");
    private final ReadOnlyStringWrapper manifest = new ReadOnlyStringWrapper(this, "manifest", "");
    private final ReadOnlyStringWrapper footprintText = new ReadOnlyStringWrapper(this, "footprintText", "");
    private final BooleanProperty applyMyself = new SimpleBooleanProperty(this, "applyMyself");
    private final ReadOnlyStringWrapper doneText = new ReadOnlyStringWrapper(this, "doneText", "");
    private final WizardStep clusterStep;
    private final WizardStep requirementsStep;
    private final WizardStep manifestStep;
    private final WizardStep doneStep;
    private HybridSetupService setup;

    public ImportClusterViewModel(HybridTools tools, Supplier<String> profile, TaskRunner runner, OperationRunViewModel run,
            ObservableList<ClusterRow> discovered, Duration pollInterval, Consumer<ClusterRef> onFinished, Runnable onClose) {
        super("import-wizard", "Import cluster", runner, run, onClose);
        this.tools = tools;
        this.profile = profile;
        this.onFinished = onFinished;
        this.choice = new ClusterChoiceStepViewModel(discovered);
        this.wait = new FootprintWaitViewModel(runner, pollInterval);
        setSubtitle("Choose a cluster");
        clusterStep = add(new WizardStep("Cluster", () -> ImportClusterPages.cluster(this), choice.validProperty())
                .onNext(this::readRequirements));
        requirementsStep = add(new WizardStep("Requirements", () -> ImportClusterPages.requirements(this),
                review.isNotNull().and(blocked.isNull())));
        manifestStep = add(new WizardStep("Manifest", () -> ImportClusterPages.manifest(this),
                review.isNotNull().and(wait.waitingProperty().not()))
                .nextText(Bindings.createStringBinding(() -> wait.waitingProperty().get() ? "Waiting…"
                        : applyMyself.get() ? "Check and continue" : "Next", wait.waitingProperty(), applyMyself))
                .onNext(this::leaveManifest)
                .onBack(wait::cancel));
        addPlanStep(() -> ImportClusterPages.plan(this));
        addApplyStep("import-run");
        doneStep = add(new WizardStep("Done", () -> ImportClusterPages.done(this), Bindings.createBooleanBinding(() -> true))
                .nextText("Close"));
        // the subtitle names the chosen cluster as soon as the fields hold a valid one
        InvalidationListener subtitle = o -> setSubtitle(choice.validProperty().get()
                ? choice.ref().name() + " · " + choice.ref().region() : "Choose a cluster");
        choice.regionProperty().addListener(subtitle);
        choice.nameProperty().addListener(subtitle);
        applyMyself.addListener((o, a, b) -> {
            if (!b) {
                wait.cancel();
            }
        });
    }

    /** Opens at step a), with a cluster already chosen (or none). */
    public void open(ClusterRef preset) {
        restart();
        setError(null);
        review.set(null);
        choice.choose(preset);
    }

    /** Reviews the chosen cluster off the FX thread (DescribeCluster, add-ons, nodes and the footprint), then goes on. */
    private void readRequirements(Runnable proceed) {
        ClusterRef ref = choice.ref();
        setError(null);
        work("Checking " + ref.name(), "Checking " + ref.name() + "…", "Could not read " + ref.name() + " in " + ref.region() + ": ",
                () -> {
                    setup = tools.setups().apply(profile.get());
                    return setup.reviewImport(ref);
                }, r -> {
                    load(r);
                    proceed.run();
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

    /** Next on the manifest: on at once, or (the administrator applies it) once every object is there. */
    private void leaveManifest(Runnable proceed) {
        if (!applyMyself.get()) {
            proceed.run();
            return;
        }
        ImportReview r = review.get();
        wait.start(() -> setup.footprint(r), () -> {
            footprintText.set(footprint(new FootprintStatus(r.objects(), List.of())));
            proceed.run();
        });
    }

    /** Stops waiting for the administrator's kubectl or GitOps apply. */
    public void stopWaiting() {
        wait.cancel();
    }

    @Override
    protected Operation makePlan() {
        return setup.planImport(review.get());
    }

    @Override
    protected void onSucceeded(Journal journal) {
        ClusterRef ref = review.get().cluster().ref();
        doneText.set(ref.name() + " (" + ref.region() + ") is imported: HybridPane's namespace, CRDs and RBAC are in "
                + "the cluster, and the cluster is recorded in this workstation's workspace (workspace.json) as "
                + review.get().cluster().arn() + ".");
        onFinished.accept(ref);
    }

    @Override
    protected void reread(Runnable then) {
        ClusterRef ref = review.get().cluster().ref();
        work("Checking " + ref.name(), "Re-reading " + ref.name() + "…", "Could not read " + ref.name() + ": ",
                () -> setup.reviewImport(ref), r -> {
                    load(r);
                    then.run();
                });
    }

    @Override
    public void close() {
        wait.cancel();
        super.close();
    }

    public WizardStep clusterStep() {
        return clusterStep;
    }

    public WizardStep requirementsStep() {
        return requirementsStep;
    }

    public WizardStep manifestStep() {
        return manifestStep;
    }

    public WizardStep doneStep() {
        return doneStep;
    }

    public ClusterChoiceStepViewModel choice() {
        return choice;
    }

    public FootprintWaitViewModel waitForFootprint() {
        return wait;
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

    public ReadOnlyStringProperty doneTextProperty() {
        return doneText.getReadOnlyProperty();
    }
}
