package dev.hybridpane.ui.hybrid;

import dev.hybridpane.core.hybrid.EnableHybridRequest;
import dev.hybridpane.core.hybrid.EnableReview;
import dev.hybridpane.core.hybrid.HybridSetupService;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.HybridTools;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The enable-hybrid wizard: reads the cluster (review), collects the choices of steps a) to d), shows the plan
 * (nothing has happened yet), applies it with progress, and on failure re-reads, re-plans and resumes.
 */
public final class EnableHybridViewModel extends WizardSteps {
    public static final List<String> STEPS = List.of("Remote networks", "Node credentials", "Node access", "CNI", "Plan", "Apply");
    public static final int NETWORKS = 0;
    public static final int CREDENTIALS = 1;
    public static final int ACCESS = 2;
    public static final int CNI = 3;
    public static final int PLAN = 4;
    public static final int APPLY = 5;

    private final HybridTools tools;
    private final Supplier<String> profile;
    private final TaskRunner runner;
    private final Consumer<ClusterRef> onFinished;
    private final NetworkStepViewModel networks = new NetworkStepViewModel();
    private final CredentialsStepViewModel credentials;
    private final AccessStepViewModel access = new AccessStepViewModel();
    private final CniStepViewModel cni = new CniStepViewModel(networks::podCidrs);
    private final OperationRunViewModel run;
    private final ReadOnlyObjectWrapper<EnableReview> review = new ReadOnlyObjectWrapper<>(this, "review");
    private final ReadOnlyObjectWrapper<Operation> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyStringWrapper planText = new ReadOnlyStringWrapper(this, "planText", "");
    private final ReadOnlyStringWrapper planError = new ReadOnlyStringWrapper(this, "planError");
    private final StringBinding roleArn;
    private ClusterRef ref;
    private HybridSetupService setup;

    public EnableHybridViewModel(HybridTools tools, Supplier<String> profile, TaskRunner runner, OperationRunViewModel run,
            Consumer<ClusterRef> onFinished, Runnable onClose) {
        super(STEPS, onClose);
        this.tools = tools;
        this.profile = profile;
        this.runner = runner;
        this.run = run;
        this.onFinished = onFinished;
        this.credentials = new CredentialsStepViewModel(runner, tools.certificateAuthority());
        networks.pods().addListener((javafx.beans.Observable o) -> cni.refresh());
        roleArn = Bindings.createStringBinding(() -> "arn:aws:iam::" + (review.get() == null ? "<account>" : review.get().accountId())
                + ":role/" + credentials.roleNameProperty().get().strip(), review, credentials.roleNameProperty());
        List<ObservableBooleanValue> valid = List.of(networks.validProperty(), credentials.validProperty(), access.validProperty(),
                cni.validProperty(), plan.isNotNull(), run.runningProperty().not());
        BooleanBinding current = Bindings.createBooleanBinding(() -> review.get() != null && valid.get(step()).get(),
                concat(valid, stepProperty(), review));
        setCanNext(current);
        setCanBack(Bindings.createBooleanBinding(() -> step() > 0 && !run.runningProperty().get()
                && run.statusProperty().get() != OperationStatus.SUCCEEDED, stepProperty(), run.runningProperty(), run.statusProperty()));
        setNextText(Bindings.createStringBinding(() -> switch (step()) {
            case PLAN -> "Apply";
            case APPLY -> run.runningProperty().get() ? "Applying…" : run.statusProperty().get() == OperationStatus.SUCCEEDED
                    ? "Done" : "Retry";
            default -> "Next";
        }, stepProperty(), run.runningProperty(), run.statusProperty()));
    }

    private static javafx.beans.Observable[] concat(List<ObservableBooleanValue> valid, javafx.beans.Observable... more) {
        javafx.beans.Observable[] out = new javafx.beans.Observable[valid.size() + more.length];
        for (int i = 0; i < valid.size(); i++) {
            out[i] = valid.get(i);
        }
        System.arraycopy(more, 0, out, valid.size(), more.length);
        return out;
    }

    @Override
    public String title() {
        return "Enable hybrid mode";
    }

    /** Reads the cluster (off the FX thread) and pre-fills every step. */
    public void open(ClusterRef cluster) {
        ref = cluster;
        setSubtitle(cluster.name() + " · " + cluster.region());
        goTo(NETWORKS);
        review.set(null);
        setBusy("Reading " + cluster.name() + "…");
        setError(null);
        runner.run("Reading " + cluster.name(), () -> {
            setup = tools.setups().apply(profile.get());
            return setup.reviewEnable(cluster);
        }, this::load, e -> {
            setBusy("");
            setError("Could not read " + cluster.name() + ": " + Errors.sentence(e));
        });
    }

    private void load(EnableReview r) {
        Cluster c = r.cluster();
        networks.load(c.remoteNodeCidrs(), c.remotePodCidrs(), r.vpcCidrs(), c.serviceCidr());
        credentials.load(c.name(), c.region(), r.accountId(), c.arn());
        access.load(c.authenticationMode());
        cni.load(r.cni(), r.cniError());
        review.set(r);
        setBusy("");
    }

    /** The request as chosen; its {@code problems} decide whether it may reach AWS. */
    public EnableHybridRequest request() {
        return new EnableHybridRequest(networks.nodeCidrs(), networks.podCidrs(), credentials.providerProperty().get(),
                credentials.roleNameProperty().get(), credentials.pem(), credentials.trustAnchorNameProperty().get(),
                credentials.profileNameProperty().get(), credentials.sessionSecondsValue(), access.accessProperty().get(),
                cni.patchCiliumProperty().get());
    }

    @Override
    public void next() {
        if (!canNextProperty().get()) {
            return;
        }
        switch (step()) {
            case CNI -> {
                makePlan();
                goTo(PLAN);
            }
            case PLAN -> {
                goTo(APPLY);
                apply();
            }
            case APPLY -> {
                if (run.statusProperty().get() == OperationStatus.SUCCEEDED) {
                    closeNow();
                } else {
                    retry();
                }
            }
            default -> goTo(step() + 1);
        }
    }

    @Override
    public void back() {
        if (canBackProperty().get()) {
            goTo(step() == APPLY ? CNI : step() - 1);
        }
    }

    private void makePlan() {
        plan.set(null);
        planText.set("");
        EnableReview r = review.get();
        List<String> problems = request().problems(r.cluster(), r.vpcCidrs());
        if (!problems.isEmpty()) {
            planError.set(String.join("\n", problems));
            return;
        }
        planError.set(null);
        Operation op = setup.planEnable(r, request());
        plan.set(op);
        planText.set(op.planText());
    }

    private void apply() {
        run.start(plan.get(), j -> {
            if (j != null && j.status() == OperationStatus.SUCCEEDED) {
                onFinished.accept(ref);
            }
        });
    }

    /** Re-reads the cluster, re-plans and runs again: every step observes first, so what is done is skipped. */
    public void retry() {
        setBusy("Re-reading " + ref.name() + "…");
        runner.run("Reading " + ref.name(), () -> setup.reviewEnable(ref), r -> {
            review.set(r);
            setBusy("");
            makePlan();
            if (plan.get() != null) {
                apply();
            }
        }, e -> {
            setBusy("");
            setError("Could not read " + ref.name() + ": " + Errors.sentence(e));
        });
    }

    @Override
    public void close() {
        if (run.runningProperty().get()) {
            run.cancel();
        }
        closeNow();
    }

    public NetworkStepViewModel networks() {
        return networks;
    }

    public CredentialsStepViewModel credentials() {
        return credentials;
    }

    public AccessStepViewModel access() {
        return access;
    }

    public CniStepViewModel cni() {
        return cni;
    }

    public OperationRunViewModel run() {
        return run;
    }

    public ReadOnlyObjectProperty<EnableReview> reviewProperty() {
        return review.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Operation> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty planTextProperty() {
        return planText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty planErrorProperty() {
        return planError.getReadOnlyProperty();
    }

    public StringBinding roleArnBinding() {
        return roleArn;
    }

    public ClusterRef cluster() {
        return ref;
    }
}
