package dev.hybridpane.core.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hybridpane.domain.pool.HostCommands;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.NodeConfig;
import dev.hybridpane.domain.pool.NodeConfigs;
import dev.hybridpane.domain.pool.NodeCredentials;
import dev.hybridpane.domain.profile.KubernetesLayer;
import java.util.Optional;

/**
 * The NodeConfig a node is upgraded with: the new profile version's Kubernetes layer and the pool on that version (its
 * hybridpane.dev/profile-version label), with the credentials the host's current NodeConfig already holds (an SSM
 * node keeps its activation: nodeadm upgrade never registers again, so the node name survives; a Roles Anywhere node
 * keeps its node name, trust anchor, profile and role). The activation code is read from the host into memory only,
 * for the file written back to the same host; it is never logged, journaled or shown.
 */
final class PoolUpgradeConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PoolUpgradeConfig() {
    }

    /** The credentials of a NodeConfig's text ({@code spec.hybrid}); empty when it has none that can be read. */
    static Optional<NodeCredentials> credentials(String nodeConfigYaml) {
        JsonNode hybrid;
        try {
            hybrid = YAML.readTree(nodeConfigYaml).path("spec").path("hybrid");
        } catch (Exception e) {
            return Optional.empty(); // not YAML: the host's file was not written by a pool operation
        }
        JsonNode ssm = hybrid.path("ssm");
        if (ssm.isObject() && !ssm.path("activationId").asText().isEmpty() && !ssm.path("activationCode").asText().isEmpty()) {
            return Optional.of(new NodeCredentials.Ssm(ssm.path("activationId").asText(), ssm.path("activationCode").asText()));
        }
        JsonNode ra = hybrid.path("iamRolesAnywhere");
        if (ra.isObject() && !ra.path("nodeName").asText().isEmpty()) {
            return Optional.of(new NodeCredentials.RolesAnywhere(ra.path("nodeName").asText(), ra.path("trustAnchorArn").asText(),
                    ra.path("profileArn").asText(), ra.path("roleArn").asText(), ra.path("certificatePath").asText(),
                    ra.path("privateKeyPath").asText()));
        }
        return Optional.empty();
    }

    /**
     * The NodeConfig for the new version, keeping the host's credentials; fails with a sentence (no secret) when the host
     * has no readable NodeConfig or its credentials are of another provider (that node is repaved, not upgraded).
     */
    static NodeConfig build(String cluster, String region, KubernetesLayer to, HybridNodePool poolAtNewVersion, String host,
                            Optional<String> current) {
        String text = current.orElseThrow(() -> new IllegalStateException("Host " + host + " has no NodeConfig at "
                + HostCommands.NODECONFIG_PATH + ": it was not joined by a pool operation, so "
                + "it cannot be upgraded in place."));
        NodeCredentials creds = credentials(text).orElseThrow(() -> new IllegalStateException("Host " + host
                + "'s NodeConfig names no SSM activation or Roles Anywhere node: it cannot be upgraded in place."));
        if (creds.provider() != to.credentialProvider()) {
            throw new IllegalStateException("Host " + host + " uses " + creds.provider().id() + " and the new version "
                    + to.credentialProvider().id() + ": nodeadm upgrade cannot change the credential provider (repave it).");
        }
        return NodeConfigs.build(cluster, region, to, poolAtNewVersion, creds);
    }
}
