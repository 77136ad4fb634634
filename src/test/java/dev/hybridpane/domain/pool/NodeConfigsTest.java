package dev.hybridpane.domain.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ContainerdSource;
import dev.hybridpane.domain.profile.KubernetesLayer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeConfigsTest {
    static final String CODE = "Fjz3/sZfSvv78EXAMPLEsecret";
    static final String ID = "e488f2f6-e686-4afb-8a04-ef6dfabcdeff";
    private static final String TOML = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\"]\n  sandbox_image = \"pause:3.9\"\n";

    static KubernetesLayer layer() {
        return new KubernetesLayer("1.31", CredentialProvider.SSM, ContainerdSource.DISTRO,
                Map.of("maxPods", 58, "evictionHard", Map.of("memory.available", "100Mi")),
                List.of("--node-labels=tier=edge,workload=cpu", "--register-with-taints=pos=true:NoSchedule",
                        "--max-open-files=100000"), TOML);
    }

    static NodeConfig ssm() {
        return NodeConfigs.build("retail-edge", "us-west-2", layer(), Pools.edgeGpu(), new NodeCredentials.Ssm(ID, CODE));
    }

    private static JsonNode tree(String yaml) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(yaml);
    }

    @Test
    void theNodeConfigCarriesClusterKubeletContainerdAndSsm() throws Exception {
        JsonNode n = tree(NodeConfigs.toYaml(ssm()));
        assertThat(n.path("apiVersion").asText()).isEqualTo("node.eks.aws/v1alpha1");
        assertThat(n.path("kind").asText()).isEqualTo("NodeConfig");
        JsonNode spec = n.path("spec");
        assertThat(spec.path("cluster").path("name").asText()).isEqualTo("retail-edge");
        assertThat(spec.path("cluster").path("region").asText()).isEqualTo("us-west-2");
        assertThat(spec.path("kubelet").path("config").path("maxPods").asInt()).isEqualTo(58);
        assertThat(spec.path("kubelet").path("config").path("evictionHard").path("memory.available").asText()).isEqualTo("100Mi");
        assertThat(spec.path("containerd").path("config").asText()).isEqualTo(TOML);
        assertThat(spec.path("hybrid").path("ssm").path("activationCode").asText()).isEqualTo(CODE);
        assertThat(spec.path("hybrid").path("ssm").path("activationId").asText()).isEqualTo(ID);
        assertThat(spec.path("hybrid").has("iamRolesAnywhere")).isFalse();
    }

    @Test
    void poolLabelsAndTaintsBecomeKubeletFlagsMergedWithTheProfiles() {
        assertThat(ssm().kubeletFlags()).containsExactly(
                "--node-labels=hybridpane.dev/pool=edge-gpu,hybridpane.dev/site=dallas-dc,hybridpane.dev/profile=gpu-ssm,"
                        + "hybridpane.dev/profile-version=1,workload=gpu,tier=edge",
                "--register-with-taints=dedicated=gpu:NoSchedule,pos=true:NoSchedule",
                "--max-open-files=100000");
    }

    @Test
    void aPoolWithoutTaintsHasNoTaintFlag() {
        HybridNodePool p = Pools.withTaints();
        NodeConfig c = NodeConfigs.build("c", "us-west-2", KubernetesLayer.of("1.31", CredentialProvider.SSM), p,
                new NodeCredentials.Ssm(ID, CODE));
        assertThat(c.kubeletFlags()).containsExactly("--node-labels=hybridpane.dev/pool=edge-gpu,hybridpane.dev/site="
                + "dallas-dc,hybridpane.dev/profile=gpu-ssm,hybridpane.dev/profile-version=1,workload=gpu");
        assertThat(NodeConfigs.toObject(c).get("spec")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKey("containerd");
    }

    @Test
    void rolesAnywhereNamesTheNodeAndTheDefaultCertificatePaths() throws Exception {
        NodeConfig c = NodeConfigs.build("retail-edge", "us-west-2", KubernetesLayer.of("1.31", CredentialProvider.IAM_RA),
                Pools.edgeGpu(), new NodeCredentials.RolesAnywhere("dallas-01", "arn:aws:rolesanywhere:us-west-2:111122223333:trust-anchor/ta",
                        "arn:aws:rolesanywhere:us-west-2:111122223333:profile/p",
                        "arn:aws:iam::111122223333:role/AmazonEKSHybridNodesRole"));
        JsonNode ra = tree(NodeConfigs.toYaml(c)).path("spec").path("hybrid").path("iamRolesAnywhere");
        assertThat(ra.path("nodeName").asText()).isEqualTo("dallas-01");
        assertThat(ra.path("trustAnchorArn").asText()).endsWith(":trust-anchor/ta");
        assertThat(ra.path("profileArn").asText()).endsWith(":profile/p");
        assertThat(ra.path("roleArn").asText()).endsWith(":role/AmazonEKSHybridNodesRole");
        assertThat(ra.path("certificatePath").asText()).isEqualTo("/etc/iam/pki/server.pem");
        assertThat(ra.path("privateKeyPath").asText()).isEqualTo("/etc/iam/pki/server.key");
    }

    @Test
    void toStringAndMaskedNeverShowTheActivationCode() {
        NodeConfig c = ssm();
        assertThat(c.toString()).doesNotContain(CODE).contains("activationCode: ****").contains(ID);
        assertThat(NodeConfigs.masked(NodeConfigs.toYaml(c))).isEqualTo(NodeConfigs.toYaml(c).replace(CODE, "****"));
        assertThat(new NodeCredentials.Ssm(ID, CODE).toString()).doesNotContain(CODE);
    }

    @Test
    void maskingCoversQuotedFlowJsonAndBlockForms() {
        assertThat(NodeConfigs.masked("ssm:\n  activationCode: \"a b: c\"\n  activationId: x\n"))
                .isEqualTo("ssm:\n  activationCode: \"****\"\n  activationId: x\n");
        assertThat(NodeConfigs.masked("  activationCode: 'it''s'\n")).isEqualTo("  activationCode: '****'\n");
        assertThat(NodeConfigs.masked("{\"ssm\":{\"activationCode\":\"SECRETSECRET\",\"activationId\":\"x\"}}"))
                .isEqualTo("{\"ssm\":{\"activationCode\":\"****\",\"activationId\":\"x\"}}");
        assertThat(NodeConfigs.masked("  activationCode: abc,def}ghi\n  activationId: x\n"))
                .isEqualTo("  activationCode: ****\n  activationId: x\n");
        assertThat(NodeConfigs.masked("ssm:\n  activationCode: |\n    SECRET1\n    SECRET2\n  activationId: x\n"))
                .isEqualTo("ssm:\n  activationCode: ****\n  activationId: x\n");
        assertThat(NodeConfigs.masked("ssm:\n  activationCode:\n    SECRET1\n  activationId: x\n"))
                .isEqualTo("ssm:\n  activationCode: ****\n  activationId: x\n");
        assertThat(NodeConfigs.masked("no secret here\n")).isEqualTo("no secret here\n");
        assertThat(NodeConfigs.masked(null)).isEmpty();
    }

    @Test
    void credentialsOfAnotherProviderThanTheProfilesAreRefused() {
        assertThatThrownBy(() -> NodeConfigs.build("c", "us-west-2", layer(), Pools.edgeGpu(),
                new NodeCredentials.RolesAnywhere("n", "t", "p", "r")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the profile version uses ssm, but the credentials are iam-ra");
    }

    @Test
    void codesThatYamlMustQuoteAreMaskedToo() {
        for (String code : List.of("+abc/def==:x #y12345678", "'quoted' \"both\" 1234567890", "12345678901234567890",
                "true-ish: yes, no {} []")) {
            NodeConfig c = NodeConfigs.build("c", "us-west-2", KubernetesLayer.of("1.31", CredentialProvider.SSM),
                    Pools.edgeGpu(), new NodeCredentials.Ssm(ID, code));
            String yaml = NodeConfigs.toYaml(c);
            assertThat(yaml).as("written in clear").contains("activationCode:");
            assertThat(NodeConfigs.masked(yaml)).as(code).doesNotContain(code).contains("activationCode: ")
                    .contains("activationId: " + ID);
            assertThat(c.toString()).doesNotContain(code);
        }
    }
}
