package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.core.profile.ProfileConflictException;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.core.profile.ProfileStoreException;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cluster profiles stored as ClusterProfile objects in a lab cluster: round trip, optimistic locking, not imported. */
class KubeProfileStoreTest {
    static LabKube lab;
    static final ClusterRef REF = new ClusterRef("us-west-2", "retail-edge");

    @BeforeAll
    static void start() {
        lab = new LabKube(LabWorld.load());
        lab.start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static ClusterAccess access(String key) {
        return new ClusterAccess.EksTokenAccess(lab.endpoints().get(key), null,
                () -> new EksToken(lab.adminToken(), Instant.now().plusSeconds(600)));
    }

    static ProfileLayers layers(String k8s) {
        return new ProfileLayers(OsLayer.agent(List.of("curl"), List.of(), Map.of(), List.of(), ""),
                KubernetesLayer.of(k8s, CredentialProvider.SSM),
                new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of("10.201.0.0/16"), false));
    }

    @Test
    void poolUsageComesFromPoolObjectsAndForPoolsWithoutOneFromTheirNodesLabels() {
        Fabric8ProfileStore store = new Fabric8ProfileStore(new Fabric8ClusterPort(null, Clock.systemUTC()));
        try (var profiles = store.open(REF, access("us-west-2/retail-edge"));
             var client = lab.client("us-west-2/retail-edge")) {
            // the seeded pools have no HybridNodePool object yet: their nodes' labels name the profile version
            Map<String, Map<Integer, List<String>>> before = profiles.poolUsage();
            assertThat(before.get("gpu-ssm")).isEqualTo(Map.of(1, List.of("dallas-gpu")));
            assertThat(before.get("pos-iam-ra")).isEqualTo(Map.of(1, List.of("store-pos")));

            // a pool object wins over its nodes' labels (it was moved to version 2), and a new pool adds to it
            for (String[] pool : new String[][] {{"store-pos", "2"}, {"kpst-new-pool", "2"}}) {
                GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                        .withApiVersion("hybridpane.dev/v1alpha1").withKind("HybridNodePool")
                        .withNewMetadata().withName(pool[0]).withNamespace(ProfileStore.NAMESPACE).endMetadata().build();
                r.setAdditionalProperty("spec", Map.of("site", "dallas-dc",
                        "profile", Map.of("name", "pos-iam-ra", "version", Integer.parseInt(pool[1]))));
                client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(ProfileStore.NAMESPACE)
                        .resource(r).create();
            }
            try {
                assertThat(profiles.poolUsage().get("pos-iam-ra"))
                        .isEqualTo(Map.of(2, List.of("kpst-new-pool", "store-pos")));
                assertThat(profiles.poolUsage().get("gpu-ssm")).isEqualTo(Map.of(1, List.of("dallas-gpu")));
            } finally {
                client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(ProfileStore.NAMESPACE)
                        .withName("store-pos").delete();
                client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(ProfileStore.NAMESPACE)
                        .withName("kpst-new-pool").delete();
            }
        }
    }

    @Test
    void aProfileRoundTripsAndAStaleResourceVersionIsAConflict() {
        Fabric8ProfileStore store = new Fabric8ProfileStore(new Fabric8ClusterPort(null, Clock.systemUTC()));
        ClusterProfile v1 = ClusterProfile.create("kpst-store-pos", layers("1.30"), Instant.parse("2026-12-01T10:00:00Z"), "ana");
        try (var one = store.open(REF, access("us-west-2/retail-edge"));
             var two = store.open(REF, access("us-west-2/retail-edge"))) {
            assertThat(one.get("kpst-store-pos")).isEmpty();
            ProfileStore.Stored created = one.create(v1);
            ProfileStore.Stored read = two.get("kpst-store-pos").orElseThrow();
            assertThat(read.profile()).isEqualTo(v1);
            assertThat(two.list()).contains(v1);

            ClusterProfile v2 = v1.save(layers("1.31"), Instant.parse("2026-12-02T10:00:00Z"), "bo").profile();
            ProfileStore.Stored updated = two.update(v2, read.resourceVersion());
            assertThat(updated.resourceVersion()).isNotEqualTo(read.resourceVersion());
            assertThat(one.get("kpst-store-pos").orElseThrow().profile()).isEqualTo(v2);

            // the first workstation still holds the resourceVersion it created with: refused, nothing overwritten
            ClusterProfile other = v1.save(layers("1.32"), Instant.now(), "cy").profile();
            assertThatThrownBy(() -> one.update(other, created.resourceVersion())).isInstanceOf(ProfileConflictException.class);
            assertThat(two.get("kpst-store-pos").orElseThrow().profile()).isEqualTo(v2);
            assertThatThrownBy(() -> one.create(v1)).isInstanceOf(ProfileConflictException.class);
        }
    }

    @Test
    void aClusterThatWasNeverImportedIsSaidSoAndNothingIsWritten() {
        Fabric8ProfileStore store = new Fabric8ProfileStore(new Fabric8ClusterPort(null, Clock.systemUTC()));
        String expected = "payments is not imported into HybridPane yet: import it first (Clusters › Import cluster, "
                + "or hybridpane cluster import).";
        try (var p = store.open(new ClusterRef("us-west-2", "payments"), access("us-west-2/payments"))) {
            assertThatThrownBy(p::list).isInstanceOf(ProfileStoreException.class).hasMessage(expected);
            assertThatThrownBy(() -> p.get("x")).isInstanceOf(ProfileStoreException.class).hasMessage(expected);
            assertThatThrownBy(() -> p.create(ClusterProfile.create("x", layers("1.30"), Instant.now(), "a")))
                    .isInstanceOf(ProfileStoreException.class).hasMessage(expected);
        }
        assertThat(lab.client("us-west-2/payments").namespaces().withName(ProfileStore.NAMESPACE).get()).isNull();
    }
}
