package dev.hybridpane.lab.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A NodeConfig (node.eks.aws/v1alpha1) as nodeadm reads it, with its defaults and its ValidateConfig rules in
 * nodeadm's order and words (nodeadm-day2.md 1.4; internal/node/hybrid/validator.go).
 */
record LabNodeConfig(String clusterName, String region, String apiServerEndpoint, String certificateAuthority, String cidr,
        List<String> kubeletFlags, JsonNode kubeletConfig, boolean hybrid, boolean enableCredentialsFile, Ssm ssm,
        RolesAnywhere iamRa) {

    record Ssm(String activationCode, String activationId) {
    }

    record RolesAnywhere(String nodeName, String trustAnchorArn, String profileArn, String roleArn, String awsConfigPath,
            String certificatePath, String privateKeyPath) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern CODE = Pattern.compile("^.{20,250}$");
    private static final Pattern ID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    String credentialProvider() {
        return iamRa != null ? "iam-ra" : "ssm";
    }

    /** Reads the config source as nodeadm's provider factory does (file:// only on a lab host; imds times out). */
    static LabNodeConfig load(LabHost host, String source, boolean root) throws LabNodeadmLog.Failure {
        int colon = source.indexOf("://");
        String scheme = colon < 0 ? "" : source.substring(0, colon);
        if (scheme.equals("imds")) {
            throw new LabNodeadmLog.Failure("operation error ec2imds: GetUserData, canceled, context deadline exceeded");
        }
        if (!scheme.equals("file")) {
            throw new LabNodeadmLog.Failure("unsupported scheme: " + scheme);
        }
        String path = source.substring(colon + 3);
        LabHostState.FileEntry f = host.state().file(path);
        if (f == null) {
            throw new LabNodeadmLog.Failure("open " + path + ": " + (host.state().isDirectory(path) ? "is a directory"
                    : "no such file or directory"));
        }
        if (!root && !f.worldReadable()) {
            throw new LabNodeadmLog.Failure("open " + path + ": permission denied");
        }
        return parse(f.text());
    }

    static LabNodeConfig parse(String yaml) throws LabNodeadmLog.Failure {
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new LabNodeadmLog.Failure("error converting YAML to JSON: yaml: " + firstLine(e.getMessage()));
        }
        if (doc == null || !doc.isObject()) {
            throw new LabNodeadmLog.Failure("Object 'Kind' is missing in '" + yaml.strip() + "'");
        }
        String kind = doc.path("kind").asText("");
        String api = doc.path("apiVersion").asText("");
        if (kind.isEmpty()) {
            throw new LabNodeadmLog.Failure("Object 'Kind' is missing in config");
        }
        if (!kind.equals("NodeConfig") || !api.equals("node.eks.aws/v1alpha1")) {
            throw new LabNodeadmLog.Failure("no kind \"" + kind + "\" is registered for version \"" + api
                    + "\" in scheme \"pkg/runtime/scheme.go:100\"");
        }
        JsonNode spec = doc.path("spec");
        JsonNode cluster = spec.path("cluster");
        List<String> flags = new ArrayList<>();
        spec.path("kubelet").path("flags").forEach(n -> flags.add(n.asText()));
        JsonNode hybrid = spec.path("hybrid");
        boolean isHybrid = hybrid.isObject();
        JsonNode ssmNode = hybrid.path("ssm");
        JsonNode raNode = hybrid.path("iamRolesAnywhere");
        Ssm ssm = ssmNode.isObject() ? new Ssm(ssmNode.path("activationCode").asText(""), ssmNode.path("activationId").asText(""))
                : null;
        RolesAnywhere ra = raNode.isObject() ? new RolesAnywhere(raNode.path("nodeName").asText(""),
                raNode.path("trustAnchorArn").asText(""), raNode.path("profileArn").asText(""), raNode.path("roleArn").asText(""),
                or(raNode.path("awsConfigPath").asText(""), "/etc/aws/hybrid/config"),
                or(raNode.path("certificatePath").asText(""), "/etc/iam/pki/server.pem"),
                or(raNode.path("privateKeyPath").asText(""), "/etc/iam/pki/server.key")) : null;
        return new LabNodeConfig(cluster.path("name").asText(""), cluster.path("region").asText(""),
                cluster.path("apiServerEndpoint").asText(""), cluster.path("certificateAuthority").asText(""),
                cluster.path("cidr").asText(""), List.copyOf(flags), spec.path("kubelet").path("config"), isHybrid,
                hybrid.path("enableCredentialsFile").asBoolean(false), ssm, ra);
    }

    private static String or(String v, String dflt) {
        return v.isEmpty() ? dflt : v;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** The last value of a kubelet flag ({@code --name=value}), or "". */
    String flag(String name) {
        String prefix = "--" + name + "=";
        String v = "";
        for (String f : kubeletFlags) {
            if (f.startsWith(prefix)) {
                v = f.substring(prefix.length());
            }
        }
        return v;
    }

    /** ValidateConfig: the first broken rule, in nodeadm's order and words. */
    void validate(LabHost host, Instant now) throws LabNodeadmLog.Failure {
        if (!hybrid) {
            throw new LabNodeadmLog.Failure("operation error ec2imds: GetInstanceIdentityDocument, canceled, context deadline "
                    + "exceeded");
        }
        if (clusterName.isEmpty()) {
            throw new LabNodeadmLog.Failure("Name is missing in cluster configuration");
        }
        if (region.isEmpty()) {
            throw new LabNodeadmLog.Failure("Region is missing in cluster configuration");
        }
        String override = flag("hostname-override");
        if (!override.isEmpty()) {
            throw new LabNodeadmLog.Failure("hostname-override kubelet flag is not supported for hybrid nodes but found override: "
                    + override);
        }
        if (iamRa == null && ssm == null) {
            throw new LabNodeadmLog.Failure("Either IAMRolesAnywhere or SSM must be provided for hybrid node configuration");
        }
        if (iamRa != null && ssm != null) {
            throw new LabNodeadmLog.Failure("Only one of IAMRolesAnywhere or SSM must be provided for hybrid node configuration");
        }
        if (iamRa != null) {
            validateRolesAnywhere(host, now);
        }
        if (ssm != null) {
            if (ssm.activationCode().isEmpty()) {
                throw new LabNodeadmLog.Failure("ActivationCode is missing in hybrid ssm configuration");
            }
            if (ssm.activationId().isEmpty()) {
                throw new LabNodeadmLog.Failure("ActivationID is missing in hybrid ssm configuration");
            }
            if (!CODE.matcher(ssm.activationCode()).matches()) {
                // nodeadm echoes the code here; this is the host's own log
                throw new LabNodeadmLog.Failure("invalid ActivationCode format: " + ssm.activationCode()
                        + ". Must be 20-250 characters");
            }
            if (!ID.matcher(ssm.activationId()).matches()) {
                throw new LabNodeadmLog.Failure("invalid ActivationID format: " + ssm.activationId() + ". Must be in format: "
                        + ID.pattern());
            }
        }
    }

    private void validateRolesAnywhere(LabHost host, Instant now) throws LabNodeadmLog.Failure {
        String where = " in hybrid iam roles anywhere configuration";
        if (iamRa.roleArn().isEmpty()) {
            throw new LabNodeadmLog.Failure("RoleARN is missing" + where);
        }
        if (iamRa.profileArn().isEmpty()) {
            throw new LabNodeadmLog.Failure("ProfileARN is missing" + where);
        }
        if (iamRa.trustAnchorArn().isEmpty()) {
            throw new LabNodeadmLog.Failure("TrustAnchorARN is missing" + where);
        }
        if (iamRa.nodeName().isEmpty()) {
            throw new LabNodeadmLog.Failure("NodeName can't be empty" + where);
        }
        if (iamRa.nodeName().length() > 64) {
            throw new LabNodeadmLog.Failure("NodeName can't be longer than 64 characters" + where);
        }
        LabHostState.FileEntry cert = host.state().file(iamRa.certificatePath());
        if (cert == null) {
            throw new LabNodeadmLog.Failure("IAM Roles Anywhere certificate " + iamRa.certificatePath() + " not found");
        }
        String prefix = "error in validating iam-roles-anywhere certificate: ";
        X509Certificate x;
        try {
            x = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(cert.content()));
        } catch (CertificateException | RuntimeException e) {
            throw new LabNodeadmLog.Failure(prefix + "parsing server certificate");
        }
        if (now.isBefore(x.getNotBefore().toInstant())) {
            throw new LabNodeadmLog.Failure(prefix + "server certificate is not yet valid");
        }
        if (now.isAfter(x.getNotAfter().toInstant())) {
            throw new LabNodeadmLog.Failure(prefix + "server certificate has expired");
        }
        if (host.state().file(iamRa.privateKeyPath()) == null) {
            throw new LabNodeadmLog.Failure("IAM Roles Anywhere private key " + iamRa.privateKeyPath() + " not found");
        }
    }

    String certificatePem(LabHost host) {
        LabHostState.FileEntry f = host.state().file(iamRa.certificatePath());
        return f == null ? "" : new String(f.content(), StandardCharsets.UTF_8);
    }
}
