package dev.hybridpane.domain.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.KubernetesLayer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeConfigRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    private static final String TA = "arn:aws:rolesanywhere:us-west-2:111122223333:trust-anchor/ta";
    private static final String PROFILE = "arn:aws:rolesanywhere:us-west-2:111122223333:profile/p";
    private static final String ROLE = "arn:aws:iam::111122223333:role/AmazonEKSHybridNodesRole";
    private static final String VALID = TestCerts.pem("dallas-01", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));

    private static Optional<String> ssm(String id, String code) {
        return NodeConfigRules.check(NodeConfigs.build("retail-edge", "us-west-2", KubernetesLayer.of("1.31",
                CredentialProvider.SSM), Pools.edgeGpu(), new NodeCredentials.Ssm(id, code)), Map.of(), NOW);
    }

    private static Map<String, String> files(String cert) {
        return Map.of("/etc/iam/pki/server.pem", cert, "/etc/iam/pki/server.key", "KEY");
    }

    private static NodeConfig ra(String nodeName, String ta, String profile, String role) {
        return NodeConfigs.build("retail-edge", "us-west-2", KubernetesLayer.of("1.31", CredentialProvider.IAM_RA),
                Pools.edgeGpu(), new NodeCredentials.RolesAnywhere(nodeName, ta, profile, role));
    }

    private static String doc(String spec) {
        return "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n" + spec.indent(2);
    }

    @Test
    void aBuiltSsmConfigPasses() {
        assertThat(ssm(NodeConfigsTest.ID, NodeConfigsTest.CODE)).isEmpty();
    }

    @Test
    void aBuiltRolesAnywhereConfigWithItsFilesPasses() {
        assertThat(NodeConfigRules.check(ra("dallas-01", TA, PROFILE, ROLE), files(VALID), NOW)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "cluster: {region: us-west-2}|Name is missing in cluster configuration",
        "cluster: {name: c}|Region is missing in cluster configuration",
        "cluster: {name: c, region: r}\\nkubelet: {flags: ['--hostname-override=a', '--v=2', '--hostname-override=b']}\\nhybrid: {}"
                + "|hostname-override kubelet flag is not supported for hybrid nodes but found override: b",
        "cluster: {name: c, region: r}\\nhybrid: {}|Either IAMRolesAnywhere or SSM must be provided for hybrid node configuration",
        "cluster: {name: c, region: r}|Either IAMRolesAnywhere or SSM must be provided for hybrid node configuration",
        "cluster: {name: c, region: r}\\nhybrid: {ssm: {activationId: x}, iamRolesAnywhere: {nodeName: n}}"
                + "|Only one of IAMRolesAnywhere or SSM must be provided for hybrid node configuration",
        "cluster: {name: c, region: r}\\nhybrid: {ssm: {activationId: x}}|ActivationCode is missing in hybrid ssm configuration",
        "cluster: {name: c, region: r}\\nhybrid: {ssm: {activationCode: x}}|ActivationID is missing in hybrid ssm configuration",
        "cluster: {name: c, region: r}\\nhybrid: {iamRolesAnywhere: {nodeName: n}}|RoleARN is missing in hybrid iam roles anywhere configuration",
        "cluster: {name: c, region: r}\\nhybrid: {iamRolesAnywhere: {roleArn: r}}|ProfileARN is missing in hybrid iam roles anywhere configuration",
        "cluster: {name: c, region: r}\\nhybrid: {iamRolesAnywhere: {roleArn: r, profileArn: p}}"
                + "|TrustAnchorARN is missing in hybrid iam roles anywhere configuration",
        "cluster: {name: c, region: r}\\nhybrid: {iamRolesAnywhere: {roleArn: r, profileArn: p, trustAnchorArn: t}}"
                + "|NodeName can't be empty in hybrid iam roles anywhere configuration",
        "cluster: {name: c, region: r}\\nhybrid: {iamRolesAnywhere: {roleArn: r, profileArn: p, trustAnchorArn: t, nodeName: n,"
                + " certificatePath: /tmp/x.pem}}|IAM Roles Anywhere certificate /tmp/x.pem not found",
    })
    void nodeadmsRulesInNodeadmsOrderWithItsMessages(String spec, String message) {
        assertThat(NodeConfigRules.check(doc(spec.replace("\\n", "\n")), files(VALID), NOW)).contains(message);
    }

    @Test
    void theActivationCodeFormatMessageDoesNotEchoTheCode() {
        String shortCode = "short-secret-1";
        Optional<String> p = ssm(NodeConfigsTest.ID, shortCode);
        assertThat(p).contains("invalid ActivationCode format: must be 20-250 characters");
        assertThat(p.get()).doesNotContain(shortCode);
        assertThat(ssm(NodeConfigsTest.ID, "x".repeat(251))).contains(NodeConfigRules.CODE_FORMAT);
        assertThat(ssm(NodeConfigsTest.ID, "x".repeat(250))).isEmpty();
        assertThat(ssm(NodeConfigsTest.ID, "x".repeat(20))).isEmpty();
    }

    @Test
    void theActivationIdIsLowerCaseHexInTheUuidShape() {
        assertThat(ssm("E488F2F6-E686-4AFB-8A04-EF6DFABCDEFF", NodeConfigsTest.CODE)).contains("invalid ActivationID format: "
                + "E488F2F6-E686-4AFB-8A04-EF6DFABCDEFF. Must be in format: "
                + "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    }

    @Test
    void aNodeNameHasAtMost64Characters() {
        assertThat(NodeConfigRules.check(ra("n".repeat(64), TA, PROFILE, ROLE), files(VALID), NOW)).isEmpty();
        assertThat(NodeConfigRules.check(ra("n".repeat(65), TA, PROFILE, ROLE), files(VALID), NOW))
                .contains("NodeName can't be longer than 64 characters in hybrid iam roles anywhere configuration");
        assertThat(NodeConfigRules.check(ra("n", "", PROFILE, ROLE), files(VALID), NOW))
                .contains("TrustAnchorARN is missing in hybrid iam roles anywhere configuration");
    }

    @Test
    void theCertificateAndKeyMustBeAmongTheFilesWrittenToTheHost() {
        NodeConfig c = ra("dallas-01", TA, PROFILE, ROLE);
        assertThat(NodeConfigRules.check(c, Map.of(), NOW)).contains("IAM Roles Anywhere certificate /etc/iam/pki/server.pem not found");
        assertThat(NodeConfigRules.check(c, Map.of("/etc/iam/pki/server.pem", VALID), NOW))
                .contains("IAM Roles Anywhere private key /etc/iam/pki/server.key not found");
    }

    @Test
    void theCertificateMustParseAndBeValidNow() {
        NodeConfig c = ra("dallas-01", TA, PROFILE, ROLE);
        assertThat(NodeConfigRules.check(c, files("not a certificate"), NOW))
                .contains("IAM Roles Anywhere certificate error - parsing iam-roles-anywhere certificate");
        assertThat(NodeConfigRules.check(c, files("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), NOW))
                .contains("IAM Roles Anywhere certificate error - parsing iam-roles-anywhere certificate");
        String expired = TestCerts.pem("dallas-01", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35)));
        assertThat(NodeConfigRules.check(c, files(expired), NOW))
                .contains("IAM Roles Anywhere certificate error - iam-roles-anywhere server certificate has expired");
        String future = TestCerts.pem("dallas-01", NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(365)));
        assertThat(NodeConfigRules.check(c, files(future), NOW))
                .contains("IAM Roles Anywhere certificate error - iam-roles-anywhere server certificate is not yet valid");
    }

    @Test
    void aNonNodeConfigIsRefused() {
        assertThat(NodeConfigRules.check("apiVersion: v1\nkind: ConfigMap\n", Map.of(), NOW))
                .contains("Not a NodeConfig: expected apiVersion node.eks.aws/v1alpha1 and kind NodeConfig.");
        assertThat(NodeConfigRules.check("spec: [", Map.of(), NOW)).hasValueSatisfying(m ->
                assertThat(m).startsWith("The NodeConfig is not valid YAML"));
    }

    @Test
    void aProfileFlagThatOverridesTheHostnameIsCaughtInTheBuiltConfig() {
        KubernetesLayer k = new KubernetesLayer("1.31", CredentialProvider.SSM, null, Map.of(),
                List.of("--hostname-override=edge"), "");
        NodeConfig c = NodeConfigs.build("c", "us-west-2", k, Pools.edgeGpu(), new NodeCredentials.Ssm(NodeConfigsTest.ID,
                NodeConfigsTest.CODE));
        assertThat(NodeConfigRules.check(c, Map.of(), NOW))
                .contains("hostname-override kubelet flag is not supported for hybrid nodes but found override: edge");
    }
}
