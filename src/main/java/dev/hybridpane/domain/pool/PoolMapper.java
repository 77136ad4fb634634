package dev.hybridpane.domain.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.hybridpane.domain.Shown;
import dev.hybridpane.domain.profile.Node;
import dev.hybridpane.domain.profile.ProfileFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between {@link HybridNodePool} and the HybridNodePool object as it is stored in the cluster and applied from a
 * file ({@code apiVersion: hybridpane.dev/v1alpha1}, {@code kind: HybridNodePool}, {@code metadata.name}, namespace
 * {@code hybridpane-system}, {@code spec.site}, {@code spec.profile {name, version}}, {@code spec.labels},
 * {@code spec.taints[] {key, value, effect}}, {@code spec.architecture}, {@code spec.ntpServers},
 * {@code spec.hosts[] {host, vpnServerIp}}). What {@link #toYaml} writes, {@link #fromYaml} reads back equal. Reading
 * names the field of any problem in one line; unknown fields of the spec are refused (a typo must not be dropped
 * silently); metadata other than the name and namespace, and the status, are the cluster's and are ignored.
 */
public final class PoolMapper {
    public static final String API_VERSION = "hybridpane.dev/v1alpha1";
    public static final String KIND = "HybridNodePool";
    public static final String NAMESPACE = HybridNodePool.NAMESPACE;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private PoolMapper() {
    }

    /** The whole object, as ordered maps and lists (for a Kubernetes client's generic resource, or JSON/YAML). */
    public static Map<String, Object> toObject(HybridNodePool p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", API_VERSION);
        o.put("kind", KIND);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", p.name());
        meta.put("namespace", NAMESPACE);
        o.put("metadata", meta);
        o.put("spec", toSpec(p));
        return o;
    }

    /** The spec alone; empty optional fields are left out, hosts are always written (a pool may be empty). */
    public static Map<String, Object> toSpec(HybridNodePool p) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("site", p.site());
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", p.profile().name());
        profile.put("version", p.profile().version());
        spec.put("profile", profile);
        if (!p.labels().isEmpty()) {
            spec.put("labels", new LinkedHashMap<>(p.labels()));
        }
        if (!p.taints().isEmpty()) {
            List<Object> taints = new ArrayList<>();
            for (Taint t : p.taints()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", t.key());
                if (!t.value().isEmpty()) {
                    m.put("value", t.value());
                }
                m.put("effect", t.effect());
                taints.add(m);
            }
            spec.put("taints", taints);
        }
        if (!p.architecture().isEmpty()) {
            spec.put("architecture", p.architecture());
        }
        if (!p.ntpServers().isEmpty()) {
            spec.put("ntpServers", new ArrayList<>(p.ntpServers()));
        }
        List<Object> hosts = new ArrayList<>();
        for (PoolHost h : p.hosts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", h.host());
            if (!h.vpnServerIp().isEmpty()) {
                m.put("vpnServerIp", h.vpnServerIp());
            }
            hosts.add(m);
        }
        spec.put("hosts", hosts);
        return spec;
    }

    public static String toYaml(HybridNodePool p) {
        try {
            return YAML.writeValueAsString(toObject(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write pool " + p.name() + " as YAML", e);
        }
    }

    public static String toJson(HybridNodePool p) {
        try {
            return JSON.writeValueAsString(toObject(p)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write pool " + p.name() + " as JSON", e);
        }
    }

    /** Reads a YAML (or JSON, which is YAML) HybridNodePool document. */
    public static HybridNodePool fromYaml(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            String msg = e.getOriginalMessage() == null ? "unreadable"
                    : e.getOriginalMessage().strip().lines().findFirst().orElse("");
            throw new PoolFormatException("Not a YAML document" + where + ": " + msg);
        }
        return fromTree(root);
    }

    /** Reads the object from maps and lists, as a Kubernetes client hands a generic resource. */
    public static HybridNodePool fromObject(Map<String, ?> object) {
        return fromTree(JSON.valueToTree(object));
    }

    /** Reads a spec for a pool whose name comes from the object's metadata. */
    public static HybridNodePool fromSpec(String name, Map<String, ?> spec) {
        return spec(name, JSON.valueToTree(spec));
    }

    private static HybridNodePool fromTree(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new PoolFormatException("The document is empty: expected a " + KIND + ".");
        }
        if (!root.isObject()) {
            throw new PoolFormatException("Expected a " + KIND + " object, not a list or a value.");
        }
        String api = root.path("apiVersion").asText("");
        String kind = root.path("kind").asText("");
        if (!KIND.equals(kind) || !API_VERSION.equals(api)) {
            throw new PoolFormatException("Expected apiVersion " + API_VERSION + " and kind " + KIND + ", found "
                    + (api.isEmpty() ? "no apiVersion" : Shown.plain(api)) + " and " + (kind.isEmpty() ? "no kind" : Shown.plain(kind))
                    + ".");
        }
        JsonNode meta = root.path("metadata");
        String name = meta.path("name").asText("");
        PoolRules.name(name).ifPresent(p -> {
            throw new PoolFormatException("metadata.name: " + p);
        });
        String namespace = meta.path("namespace").asText("");
        if (!namespace.isEmpty() && !namespace.equals(NAMESPACE)) {
            throw new PoolFormatException("metadata.namespace: pools live in " + NAMESPACE + ", not " + Shown.plain(namespace) + ".");
        }
        JsonNode spec = root.get("spec");
        if (spec == null || !spec.isObject()) {
            throw new PoolFormatException("spec: missing; a " + KIND + " holds spec.site, spec.profile and spec.hosts.");
        }
        return spec(name, spec);
    }

    private static HybridNodePool spec(String name, JsonNode spec) {
        try {
            return read(name, new Node("spec", spec));
        } catch (ProfileFormatException e) {
            throw new PoolFormatException(e.getMessage());
        }
    }

    private static HybridNodePool read(String name, Node s) {
        s.only("site", "profile", "labels", "taints", "architecture", "ntpServers", "hosts");
        String site = s.requiredText("site");
        Node profile = s.object("profile");
        profile.only("name", "version");
        int version = profile.integer("version");
        if (version < 1) {
            throw new PoolFormatException("spec.profile.version: must be 1 or more, not " + version + ".");
        }
        ProfileRef ref = new ProfileRef(profile.requiredText("name"), version);
        List<Taint> taints = new ArrayList<>();
        for (Node t : s.list("taints")) {
            t.only("key", "value", "effect");
            taints.add(new Taint(t.requiredText("key"), t.text("value"), t.requiredText("effect")));
        }
        List<PoolHost> hosts = new ArrayList<>();
        for (Node h : s.list("hosts")) {
            h.only("host", "vpnServerIp");
            hosts.add(new PoolHost(h.requiredText("host"), h.text("vpnServerIp")));
        }
        return new HybridNodePool(name, site, ref, s.textMap("labels"), taints, s.text("architecture"),
                s.texts("ntpServers"), hosts);
    }
}
