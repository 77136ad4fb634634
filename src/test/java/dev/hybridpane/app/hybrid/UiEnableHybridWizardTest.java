package dev.hybridpane.app.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.hybrid.NodeAccess;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.lab.aws.AwsInspection.RemoteNetworks;
import dev.hybridpane.lab.aws.Fault;
import dev.hybridpane.ui.HybridTools;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.hybrid.EnableHybridViewModel;
import dev.hybridpane.ui.wizard.OperationRunViewModel;
import dev.hybridpane.ui.wizard.StepRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enable-hybrid wizard's view models on the lab, step by step, with the synchronous runner. */
class UiEnableHybridWizardTest {
    static final ClusterRef PAYMENTS = new ClusterRef("us-west-2", "payments");

    @TempDir
    Path dir;

    private LabHybridSetup env;
    private EnableHybridViewModel vm;
    private final List<Journal> journals = new ArrayList<>();
    private final List<ClusterRef> finished = new ArrayList<>();
    private boolean closed;

    @BeforeEach
    void open() {
        env = new LabHybridSetup();
        HybridTools tools = new HybridTools(p -> env.setup, env.journals, new BcCertificateAuthority());
        SyncTaskRunner runner = new SyncTaskRunner();
        OperationRunViewModel run = new OperationRunViewModel(runner, Runnable::run, new OperationEngine(env.journals, Clock.systemUTC()),
                journals::add);
        vm = new EnableHybridViewModel(tools, () -> "lab", runner, run, finished::add, () -> closed = true);
        vm.open(PAYMENTS);
    }

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void cidrsAreValidatedAtTheFieldWhileTypingAndNextFollowsValidity() {
        var net = vm.networks();
        assertThat(vm.reviewProperty().get()).isNotNull();
        assertThat(net.nodes()).hasSize(1);
        assertThat(net.nodes().get(0).messageProperty().get()).isEqualTo("Enter a CIDR such as 10.200.0.0/16.");
        assertThat(vm.canNextProperty().get()).isFalse();

        net.nodes().get(0).textProperty().set("10.110.4.0/24");
        assertThat(net.nodes().get(0).messageProperty().get()).isEqualTo("10.110.4.0/24 overlaps the VPC CIDR 10.110.0.0/16.");
        assertThat(vm.canNextProperty().get()).isFalse();
        net.nodes().get(0).textProperty().set("8.8.8.0/24");
        assertThat(net.nodes().get(0).messageProperty().get()).contains("outside RFC 1918");
        net.nodes().get(0).textProperty().set("10.200.0.0/16");
        assertThat(net.nodes().get(0).messageProperty().get()).isNull();
        assertThat(net.podsWarningProperty().get()).contains("webhooks");
        assertThat(vm.canNextProperty().get()).as("an empty pod list only warns").isTrue();

        net.addPod();
        net.pods().get(0).textProperty().set("10.200.128.0/24");
        assertThat(net.pods().get(0).messageProperty().get()).isEqualTo("10.200.128.0/24 overlaps the remote node CIDR 10.200.0.0/16.");
        assertThat(vm.canNextProperty().get()).isFalse();
        net.pods().get(0).textProperty().set("10.201.0.0/16");
        net.addNode();
        net.nodes().get(1).textProperty().set("192.168.50.0/24");
        assertThat(net.podsWarningProperty().get()).isNull();
        assertThat(vm.canNextProperty().get()).isTrue();
        net.remove(net.nodes().get(1));
        assertThat(net.nodeCidrs()).containsExactly("10.200.0.0/16");
    }

    @Test
    void credentialsRequireACaAndAShortEnoughSessionForRolesAnywhere() {
        fillNetworks();
        vm.next();
        var cred = vm.credentials();
        assertThat(cred.trustPolicyProperty().get()).contains("ssm.amazonaws.com").contains("111122223333");
        assertThat(cred.permissionsProperty().get()).contains("AmazonSSMManagedInstanceCore").contains("eks:DescribeCluster");
        assertThat(vm.canNextProperty().get()).isTrue();

        cred.providerProperty().set(CredentialProvider.IAM_RA);
        assertThat(cred.trustPolicyProperty().get()).contains("rolesanywhere.amazonaws.com");
        assertThat(vm.canNextProperty().get()).as("no CA yet").isFalse();
        Path key = dir.resolve("hybrid-ca.key");
        cred.generate(key);
        assertThat(cred.certificateProperty().get()).isNotNull();
        assertThat(cred.caStatusProperty().get()).contains("Key saved to " + key);
        assertThat(Files.exists(key)).isTrue();
        assertThat(vm.canNextProperty().get()).isTrue();

        cred.sessionSecondsProperty().set("50000");
        assertThat(cred.sessionErrorProperty().get()).isEqualTo("Roles Anywhere sessions last at most 12 hours (43200 seconds).");
        assertThat(vm.canNextProperty().get()).isFalse();
        cred.sessionSecondsProperty().set("abc");
        assertThat(cred.sessionErrorProperty().get()).contains("whole seconds");
        cred.sessionSecondsProperty().set("3600");
        cred.roleNameProperty().set("bad role!");
        assertThat(cred.roleNameErrorProperty().get()).isNotNull();
        assertThat(vm.canNextProperty().get()).isFalse();
        cred.roleNameProperty().set("AmazonEKSHybridNodesRole");
        assertThat(vm.canNextProperty().get()).isTrue();
    }

    @Test
    void awsAuthIsOnlyOfferedOnApiAndConfigMapClusters() {
        fillNetworks();
        vm.next();
        vm.next();
        assertThat(vm.access().modeProperty().get()).isEqualTo("API");
        assertThat(vm.access().awsAuthAllowedProperty().get()).isFalse();
        vm.access().accessProperty().set(NodeAccess.AWS_AUTH);
        assertThat(vm.canNextProperty().get()).isFalse();
        vm.access().accessProperty().set(NodeAccess.ACCESS_ENTRY);
        assertThat(vm.canNextProperty().get()).isTrue();
        vm.next();
        assertThat(vm.cni().findings()).extracting(f -> f.title()).contains("CNI for hybrid nodes");
        vm.cni().podsPerNodeProperty().set("0");
        assertThat(vm.cni().podsErrorProperty().get()).isNotNull();
        assertThat(vm.canNextProperty().get()).isFalse();
        vm.cni().podsPerNodeProperty().set("110");
        assertThat(vm.cni().maskProperty().get()).startsWith("/25");
        assertThat(vm.cni().valuesProperty().get()).contains("- 10.201.0.0/16").contains("clusterPoolIPv4MaskSize: 25");
    }

    @Test
    void thePlanListsEveryCallAndApplyReportsEachStepThenAgainEverythingIsAlreadyDone() {
        toPlan();
        assertThat(vm.currentProperty().get()).isSameAs(vm.planStep());
        assertThat(vm.planTextProperty().get()).contains("iam:CreateRole AmazonEKSHybridNodesRole")
                .contains("eks:UpdateClusterConfig payments remoteNetworkConfig").contains("eks:CreateAccessEntry payments")
                .contains("10.200.0.0/16");
        assertThat(env.lab.aws().inspect().requestCount("iam:CreateRole")).as("nothing has happened yet").isZero();
        assertThat(vm.nextTextProperty().get()).isEqualTo("Apply");

        vm.next();
        var run = vm.run();
        assertThat(run.statusProperty().get()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(run.progressProperty().get()).isEqualTo(1.0);
        assertThat(run.steps()).extracting(StepRow::state).containsOnly(StepState.DONE);
        assertThat(run.log()).anyMatch(l -> l.contains("Step 1: iam:CreateRole"));
        assertThat(journals).anyMatch(j -> j.status() == OperationStatus.RUNNING);
        assertThat(finished).containsExactly(PAYMENTS);
        assertThat(vm.nextTextProperty().get()).isEqualTo("Done");
        assertThat(env.lab.aws().inspect().remoteNetworks("us-west-2", "payments")).contains(new RemoteNetworks(List.of("10.200.0.0/16"), List.of("10.201.0.0/16")));

        vm.next();
        assertThat(closed).isTrue();
        vm.open(PAYMENTS);
        assertThat(vm.networks().nodeCidrs()).as("pre-filled from the cluster").containsExactly("10.200.0.0/16");
        assertThat(vm.networks().podCidrs()).containsExactly("10.201.0.0/16");
        vm.next();
        vm.next();
        vm.next();
        vm.next();
        vm.next();
        assertThat(run.steps()).extracting(StepRow::state).containsOnly(StepState.ALREADY_DONE);
        assertThat(run.summaryProperty().get()).contains("nothing changed");
        assertThat(env.lab.aws().inspect().requestCount("eks:UpdateClusterConfig")).isEqualTo(1);
    }

    @Test
    void aDeniedCallFailsWithItsReasonAndRetryResumes() {
        env.lab.aws().setFault("iam:CreateRole", Fault.ACCESS_DENIED);
        toPlan();
        vm.next();
        var run = vm.run();
        assertThat(run.statusProperty().get()).isEqualTo(OperationStatus.FAILED);
        assertThat(run.steps().get(0).state()).isEqualTo(StepState.FAILED);
        assertThat(run.steps().get(0).message()).contains("iam:CreateRole was denied");
        assertThat(run.steps().get(1).state()).isEqualTo(StepState.SKIPPED);
        assertThat(run.errorProperty().get()).contains("iam:CreateRole");
        assertThat(vm.nextTextProperty().get()).isEqualTo("Retry");
        assertThat(vm.canNextProperty().get()).isTrue();
        assertThat(finished).isEmpty();

        env.lab.aws().clearFaults();
        vm.next();
        assertThat(run.statusProperty().get()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(finished).containsExactly(PAYMENTS);
        assertThat(env.lab.aws().inspect().roleNames()).containsOnlyOnce("AmazonEKSHybridNodesRole");
    }

    private void fillNetworks() {
        vm.networks().nodes().get(0).textProperty().set("10.200.0.0/16");
        vm.networks().addPod();
        vm.networks().pods().get(0).textProperty().set("10.201.0.0/16");
    }

    private void toPlan() {
        fillNetworks();
        for (int i = 0; i < 4; i++) {
            assertThat(vm.canNextProperty().get()).as("step %d", i).isTrue();
            vm.next();
        }
    }
}
