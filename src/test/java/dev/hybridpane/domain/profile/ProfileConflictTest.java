package dev.hybridpane.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileConflictTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void nothingSavedSinceTheBaseIsNoConflict() {
        ClusterProfile p = ClusterProfile.create("store-pos", Profiles.layers(), T, "alice");
        assertThat(ProfileConflict.describe(p, 1)).isEmpty();
    }

    @Test
    void theReReadProfileSaysWhoSavedWhatAndTheUsersContentStillLandsOnTop() {
        ClusterProfile base = ClusterProfile.create("store-pos", Profiles.layers(), T, "alice");
        ClusterProfile current = base.save(Profiles.withKubernetes(Profiles.layers(), Profiles.kubernetes("1.32")), T, "bob").profile();
        String text = ProfileConflict.describe(current, 1).orElseThrow();
        assertThat(text).startsWith("Profile store-pos changed while you edited it: version 2 by bob was saved.")
                .contains("kubernetes.version: 1.31 → 1.32");
        ProfileLayers mine = Profiles.withNetwork(Profiles.layers(),
                new NetworkLayer(CniKind.CALICO, "3.29.1", true, List.of("10.201.0.0/16"), false));
        ClusterProfile.Saved saved = current.save(mine, T, "alice");
        assertThat(saved.version().number()).isEqualTo(3);
        assertThat(saved.profile().versions()).extracting(ProfileVersion::createdBy).containsExactly("alice", "bob", "alice");
    }

    @Test
    void aDeletedBaseIsDiffedFromTheOldestVersionLeft() {
        ClusterProfile p = ClusterProfile.create("p", Profiles.layers(), T, "a")
                .save(Profiles.withKubernetes(Profiles.layers(), Profiles.kubernetes("1.32")), T, "b").profile()
                .save(Profiles.withKubernetes(Profiles.layers(), Profiles.kubernetes("1.33")), T, "c").profile()
                .withoutVersion(1, Set.of());
        assertThat(ProfileConflict.describe(p, 1).orElseThrow()).contains("version 2 by b, version 3 by c")
                .contains("Changes from version 2 to 3").contains("1.32 → 1.33");
    }

    @Test
    void summaryNamesTheLatestAndThePoolsEligibleForAnUpdate() {
        ClusterProfile p = ClusterProfile.create("p", Profiles.layers(), T, "a")
                .save(Profiles.withKubernetes(Profiles.layers(), Profiles.kubernetes("1.32")), T, "b").profile();
        ProfileSummary s = ProfileSummary.of(p, Map.of(1, List.of("dallas-gpu"), 2, List.of("store-pos")));
        assertThat(s.latestVersion()).isEqualTo(2);
        assertThat(s.kubernetesVersion()).isEqualTo("1.32");
        assertThat(s.credentialProvider()).isEqualTo("ssm");
        assertThat(s.cni()).isEqualTo("cilium");
        assertThat(s.updateAvailable()).containsExactly("dallas-gpu");
    }
}
