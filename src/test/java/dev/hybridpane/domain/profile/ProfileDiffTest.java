package dev.hybridpane.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileDiffTest {

    private static ProfileVersion v(int n, ProfileLayers l) {
        return new ProfileVersion(n, Instant.parse("2026-12-0" + n + "T00:00:00Z"), "user" + n, l);
    }

    @Test
    void identicalContentHasNoDifferencesWhateverTheNumbersAndTimes() {
        List<FieldChange> changes = ProfileDiff.between(v(1, Profiles.layers()), v(2, Profiles.layers()));
        assertThat(changes).isEmpty();
        assertThat(ProfileDiff.render(changes)).isEqualTo("No differences.\n");
    }

    @Test
    void kubeletConfigIsDiffedKeyByKeyWithNestedPaths() {
        KubernetesLayer a = new KubernetesLayer("1.31", CredentialProvider.SSM, ContainerdSource.NONE,
                Map.of("maxPods", 110, "evictionHard", Map.of("memory.available", "100Mi")), List.of(), "");
        KubernetesLayer b = new KubernetesLayer("1.31", CredentialProvider.SSM, ContainerdSource.NONE,
                Map.of("maxPods", 250, "evictionHard", Map.of("memory.available", "200Mi"), "serializeImagePulls", false),
                List.of(), "");
        List<FieldChange> changes = ProfileDiff.between(Profiles.withKubernetes(Profiles.layers(), a),
                Profiles.withKubernetes(Profiles.layers(), b));
        assertThat(changes).contains(
                new FieldChange("kubernetes", "kubernetes.kubeletConfig.maxPods", "110", "250"),
                new FieldChange("kubernetes", "kubernetes.kubeletConfig.evictionHard[\"memory.available\"]", "100Mi", "200Mi"),
                new FieldChange("kubernetes", "kubernetes.kubeletConfig.serializeImagePulls", null, "false"));
        assertThat(changes).hasSize(3);
        assertThat(ProfileDiff.render(changes)).contains("kubernetes.kubeletConfig.maxPods: 110 → 250\n")
                .contains("kubernetes.kubeletConfig.serializeImagePulls: (none) → false\n");
    }

    @Test
    void listsAreDiffedByElementAndRenderedOnOneLine() {
        OsLayer a = Profiles.agentOs();
        OsLayer b = OsLayer.agent(List.of("curl", "htop"), a.ntpServers(), a.sysctl(), a.files(), a.cloudConfig());
        List<FieldChange> changes = ProfileDiff.between(Profiles.withOs(Profiles.layers(), a), Profiles.withOs(Profiles.layers(), b));
        assertThat(changes).containsExactly(new FieldChange("os", "os.packages", null, "htop"),
                new FieldChange("os", "os.packages", "vim", null));
        assertThat(ProfileDiff.render(changes)).isEqualTo("os.packages: +htop -vim\n");
    }

    @Test
    void sameElementsInAnotherOrderIsOneChange() {
        OsLayer a = Profiles.agentOs();
        OsLayer b = OsLayer.agent(List.of("curl", "vim"), a.ntpServers(), a.sysctl(), a.files(), a.cloudConfig());
        assertThat(ProfileDiff.between(Profiles.withOs(Profiles.layers(), a), Profiles.withOs(Profiles.layers(), b)))
                .containsExactly(new FieldChange("os", "os.packages (order)", "vim, curl", "curl, vim"));
    }

    @Test
    void everyLayerReportsItsScalarsAndMapsWithTheirLayer() {
        ProfileLayers a = Profiles.layers();
        Map<String, String> sysctl = new LinkedHashMap<>(a.os().sysctl());
        sysctl.put("net.core.somaxconn", "8192");
        sysctl.put("vm.swappiness", "10");
        OsLayer os = OsLayer.agent(a.os().packages(), a.os().ntpServers(), sysctl, a.os().files(), a.os().cloudConfig());
        KubernetesLayer k = new KubernetesLayer("1.32", CredentialProvider.IAM_RA, ContainerdSource.DISTRO,
                a.kubernetes().kubeletConfig(), a.kubernetes().kubeletFlags(), "");
        NetworkLayer n = new NetworkLayer(CniKind.CALICO, "3.29.1", true, List.of("10.201.0.0/16", "10.202.0.0/16"), true);
        List<FieldChange> changes = ProfileDiff.between(a, new ProfileLayers(os, k, n));
        assertThat(changes).containsExactly(
                new FieldChange("os", "os.sysctl[\"net.core.somaxconn\"]", "4096", "8192"),
                new FieldChange("os", "os.sysctl[\"vm.swappiness\"]", null, "10"),
                new FieldChange("kubernetes", "kubernetes.version", "1.31", "1.32"),
                new FieldChange("kubernetes", "kubernetes.credentialProvider", "ssm", "iam-ra"),
                new FieldChange("kubernetes", "kubernetes.containerdSource", "none", "distro"),
                new FieldChange("network", "network.cni", "cilium", "calico"),
                new FieldChange("network", "network.version", "1.17.6-0", "3.29.1"),
                new FieldChange("network", "network.podCidrs", null, "10.202.0.0/16"),
                new FieldChange("network", "network.bgp", "false", "true"));
    }

    @Test
    void modeChangeShowsTheImageAndTheAgentFieldsGoing() {
        ProfileLayers a = Profiles.layers();
        ProfileLayers b = Profiles.withOs(a, OsLayer.appliance("reg.example.com/edge/ubuntu:1.31"));
        List<FieldChange> changes = ProfileDiff.between(a, b);
        assertThat(changes).contains(new FieldChange("os", "os.mode", "agent", "appliance"),
                new FieldChange("os", "os.image", null, "reg.example.com/edge/ubuntu:1.31"),
                new FieldChange("os", "os.files[\"/etc/motd\"]", "0644, 1 line", null));
    }

    @Test
    void filesAreMatchedByPathAndMultiLineTextIsALineDiff() {
        ProfileLayers a = Profiles.layers();
        OsLayer o = a.os();
        String cc = "#cloud-config\nruncmd:\n  - echo hi\n  - echo there\n";
        OsLayer b = OsLayer.agent(o.packages(), o.ntpServers(), o.sysctl(),
                List.of(new ExtraFile("/etc/motd", "edge store\n", "0600")), cc);
        List<FieldChange> changes = ProfileDiff.between(a, Profiles.withOs(a, b));
        assertThat(changes).extracting(FieldChange::path)
                .containsExactly("os.files[\"/etc/motd\"].permissions", "os.cloudConfig");
        String text = ProfileDiff.render(changes);
        assertThat(text).contains("os.files[\"/etc/motd\"].permissions: 0644 → 0600\n")
                .contains("os.cloudConfig:\n      #cloud-config\n")
                .contains("\n    - write_files:\n")
                .contains("\n      runcmd:\n")
                .contains("\n    +   - echo there\n");
    }

    @Test
    void lineDiffKeepsCommonLinesAndMarksTheOthers() {
        assertThat(DiffText.lines("a\nb\nc\n", "a\nc\nd\n")).containsExactly("  a", "- b", "  c", "+ d");
        assertThat(DiffText.lines(null, "x")).containsExactly("+ x");
    }
}
