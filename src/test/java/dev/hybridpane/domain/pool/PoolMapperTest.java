package dev.hybridpane.domain.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolMapperTest {
    /** The issue's minimal form, verbatim but for the profile name. */
    private static final String ISSUE_EXAMPLE = """
            apiVersion: hybridpane.dev/v1alpha1
            kind: HybridNodePool
            metadata: {name: edge-gpu, namespace: hybridpane-system}
            spec:
              site: dallas-dc
              profile: {name: gpu-ssm, version: 1}
              labels: {workload: gpu}
              taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
              architecture: amd64            # optional; hosts of another arch are refused
              ntpServers: [time.example.net] # optional
              hosts:
              - host: dallas-01              # an EdgeHost in the inventory, at that site
              - host: dallas-02
                vpnServerIp: 10.200.1.1      # optional: a static route to the VPC CIDR through it, set up on the host
            """;

    @Test
    void theIssuesMinimalFormIsAccepted() {
        assertThat(PoolMapper.fromYaml(ISSUE_EXAMPLE)).isEqualTo(Pools.edgeGpu());
    }

    @Test
    void onlySiteAndProfileAreNeeded() {
        HybridNodePool p = PoolMapper.fromYaml("""
                apiVersion: hybridpane.dev/v1alpha1
                kind: HybridNodePool
                metadata: {name: store-pos}
                spec: {site: dallas-dc, profile: {name: pos-iam-ra, version: 2}}
                """);
        assertThat(p.profile()).isEqualTo(new ProfileRef("pos-iam-ra", 2));
        assertThat(p.hosts()).isEmpty();
        assertThat(p.labels()).isEmpty();
        assertThat(p.taints()).isEmpty();
        assertThat(p.arch()).isEmpty();
    }

    @Test
    void yamlAndObjectRoundTrip() {
        HybridNodePool p = Pools.edgeGpu();
        String yaml = PoolMapper.toYaml(p);
        assertThat(PoolMapper.fromYaml(yaml)).isEqualTo(p);
        assertThat(PoolMapper.toYaml(PoolMapper.fromYaml(yaml))).isEqualTo(yaml);
        assertThat(PoolMapper.fromObject(PoolMapper.toObject(p))).isEqualTo(p);
        assertThat(PoolMapper.fromYaml(PoolMapper.toJson(p))).as("JSON is YAML").isEqualTo(p);
        assertThat(PoolMapper.fromSpec("edge-gpu", PoolMapper.toSpec(p))).isEqualTo(p);
    }

    @Test
    void theObjectHasTheKindsShape() {
        Map<String, Object> o = PoolMapper.toObject(Pools.edgeGpu());
        assertThat(o).containsEntry("apiVersion", "hybridpane.dev/v1alpha1").containsEntry("kind", "HybridNodePool");
        assertThat(o.get("metadata")).isEqualTo(Map.of("name", "edge-gpu", "namespace", "hybridpane-system"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) o.get("spec");
        assertThat(spec.get("profile")).isEqualTo(Map.of("name", "gpu-ssm", "version", 1));
        assertThat(spec.get("taints")).isEqualTo(List.of(Map.of("key", "dedicated", "value", "gpu", "effect", "NoSchedule")));
        assertThat(spec.get("hosts")).isEqualTo(List.of(Map.of("host", "dallas-01"),
                Map.of("host", "dallas-02", "vpnServerIp", "10.200.1.1")));
    }

    @Test
    void aTaintWithoutValueAndAnEmptyPoolAreWrittenWithoutEmptyFields() {
        HybridNodePool p = new HybridNodePool("p1", "s", new ProfileRef("x", 1), Map.of(),
                List.of(new Taint("gpu", "", "NoExecute")), "", List.of(), List.of());
        Map<String, Object> spec = PoolMapper.toSpec(p);
        assertThat(spec).containsOnlyKeys("site", "profile", "taints", "hosts");
        assertThat(spec.get("taints")).isEqualTo(List.of(Map.of("key", "gpu", "effect", "NoExecute")));
        assertThat(spec.get("hosts")).isEqualTo(List.of());
        assertThat(PoolMapper.fromObject(PoolMapper.toObject(p))).isEqualTo(p);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spec: {site: s, profile: {name: p, version: 1}, nodes: []}|spec.nodes: unknown field; spec has site, profile, labels, taints, architecture, ntpServers, hosts.",
        "spec: {site: s, profile: {name: p, version: 1, latest: true}}|spec.profile.latest: unknown field; spec.profile has name, version.",
        "spec: {site: s, profile: {name: p, version: 1}, hosts: [{host: a, vpn: 10.0.0.1}]}|spec.hosts[0].vpn: unknown field; spec.hosts[0] has host, vpnServerIp.",
        "spec: {site: s, profile: {name: p, version: 1}, taints: [{key: a, effect: NoSchedule, operator: Exists}]}|spec.taints[0].operator: unknown field; spec.taints[0] has key, value, effect.",
        "spec: {profile: {name: p, version: 1}}|spec.site: missing.",
        "spec: {site: s}|spec.profile: missing.",
        "spec: {site: s, profile: {name: p}}|spec.profile.version: missing.",
        "spec: {site: s, profile: {name: p, version: two}}|spec.profile.version: must be a whole number, not 'two'.",
        "spec: {site: s, profile: {name: p, version: 0}}|spec.profile.version: must be 1 or more, not 0.",
        "spec: {site: s, profile: {version: 1}}|spec.profile.name: missing.",
        "spec: {site: s, profile: {name: p, version: 1}, hosts: [{vpnServerIp: 10.0.0.1}]}|spec.hosts[0].host: missing.",
        "spec: {site: s, profile: {name: p, version: 1}, hosts: [a, b]}|spec.hosts[0]: must be a map.",
        "spec: {site: s, profile: {name: p, version: 1}, ntpServers: pool.ntp.org}|spec.ntpServers: must be a list of texts.",
        "spec: {site: s, profile: {name: p, version: 1}, labels: [a]}|spec.labels: must be a map.",
    })
    void badSpecsAreRefusedInOneLineNamingTheField(String spec, String message) {
        String doc = "apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\nmetadata: {name: p1}\n" + spec + "\n";
        assertThatThrownBy(() -> PoolMapper.fromYaml(doc)).isInstanceOf(PoolFormatException.class).hasMessage(message);
    }

    @Test
    void documentLevelProblems() {
        assertThatThrownBy(() -> PoolMapper.fromYaml("")).isInstanceOf(PoolFormatException.class)
                .hasMessage("The document is empty: expected a HybridNodePool.");
        assertThatThrownBy(() -> PoolMapper.fromYaml("apiVersion: v1\nkind: ConfigMap\n"))
                .hasMessage("Expected apiVersion hybridpane.dev/v1alpha1 and kind HybridNodePool, found v1 and ConfigMap.");
        assertThatThrownBy(() -> PoolMapper.fromYaml("apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\n"
                + "metadata: {name: Edge_GPU}\nspec: {site: s, profile: {name: p, version: 1}}"))
                .hasMessageStartingWith("metadata.name: 'Edge_GPU' must be");
        assertThatThrownBy(() -> PoolMapper.fromYaml("apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\n"
                + "metadata: {name: p, namespace: default}\nspec: {site: s, profile: {name: p, version: 1}}"))
                .hasMessage("metadata.namespace: pools live in hybridpane-system, not default.");
        assertThatThrownBy(() -> PoolMapper.fromYaml("apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\n"
                + "metadata: {name: p}\n")).hasMessageStartingWith("spec: missing;");
        assertThatThrownBy(() -> PoolMapper.fromYaml("spec: [\n")).isInstanceOf(PoolFormatException.class)
                .hasMessageStartingWith("Not a YAML document").matches(e -> !e.getMessage().contains("\n"));
    }

    @Test
    void theClustersMetadataAndStatusAreIgnored() {
        Map<String, Object> o = new java.util.LinkedHashMap<>(PoolMapper.toObject(Pools.edgeGpu()));
        o.put("metadata", Map.of("name", "edge-gpu", "namespace", "hybridpane-system", "resourceVersion", "42",
                "uid", "u-1", "generation", 3));
        o.put("status", Map.of("phase", "Running"));
        assertThat(PoolMapper.fromObject(o)).isEqualTo(Pools.edgeGpu());
    }

    @Test
    void nodeLabelsPutHybridPanesOwnFirstAndKeepThemAgainstThePools() {
        HybridNodePool p = Pools.edgeGpu();
        assertThat(p.nodeLabels()).containsExactly(Map.entry("hybridpane.dev/pool", "edge-gpu"),
                Map.entry("hybridpane.dev/site", "dallas-dc"), Map.entry("hybridpane.dev/profile", "gpu-ssm"),
                Map.entry("hybridpane.dev/profile-version", "1"), Map.entry("workload", "gpu"));
        assertThat(Pools.withLabels(Map.of("hybridpane.dev/pool", "other")).nodeLabels())
                .containsEntry("hybridpane.dev/pool", "edge-gpu");
    }
}
