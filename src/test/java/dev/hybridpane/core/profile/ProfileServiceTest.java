package dev.hybridpane.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.profile.ProfileService.ApplyResult;
import dev.hybridpane.core.profile.ProfileService.Outcome;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.domain.profile.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileServiceTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    final MemoryProfiles store = new MemoryProfiles();
    final ProfileService service = new ProfileService(store, "retail-edge", "1.31", Clock.fixed(T0, ZoneOffset.UTC));

    static ProfileLayers layers(String k8s, String... packages) {
        return new ProfileLayers(OsLayer.agent(List.of(packages), List.of(), Map.of(), List.of(), ""),
                KubernetesLayer.of(k8s, CredentialProvider.SSM),
                new NetworkLayer(CniKind.CILIUM, "1.17.6-0", true, List.of("10.201.0.0/16"), false));
    }

    static ClusterProfile file(String k8s, String... packages) {
        return ClusterProfile.create("store-pos", layers(k8s, packages), T0, "ana");
    }

    @Test
    void aNewProfileIsCreatedAsTheFileHoldsIt() {
        ApplyResult r = service.apply(file("1.30"), "ana", false);
        assertThat(r.outcome()).isEqualTo(Outcome.NEW_PROFILE);
        assertThat(store.writes).containsExactly("create store-pos");
        assertThat(service.show("store-pos", null)).isEqualTo(file("1.30"));
    }

    @Test
    void theSameContentIsUnchangedAndNothingIsWritten() {
        store.put(file("1.30"));
        ClusterProfile exported = ProfileMapper.fromYaml(service.export("store-pos", null));
        ApplyResult r = service.apply(exported, "bo", false);
        assertThat(r.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(r.version()).isEqualTo(1);
        assertThat(store.writes).isEmpty();
    }

    @Test
    void changedContentIsANewVersionAndThePlanWritesNothing() {
        store.put(file("1.30"));
        ApplyResult plan = service.apply(file("1.31"), "bo", true);
        assertThat(plan.outcome()).isEqualTo(Outcome.NEW_VERSION);
        assertThat(plan.change()).contains("kubernetes.version: 1.30 → 1.31");
        assertThat(store.writes).isEmpty();
        ApplyResult r = service.apply(file("1.31"), "bo", false);
        assertThat(r.version()).isEqualTo(2);
        assertThat(store.writes).containsExactly("update store-pos v2");
        assertThat(service.diff("store-pos", 1, 2)).contains("kubernetes.version: 1.30 → 1.31");
    }

    @Test
    void invalidInputAndAVersionNewerThanTheControlPlaneWriteNothing() {
        ApplyResult newer = service.apply(file("1.32"), "ana", false);
        assertThat(newer.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(newer.problems()).anySatisfy(p -> assertThat(p.message()).contains("1.32", "1.31"));
        ApplyResult bad = service.apply(file("1.31.4"), "ana", false);
        assertThat(bad.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(bad.problems()).anySatisfy(p -> assertThat(p.field()).isEqualTo("kubernetes.version"));
        assertThat(store.writes).isEmpty();
        assertThat(store.objects).isEmpty();
    }

    @Test
    void warningsAreTheLatestVersionsOnlyAndAnOlderVersionsErrorsStillCount() {
        NetworkLayer noAffinity = new NetworkLayer(CniKind.CILIUM, "1.17.6-0", false, List.of("10.201.0.0/16"), false);
        ProfileLayers v1 = new ProfileLayers(layers("1.30").os(), layers("1.30").kubernetes(), noAffinity);
        ProfileLayers v2 = new ProfileLayers(layers("1.31").os(), layers("1.31").kubernetes(), noAffinity);
        ClusterProfile two = ClusterProfile.create("store-pos", v1, T0, "ana").save(v2, T0, "ana").profile();

        List<ProfileProblem> problems = service.validate(two);
        assertThat(problems).as("the affinity warning, once, for the version being applied").isNotEmpty()
                .allSatisfy(p -> assertThat(p.field()).startsWith("versions[2]."))
                .allSatisfy(p -> assertThat(p.severity()).isEqualTo(Severity.WARNING));

        ProfileLayers broken = new ProfileLayers(layers("1.30").os(),
                KubernetesLayer.of("1.31.4", CredentialProvider.SSM), noAffinity);
        ClusterProfile olderBroken = ClusterProfile.create("store-pos", broken, T0, "ana").save(v2, T0, "ana").profile();
        assertThat(service.validate(olderBroken)).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo("versions[1].kubernetes.version");
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void aConflictIsReReadToldAndTheEditSavedOnTop() {
        store.put(file("1.30"));
        // another admin stores version 2 (a package added) between our read and our write
        store.beforeNextWrite = () -> store.put(store.objects.get("store-pos").profile()
                .save(layers("1.30", "htop"), T0, "cy").profile());
        ApplyResult r = service.apply(file("1.31"), "bo", false);
        assertThat(r.outcome()).isEqualTo(Outcome.NEW_VERSION);
        assertThat(r.version()).isEqualTo(3);
        assertThat(r.conflict()).hasValueSatisfying(c -> assertThat(c).contains("version 2 by cy", "os.packages: +htop"));
        assertThat(store.writes).containsExactly("update store-pos v3");
        assertThat(service.show("store-pos", null).versions()).hasSize(3);
        assertThat(service.show("store-pos", 2).latest().os().packages()).containsExactly("htop");
    }

    @Test
    void aMissingProfileOrVersionIsInvalidInput() {
        assertThatThrownBy(() -> service.show("nope", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no profile nope");
        store.put(file("1.30"));
        assertThatThrownBy(() -> service.diff("store-pos", 1, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no version 7");
    }

    @Test
    void aVersionThatAPoolUsesIsNotDeletedAndAnUnusedOneIs() {
        ClusterProfile p = file("1.30", "curl").save(layers("1.31", "curl"), T0, "bo").profile()
                .save(layers("1.31", "curl", "jq"), T0, "bo").profile();
        store.put(p);
        store.usage.put("store-pos", Map.of(2, List.of("edge-a")));

        assertThatThrownBy(() -> service.deleteVersion("store-pos", 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Version 2 of profile store-pos is in use by a node pool");
        assertThat(store.writes).isEmpty();
        assertThat(service.list().get(0).poolsByVersion()).isEqualTo(Map.of(2, List.of("edge-a")));
        assertThat(service.list().get(0).updateAvailable()).containsExactly("edge-a");

        ClusterProfile after = service.deleteVersion("store-pos", 1);
        assertThat(after.versions()).extracting(v -> v.number()).containsExactly(2, 3);
        assertThat(store.writes).containsExactly("update store-pos v3");
        assertThatThrownBy(() -> service.deleteVersion("store-pos", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no version 1");
    }
}
