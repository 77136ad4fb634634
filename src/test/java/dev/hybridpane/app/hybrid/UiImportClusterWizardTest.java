package dev.hybridpane.app.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.hybrid.FootprintManifest;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.lab.aws.Fault;
import dev.hybridpane.ui.HybridTools;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.hybrid.FootprintWaitViewModel;
import dev.hybridpane.ui.hybrid.ImportClusterViewModel;
import dev.hybridpane.ui.wizard.OperationRunViewModel;
import dev.hybridpane.ui.wizard.StepRow;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The import wizard's view models on the lab, step by step, with a synchronous runner (polls run when the test says). */
class UiImportClusterWizardTest {
    static final ClusterRef PAYMENTS = new ClusterRef("us-west-2", "payments");

    private LabHybridSetup env;
    private ImportClusterViewModel vm;
    private DeferringTaskRunner runner;
    private final List<Journal> journals = new ArrayList<>();
    private final List<ClusterRef> finished = new ArrayList<>();
    private final ObservableList<ClusterRow> discovered = FXCollections.observableArrayList();
    private boolean closed;

    @BeforeEach
    void open() {
        env = new LabHybridSetup();
        HybridTools tools = new HybridTools(p -> env.setup, env.journals, new BcCertificateAuthority());
        runner = new DeferringTaskRunner(FootprintWaitViewModel.POLL_TITLE);
        OperationRunViewModel run = new OperationRunViewModel(runner, Runnable::run, new OperationEngine(env.journals, Clock.systemUTC()),
                journals::add);
        vm = new ImportClusterViewModel(tools, () -> "lab", runner, run, discovered, Duration.ofMillis(10), finished::add,
                () -> closed = true);
        vm.open(null);
    }

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void regionAndNameAreValidatedAtTheFieldAndAChosenClusterFillsBoth() {
        var c = vm.choice();
        assertThat(vm.canNextProperty().get()).isFalse();
        assertThat(c.nameErrorProperty().get()).as("nothing typed yet: no message").isNull();
        c.regionProperty().set("us-west");
        assertThat(c.regionErrorProperty().get()).contains("not a region code");
        c.regionProperty().set("us-west-2");
        assertThat(c.regionErrorProperty().get()).isNull();
        c.nameProperty().set("-payments");
        assertThat(c.nameErrorProperty().get()).contains("start with a letter or a digit");
        c.nameProperty().set("pay ments");
        assertThat(c.nameErrorProperty().get()).contains("' ' is not allowed");
        c.nameProperty().set("p".repeat(101));
        assertThat(c.nameErrorProperty().get()).contains("at most 100 characters; this one has 101");
        assertThat(vm.canNextProperty().get()).isFalse();
        c.nameProperty().set("p".repeat(100));
        assertThat(c.nameErrorProperty().get()).isNull();
        assertThat(vm.canNextProperty().get()).isTrue();
        c.nameProperty().set("payments_2-a");
        assertThat(c.nameErrorProperty().get()).isNull();
        assertThat(vm.subtitleProperty().get()).isEqualTo("payments_2-a · us-west-2");
        c.regionProperty().set("");
        assertThat(vm.subtitleProperty().get()).isEqualTo("Choose a cluster");
        c.regionProperty().set("us-west-2");

        c.nameProperty().set("no-such-cluster");
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.clusterStep());
        assertThat(vm.errorProperty().get()).startsWith("Could not read no-such-cluster in us-west-2");
    }

    @Test
    void factoryFloorFailsTheEndpointCheckAndCannotGoOn() {
        vm.choice().choose(new ClusterRef("eu-central-1", "factory-floor"));
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.requirementsStep());
        assertThat(vm.checks()).filteredOn(c -> c.id().equals("endpoint-access")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CheckStatus.FAIL));
        assertThat(vm.blockedProperty().get()).contains("Endpoint access").contains("Choose public only or private only");
        assertThat(vm.canNextProperty().get()).isFalse();
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.requirementsStep());
        assertThat(vm.canBackProperty().get()).isTrue();
    }

    @Test
    void importsPaymentsShowingTheManifestAndThePlanThenAgainEverythingIsAlreadyDone() {
        vm.choice().choose(PAYMENTS);
        vm.next();
        assertThat(vm.checks()).extracting(c -> c.id()).contains("auth-mode", "ip-family", "endpoint-access", "vpc-cni", "cloud-node");
        assertThat(vm.checks()).allMatch(c -> c.status() == CheckStatus.PASS);
        assertThat(vm.blockedProperty().get()).isNull();
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.manifestStep());
        assertThat(vm.manifestProperty().get()).isEqualTo(FootprintManifest.yaml()).contains("name: hybridpane-system")
                .contains("edgehosts.hybridpane.dev");
        assertThat(vm.footprintTextProperty().get()).isEqualTo("None of its 9 objects is in the cluster yet.");
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.planStep());
        assertThat(vm.planTextProperty().get()).contains("kubectl apply").contains("Record payments in this workstation's workspace");
        assertThat(env.workspace.list()).as("nothing has happened yet").isEmpty();
        assertThat(vm.nextTextProperty().get()).isEqualTo("Apply");

        vm.next();
        var run = vm.run();
        assertThat(run.statusProperty().get()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(run.steps()).hasSize(10).extracting(StepRow::state).containsOnly(StepState.DONE);
        assertThat(run.log()).anyMatch(l -> l.contains("Step 1: kubectl apply"));
        assertThat(journals).anyMatch(j -> j.status() == OperationStatus.RUNNING)
                .anyMatch(j -> j.status() == OperationStatus.SUCCEEDED);
        assertThat(finished).containsExactly(PAYMENTS);
        assertThat(env.workspace.list()).singleElement().satisfies(w -> assertThat(w.name()).isEqualTo("payments"));
        assertThat(vm.canBackProperty().get()).isFalse();
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.doneStep());
        assertThat(vm.doneTextProperty().get()).contains("payments (us-west-2) is imported")
                .contains("arn:aws:eks:us-west-2:111122223333:cluster/payments");
        assertThat(vm.nextTextProperty().get()).isEqualTo("Close");
        vm.next();
        assertThat(closed).isTrue();

        vm.open(PAYMENTS);
        vm.next();
        assertThat(vm.reviewProperty().get().alreadyInWorkspace()).isTrue();
        vm.next();
        assertThat(vm.footprintTextProperty().get()).startsWith("All 9 objects are already in the cluster");
        vm.next();
        vm.next();
        assertThat(run.steps()).extracting(StepRow::state).containsOnly(StepState.ALREADY_DONE);
        assertThat(run.summaryProperty().get()).contains("nothing changed");
    }

    @Test
    void waitsUntilTheAdministratorAppliesTheManifestThenContinues() {
        vm.choice().choose(PAYMENTS);
        vm.next();
        vm.next();
        vm.applyMyselfProperty().set(true);
        assertThat(vm.nextTextProperty().get()).isEqualTo("Check and continue");
        vm.next();
        var wait = vm.waitForFootprint();
        assertThat(wait.waitingProperty().get()).isTrue();
        assertThat(wait.statusProperty().get()).isEqualTo("Waiting for hybridpane-system and the CRDs…");
        assertThat(vm.canNextProperty().get()).isFalse();
        assertThat(vm.canBackProperty().get()).isTrue();

        assertThat(runner.runPending()).isEqualTo(1);
        assertThat(wait.statusProperty().get()).contains("0 of 9 objects present");
        assertThat(vm.currentProperty().get()).isSameAs(vm.manifestStep());

        KubernetesClient kube = env.lab.kube().client("us-west-2/payments");
        List<HasMetadata> objects = kube.resourceList(vm.manifestProperty().get()).items();
        kube.resource(objects.get(0)).createOr(NonDeletingOperation::update);
        runner.runPending();
        assertThat(wait.statusProperty().get()).contains("1 of 9 objects present");
        assertThat(wait.missingProperty().get()).contains("CustomResourceDefinition/edgehosts.hybridpane.dev");
        assertThat(vm.currentProperty().get()).isSameAs(vm.manifestStep());

        objects.forEach(o -> kube.resource(o).createOr(NonDeletingOperation::update));
        runner.runPending();
        assertThat(wait.waitingProperty().get()).isFalse();
        assertThat(runner.pendingCount()).as("no more polls").isZero();
        assertThat(vm.currentProperty().get()).isSameAs(vm.planStep());
        vm.next();
        assertThat(vm.run().statusProperty().get()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(vm.run().steps()).hasSize(10);
        assertThat(vm.run().steps().subList(0, 9)).extracting(StepRow::state).containsOnly(StepState.ALREADY_DONE);
        assertThat(vm.run().steps().get(9).state()).isEqualTo(StepState.DONE);
    }

    @Test
    void cancellingTheWaitStopsPollingAndCancelClosesTheWizard() {
        vm.choice().choose(PAYMENTS);
        vm.next();
        vm.next();
        vm.applyMyselfProperty().set(true);
        vm.next();
        vm.stopWaiting();
        assertThat(vm.waitForFootprint().waitingProperty().get()).isFalse();
        assertThat(vm.waitForFootprint().statusProperty().get()).startsWith("Stopped waiting");
        runner.runPending();
        assertThat(runner.pendingCount()).as("the poll in flight does not schedule another").isZero();
        assertThat(vm.canNextProperty().get()).isTrue();
        vm.close();
        assertThat(closed).isTrue();
    }

    @Test
    void aDeniedReadShowsWhyAndNextReadsAgain() {
        env.lab.aws().setFault("eks:DescribeCluster", Fault.ACCESS_DENIED);
        vm.choice().choose(PAYMENTS);
        vm.next();
        assertThat(vm.errorProperty().get()).contains("denied");
        env.lab.aws().clearFaults();
        vm.next();
        assertThat(vm.currentProperty().get()).isSameAs(vm.requirementsStep());
        assertThat(vm.errorProperty().get()).isNull();
    }
}
