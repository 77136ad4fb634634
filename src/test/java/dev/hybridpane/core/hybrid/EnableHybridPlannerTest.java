package dev.hybridpane.core.hybrid;

import static dev.hybridpane.core.hybrid.FakeHybridAws.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.MemoryJournalStore;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.hybrid.HybridNodesIam;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The enable-hybrid plan on in-memory ports: its steps, their order, what it shows, and what running it changes. */
class EnableHybridPlannerTest {
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/" + HybridNodesIam.DEFAULT_ROLE_NAME;
    static final String CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUWmFrZUNBY2VydGlmaWNhdGVGb3JUZXN0czAKBggqhkjO
            PQQDAjAVMRMwEQYDVQQDDApIeWJyaWRQYW5lMB4XDTI2MTEyMTEwMDAwMFoXDTM2
            -----END CERTIFICATE-----
            """;

    final FakeClusterAdmin kube = new FakeClusterAdmin();

    static EnableHybridRequest ssm(NodeAccess access) {
        return new EnableHybridRequest(List.of("10.200.0.0/16"), List.of("10.201.0.0/16"), CredentialProvider.SSM, null, null,
                null, null, 3600, access, false);
    }

    static EnableHybridRequest rolesAnywhere(NodeAccess access, boolean cilium) {
        return new EnableHybridRequest(List.of("10.200.0.0/16"), List.of("10.201.0.0/16"), CredentialProvider.IAM_RA, null, CA_PEM,
                "hp-anchor", "hp-profile", 3600, access, cilium);
    }

    EnableReview review(FakeHybridAws aws) {
        return new EnableReview(aws.cluster, new ClusterAccess.KubeconfigContext("payments"), aws.vpcCidrs, kube.cni, null);
    }

    Operation plan(FakeHybridAws aws, EnableHybridRequest r) {
        return new EnableHybridPlanner(aws, aws, kube, Duration.ofMillis(1)).plan(review(aws), r);
    }

    static Journal run(Operation op) {
        return new OperationEngine(new MemoryJournalStore(), Clock.systemUTC()).run(op, new CancelToken(), j -> { });
    }

    static List<String> stepIds(Operation op) {
        return op.steps().stream().map(Step::id).toList();
    }

    static List<StepState> states(Journal j) {
        return j.steps().stream().map(Journal.StepRecord::state).toList();
    }

    @Test
    void ssmWithAnAccessEntryCreatesTheRoleItsPoliciesTheNetworksThenTheEntry() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API);
        Operation op = plan(aws, ssm(NodeAccess.ACCESS_ENTRY));

        assertThat(op.id()).isEqualTo("hybrid-enable-us-west-2-payments");
        assertThat(op.kind()).isEqualTo(EnableHybridPlanner.KIND);
        assertThat(op.target()).isEqualTo("payments · us-west-2");
        assertThat(stepIds(op)).containsExactly("iam-role", "iam-attach-AmazonEC2ContainerRegistryPullOnly",
                "iam-attach-AmazonSSMManagedInstanceCore", "iam-inline-EKSDescribeClusterPolicy", "iam-inline-EKSHybridSSMPolicy",
                "eks-remote-networks", "eks-access-entry");
        assertThat(aws.calls).as("planning calls nothing").isEmpty();
        assertThat(kube.changes).isEmpty();
    }

    @Test
    void rolesAnywhereWithAwsAuthAddsTheAnchorBeforeTheRoleAndTheProfileAfterItsPolicies() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API_AND_CONFIG_MAP);
        Operation op = plan(aws, rolesAnywhere(NodeAccess.AWS_AUTH, true));

        assertThat(stepIds(op)).containsExactly("ra-trust-anchor", "iam-role", "iam-attach-AmazonEC2ContainerRegistryPullOnly",
                "iam-inline-EKSDescribeClusterPolicy", "ra-profile", "eks-remote-networks", "aws-auth", "cilium-affinity");
        assertThat(stepIds(plan(aws, rolesAnywhere(NodeAccess.ACCESS_ENTRY, false))))
                .as("without the Cilium patch, and with an access entry").endsWith("eks-remote-networks", "eks-access-entry");
        assertThat(aws.calls).isEmpty();
    }

    @Test
    void thePlanShowsEveryCallButNotTheCertificateAndSaysTheKeyStaysHere() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API);
        String text = plan(aws, rolesAnywhere(NodeAccess.ACCESS_ENTRY, false)).planText();

        assertThat(text).contains("rolesanywhere:CreateTrustAnchor hp-anchor", "iam:CreateRole AmazonEKSHybridNodesRole",
                "rolesanywhere:CreateProfile hp-profile", "eks:UpdateClusterConfig payments remoteNetworkConfig",
                "eks:CreateAccessEntry payments", "principalArn: " + ROLE_ARN, "remoteNodeNetworks: [{cidrs: [10.200.0.0/16]}]");
        assertThat(text).contains("4 PEM lines; the private key stays on this workstation");
        assertThat(text).doesNotContain("MIIBszCCAVmgAwIBAgIU", "BEGIN CERTIFICATE", "PRIVATE KEY");
    }

    @Test
    void ssmAndAnAccessEntryRunOnceThenARerunFindsEverythingInPlace() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API);
        aws.describesUntilDone = 3;
        Journal first = run(plan(aws, ssm(NodeAccess.ACCESS_ENTRY)));

        assertThat(first.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(states(first)).containsOnly(StepState.DONE);
        assertThat(aws.changes).containsExactly("iam:CreateRole AmazonEKSHybridNodesRole",
                "iam:AttachRolePolicy AmazonEKSHybridNodesRole arn:aws:iam::aws:policy/" + HybridNodesIam.ECR_PULL_ONLY,
                "iam:AttachRolePolicy AmazonEKSHybridNodesRole arn:aws:iam::aws:policy/" + HybridNodesIam.SSM_CORE,
                "iam:PutRolePolicy AmazonEKSHybridNodesRole EKSDescribeClusterPolicy",
                "iam:PutRolePolicy AmazonEKSHybridNodesRole EKSHybridSSMPolicy",
                "eks:UpdateClusterConfig payments [10.200.0.0/16] [10.201.0.0/16]",
                "eks:CreateAccessEntry " + ROLE_ARN + " HYBRID_LINUX");
        assertThat(aws.roles.get(HybridNodesIam.DEFAULT_ROLE_NAME).trustPolicy())
                .isEqualTo(HybridNodesIam.trustPolicy("aws", CredentialProvider.SSM, "us-west-2", ACCOUNT, null));
        assertThat(aws.calls).as("the update was followed until it succeeded")
                .filteredOn(c -> c.startsWith("eks:DescribeUpdate")).hasSize(3);
        assertThat(aws.cluster.remoteNodeCidrs()).containsExactly("10.200.0.0/16");
        assertThat(aws.cluster.remotePodCidrs()).containsExactly("10.201.0.0/16");
        assertThat(first.outputs()).containsEntry(EnableHybridPlanner.ROLE_ARN, ROLE_ARN).containsEntry(EnableHybridPlanner.UPDATE_ID,
                "update-1");

        aws.changes.clear();
        Journal again = run(plan(aws, ssm(NodeAccess.ACCESS_ENTRY)));

        assertThat(again.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(states(again)).containsOnly(StepState.ALREADY_DONE);
        assertThat(aws.changes).as("observe before apply: nothing twice").isEmpty();
    }

    @Test
    void rolesAnywhereAndAwsAuthRunOnceThenARerunFindsEverythingInPlace() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API_AND_CONFIG_MAP);
        Journal first = run(plan(aws, rolesAnywhere(NodeAccess.AWS_AUTH, true)));

        assertThat(first.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(states(first)).containsOnly(StepState.DONE);
        String anchorArn = aws.anchors.get(0).arn();
        assertThat(aws.anchors).extracting(HybridAwsPort.TrustAnchor::name).containsExactly("hp-anchor");
        assertThat(aws.roles.get(HybridNodesIam.DEFAULT_ROLE_NAME).trustPolicy()).as("the trust names the anchor just created")
                .isEqualTo(HybridNodesIam.trustPolicy("aws", CredentialProvider.IAM_RA, "us-west-2", ACCOUNT, anchorArn));
        assertThat(aws.profiles).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("hp-profile");
            assertThat(p.roleArns()).containsExactly(ROLE_ARN);
            assertThat(p.durationSeconds()).isEqualTo(3600);
        });
        assertThat(aws.accessEntries).as("aws-auth instead of an access entry").isEmpty();
        assertThat(kube.awsAuthRoles).containsExactly(ROLE_ARN);
        assertThat(kube.cni.ready()).isTrue();
        assertThat(first.outputs()).containsEntry(EnableHybridPlanner.TRUST_ANCHOR_ARN, anchorArn)
                .containsEntry(EnableHybridPlanner.PROFILE_ARN, aws.profiles.get(0).arn());

        aws.changes.clear();
        kube.changes.clear();
        Journal again = run(plan(aws, rolesAnywhere(NodeAccess.AWS_AUTH, true)));

        assertThat(states(again)).containsOnly(StepState.ALREADY_DONE);
        assertThat(aws.changes).isEmpty();
        assertThat(kube.changes).isEmpty();
        assertThat(again.outputs()).as("observing records the ARNs later steps need")
                .containsEntry(EnableHybridPlanner.TRUST_ANCHOR_ARN, anchorArn).containsEntry(EnableHybridPlanner.ROLE_ARN, ROLE_ARN);
    }

    @Test
    void aRoleWithAnotherTrustPolicyIsUpdatedNotCreatedAgain() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API);
        aws.roles.put(HybridNodesIam.DEFAULT_ROLE_NAME, new HybridAwsPort.IamRole(HybridNodesIam.DEFAULT_ROLE_NAME, ROLE_ARN, "{}", 3600));
        Journal j = run(plan(aws, ssm(NodeAccess.ACCESS_ENTRY)));

        assertThat(j.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(aws.changes).contains("iam:UpdateAssumeRolePolicy AmazonEKSHybridNodesRole")
                .doesNotContain("iam:CreateRole AmazonEKSHybridNodesRole");
        assertThat(aws.roles.get(HybridNodesIam.DEFAULT_ROLE_NAME).trustPolicy())
                .isEqualTo(HybridNodesIam.trustPolicy("aws", CredentialProvider.SSM, "us-west-2", ACCOUNT, null));
    }

    @Test
    void anAccessEntryOfAnotherTypeStopsTheOperationWithASentence() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API);
        aws.accessEntries.put(ROLE_ARN, new AccessEntry(ROLE_ARN, "STANDARD", null, List.of()));
        Journal j = run(plan(aws, ssm(NodeAccess.ACCESS_ENTRY)));

        assertThat(j.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(j.steps().get(j.steps().size() - 1).state()).isEqualTo(StepState.FAILED);
        assertThat(j.error()).contains("already has an access entry of type STANDARD");
        assertThat(aws.changes).noneMatch(c -> c.startsWith("eks:CreateAccessEntry"));
    }

    @Test
    void aFailedEksUpdateFailsItsStepAndSkipsTheRest() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API);
        aws.updateOutcome = "Failed";
        aws.updateErrors = List.of("InvalidParameterException: overlapping CIDRs");
        Journal j = run(plan(aws, ssm(NodeAccess.ACCESS_ENTRY)));

        assertThat(j.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(j.error()).contains("EKS update update-1 ended Failed: InvalidParameterException: overlapping CIDRs");
        assertThat(states(j)).endsWith(StepState.FAILED, StepState.SKIPPED);
        assertThat(aws.cluster.remoteNodeCidrs()).isEmpty();
    }

    @Test
    void anUpdateAlreadyInProgressIsWaitedForBeforeTheNetworksAreCompared() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API);
        aws.updateRemoteNetworks(FakeHybridAws.PAYMENTS, List.of("10.200.0.0/16"), List.of("10.201.0.0/16"));
        aws.changes.clear();
        Journal j = run(plan(aws, ssm(NodeAccess.ACCESS_ENTRY)));

        assertThat(j.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(j.steps()).filteredOn(s -> s.id().equals("eks-remote-networks")).singleElement()
                .extracting(Journal.StepRecord::state).isEqualTo(StepState.ALREADY_DONE);
        assertThat(aws.changes).noneMatch(c -> c.startsWith("eks:UpdateClusterConfig"));
    }

    @Test
    void anInvalidRequestIsRefusedWithEveryProblemAndNothingIsCalled() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API);
        EnableHybridRequest bad = new EnableHybridRequest(List.of("10.100.0.0/24", "not-a-cidr"), List.of("10.201.0.0/16"),
                CredentialProvider.IAM_RA, "bad role name!", "not a certificate", "bad/anchor", "", 60, NodeAccess.AWS_AUTH, false);

        assertThatThrownBy(() -> plan(aws, bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Remote node CIDR 1:")
                .hasMessageContaining("Remote node CIDR 2:")
                .hasMessageContaining("Role name: 1 to 64 letters")
                .hasMessageContaining("The aws-auth ConfigMap is ignored in API authentication mode")
                .hasMessageContaining("Roles Anywhere needs a CA certificate")
                .hasMessageContaining("Trust anchor name:")
                .hasMessageContaining("Profile name:")
                .hasMessageContaining("at least 900 seconds");
        assertThat(aws.calls).isEmpty();
    }

    @Test
    void aConfigMapOnlyClusterIsRefused() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.CONFIG_MAP);

        assertThatThrownBy(() -> plan(aws, ssm(NodeAccess.AWS_AUTH))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The cluster's authentication mode is CONFIG_MAP only (EKS's default, also when the cluster reports no "
                        + "accessConfig); EKS refuses access entries and hybrid nodes need API or API_AND_CONFIG_MAP. Switch it "
                        + "first (one-way): aws eks update-cluster-config --region us-west-2 --name payments "
                        + "--access-config authenticationMode=API_AND_CONFIG_MAP.");
        assertThat(aws.calls).as("no CreateAccessEntry, nor any other call, is planned").isEmpty();
    }

    @Test
    void remoteNetworksThatOverlapTheServiceCidrAreRefused() {
        FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API);
        EnableHybridRequest r = new EnableHybridRequest(List.of("10.200.0.0/16"), List.of("172.20.0.0/20"), CredentialProvider.SSM,
                null, null, null, null, 3600, NodeAccess.ACCESS_ENTRY, false);

        assertThatThrownBy(() -> plan(aws, r)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Remote pod CIDR 1:");
    }

    /** The same cluster in another partition and region, as DescribeCluster reports it there. */
    static Cluster in(String partition, String region, AuthenticationMode mode) {
        Cluster c = FakeHybridAws.cluster(mode, List.of(), List.of());
        return new Cluster(new ClusterRef(region, "payments"), "arn:" + partition + ":eks:" + region + ":" + ACCOUNT
                + ":cluster/payments", c.version(), c.status(), c.endpoint(), c.endpointAccess(), c.authenticationMode(),
                c.ipFamily(), c.vpcId(), c.subnetIds(), c.securityGroupIds(), c.clusterSecurityGroupId(), c.serviceCidr(),
                c.remoteNodeCidrs(), c.remotePodCidrs(), c.certificateAuthority(), c.createdAt(), c.tags());
    }

    @Test
    void chinaAndGovCloudCallersGetEveryArnInTheirPartition() {
        for (String[] pr : new String[][] {{"aws-cn", "cn-north-1"}, {"aws-us-gov", "us-gov-west-1"}}) {
            FakeHybridAws aws = new FakeHybridAws(AuthenticationMode.API);
            aws.cluster = in(pr[0], pr[1], AuthenticationMode.API);
            Operation ssm = plan(aws, ssm(NodeAccess.ACCESS_ENTRY));
            Journal j = run(ssm);
            assertThat(j.status()).as(pr[0] + ": " + j.error()).isEqualTo(OperationStatus.SUCCEEDED);
            String role = "arn:" + pr[0] + ":iam::" + ACCOUNT + ":role/" + HybridNodesIam.DEFAULT_ROLE_NAME;
            assertThat(aws.changes).contains(
                    "iam:AttachRolePolicy AmazonEKSHybridNodesRole arn:" + pr[0] + ":iam::aws:policy/" + HybridNodesIam.ECR_PULL_ONLY,
                    "iam:AttachRolePolicy AmazonEKSHybridNodesRole arn:" + pr[0] + ":iam::aws:policy/" + HybridNodesIam.SSM_CORE,
                    "eks:CreateAccessEntry " + role + " HYBRID_LINUX");
            assertThat(aws.roles.get(HybridNodesIam.DEFAULT_ROLE_NAME).trustPolicy())
                    .contains("\"aws:SourceArn\": \"arn:" + pr[0] + ":ssm:" + pr[1] + ":" + ACCOUNT + ":*\"");
            assertThat(ssm.planText()).contains("arn:" + pr[0] + ":ssm:" + pr[1] + ":" + ACCOUNT + ":managed-instance/*")
                    .doesNotContain("arn:aws:");
            assertThat(String.join("\n", aws.changes)).doesNotContain("arn:aws:");

            FakeHybridAws ra = new FakeHybridAws(AuthenticationMode.API_AND_CONFIG_MAP);
            ra.cluster = in(pr[0], pr[1], AuthenticationMode.API_AND_CONFIG_MAP);
            Operation op = plan(ra, rolesAnywhere(NodeAccess.AWS_AUTH, false));
            assertThat(op.planText()).contains("roleArns: [" + role + "]", "rolearn: " + role).doesNotContain("arn:aws:");
        }
    }
}
