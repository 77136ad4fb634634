package dev.hybridpane.domain.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * nodeadm's own validation of a NodeConfig (its ValidateConfig, after PopulateDefaults), in nodeadm's order and with
 * its messages, applied before a config leaves the workstation: the first failing rule's message, or empty. One
 * deliberate difference: nodeadm's activation-code message echoes the code ("invalid ActivationCode format: %s. ..."),
 * which is a secret, so this one does not.
 *
 * <p>nodeadm checks that the certificate and private key files exist on the host. Here the files are the ones the
 * console will write there ({@code hostFiles}: path to content, the key's content may be anything); the certificate
 * must parse as PEM X.509 and be valid at {@code now}.
 */
public final class NodeConfigRules {
    public static final Pattern ACTIVATION_CODE = Pattern.compile("^.{20,250}$");
    public static final Pattern ACTIVATION_ID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    public static final String CODE_FORMAT = "invalid ActivationCode format: must be 20-250 characters";
    public static final int MAX_NODE_NAME = 64;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private NodeConfigRules() {
    }

    /** Checks a NodeConfig as it will be written. */
    public static Optional<String> check(NodeConfig config, Map<String, String> hostFiles, Instant now) {
        return check(NodeConfigs.toYaml(config), hostFiles, now);
    }

    /** Checks a NodeConfig text: nodeadm's rules in nodeadm's order. */
    public static Optional<String> check(String yaml, Map<String, String> hostFiles, Instant now) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml == null ? "" : yaml);
        } catch (JsonProcessingException e) {
            return Optional.of("The NodeConfig is not valid YAML" + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ")") + ".");
        }
        if (root == null || !root.isObject() || !NodeConfigs.API_VERSION.equals(root.path("apiVersion").asText())
                || !NodeConfigs.KIND.equals(root.path("kind").asText())) {
            return Optional.of("Not a NodeConfig: expected apiVersion " + NodeConfigs.API_VERSION + " and kind "
                    + NodeConfigs.KIND + ".");
        }
        JsonNode spec = root.path("spec");
        if (text(spec.path("cluster"), "name").isEmpty()) {
            return Optional.of("Name is missing in cluster configuration");
        }
        if (text(spec.path("cluster"), "region").isEmpty()) {
            return Optional.of("Region is missing in cluster configuration");
        }
        String override = "";
        for (JsonNode flag : spec.path("kubelet").path("flags")) {
            String f = flag.asText();
            if (f.startsWith("--hostname-override=")) {
                override = f.substring("--hostname-override=".length());
            }
        }
        if (!override.isEmpty()) {
            return Optional.of("hostname-override kubelet flag is not supported for hybrid nodes but found override: "
                    + override);
        }
        JsonNode hybrid = spec.path("hybrid");
        boolean ssm = present(hybrid.path("ssm"));
        boolean ra = present(hybrid.path("iamRolesAnywhere"));
        if (!ssm && !ra) {
            return Optional.of("Either IAMRolesAnywhere or SSM must be provided for hybrid node configuration");
        }
        if (ssm && ra) {
            return Optional.of("Only one of IAMRolesAnywhere or SSM must be provided for hybrid node configuration");
        }
        return ra ? rolesAnywhere(hybrid.path("iamRolesAnywhere"), hostFiles, now) : ssm(hybrid.path("ssm"));
    }

    private static Optional<String> ssm(JsonNode s) {
        String code = text(s, "activationCode");
        String id = text(s, "activationId");
        if (code.isEmpty()) {
            return Optional.of("ActivationCode is missing in hybrid ssm configuration");
        }
        if (id.isEmpty()) {
            return Optional.of("ActivationID is missing in hybrid ssm configuration");
        }
        if (!ACTIVATION_CODE.matcher(code).matches()) {
            return Optional.of(CODE_FORMAT);
        }
        if (!ACTIVATION_ID.matcher(id).matches()) {
            return Optional.of("invalid ActivationID format: " + id + ". Must be in format: " + ACTIVATION_ID.pattern());
        }
        return Optional.empty();
    }

    private static Optional<String> rolesAnywhere(JsonNode r, Map<String, String> hostFiles, Instant now) {
        if (text(r, "roleArn").isEmpty()) {
            return Optional.of("RoleARN is missing in hybrid iam roles anywhere configuration");
        }
        if (text(r, "profileArn").isEmpty()) {
            return Optional.of("ProfileARN is missing in hybrid iam roles anywhere configuration");
        }
        if (text(r, "trustAnchorArn").isEmpty()) {
            return Optional.of("TrustAnchorARN is missing in hybrid iam roles anywhere configuration");
        }
        String nodeName = text(r, "nodeName");
        if (nodeName.isEmpty()) {
            return Optional.of("NodeName can't be empty in hybrid iam roles anywhere configuration");
        }
        if (nodeName.length() > MAX_NODE_NAME) {
            return Optional.of("NodeName can't be longer than 64 characters in hybrid iam roles anywhere configuration");
        }
        // nodeadm's PopulateDefaults fills the paths before validating
        String cert = orDefault(text(r, "certificatePath"), NodeCredentials.RolesAnywhere.CERTIFICATE_PATH);
        String key = orDefault(text(r, "privateKeyPath"), NodeCredentials.RolesAnywhere.PRIVATE_KEY_PATH);
        if (!hostFiles.containsKey(cert)) {
            return Optional.of("IAM Roles Anywhere certificate " + cert + " not found");
        }
        if (!hostFiles.containsKey(key)) {
            return Optional.of("IAM Roles Anywhere private key " + key + " not found");
        }
        return certificate(hostFiles.get(cert), now);
    }

    /** nodeadm's reading of the IAM Roles Anywhere certificate: PEM X.509, valid now. */
    static Optional<String> certificate(String pem, Instant now) {
        String prefix = "IAM Roles Anywhere certificate error - ";
        X509Certificate x;
        try {
            if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new CertificateException("no PEM block");
            }
            x = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | RuntimeException e) {
            return Optional.of(prefix + "parsing iam-roles-anywhere certificate");
        }
        if (now.isBefore(x.getNotBefore().toInstant())) {
            return Optional.of(prefix + "iam-roles-anywhere server certificate is not yet valid");
        }
        if (now.isAfter(x.getNotAfter().toInstant())) {
            return Optional.of(prefix + "iam-roles-anywhere server certificate has expired");
        }
        return Optional.empty();
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isMissingNode() && !n.isNull();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    private static String orDefault(String v, String d) {
        return v.isEmpty() ? d : v;
    }
}
