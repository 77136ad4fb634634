package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.CniKind;
import dev.hybridpane.domain.profile.ContainerdSource;
import dev.hybridpane.domain.profile.ExtraFile;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.NetworkLayer;
import dev.hybridpane.domain.profile.OsLayer;
import dev.hybridpane.domain.profile.OsMode;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ClusterProfile CRD's structural schema (from the import manifest) holds exactly what the console stores, and the
 * lab's retail-edge starts with the profiles its pools were made from.
 */
class LabClusterProfilesTest {
    static final String RETAIL = "us-west-2/retail-edge";
    static final String NS = "hybridpane-system";
    static final ResourceDefinitionContext PROFILES = new ResourceDefinitionContext.Builder().withGroup("hybridpane.dev")
            .withVersion("v1alpha1").withKind("ClusterProfile").withPlural("clusterprofiles").withNamespaced(true).build();
    static final ObjectMapper JSON = Serialization.jsonMapper();
    static LabKube lab;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        lab = new LabKube(LabWorld.load());
        lab.start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static List<GenericKubernetesResource> profiles(String cluster) {
        return lab.client(cluster).genericKubernetesResources(PROFILES).inNamespace(NS).list().getItems();
    }

    private static JsonNode tree(Object o) {
        return JSON.valueToTree(o);
    }

    @Test
    void retailEdgeStartsWithTheProfilesOfItsPools() {
        List<GenericKubernetesResource> items = profiles(RETAIL);
        Map<String, List<Integer>> versions = new LinkedHashMap<>();
        for (GenericKubernetesResource r : items) {
            List<Integer> numbers = new ArrayList<>();
            tree(r).path("spec").path("versions").forEach(v -> numbers.add(v.path("version").asInt()));
            versions.put(r.getMetadata().getName(), numbers);
        }
        assertThat(versions).containsExactly(Map.entry("gpu-ssm", List.of(1)), Map.entry("pos-iam-ra", List.of(1, 2)));
        JsonNode schema = LabSeeder.profileSchema();
        for (GenericKubernetesResource r : items) {
            ObjectNode o = (ObjectNode) tree(r);
            String name = r.getMetadata().getName();
            assertThat(r.getMetadata().getCreationTimestamp()).as(name + " has its server fields").isNotBlank();
            assertThat(r.getMetadata().getResourceVersion()).isNotBlank();
            LabSchemaCheck.Result check = LabSchemaCheck.check(o.deepCopy(), schema);
            assertThat(check.errors()).as(name + " passes the CRD's schema").isEmpty();
            assertThat(check.pruned()).as(name + " has no field the schema would prune").isEmpty();
            // the seed is the stored shape: what the console reads from it, it would write back the same
            ClusterProfile read = ProfileMapper.fromObject(JSON.convertValue(o, Map.class));
            // (as JSON text: the client reads small numbers as one node type, the mapper's maps make another)
            assertThat(tree(ProfileMapper.toSpec(read)).toString()).as(name + " reads and writes back unchanged, in order")
                    .isEqualTo(o.path("spec").toString());
            for (JsonNode v : o.path("spec").path("versions")) {
                assertThat(v.path("kubernetes").path("version").isTextual()).isTrue();
                assertThat(v.path("kubernetes").path("version").asText()).as("as the 1.31 control plane").isEqualTo("1.31");
            }
        }
        Map<String, JsonNode> byName = items.stream().collect(Collectors.toMap(r -> r.getMetadata().getName(), LabClusterProfilesTest::tree));
        assertThat(byName.get("gpu-ssm").at("/spec/versions/0/kubernetes/credentialProvider").asText()).isEqualTo("ssm");
        assertThat(byName.get("pos-iam-ra").at("/spec/versions/1/kubernetes/credentialProvider").asText()).isEqualTo("iam-ra");
        // Amazon Linux 2023 (the store pool's OS) has no Docker repository: containerd comes from the distro
        assertThat(byName.get("pos-iam-ra").at("/spec/versions/1/kubernetes/containerdSource").asText()).isEqualTo("distro");
        assertThat(byName.get("pos-iam-ra").at("/spec/versions/1")).as("version 2 changes something")
                .isNotEqualTo(byName.get("pos-iam-ra").at("/spec/versions/0"));
        // a copy of each, written through the API, is admitted by the server's own check
        KubernetesClient c = lab.client(RETAIL);
        for (GenericKubernetesResource r : items) {
            GenericKubernetesResource copy = new GenericKubernetesResource();
            copy.setApiVersion(r.getApiVersion());
            copy.setKind(r.getKind());
            copy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(r.getMetadata().getName() + "-copy")
                    .withNamespace(NS).build());
            copy.setAdditionalProperties(Map.of("spec", r.getAdditionalProperties().get("spec")));
            GenericKubernetesResource created = c.genericKubernetesResources(PROFILES).inNamespace(NS).resource(copy).create();
            assertThat(tree(created).path("spec")).isEqualTo(tree(r).path("spec"));
            c.genericKubernetesResources(PROFILES).inNamespace(NS).withName(created.getMetadata().getName()).delete();
        }
    }

    @Test
    void theHybridNodesNameTheProfileVersionOfTheirPool() {
        List<Node> hybrid = lab.client(RETAIL).nodes().withLabel("eks.amazonaws.com/compute-type", "hybrid").list().getItems();
        assertThat(hybrid).hasSize(8);
        Map<String, String> byPool = new LinkedHashMap<>();
        for (Node n : hybrid) {
            Map<String, String> l = n.getMetadata().getLabels();
            String ref = l.get(LabNodeFactory.PROFILE_LABEL) + "/" + l.get(LabNodeFactory.PROFILE_VERSION_LABEL);
            assertThat(byPool.putIfAbsent(l.get("hybridpane.dev/pool"), ref)).as("one profile version per pool").isIn(null, ref);
        }
        assertThat(byPool).containsExactly(Map.entry("dallas-gpu", "gpu-ssm/1"), Map.entry("store-pos", "pos-iam-ra/1"));
        // each names a version that exists, and the store pool's profile has a newer one: an update is available
        Map<String, JsonNode> profiles = profiles(RETAIL).stream()
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> tree(r).path("spec").path("versions")));
        for (String ref : byPool.values()) {
            String[] p = ref.split("/");
            List<Integer> numbers = new ArrayList<>();
            profiles.get(p[0]).forEach(v -> numbers.add(v.path("version").asInt()));
            assertThat(numbers).as(ref).contains(Integer.parseInt(p[1]));
        }
        assertThat(profiles.get("pos-iam-ra").get(profiles.get("pos-iam-ra").size() - 1).path("version").asInt()).isEqualTo(2);
    }

    @Test
    void clustersNotImportedHaveNoSuchKind() {
        for (String cluster : List.of("us-west-2/payments", "eu-central-1/factory-floor")) {
            assertThatThrownBy(() -> profiles(cluster)).as(cluster).isInstanceOfSatisfying(KubernetesClientException.class,
                    e -> assertThat(e.getCode()).isEqualTo(404));
        }
    }

    /** A profile with every field the console writes: an agent-mode version and an appliance-mode one. */
    static ClusterProfile full() {
        OsLayer os = new OsLayer(OsMode.AGENT, List.of("chrony"), List.of("time.example.net"), Map.of("vm.max_map_count", "262144"),
                List.of(new ExtraFile("/etc/motd", "store\n", "0644")), "#cloud-config\nruncmd:\n  - [echo, hi]\n", "");
        KubernetesLayer k = new KubernetesLayer("1.31", CredentialProvider.IAM_RA, ContainerdSource.DISTRO,
                Map.of("maxPods", 58, "evictionHard", Map.of("memory.available", "100Mi"), "cpuCFSQuota", true,
                        "imageGCHighThresholdPercent", 85.5), List.of("--node-labels=tier=edge"), "version = 2\n");
        NetworkLayer net = new NetworkLayer(CniKind.CILIUM, "1.16.7", true, List.of("10.201.0.0/16"), false);
        ProfileLayers second = new ProfileLayers(OsLayer.appliance("reg.example.com/edge/ubuntu-nodeadm:1.31"),
                new KubernetesLayer("1.30", CredentialProvider.SSM, ContainerdSource.NONE, Map.of(), List.of(), ""),
                new NetworkLayer(CniKind.CUSTOM, "", false, List.of(), true));
        return ClusterProfile.create("schema-check", new ProfileLayers(os, k, net), Instant.parse("2026-12-01T10:00:00Z"), "alice")
                .save(second, Instant.parse("2026-12-02T10:00:00Z"), "bob").profile();
    }

    private static GenericKubernetesResource resource(ObjectNode o) {
        o.with("metadata").put("namespace", NS);
        return JSON.convertValue(o, GenericKubernetesResource.class);
    }

    @Test
    void whatTheConsoleWritesIsAdmittedAsItIs() {
        ClusterProfile p = full();
        ObjectNode o = JSON.valueToTree(ProfileMapper.toObject(p));
        assertThat(LabSchemaCheck.check(o.deepCopy(), LabSeeder.profileSchema()).pruned()).as("nothing pruned").isEmpty();
        var api = lab.client(RETAIL).genericKubernetesResources(PROFILES).inNamespace(NS);
        GenericKubernetesResource created = api.resource(resource(o)).create();
        try {
            GenericKubernetesResource back = api.withName("schema-check").get();
            assertThat(ProfileMapper.fromObject(JSON.convertValue(tree(back), Map.class))).isEqualTo(p);
        } finally {
            api.withName(created.getMetadata().getName()).delete();
        }
    }

    private static KubernetesClientException refused(Consumer<ObjectNode> change) {
        ObjectNode o = JSON.valueToTree(ProfileMapper.toObject(full()));
        change.accept(o);
        var api = lab.client(RETAIL).genericKubernetesResources(PROFILES).inNamespace(NS);
        try {
            api.resource(resource(o)).create();
        } catch (KubernetesClientException e) {
            return e;
        } finally {
            api.withName("schema-check").delete();
        }
        throw new AssertionError("the server admitted " + o);
    }

    private static ObjectNode version(ObjectNode o, int i) {
        return (ObjectNode) o.path("spec").path("versions").get(i);
    }

    @Test
    void aMalformedProfileIsRefusedWithItsFieldErrors() {
        KubernetesClientException missing = refused(o -> version(o, 0).with("kubernetes").remove("version"));
        assertThat(missing.getCode()).isEqualTo(422);
        assertThat(missing.getStatus().getMessage()).contains("ClusterProfile.hybridpane.dev \"schema-check\" is invalid")
                .contains("spec.versions[0].kubernetes.version: Required value");

        KubernetesClientException provider = refused(o -> version(o, 1).with("kubernetes").put("credentialProvider", "sms"));
        assertThat(provider.getCode()).isEqualTo(422);
        assertThat(provider.getStatus().getMessage()).contains("spec.versions[1].kubernetes.credentialProvider: Unsupported value: \"sms\": "
                + "supported values: \"ssm\", \"iam-ra\"");

        KubernetesClientException mode = refused(o -> version(o, 0).with("os").put("mode", "vm"));
        assertThat(mode.getCode()).isEqualTo(422);
        assertThat(mode.getStatus().getMessage()).contains("spec.versions[0].os.mode: Unsupported value: \"vm\"");

        KubernetesClientException cni = refused(o -> version(o, 0).with("network").put("cni", "flannel"));
        assertThat(cni.getStatus().getMessage()).contains("spec.versions[0].network.cni: Unsupported value: \"flannel\"");

        KubernetesClientException k8s = refused(o -> version(o, 0).with("kubernetes").put("version", "v1.31"));
        assertThat(k8s.getCode()).isEqualTo(422);
        assertThat(k8s.getStatus().getMessage()).contains("spec.versions[0].kubernetes.version: Invalid value: \"v1.31\": "
                + "spec.versions[0].kubernetes.version in body should match '^1\\.\\d+$'");

        KubernetesClientException number = refused(o -> version(o, 0).put("version", 0));
        assertThat(number.getStatus().getMessage()).contains("spec.versions[0].version: Invalid value: 0: "
                + "spec.versions[0].version in body should be greater than or equal to 1");

        KubernetesClientException text = refused(o -> version(o, 0).with("kubernetes").put("version", 1.31));
        assertThat(text.getStatus().getMessage()).contains("spec.versions[0].kubernetes.version in body must be of type string");

        KubernetesClientException none = refused(o -> ((ObjectNode) o.path("spec")).putArray("versions"));
        assertThat(none.getStatus().getMessage()).contains("spec.versions in body should have at least 1 items");

        KubernetesClientException noSpec = refused(o -> ((ObjectNode) o.path("spec")).remove("versions"));
        assertThat(noSpec.getStatus().getMessage()).contains("spec.versions: Required value");
    }

    @Test
    void theListPrintsTheLatestVersionsColumns() throws Exception {
        assumeTrue(Files.isExecutable(LabCrdKubectlTest.KUBECTL), "kubectl is not installed");
        Path kubeconfig = lab.writeKubeconfig(dir.resolve("kubeconfig"));
        List<String> cmd = List.of(LabCrdKubectlTest.KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(), "--context",
                "retail-edge" + LabKube.STATIC_SUFFIX, "--cache-dir", dir.resolve("cache").toString(), "get", "clusterprofiles",
                "-n", NS);
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.exitValue()).as(out).isZero();
        List<List<String>> rows = out.lines().map(l -> List.of(l.strip().split("\\s+"))).toList();
        assertThat(rows.get(0)).containsExactly("NAME", "LATEST", "K8S", "CREDENTIALS", "CNI", "AGE");
        assertThat(rows.get(1).subList(0, 5)).containsExactly("gpu-ssm", "1", "1.31", "ssm", "cilium");
        assertThat(rows.get(2).subList(0, 5)).containsExactly("pos-iam-ra", "2", "1.31", "iam-ra", "cilium");
        assertThat(rows).hasSize(3);
    }

    @Test
    void thePrinterEvaluatesIndexesAndSlices() throws Exception {
        JsonNode o = JSON.readTree("{\"spec\":{\"versions\":[{\"version\":1},{\"version\":2},{\"version\":3}],\"none\":[]}}");
        assertThat(LabCrdPrinter.find(o, ".spec.versions[-1:].version").asInt()).isEqualTo(3);
        assertThat(LabCrdPrinter.find(o, ".spec.versions[0].version").asInt()).isEqualTo(1);
        assertThat(LabCrdPrinter.find(o, ".spec.versions[-2].version").asInt()).isEqualTo(2);
        assertThat(LabCrdPrinter.find(o, ".spec.versions[1:].version").asInt()).isEqualTo(2);
        assertThat(LabCrdPrinter.find(o, "{.spec.versions[-1:].version}").asInt()).isEqualTo(3);
        assertThat(LabCrdPrinter.find(o, ".spec.none[-1:].version")).isNull();
        assertThat(LabCrdPrinter.find(o, ".spec.versions[5].version")).isNull();
        assertThat(LabCrdPrinter.find(o, ".spec.missing[-1:].version")).isNull();
        ArrayNode columns = JSON.createArrayNode();
        columns.addObject().put("name", "LATEST").put("type", "integer").put("jsonPath", ".spec.versions[-1:].version");
        assertThat(new LabCrdPrinter(columns).cells(o, Instant.now())).containsExactly(null, 3L);
    }
}
