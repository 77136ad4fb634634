package dev.hybridpane.domain.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ContainerdSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * nodeadm's record of what {@code nodeadm install} put on a host, {@code /opt/nodeadm/tracker} (YAML:
 * {@code Artifacts: {Containerd: none|distro|docker, CniPlugins: true, Kubelet: true, ...}}). Its presence is how a
 * console knows that install happened, since nodeadm exits 0 when it did nothing. An empty Containerd is "none", as
 * nodeadm reads it.
 */
public record NodeadmTracker(ContainerdSource containerd, Set<String> installed) {
    public static final String PATH = "/opt/nodeadm/tracker";
    /** The boolean artifacts nodeadm tracks (internal/tracker). */
    public static final List<String> ARTIFACTS = List.of("CniPlugins", "IamAuthenticator", "IamRolesAnywhere",
            "ImageCredentialProvider", "Kubectl", "Kubelet", "Ssm", "Iptables");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public NodeadmTracker {
        installed = Set.copyOf(installed == null ? Set.of() : installed);
    }

    public static NodeadmTracker parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml == null ? "" : yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid yaml data in tracker " + PATH);
        }
        JsonNode a = root == null ? null : root.path("Artifacts");
        if (a == null || !a.isObject()) {
            throw new IllegalArgumentException("The tracker " + PATH + " lists no Artifacts.");
        }
        String source = a.path("Containerd").asText("").strip();
        ContainerdSource containerd;
        try {
            containerd = source.isEmpty() ? ContainerdSource.NONE : ContainerdSource.parse(source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid containerd source: " + source);
        }
        Set<String> installed = new LinkedHashSet<>();
        for (String artifact : ARTIFACTS) {
            if (a.path(artifact).asBoolean(false)) {
                installed.add(artifact);
            }
        }
        return new NodeadmTracker(containerd, installed);
    }

    public boolean has(String artifact) {
        return installed.contains(artifact);
    }

    public boolean kubeletInstalled() {
        return has("Kubelet");
    }

    /** The credential provider install put on the host: Ssm for ssm, IamRolesAnywhere for iam-ra (null: neither). */
    public CredentialProvider provider() {
        return has("Ssm") ? CredentialProvider.SSM : has("IamRolesAnywhere") ? CredentialProvider.IAM_RA : null;
    }
}
