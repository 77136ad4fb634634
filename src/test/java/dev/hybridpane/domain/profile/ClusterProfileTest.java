package dev.hybridpane.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterProfileTest {
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void savingIdenticalContentMakesNoNewVersionWhateverTheTimeAndAuthor() {
        ClusterProfile p = ClusterProfile.create("store-pos", Profiles.layers(), T1, "alice");
        ClusterProfile.Saved saved = p.save(Profiles.layers(), T2, "bob");
        assertThat(saved.created()).isFalse();
        assertThat(saved.profile().versions()).hasSize(1);
        assertThat(saved.version().number()).isEqualTo(1);
        assertThat(saved.version().createdBy()).isEqualTo("alice");
    }

    @Test
    void savingChangedContentMakesLatestPlusOne() {
        ClusterProfile p = ClusterProfile.create("store-pos", Profiles.layers(), T1, "alice");
        ClusterProfile.Saved saved = p.save(Profiles.withKubernetes(Profiles.layers(), Profiles.kubernetes("1.32")), T2, "bob");
        assertThat(saved.created()).isTrue();
        assertThat(saved.version().number()).isEqualTo(2);
        assertThat(saved.version().createdAt()).isEqualTo(T2);
        assertThat(saved.profile().versions()).extracting(ProfileVersion::number).containsExactly(1, 2);
        assertThat(saved.profile().latest().kubernetes().version()).isEqualTo("1.32");
        assertThat(p.versions()).as("the profile it was saved on is unchanged").hasSize(1);
    }

    @Test
    void newVersionFollowsTheLatestEvenAfterAGap() {
        ProfileLayers a = Profiles.layers();
        ClusterProfile p = new ClusterProfile("p", List.of(new ProfileVersion(1, T1, "", a),
                new ProfileVersion(4, T1, "", Profiles.withKubernetes(a, Profiles.kubernetes("1.30")))));
        assertThat(p.save(a, T2, "x").version().number()).isEqualTo(5);
    }

    @Test
    void contentEqualityIgnoresNumbersTimesAuthorsAndNumberTypes() {
        KubernetesLayer k = Profiles.kubernetes("1.31");
        KubernetesLayer sameWithLong = new KubernetesLayer("1.31", CredentialProvider.SSM, ContainerdSource.NONE,
                Map.of("maxPods", 110L), k.kubeletFlags(), "");
        ProfileVersion v1 = new ProfileVersion(1, T1, "alice", Profiles.layers());
        ProfileVersion v7 = new ProfileVersion(7, T2, "bob", Profiles.withKubernetes(Profiles.layers(), sameWithLong));
        assertThat(v1.sameContent(v7)).isTrue();
        assertThat(v1.sameContent(new ProfileVersion(2, T1, "alice",
                Profiles.withKubernetes(Profiles.layers(), Profiles.kubernetes("1.30"))))).isFalse();
    }

    @Test
    void aVersionInUseCannotBeDeleted() {
        ClusterProfile p = twoVersions();
        assertThat(p.deletionRefusal(1, Set.of(1))).get().asString().contains("in use by a node pool").contains("store-pos");
        assertThatThrownBy(() -> p.withoutVersion(1, Set.of(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use");
        assertThat(p.deletionRefusal(1, Set.of(2))).isEmpty();
        assertThat(p.withoutVersion(1, Set.of(2)).versions()).extracting(ProfileVersion::number).containsExactly(2);
    }

    @Test
    void theOnlyVersionAndAMissingVersionCannotBeDeleted() {
        ClusterProfile one = ClusterProfile.create("store-pos", Profiles.layers(), T1, "a");
        assertThat(one.deletionRefusal(1, Set.of())).get().asString().contains("only version");
        assertThat(twoVersions().deletionRefusal(9, Set.of())).get().asString().contains("no version 9");
    }

    @Test
    void versionsMustAscendWithoutRepeats() {
        ProfileVersion v2 = new ProfileVersion(2, T1, "", Profiles.layers());
        ProfileVersion v1 = new ProfileVersion(1, T1, "", Profiles.layers());
        assertThatThrownBy(() -> new ClusterProfile("p", List.of(v2, v1))).hasMessageContaining("ascending");
        assertThatThrownBy(() -> new ClusterProfile("p", List.of(v1, v1))).hasMessageContaining("ascending");
        assertThatThrownBy(() -> new ClusterProfile("p", List.of())).hasMessageContaining("no versions");
        assertThatThrownBy(() -> new ProfileVersion(0, T1, "", Profiles.layers())).hasMessageContaining("starts at 1");
    }

    @Test
    void modelTakesDefensiveCopiesAndHandsOutUnmodifiableOnes() {
        List<String> packages = new ArrayList<>(List.of("vim"));
        Map<String, Object> nested = new HashMap<>(Map.of("memory.available", "100Mi"));
        Map<String, Object> kubelet = new HashMap<>(Map.of("evictionHard", nested));
        OsLayer os = OsLayer.agent(packages, List.of(), Map.of(), List.of(), "");
        KubernetesLayer k = new KubernetesLayer("1.31", CredentialProvider.SSM, null, kubelet, null, null);
        packages.add("htop");
        nested.put("nodefs.available", "10%");
        assertThat(os.packages()).containsExactly("vim");
        assertThat(k.kubeletConfig().get("evictionHard")).isEqualTo(Map.of("memory.available", "100Mi"));
        assertThatThrownBy(() -> os.packages().add("x")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) k.kubeletConfig().get("evictionHard");
        assertThatThrownBy(() -> inner.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(k.containerdSource()).as("nodeadm's default").isEqualTo(ContainerdSource.DISTRO);
        List<ProfileVersion> versions = new ArrayList<>(List.of(new ProfileVersion(1, T1, "", Profiles.layers())));
        ClusterProfile p = new ClusterProfile("p", versions);
        versions.clear();
        assertThat(p.versions()).hasSize(1);
    }

    @Test
    void applianceArgsAndInstallerUserDataAreGenerated() {
        ProfileVersion v = new ProfileVersion(1, T1, "", new ProfileLayers(OsLayer.appliance("reg.example.com/edge/u:1.31"),
                Profiles.kubernetes("1.31"), Profiles.cilium()));
        assertThat(v.applianceArgs()).containsExactly(Map.entry("K8S_DISTRIBUTION", "nodeadm"), Map.entry("K8S_VERSION", "1.31"));
        assertThat(OsLayer.applianceArgFile("1.31")).isEqualTo("K8S_DISTRIBUTION=nodeadm\nK8S_VERSION=1.31\n");
        String userData = OsLayer.installerUserData();
        assertThat(userData).startsWith("#cloud-config").contains("extra-dirs-rootfs");
        for (String mount : List.of("/eks-hybrid", "/etc/aws", "/etc/containerd", "/etc/eks", "/etc/iam",
                "/etc/modules-load.d", "/var/lib/amazon")) {
            assertThat(userData).contains("- " + mount + "\n");
        }
        assertThat(TextFormats.cloudConfigProblems("x", userData)).as("the generated user-data parses").isEmpty();
    }

    @Test
    void applyStoresANewProfileAsTheFileHoldsItAndOtherwiseSavesTheFilesLatest() {
        ClusterProfile stored = twoVersions();
        ClusterProfile.Saved same = ProfileApply.apply(java.util.Optional.of(stored), stored, T2, "x");
        assertThat(same.created()).isFalse();
        ClusterProfile file = ClusterProfile.create("store-pos", Profiles.withKubernetes(Profiles.layers(),
                Profiles.kubernetes("1.33")), T2, "x");
        ClusterProfile.Saved changed = ProfileApply.apply(java.util.Optional.of(stored), file, T2, "x");
        assertThat(changed.created()).isTrue();
        assertThat(changed.version().number()).isEqualTo(3);
        ClusterProfile.Saved fresh = ProfileApply.apply(java.util.Optional.empty(), stored, T2, "x");
        assertThat(fresh.created()).isTrue();
        assertThat(fresh.profile()).isEqualTo(stored);
        assertThatThrownBy(() -> ProfileApply.apply(java.util.Optional.of(stored),
                ClusterProfile.create("other", Profiles.layers(), T2, "x"), T2, "x")).hasMessageContaining("other");
    }

    private static ClusterProfile twoVersions() {
        return ClusterProfile.create("store-pos", Profiles.layers(), T1, "a")
                .save(Profiles.withKubernetes(Profiles.layers(), Profiles.kubernetes("1.30")), T2, "b").profile();
    }
}
