package dev.hybridpane.app.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.hybrid.ImportReview;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.ClusterRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Importing lab clusters: checks, the manifest's CRDs accepted and read back, idempotence, the workspace. */
class ImportClusterLabTest {

    @Test
    void importAppliesTheManifestOnceAndTheCrdsServeObjects() {
        try (LabHybridSetup env = new LabHybridSetup()) {
            ClusterRef ref = new ClusterRef("us-west-2", "payments");
            ImportReview review = env.setup.reviewImport(ref);
            assertThat(review.checks()).extracting(Check::id).contains("auth-mode", "ip-family", "endpoint-access", "vpc-cni", "cloud-node");
            assertThat(review.checks()).allMatch(c -> c.status() == CheckStatus.PASS);
            assertThat(review.footprint().missing()).hasSize(9);

            Journal first = env.engine.run(env.setup.planImport(review), new CancelToken(), j -> { });
            assertThat(first.status()).as(first.error()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(env.workspace.list()).singleElement().satisfies(w -> {
                assertThat(w.name()).isEqualTo("payments");
                assertThat(w.arn()).isEqualTo("arn:aws:eks:us-west-2:111122223333:cluster/payments");
            });

            ImportReview again = env.setup.reviewImport(ref);
            assertThat(again.footprint().complete()).isTrue();
            assertThat(again.alreadyInWorkspace()).isTrue();
            Journal second = env.engine.run(env.setup.planImport(again), new CancelToken(), j -> { });
            assertThat(second.steps()).allMatch(s -> s.state() == StepState.ALREADY_DONE);

            KubernetesClient kube = env.lab.kube().client("us-west-2/payments");
            CustomResourceDefinition crd = kube.apiextensions().v1().customResourceDefinitions().withName("edgehosts.hybridpane.dev").get();
            assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("eh");
            assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull();
            assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns()).extracting(c -> c.getName())
                    .containsExactly("ADDRESS", "SITE", "OS", "ARCH", "STATUS", "POOL", "LAST-SEEN", "AGE");
            assertThat(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("status")
                    .getXKubernetesPreserveUnknownFields()).isTrue();
            assertThat(kube.rbac().clusterRoles().withName("hybridpane-admin").get()).isNotNull();
            assertThat(kube.rbac().clusterRoleBindings().withName("hybridpane-viewer").get().getSubjects().get(0).getName())
                    .isEqualTo("hybridpane:viewers");

            // an EdgeHost round-trips through the API with spec and status
            ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup("hybridpane.dev").withVersion("v1alpha1")
                    .withPlural("edgehosts").withKind("EdgeHost").withNamespaced(true).build();
            GenericKubernetesResource host = new GenericKubernetesResourceBuilder().withApiVersion("hybridpane.dev/v1alpha1")
                    .withKind("EdgeHost").withNewMetadata().withName("edge-01").withNamespace("hybridpane-system").endMetadata()
                    .addToAdditionalProperties("spec", Map.of("address", "10.200.1.10", "site", "dallas-dc")).build();
            kube.genericKubernetesResources(ctx).inNamespace("hybridpane-system").resource(host).create();
            GenericKubernetesResource read = kube.genericKubernetesResources(ctx).inNamespace("hybridpane-system").withName("edge-01").get();
            assertThat(read.<String>get("spec", "address")).isEqualTo("10.200.1.10");
        }
    }

    @Test
    void factoryFloorFailsTheEndpointCheckWithTheFix() {
        try (LabHybridSetup env = new LabHybridSetup()) {
            ImportReview review = env.setup.reviewImport(new ClusterRef("eu-central-1", "factory-floor"));
            assertThat(review.checks()).filteredOn(c -> c.id().equals("endpoint-access")).singleElement().satisfies(c -> {
                assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
                assertThat(c.reason()).contains("Choose public only or private only");
            });
        }
    }
}
