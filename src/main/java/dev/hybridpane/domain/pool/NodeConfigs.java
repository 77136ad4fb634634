package dev.hybridpane.domain.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.hybridpane.domain.profile.KubernetesLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the NodeConfig of one host of a pool: the cluster's name and region, the profile version's Kubernetes layer
 * (kubelet configuration, extra kubelet flags, containerd TOML), the pool's node labels and taints as the kubelet's
 * {@code --node-labels=} and {@code --register-with-taints=} flags, and the host's credentials. Writes it as YAML and
 * masks the activation code for display ({@link #masked}).
 */
public final class NodeConfigs {
    public static final String API_VERSION = "node.eks.aws/v1alpha1";
    public static final String KIND = "NodeConfig";
    public static final String NODE_LABELS = "--node-labels=";
    public static final String REGISTER_WITH_TAINTS = "--register-with-taints=";
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());
    /**
     * An activationCode key in YAML or JSON and its value: a quoted text, or everything to the end of the line (a
     * plain YAML scalar may hold ',' and '}'); nothing on the line (a block scalar, or the value on the next lines).
     */
    private static final Pattern CODE = Pattern.compile("([\"']?activationCode[\"']?[ \\t]*:[ \\t]*)"
            + "(\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\n]|'')*'|[|>][^\\n]*|[^\\n\\r]*)");

    private NodeConfigs() {
    }

    /**
     * The NodeConfig of one host. The profile's own {@code --node-labels} and {@code --register-with-taints} flags are
     * merged into the pool's (HybridPane's labels and the pool's win over the profile's for the same key); its other
     * flags follow in their order. The credentials must be of the layer's credential provider.
     */
    public static NodeConfig build(String clusterName, String region, KubernetesLayer kubernetes, HybridNodePool pool,
                                   NodeCredentials credentials) {
        if (credentials.provider() != kubernetes.credentialProvider()) {
            throw new IllegalArgumentException("the profile version uses " + kubernetes.credentialProvider().id()
                    + ", but the credentials are " + credentials.provider().id());
        }
        Map<String, String> labels = new LinkedHashMap<>(pool.nodeLabels());
        Set<String> taints = new LinkedHashSet<>();
        pool.taints().forEach(t -> taints.add(t.spec()));
        List<String> other = new ArrayList<>();
        for (String flag : kubernetes.kubeletFlags()) {
            String f = flag.strip();
            if (f.startsWith(NODE_LABELS)) {
                for (String pair : f.substring(NODE_LABELS.length()).split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        labels.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            } else if (f.startsWith(REGISTER_WITH_TAINTS)) {
                for (String t : f.substring(REGISTER_WITH_TAINTS.length()).split(",")) {
                    if (!t.isBlank()) {
                        taints.add(t.strip());
                    }
                }
            } else {
                other.add(f);
            }
        }
        List<String> flags = new ArrayList<>();
        flags.add(NODE_LABELS + String.join(",", labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toList()));
        if (!taints.isEmpty()) {
            flags.add(REGISTER_WITH_TAINTS + String.join(",", taints));
        }
        flags.addAll(other);
        return new NodeConfig(clusterName, region, kubernetes.kubeletConfig(), flags, kubernetes.containerdConfig(),
                credentials);
    }

    /** The object as ordered maps: what is written to the host (the activation code in clear). */
    public static Map<String, Object> toObject(NodeConfig c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", API_VERSION);
        o.put("kind", KIND);
        Map<String, Object> spec = new LinkedHashMap<>();
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("name", c.clusterName());
        cluster.put("region", c.region());
        spec.put("cluster", cluster);
        if (!c.kubeletConfig().isEmpty() || !c.kubeletFlags().isEmpty()) {
            Map<String, Object> kubelet = new LinkedHashMap<>();
            if (!c.kubeletConfig().isEmpty()) {
                kubelet.put("config", c.kubeletConfig());
            }
            if (!c.kubeletFlags().isEmpty()) {
                kubelet.put("flags", c.kubeletFlags());
            }
            spec.put("kubelet", kubelet);
        }
        if (!c.containerdConfig().isBlank()) {
            spec.put("containerd", Map.of("config", c.containerdConfig()));
        }
        Map<String, Object> hybrid = new LinkedHashMap<>();
        if (c.credentials() instanceof NodeCredentials.Ssm s) {
            Map<String, Object> ssm = new LinkedHashMap<>();
            ssm.put("activationCode", s.activationCode());
            ssm.put("activationId", s.activationId());
            hybrid.put("ssm", ssm);
        } else if (c.credentials() instanceof NodeCredentials.RolesAnywhere r) {
            Map<String, Object> ra = new LinkedHashMap<>();
            ra.put("nodeName", r.nodeName());
            ra.put("trustAnchorArn", r.trustAnchorArn());
            ra.put("profileArn", r.profileArn());
            ra.put("roleArn", r.roleArn());
            ra.put("certificatePath", r.certificatePath());
            ra.put("privateKeyPath", r.privateKeyPath());
            hybrid.put("iamRolesAnywhere", ra);
        }
        spec.put("hybrid", hybrid);
        o.put("spec", spec);
        return o;
    }

    /** The YAML written to /etc/hybridpane/nodeconfig.yaml: a secret when it holds an activation code. */
    public static String toYaml(NodeConfig c) {
        try {
            return YAML.writeValueAsString(toObject(c));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the NodeConfig as YAML", e);
        }
    }

    /**
     * The text with every activation code's value replaced by {@code ****}, for plans, logs and journals. A value
     * written on the following, more indented lines (a YAML block scalar) is masked too.
     */
    public static String masked(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = CODE.matcher(text);
        StringBuilder b = new StringBuilder();
        int from = 0;
        while (from <= text.length() && m.find(from)) {
            b.append(text, from, m.start());
            String value = m.group(2);
            boolean quoted = value.startsWith("\"") || value.startsWith("'");
            String key = m.group(1);
            b.append(key).append(quoted ? value.charAt(0) + NodeCredentials.MASK + value.charAt(0)
                    : (key.endsWith(" ") || key.endsWith("\t") ? "" : " ") + NodeCredentials.MASK);
            from = m.end();
            if (!quoted && (value.isBlank() || value.startsWith("|") || value.startsWith(">"))) {
                from = skipIndented(text, from, indentOf(text, m.start()));
            }
        }
        b.append(text, Math.min(from, text.length()), text.length());
        return b.toString();
    }

    private static int indentOf(String text, int at) {
        int start = text.lastIndexOf('\n', at - 1) + 1;
        int i = start;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '-')) {
            i++;
        }
        return i - start;
    }

    /** From the end of a key's line, past the lines indented deeper than the key (its value); keeps the newline. */
    private static int skipIndented(String text, int from, int keyIndent) {
        int lineEnd = text.indexOf('\n', from);
        while (lineEnd >= 0 && lineEnd + 1 < text.length()) {
            int next = lineEnd + 1;
            int end = text.indexOf('\n', next);
            String line = text.substring(next, end < 0 ? text.length() : end);
            int indent = line.length() - line.stripLeading().length();
            if (!line.isBlank() && indent <= keyIndent) {
                break;
            }
            lineEnd = end < 0 ? text.length() : end;
            if (end < 0) {
                return text.length();
            }
        }
        return lineEnd < 0 ? text.length() : lineEnd;
    }
}
