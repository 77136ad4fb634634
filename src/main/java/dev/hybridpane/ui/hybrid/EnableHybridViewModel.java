package dev.hybridpane.ui.hybrid;

import dev.hybridpane.core.hybrid.EnableHybridRequest;
import dev.hybridpane.core.hybrid.EnableReview;
import dev.hybridpane.core.hybrid.HybridSetupService;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.domain.Arns;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.HybridTools;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.wizard.OperationRunViewModel;
import dev.hybridpane.ui.wizard.OperationWizard;
import dev.hybridpane.ui.wizard.WizardStep;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
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
public final class EnableHybridViewModel extends OperationWizard {
    private final HybridTools tools;
    private final Supplier<String> profile;
    private final Consumer<ClusterRef> onFinished;
    private final NetworkStepViewModel networks = new NetworkStepViewModel();
    private final CredentialsStepViewModel credentials;
    private final AccessStepViewModel access = new AccessStepViewModel();
    private final CniStepViewModel cni = new CniStepViewModel(networks::podCidrs);
    private final ReadOnlyObjectWrapper<EnableReview> review = new ReadOnlyObjectWrapper<>(this, "review");
    private final ReadOnlyStringWrapper planError = new ReadOnlyStringWrapper(this, "planError");
    private final StringBinding roleArn;
    private final WizardStep networksStep;
    private final WizardStep credentialsStep;
    private final WizardStep accessStep;
    private final WizardStep cniStep;
    private ClusterRef ref;
    private HybridSetupService setup;

    public EnableHybridViewModel(HybridTools tools, Supplier<String> profile, TaskRunner runner, OperationRunViewModel run,
            Consumer<ClusterRef> onFinished, Runnable onClose) {
        super("enable-wizard", "Enable hybrid mode", runner, run, onClose);
        this.tools = tools;
        this.profile = profile;
        this.onFinished = onFinished;
        this.credentials = new CredentialsStepViewModel(runner, tools.certificateAuthority());
        networks.pods().addListener((Observable o) -> cni.refresh());
        roleArn = Bindings.createStringBinding(() -> review.get() == null
                ? "arn:<partition>:iam::<account>:role/" + credentials.roleNameProperty().get().strip()
                : Arns.iamRole(Arns.partition(review.get().cluster().ref().region(), review.get().cluster().arn()),
                        review.get().accountId(), credentials.roleNameProperty().get().strip()),
                review, credentials.roleNameProperty());
        networksStep = add(new WizardStep("Remote networks", () -> EnableHybridPages.networks(this),
                reviewed(networks.validProperty())));
        credentialsStep = add(new WizardStep("Node credentials", () -> new CredentialsStepView(credentials),
                reviewed(credentials.validProperty())));
        accessStep = add(new WizardStep("Node access", () -> EnableHybridPages.access(this), reviewed(access.validProperty())));
        cniStep = add(new WizardStep("CNI", () -> EnableHybridPages.cni(this), reviewed(cni.validProperty())));
        addPlanStep(() -> EnableHybridPages.plan(this));
        addApplyStep("enable-run");
    }

    /** A choice step may be left only once the cluster was read. */
    private ObservableBooleanValue reviewed(ObservableBooleanValue valid) {
        return review.isNotNull().and(valid);
    }

    /** Reads the cluster (off the FX thread) and pre-fills every step. */
    public void open(ClusterRef cluster) {
        ref = cluster;
        setSubtitle(cluster.name() + " · " + cluster.region());
        restart();
        review.set(null);
        setError(null);
        work("Reading " + cluster.name(), "Reading " + cluster.name() + "…", "Could not read " + cluster.name() + ": ", () -> {
            setup = tools.setups().apply(profile.get());
            return setup.reviewEnable(cluster);
        }, this::load);
    }

    private void load(EnableReview r) {
        Cluster c = r.cluster();
        networks.load(c.remoteNodeCidrs(), c.remotePodCidrs(), r.vpcCidrs(), c.serviceCidr());
        credentials.load(c.name(), c.region(), r.accountId(), c.arn());
        access.load(c.authenticationMode());
        cni.load(r.cni(), r.cniError());
        review.set(r);
    }

    /** The request as chosen; its {@code problems} decide whether it may reach AWS. */
    public EnableHybridRequest request() {
        return new EnableHybridRequest(networks.nodeCidrs(), networks.podCidrs(), credentials.providerProperty().get(),
                credentials.roleNameProperty().get(), credentials.pem(), credentials.trustAnchorNameProperty().get(),
                credentials.profileNameProperty().get(), credentials.sessionSecondsValue(), access.accessProperty().get(),
                cni.patchCiliumProperty().get());
    }

    @Override
    protected Operation makePlan() {
        EnableReview r = review.get();
        List<String> problems = request().problems(r.cluster(), r.vpcCidrs());
        if (!problems.isEmpty()) {
            planError.set(String.join("\n", problems));
            return null;
        }
        planError.set(null);
        return setup.planEnable(r, request());
    }

    @Override
    protected void reread(Runnable then) {
        work("Reading " + ref.name(), "Re-reading " + ref.name() + "…", "Could not read " + ref.name() + ": ",
                () -> setup.reviewEnable(ref), r -> {
                    review.set(r);
                    then.run();
                });
    }

    @Override
    protected void onSucceeded(Journal journal) {
        onFinished.accept(ref);
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

    public WizardStep networksStep() {
        return networksStep;
    }

    public WizardStep credentialsStep() {
        return credentialsStep;
    }

    public WizardStep accessStep() {
        return accessStep;
    }

    public WizardStep cniStep() {
        return cniStep;
    }

    public ReadOnlyObjectProperty<EnableReview> reviewProperty() {
        return review.getReadOnlyProperty();
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
