package dev.hybridpane.core.hybrid;

import static dev.hybridpane.core.hybrid.FakeHybridAws.PAYMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.MemoryJournalStore;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ComputeType;
import dev.hybridpane.domain.HybridRequirements;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reviewing and importing a cluster, and reviewing it for hybrid mode, on in-memory ports. */
class HybridSetupServiceTest {
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final String NAMESPACE = "Namespace/" + FootprintManifest.NAMESPACE;

    final FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API);
    final FakeClusterAdmin kube = new FakeClusterAdmin();
    final MemoryWorkspaceStore workspace = new MemoryWorkspaceStore();
    final HybridSetupService service = new HybridSetupService(aws, aws, kube, workspace, Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofMillis(1));

    static Journal run(Operation op) {
        return new OperationEngine(new MemoryJournalStore(), Clock.systemUTC()).run(op, new CancelToken(), j -> { });
    }

    static Check check(ImportReview r, String id) {
        return r.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no check " + id));
    }

    @Test
    void anImportReviewReadsTheClusterItsAddOnsItsNodesAndTheFootprint() {
        kube.present.add(NAMESPACE);
        ImportReview r = service.reviewImport(PAYMENTS);

        assertThat(r.cluster()).isEqualTo(aws.cluster);
        assertThat(r.access()).isInstanceOfSatisfying(ClusterAccess.EksTokenAccess.class,
                a -> assertThat(a.endpoint()).isEqualTo("https://payments.example"));
        assertThat(r.checks()).extracting(Check::id).contains(HybridRequirements.AUTH_MODE, "vpc-cni", "cloud-node")
                .as("remote networks are not checked before hybrid mode is on").doesNotContain(HybridRequirements.REMOTE_NETWORKS);
        assertThat(check(r, "vpc-cni").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "vpc-cni").reason()).contains("v1.19.0-eksbuild.1");
        assertThat(check(r, "cloud-node").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(r, "cloud-node").reason()).startsWith("2 cloud node(s)");
        assertThat(r.manifest()).isEqualTo(FootprintManifest.yaml());
        assertThat(r.objects()).hasSize(FootprintManifest.documents(r.manifest()).size()).startsWith(NAMESPACE);
        assertThat(r.footprint().present()).containsExactly(NAMESPACE);
        assertThat(r.footprint().missing()).hasSize(r.objects().size() - 1);
        assertThat(r.alreadyInWorkspace()).isFalse();
        assertThat(aws.changes).isEmpty();
        assertThat(kube.changes).isEmpty();
    }

    @Test
    void anImportReviewFailsWithoutTheVpcCniAddOnOrACloudNodeAndChecksRemoteNetworksOfAHybridCluster() {
        aws.addons.clear();
        aws.cluster = FakeHybridAws.cluster(AuthenticationMode.API, List.of("10.200.0.0/16"), List.of());
        kube.nodeCounts.clear();
        kube.nodeCounts.put(ComputeType.HYBRID, 3);
        ImportReview r = service.reviewImport(PAYMENTS);

        assertThat(check(r, "vpc-cni").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(r, "vpc-cni").reason()).contains("aws eks create-addon --cluster-name payments --addon-name vpc-cni");
        assertThat(check(r, "cloud-node").status()).as("hybrid nodes are not cloud nodes").isEqualTo(CheckStatus.FAIL);
        assertThat(r.checks()).extracting(Check::id).contains(HybridRequirements.REMOTE_NETWORKS);
    }

    @Test
    void importAppliesOnlyWhatIsMissingRecordsTheWorkspaceAndARerunDoesNothing() {
        kube.present.add(NAMESPACE);
        ImportReview review = service.reviewImport(PAYMENTS);
        Operation op = service.planImport(review);

        assertThat(op.id()).isEqualTo("cluster-import-us-west-2-payments");
        assertThat(op.kind()).isEqualTo(HybridSetupService.IMPORT_KIND);
        assertThat(op.steps()).hasSize(review.objects().size() + 1);
        assertThat(op.steps().get(0).title()).isEqualTo("kubectl apply " + NAMESPACE);
        assertThat(op.steps().get(op.steps().size() - 1).id()).isEqualTo("workspace");
        assertThat(kube.changes).as("planning applies nothing").isEmpty();

        Journal first = run(op);

        assertThat(first.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(first.steps().get(0).state()).isEqualTo(StepState.ALREADY_DONE);
        assertThat(first.steps().subList(1, first.steps().size())).extracting(Journal.StepRecord::state).containsOnly(StepState.DONE);
        assertThat(kube.changes).hasSize(review.objects().size() - 1).doesNotContain("apply " + NAMESPACE);
        assertThat(service.footprintComplete(review)).isTrue();
        assertThat(workspace.list()).containsExactly(new WorkspaceStore.ImportedCluster("us-west-2", "payments", aws.cluster.arn(), NOW,
                FootprintManifest.MANIFEST_VERSION));
        assertThat(service.reviewImport(PAYMENTS).alreadyInWorkspace()).isTrue();

        kube.changes.clear();
        Journal again = run(service.planImport(review));

        assertThat(again.steps()).extracting(Journal.StepRecord::state).containsOnly(StepState.ALREADY_DONE);
        assertThat(kube.changes).isEmpty();
        assertThat(workspace.list()).hasSize(1);
    }

    @Test
    void aWorkspaceEntryOfAnOlderManifestIsRecordedAgain() {
        workspace.put(new WorkspaceStore.ImportedCluster("us-west-2", "payments", aws.cluster.arn(), Instant.EPOCH, "0"));
        ImportReview review = service.reviewImport(PAYMENTS);
        assertThat(review.alreadyInWorkspace()).isTrue();

        Journal j = run(service.planImport(review));

        assertThat(j.steps().get(j.steps().size() - 1).state()).isEqualTo(StepState.DONE);
        assertThat(workspace.list()).singleElement().extracting(WorkspaceStore.ImportedCluster::manifestVersion)
                .isEqualTo(FootprintManifest.MANIFEST_VERSION);
    }

    @Test
    void theFootprintIsReadAgainWhileTheUserAppliesTheManifest() {
        ImportReview review = service.reviewImport(PAYMENTS);
        assertThat(service.footprintComplete(review)).isFalse();

        kube.present.addAll(review.objects());

        assertThat(service.footprint(review).missing()).isEmpty();
        assertThat(service.footprintComplete(review)).isTrue();
    }

    @Test
    void anEnableReviewReadsTheVpcAndTheCniAndExplainsAnUnreadableCni() {
        aws.vpcCidrs = List.of("10.100.0.0/16", "10.101.0.0/16");
        EnableReview r = service.reviewEnable(PAYMENTS);

        assertThat(r.cluster()).isEqualTo(aws.cluster);
        assertThat(r.vpcCidrs()).containsExactly("10.100.0.0/16", "10.101.0.0/16");
        assertThat(r.cni()).isEqualTo(kube.cni);
        assertThat(r.cniError()).isNull();
        assertThat(r.accountId()).isEqualTo(FakeHybridAws.ACCOUNT);

        kube.cniFailure = new IllegalStateException("kube-system is forbidden");
        EnableReview denied = service.reviewEnable(PAYMENTS);

        assertThat(denied.cni()).isNull();
        assertThat(denied.cniError()).isEqualTo("kube-system is forbidden");
    }

    @Test
    void aClusterWithoutAVpcHasNoVpcCidrsAndNoVpcIsAsked() {
        var noVpc = new Cluster(PAYMENTS, aws.cluster.arn(), "1.31", "ACTIVE", "https://payments.example",
                aws.cluster.endpointAccess(), AuthenticationMode.API, aws.cluster.ipFamily(), null, List.of(), List.of(), null,
                "172.20.0.0/16", List.of(), List.of(), "Q0E=", Instant.EPOCH, null);

        assertThat(service.vpcCidrs(noVpc)).isEmpty();
        assertThat(aws.calls).noneMatch(c -> c.startsWith("ec2:"));
    }

    @Test
    void planEnableIsThePlannersOperation() {
        EnableReview r = service.reviewEnable(PAYMENTS);
        Operation op = service.planEnable(r, EnableHybridPlannerTest.ssm(NodeAccess.ACCESS_ENTRY));

        assertThat(op.id()).isEqualTo("hybrid-enable-us-west-2-payments");
        assertThat(op.steps()).extracting(s -> s.id()).startsWith("iam-role").endsWith("eks-access-entry");
    }
}
