package dev.hybridpane.app.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.hybrid.EnableHybridRequest;
import dev.hybridpane.core.hybrid.EnableReview;
import dev.hybridpane.core.hybrid.HybridStatusItem;
import dev.hybridpane.core.hybrid.NodeAccess;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.aws.AwsInspection.RemoteNetworks;
import dev.hybridpane.lab.aws.Fault;
import dev.hybridpane.lab.kube.LabKube;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enabling hybrid mode on the lab's payments cluster through the production adapters. */
class EnableHybridLabTest {
    static final ClusterRef PAYMENTS = new ClusterRef("us-west-2", "payments");

    @TempDir
    Path dir;

    private EnableHybridRequest request(CredentialProvider p, String pem) {
        return new EnableHybridRequest(List.of("10.200.0.0/16"), List.of("10.201.0.0/16"), p, null, pem, "hp-anchor", "hp-profile", 3600,
                NodeAccess.ACCESS_ENTRY, false);
    }

    private String pem() {
        return new BcCertificateAuthority().generate("test CA", 30, dir.resolve("ca.pem"), dir.resolve("ca.key")).pem();
    }

    @Test
    void interruptedAfterEveryStepThenResumedCreatesNothingTwice() {
        String pem = pem();
        for (CredentialProvider provider : CredentialProvider.values()) {
            int steps;
            try (LabHybridSetup env = new LabHybridSetup()) {
                steps = env.setup.planEnable(env.setup.reviewEnable(PAYMENTS), request(provider, pem)).steps().size();
            }
            for (int k = 1; k < steps; k++) {
                try (LabHybridSetup env = new LabHybridSetup()) {
                    int stopAfter = k;
                    CancelToken cancel = new CancelToken();
                    Operation first = env.setup.planEnable(env.setup.reviewEnable(PAYMENTS), request(provider, pem));
                    Journal j1 = env.engine.run(first, cancel, j -> {
                        if (j.doneCount() >= stopAfter) {
                            cancel.cancel();
                        }
                    });
                    assertThat(j1.status()).as("%s stopped after %d", provider, k).isEqualTo(OperationStatus.CANCELLED);
                    assertThat(j1.doneCount()).isEqualTo(k);

                    // a fresh plan, as after a restart: it observes and skips what is done
                    Operation again = env.setup.planEnable(env.setup.reviewEnable(PAYMENTS), request(provider, pem));
                    Journal j2 = env.engine.run(again, new CancelToken(), j -> { });
                    assertThat(j2.status()).as("%s resumed after %d: %s", provider, k, j2.error()).isEqualTo(OperationStatus.SUCCEEDED);
                    assertThat(j2.steps().subList(0, k)).allMatch(s -> s.state() == StepState.ALREADY_DONE);
                    assertThat(j2.steps().subList(k, steps)).allMatch(s -> s.state() == StepState.DONE);
                    assertNoDuplicates(env, provider);
                }
            }
        }
    }

    private static void assertNoDuplicates(LabHybridSetup env, CredentialProvider provider) {
        var aws = env.lab.aws().inspect();
        assertThat(aws.roleNames()).containsOnlyOnce("AmazonEKSHybridNodesRole");
        List<String> entries = aws.accessEntryPrincipals("us-west-2", "payments");
        assertThat(new HashSet<>(entries)).hasSameSizeAs(entries).contains("arn:aws:iam::111122223333:role/AmazonEKSHybridNodesRole");
        assertThat(aws.remoteNetworks("us-west-2", "payments")).contains(new RemoteNetworks(List.of("10.200.0.0/16"), List.of("10.201.0.0/16")));
        // retail-edge's trust anchor and profile are seeded in the lab's world
        if (provider == CredentialProvider.IAM_RA) {
            assertThat(aws.trustAnchorNames()).containsExactly("retail-edge-stores", "hp-anchor");
            assertThat(aws.profileNames()).containsExactly("retail-edge-hybrid-nodes", "hp-profile");
        } else {
            assertThat(aws.trustAnchorNames()).containsExactly("retail-edge-stores");
            assertThat(aws.profileNames()).containsExactly("retail-edge-hybrid-nodes");
        }
    }

    @Test
    void awsAuthAndTheCiliumPatchOnAnApiAndConfigMapCluster() {
        ClusterRef retail = new ClusterRef("us-west-2", "retail-edge");
        try (LabHybridSetup env = new LabHybridSetup()) {
            // the cluster's Cilium as a plain install has it: no node affinity, so it would also run on cloud nodes
            var kube = env.lab.kube().server(LabKube.key("us-west-2", "retail-edge")).client();
            kube.apps().daemonSets().inNamespace("kube-system").withName("cilium")
                    .edit(d -> {
                        d.getSpec().getTemplate().getSpec().setAffinity(null);
                        return d;
                    });
            kube.apps().deployments().inNamespace("kube-system").withName("cilium-operator")
                    .edit(d -> {
                        d.getSpec().getTemplate().getSpec().setAffinity(null);
                        return d;
                    });
            assertThat(kube.configMaps().inNamespace("kube-system").withName("aws-auth").get()).isNull();

            EnableHybridRequest r = new EnableHybridRequest(List.of("10.200.0.0/16"), List.of("10.201.0.0/16"),
                    CredentialProvider.SSM, null, null, null, null, 3600, NodeAccess.AWS_AUTH, true);
            Journal first = env.engine.run(env.setup.planEnable(env.setup.reviewEnable(retail), r), new CancelToken(), j -> { });
            assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(first.steps()).filteredOn(s -> s.id().equals("aws-auth") || s.id().equals("cilium-affinity"))
                    .extracting(s -> s.state()).containsExactly(StepState.DONE, StepState.DONE);

            // aws-auth maps the role the way EKS expects for hybrid nodes; no access entry was made instead
            String mapRoles = kube.configMaps().inNamespace("kube-system").withName("aws-auth").get().getData().get("mapRoles");
            assertThat(mapRoles).contains("rolearn: \"arn:aws:iam::111122223333:role/AmazonEKSHybridNodesRole\"")
                    .contains("system:node:{{SessionName}}").contains("system:bootstrappers").contains("system:nodes");
            assertThat(env.lab.aws().inspect().requestCount("eks:CreateAccessEntry")).isZero();
            // Cilium and its operator now run on hybrid nodes only
            for (var template : List.of(
                    kube.apps().daemonSets().inNamespace("kube-system").withName("cilium").get().getSpec().getTemplate(),
                    kube.apps().deployments().inNamespace("kube-system").withName("cilium-operator").get().getSpec().getTemplate())) {
                var term = template.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                        .getNodeSelectorTerms().get(0).getMatchExpressions().get(0);
                assertThat(term.getKey()).isEqualTo("eks.amazonaws.com/compute-type");
                assertThat(term.getOperator()).isEqualTo("In");
                assertThat(term.getValues()).containsExactly("hybrid");
            }

            Journal again = env.engine.run(env.setup.planEnable(env.setup.reviewEnable(retail), r), new CancelToken(), j -> { });
            assertThat(again.steps()).allMatch(s -> s.state() == StepState.ALREADY_DONE);
            assertThat(kube.configMaps().inNamespace("kube-system").withName("aws-auth").get().getData().get("mapRoles"))
                    .isEqualTo(mapRoles);
        }
    }

    @Test
    void aSecondRunChangesNothingAndTheDetailShowsTheConfiguration() {
        try (LabHybridSetup env = new LabHybridSetup()) {
            String pem = pem();
            EnableReview review = env.setup.reviewEnable(PAYMENTS);
            assertThat(env.engine.run(env.setup.planEnable(review, request(CredentialProvider.IAM_RA, pem)), new CancelToken(), j -> { })
                    .status()).isEqualTo(OperationStatus.SUCCEEDED);
            Journal again = env.engine.run(env.setup.planEnable(env.setup.reviewEnable(PAYMENTS), request(CredentialProvider.IAM_RA, pem)),
                    new CancelToken(), j -> { });
            assertThat(again.steps()).allMatch(s -> s.state() == StepState.ALREADY_DONE);
            assertThat(env.lab.aws().inspect().requestCount("eks:UpdateClusterConfig")).isEqualTo(1);
            assertThat(env.lab.aws().inspect().requestCount("eks:CreateAccessEntry")).isEqualTo(1);

            List<HybridStatusItem> status = env.setup.hybridStatus(PAYMENTS, "AmazonEKSHybridNodesRole");
            assertThat(status).extracting(HybridStatusItem::title).containsExactly("Remote networks", "Hybrid nodes role",
                    "Credential provider", "Access entry", "Trust anchor", "Roles Anywhere profile", "CNI");
            assertThat(status.subList(0, 6)).allMatch(i -> i.status() == CheckStatus.PASS);
            assertThat(status.get(2).value()).isEqualTo("IAM Roles Anywhere");
            assertThat(status.get(6).status()).isEqualTo(CheckStatus.FAIL); // payments has only the VPC CNI
        }
    }

    @Test
    void aHybridClusterShowsTheRolesOfItsHybridAccessEntriesAllPassing() {
        try (LabHybridSetup env = new LabHybridSetup()) {
            // the role name HybridPane would create is only the fallback: retail-edge names its roles in access entries
            List<HybridStatusItem> status = env.setup.hybridStatus(new ClusterRef("us-west-2", "retail-edge"),
                    "AmazonEKSHybridNodesRole");
            assertThat(status).extracting(HybridStatusItem::title).containsExactly("Remote networks",
                    "Hybrid nodes role", "Credential provider", "Access entry",
                    "Hybrid nodes role", "Credential provider", "Access entry", "Trust anchor", "Roles Anywhere profile", "CNI");
            assertThat(status).allSatisfy(i -> assertThat(i.status()).as(i.title() + ": " + i.reason()).isEqualTo(CheckStatus.PASS));
            assertThat(status.get(1).value()).isEqualTo("arn:aws:iam::111122223333:role/retail-edge-hybrid-ssm");
            assertThat(status.get(2).value()).isEqualTo("SSM hybrid activations");
            assertThat(status.get(4).value()).isEqualTo("arn:aws:iam::111122223333:role/retail-edge-hybrid-ra");
            assertThat(status.get(5).value()).isEqualTo("IAM Roles Anywhere");
            assertThat(status.get(7).value()).isEqualTo("retail-edge-stores");
            assertThat(status.get(8).value()).startsWith("retail-edge-hybrid-nodes");
        }
    }

    @Test
    void accessDeniedStopsTheStepWithTheReasonAndARetryResumes() {
        try (LabHybridSetup env = new LabHybridSetup()) {
            env.lab.aws().setFault("iam:CreateRole", Fault.ACCESS_DENIED);
            Operation op = env.setup.planEnable(env.setup.reviewEnable(PAYMENTS), request(CredentialProvider.SSM, null));
            Journal failed = env.engine.run(op, new CancelToken(), j -> { });
            assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(failed.steps().get(0).state()).isEqualTo(StepState.FAILED);
            assertThat(failed.steps().get(0).message()).contains("iam:CreateRole was denied").contains("not authorized to perform: iam:CreateRole");
            assertThat(failed.steps().get(1).state()).isEqualTo(StepState.SKIPPED);

            env.lab.aws().clearFaults();
            // throttled twice: the SDK's retries ride through it
            env.lab.aws().failNext("eks:UpdateClusterConfig", Fault.THROTTLING);
            env.lab.aws().failNext("eks:UpdateClusterConfig", Fault.THROTTLING);
            Journal ok = env.engine.run(env.setup.planEnable(env.setup.reviewEnable(PAYMENTS), request(CredentialProvider.SSM, null)),
                    new CancelToken(), j -> { });
            assertThat(ok.status()).as(ok.error()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(env.lab.aws().inspect().requestCount("eks:UpdateClusterConfig")).isEqualTo(3);
        }
    }

    @Test
    void badInputNeverReachesAws() {
        try (LabHybridSetup env = new LabHybridSetup()) {
            EnableReview review = env.setup.reviewEnable(PAYMENTS);
            EnableHybridRequest bad = new EnableHybridRequest(List.of("10.110.0.0/20", "8.8.8.0/24"), List.of("fd00::/8"),
                    CredentialProvider.IAM_RA, "bad role!", "not a pem", "", "x", 50000, NodeAccess.AWS_AUTH, false);
            assertThatThrownBy(() -> env.setup.planEnable(review, bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Remote node CIDR 1: 10.110.0.0/20 overlaps the VPC CIDR 10.110.0.0/16")
                    .hasMessageContaining("Remote node CIDR 2: 8.8.8.0/24 is outside RFC 1918")
                    .hasMessageContaining("Remote pod CIDR 1: 'fd00::/8' is IPv6")
                    .hasMessageContaining("Role name")
                    .hasMessageContaining("CA certificate")
                    .hasMessageContaining("Trust anchor name")
                    .hasMessageContaining("12 hours")
                    .hasMessageContaining("aws-auth ConfigMap is ignored in API authentication mode");
            assertThat(env.lab.aws().inspect().requestCount("eks:UpdateClusterConfig")).isZero();
            assertThat(env.lab.aws().inspect().requestCount("iam:CreateRole")).isZero();
        }
    }

    @Test
    void theLabRefusesOverlappingNetworksAsEksDoes() {
        try (LabHybridSetup env = new LabHybridSetup()) {
            var iam = new SdkHybridAwsPort(AwsClientFactory.forEndpoint(
                    env.lab.awsEndpoint(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, "us-west-2"));
            assertThatThrownBy(() -> iam.updateRemoteNetworks(PAYMENTS, List.of("10.110.0.0/24"), List.of()))
                    .hasMessageContaining("InvalidParameterException").hasMessageContaining("overlaps the VPC CIDR");
        }
    }
}
