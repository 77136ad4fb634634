package dev.hybridpane.ui.profiles;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.core.profile.MemoryProfiles;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.core.profile.ProfileStoreException;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.ContainerdSource;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.ui.TestData;
import dev.hybridpane.ui.fleet.ClusterRow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Clusters and profiles for the Profiles view's tests: retail-edge holds store-pos (v1 used by dallas-gpu, v2 newer:
 * an update is available), factory holds line-iam (one version, in use), broken-edge was never imported, and payments
 * has no hybrid nodes.
 */
final class ProfileFixtures {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Cluster RETAIL = TestData.cluster("us-west-2", "retail-edge", "1.31", true, AuthenticationMode.API,
            EndpointAccess.PUBLIC);
    static final Cluster FACTORY = TestData.cluster("us-east-1", "factory", "1.31", true, AuthenticationMode.API,
            EndpointAccess.PUBLIC);
    static final Cluster BROKEN = TestData.cluster("eu-west-1", "broken-edge", "1.31", true, AuthenticationMode.API,
            EndpointAccess.PUBLIC);
    static final Cluster PAYMENTS = TestData.cluster("us-west-2", "payments", "1.32", false, AuthenticationMode.API,
            EndpointAccess.PUBLIC);
    static final String NOT_IMPORTED = "HybridPane is not imported into broken-edge: import the cluster first "
            + "(Clusters, Import cluster).";
    static final ClusterAccess ACCESS = new ClusterAccess.EksTokenAccess("https://x", null,
            () -> new EksToken("t", Instant.now().plusSeconds(600)));

    final Map<String, MemoryProfiles> stores = new HashMap<>();
    final List<String> opened = new ArrayList<>();
    final ObservableList<ClusterRow> fleet = FXCollections.observableArrayList(row(RETAIL), row(FACTORY), row(BROKEN),
            row(PAYMENTS));
    final FakeLauncher launcher = new FakeLauncher();

    ProfileFixtures() {
        MemoryProfiles retail = new MemoryProfiles();
        ClusterProfile pos = ClusterProfile.create("store-pos", v1(), T0, "arn:aws:iam::111122223333:user/ana")
                .save(v2(), T0.plusSeconds(3600), "arn:aws:sts::111122223333:assumed-role/Admin/bo").profile();
        retail.put(pos);
        retail.usage.put("store-pos", new HashMap<>(Map.of(1, List.of("dallas-gpu"))));
        stores.put("retail-edge", retail);
        MemoryProfiles factory = new MemoryProfiles();
        factory.put(ClusterProfile.create("line-iam", new ProfileLayers(OsLayer.emptyAgent(),
                KubernetesLayer.of("1.30", CredentialProvider.IAM_RA),
                new NetworkLayer(CniKind.CALICO, "3.29.1", false, List.of("10.211.0.0/16"), true)), T0, "ana"));
        factory.usage.put("line-iam", new HashMap<>(Map.of(1, List.of("press-line"))));
        stores.put("factory", factory);
    }

    static ClusterRow row(Cluster c) {
        return new ClusterRow(c, null, null);
    }

    static ProfileLayers v1() {
        return new ProfileLayers(OsLayer.agent(List.of("htop"), List.of("time.aws.com"), Map.of("vm.swappiness", "10"),
                List.of(), ""), KubernetesLayer.of("1.30", CredentialProvider.SSM),
                new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of("10.201.0.0/16"), false));
    }

    static ProfileLayers v2() {
        return new ProfileLayers(OsLayer.agent(List.of("htop", "jq"), List.of("time.aws.com"),
                Map.of("vm.swappiness", "10"), List.of(), "#cloud-config\nruncmd:\n  - echo hello\n"),
                new KubernetesLayer("1.31", CredentialProvider.SSM, ContainerdSource.DISTRO, Map.of("maxPods", 110),
                        List.of("--node-labels=store=dallas"), ""),
                new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of("10.201.0.0/16"), false));
    }

    /** The store: broken-edge was never imported; every open is recorded. */
    ProfileStore store() {
        return (ref, access) -> {
            opened.add(ref.name());
            if (ref.name().equals("broken-edge")) {
                throw new ProfileStoreException(NOT_IMPORTED, null);
            }
            MemoryProfiles p = stores.get(ref.name());
            if (p == null) {
                throw new ProfileStoreException("No store for " + ref.name() + ".", null);
            }
            return p;
        };
    }

    ProfilesServices services() {
        return new ProfilesServices(store(), () -> "arn:aws:iam::111122223333:user/ana", Clock.fixed(T0, ZoneOffset.UTC));
    }

    /** Records what the view asked the wizard for; {@link #save} plays the wizard saving. */
    static final class FakeLauncher implements ProfileWizardLauncher {
        final List<String> calls = new ArrayList<>();
        Consumer<ClusterProfile> saved;
        ClusterProfile base;

        @Override
        public void newProfile(Cluster cluster, Consumer<ClusterProfile> saved) {
            calls.add("new profile in " + cluster.name());
            this.saved = saved;
        }

        @Override
        public void newVersion(Cluster cluster, ClusterProfile base, Consumer<ClusterProfile> saved) {
            calls.add("new version of " + base.name() + " in " + cluster.name());
            this.base = base;
            this.saved = saved;
        }
    }
}
