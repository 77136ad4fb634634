package dev.hybridpane.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileMapperTest {
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");

    private static ClusterProfile profile() {
        KubernetesLayer k = new KubernetesLayer("1.30", CredentialProvider.IAM_RA, ContainerdSource.DISTRO,
                Map.of("maxPods", 110, "evictionHard", Map.of("memory.available", "100Mi"), "clusterDNS", List.of("10.96.0.10"),
                        "cpuCFSQuota", true, "imageGCHighThresholdPercent", 85.5),
                List.of("--node-labels=tier=edge", "--register-with-taints=pos=true:NoSchedule"),
                "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\"]\n  sandbox_image = \"pause:3.9\"\n");
        ProfileLayers first = new ProfileLayers(Profiles.agentOs(), k, Profiles.cilium());
        ProfileLayers second = new ProfileLayers(OsLayer.appliance("reg.example.com/edge/ubuntu-nodeadm:1.31"),
                Profiles.kubernetes("1.31"), new NetworkLayer(CniKind.CUSTOM, "", false, List.of(), true));
        return ClusterProfile.create("store-pos", first, T1, "alice").save(second, null, "").profile();
    }

    @Test
    void yamlRoundTripGivesTheSameProfile() {
        ClusterProfile p = profile();
        String yaml = ProfileMapper.toYaml(p);
        assertThat(ProfileMapper.fromYaml(yaml)).isEqualTo(p);
        assertThat(ProfileMapper.toYaml(ProfileMapper.fromYaml(yaml))).as("export of an applied export is identical").isEqualTo(yaml);
    }

    @Test
    void jsonAndObjectRoundTripsGiveTheSameProfile() {
        ClusterProfile p = profile();
        assertThat(ProfileMapper.fromYaml(ProfileMapper.toJson(p))).isEqualTo(p);
        assertThat(ProfileMapper.fromObject(ProfileMapper.toObject(p))).isEqualTo(p);
        assertThat(ProfileMapper.fromSpec("store-pos", ProfileMapper.toSpec(p))).isEqualTo(p);
    }

    @Test
    void theObjectHasTheStoredShape() throws Exception {
        JsonNode o = new ObjectMapper(new YAMLFactory()).readTree(ProfileMapper.toYaml(profile()));
        assertThat(o.path("apiVersion").asText()).isEqualTo("hybridpane.dev/v1alpha1");
        assertThat(o.path("kind").asText()).isEqualTo("ClusterProfile");
        assertThat(o.path("metadata").path("name").asText()).isEqualTo("store-pos");
        JsonNode v1 = o.path("spec").path("versions").get(0);
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("createdAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(v1.path("kubernetes").path("version").isTextual()).as("1.30 stays text, not the number 1.3").isTrue();
        assertThat(v1.path("kubernetes").path("version").asText()).isEqualTo("1.30");
        assertThat(v1.path("kubernetes").path("distribution").asText()).isEqualTo("nodeadm");
        assertThat(v1.path("kubernetes").path("credentialProvider").asText()).isEqualTo("iam-ra");
        assertThat(v1.path("kubernetes").path("kubeletConfig").path("maxPods").asInt()).isEqualTo(110);
        assertThat(v1.path("os").path("mode").asText()).isEqualTo("agent");
        assertThat(v1.path("os").path("cloudConfig").asText()).startsWith("#cloud-config\n");
        assertThat(v1.path("network").path("cni").asText()).isEqualTo("cilium");
        JsonNode v2 = o.path("spec").path("versions").get(1);
        assertThat(v2.path("version").asInt()).isEqualTo(2);
        assertThat(v2.has("createdAt")).isFalse();
        assertThat(v2.path("os").path("image").asText()).isEqualTo("reg.example.com/edge/ubuntu-nodeadm:1.31");
        assertThat(v2.path("os").has("packages")).as("empty fields are left out").isFalse();
    }

    @Test
    void jsonHasNameLessVersionsWithKubernetesVersion() throws Exception {
        JsonNode o = new ObjectMapper().readTree(ProfileMapper.toJson(profile()));
        assertThat(o.path("spec").path("versions")).hasSize(2);
        assertThat(o.path("spec").path("versions").get(1).path("kubernetes").path("version").asText()).isEqualTo("1.31");
    }

    @Test
    void multiLineTextIsWrittenAsALiteralBlock() {
        String yaml = ProfileMapper.toYaml(profile());
        assertThat(yaml).contains("cloudConfig: |").contains("containerdConfig: |");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"no newline", "two\nlines\n", "trailing blank lines\n\n\n",
            "  leading spaces\nx\n", "tab\there: yes\n", "#cloud-config\n# comment: 'quoted' \"double\"\n", "1.30", "true", ""})
    void textsSurviveTheRoundTripExactly(String text) {
        OsLayer os = OsLayer.agent(List.of(), List.of(), Map.of(), List.of(new ExtraFile("/etc/x", text, "0600")), text);
        ClusterProfile p = ClusterProfile.create("t", new ProfileLayers(os, Profiles.kubernetes("1.31"), Profiles.cilium()), T1, "a");
        ClusterProfile back = ProfileMapper.fromYaml(ProfileMapper.toYaml(p));
        assertThat(back.latest().os().files().get(0).content()).isEqualTo(text);
        assertThat(back.latest().os().cloudConfig()).isEqualTo(text);
        assertThat(back).isEqualTo(p);
    }

    @Test
    void clusterMetadataAndStatusAreIgnored() {
        String yaml = ProfileMapper.toYaml(profile()).replace("  name: store-pos\n",
                "  name: store-pos\n  namespace: hybridpane-system\n  resourceVersion: \"42\"\n  uid: abc\n")
                + "status:\n  phase: Ready\n";
        assertThat(ProfileMapper.fromYaml(yaml)).isEqualTo(profile());
    }

    @Test
    void applianceWithoutAgentFieldsAndDefaultsRead() {
        String yaml = """
                apiVersion: hybridpane.dev/v1alpha1
                kind: ClusterProfile
                metadata: {name: minimal}
                spec:
                  versions:
                  - version: 3
                    os: {mode: appliance, image: "r.io/a:1"}
                    kubernetes: {version: "1.32", credentialProvider: ssm}
                    network: {cni: custom}
                """;
        ClusterProfile p = ProfileMapper.fromYaml(yaml);
        assertThat(p.latest().number()).isEqualTo(3);
        assertThat(p.latest().createdAt()).isNull();
        assertThat(p.latest().kubernetes().containerdSource()).isEqualTo(ContainerdSource.DISTRO);
        assertThat(p.latest().network().hybridAffinity()).isTrue();
        assertThat(p.latest().network().bgp()).isFalse();
        assertThat(p.latest().os().mode()).isEqualTo(OsMode.APPLIANCE);
    }

    private static final String BASE = """
            apiVersion: hybridpane.dev/v1alpha1
            kind: ClusterProfile
            metadata: {name: p}
            spec:
              versions:
              - version: 1
                os: {mode: agent}
                kubernetes: {version: "1.31", credentialProvider: ssm}
                network: {cni: cilium, version: 1.17.6}
            """;

    @Test
    void theBaseDocumentReads() {
        assertThat(ProfileMapper.fromYaml(BASE).latest().kubernetes().version()).isEqualTo("1.31");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "'version: \"1.31\"'                   | 'version: 1.30'                     | spec.versions[0].kubernetes.version: must be text; quote it (\"1.3\")",
            "'credentialProvider: ssm'             | 'credentialProvider: sms'           | spec.versions[0].kubernetes.credentialProvider: unknown credential provider 'sms'",
            "'credentialProvider: ssm'             | 'credentialProvider: ssm, maxPods: 3' | spec.versions[0].kubernetes.maxPods: unknown field",
            "'{mode: agent}'                       | '{mode: vm}'                        | spec.versions[0].os.mode: unknown OS mode 'vm'",
            "'{mode: agent}'                       | '{mode: agent, packages: vim}'      | spec.versions[0].os.packages: must be a list",
            "'cni: cilium'                         | 'cni: flannel'                      | spec.versions[0].network.cni: unknown CNI 'flannel'",
            "'version: 1.17.6}'                    | 'version: 1.17.6, bgp: maybe}'      | spec.versions[0].network.bgp: must be true or false",
            "'- version: 1'                        | '- version: 0'                      | spec.versions[0].version: must be 1 or more",
            "'- version: 1'                        | '- version: one'                    | spec.versions[0].version: must be a whole number",
            "'kind: ClusterProfile'                | 'kind: Profile'                     | Expected apiVersion hybridpane.dev/v1alpha1 and kind ClusterProfile",
            "'{name: p}'                           | '{name: P_1}'                       | metadata.name: 'P_1' must be lower-case",
            "'    network: {cni: cilium, version: 1.17.6}' | '    network: [cilium]'      | spec.versions[0].network: must be a map",
            "'credentialProvider: ssm}'            | 'credentialProvider: ssm, distribution: k3s}' | spec.versions[0].kubernetes.distribution: 'k3s' is not supported",
    })
    void badDocumentsAreRefusedInOneLineNamingTheField(String find, String replace, String expected) {
        String yaml = BASE.replace(find, replace);
        assertThat(yaml).as("the test changes the document").isNotEqualTo(BASE);
        assertThatThrownBy(() -> ProfileMapper.fromYaml(yaml)).isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining(expected).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void unreadableAndEmptyDocumentsAreRefusedInOneLine() {
        assertThatThrownBy(() -> ProfileMapper.fromYaml("spec: [unclosed")).isInstanceOf(ProfileFormatException.class)
                .hasMessageStartingWith("Not a YAML document").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> ProfileMapper.fromYaml("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ProfileMapper.fromYaml(BASE.replace("  - version: 1\n", "  - version: 2\n")
                + "  - version: 1\n    os: {mode: agent}\n    kubernetes: {version: \"1.31\", credentialProvider: ssm}\n"
                + "    network: {cni: custom}\n")).isInstanceOf(ProfileFormatException.class).hasMessageContaining("ascending");
        assertThatThrownBy(() -> ProfileMapper.fromYaml(BASE.replace("  versions:\n", "  versions: []\n  old:\n")))
                .isInstanceOf(ProfileFormatException.class);
    }
}
