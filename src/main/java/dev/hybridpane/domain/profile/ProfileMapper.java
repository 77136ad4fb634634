package dev.hybridpane.domain.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.hybridpane.domain.Shown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between the domain model and the ClusterProfile object as it is stored in the cluster and exported
 * ({@code apiVersion: hybridpane.dev/v1alpha1}, {@code kind: ClusterProfile}, {@code metadata.name},
 * {@code spec.versions[]} each with {@code version}, {@code createdAt}, {@code createdBy} and the layers
 * {@code os}, {@code kubernetes}, {@code network}). What {@link #toYaml} writes, {@link #fromYaml} reads back equal,
 * so an exported file can be applied as it is. Reading names the field of any problem in one line; unknown fields
 * of the spec are refused (a typo must not be dropped silently); metadata other than the name and the status are
 * the cluster's and are ignored.
 */
public final class ProfileMapper {
    public static final String API_VERSION = "hybridpane.dev/v1alpha1";
    public static final String KIND = "ClusterProfile";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private ProfileMapper() {
    }

    /** The whole object, as ordered maps and lists (for a Kubernetes client's generic resource, or JSON/YAML). */
    public static Map<String, Object> toObject(ClusterProfile p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", API_VERSION);
        o.put("kind", KIND);
        o.put("metadata", new LinkedHashMap<>(Map.of("name", p.name())));
        o.put("spec", toSpec(p));
        return o;
    }

    /** The spec alone: {@code versions: [...]}. */
    public static Map<String, Object> toSpec(ClusterProfile p) {
        List<Object> versions = new ArrayList<>();
        p.versions().forEach(v -> versions.add(version(v)));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("versions", versions);
        return spec;
    }

    public static String toYaml(ClusterProfile p) {
        try {
            return YAML.writeValueAsString(toObject(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write profile " + p.name() + " as YAML", e);
        }
    }

    public static String toJson(ClusterProfile p) {
        try {
            return JSON.writeValueAsString(toObject(p)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write profile " + p.name() + " as JSON", e);
        }
    }

    /** Reads a YAML (or JSON, which is YAML) ClusterProfile document. */
    public static ClusterProfile fromYaml(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            String msg = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().strip().lines().findFirst().orElse("");
            throw new ProfileFormatException("Not a YAML document" + where + ": " + msg);
        }
        return fromTree(root);
    }

    /** Reads the object from maps and lists, as a Kubernetes client hands a generic resource. */
    public static ClusterProfile fromObject(Map<String, ?> object) {
        return fromTree(JSON.valueToTree(object));
    }

    /** Reads a spec ({@code versions: [...]}) for a profile whose name comes from the object's metadata. */
    public static ClusterProfile fromSpec(String name, Map<String, ?> spec) {
        return spec(name, JSON.valueToTree(spec));
    }

    private static ClusterProfile fromTree(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ProfileFormatException("The document is empty: expected a " + KIND + ".");
        }
        if (!root.isObject()) {
            throw new ProfileFormatException("Expected a " + KIND + " object, not a list or a value.");
        }
        String api = root.path("apiVersion").asText("");
        String kind = root.path("kind").asText("");
        if (!KIND.equals(kind) || !API_VERSION.equals(api)) {
            throw new ProfileFormatException("Expected apiVersion " + API_VERSION + " and kind " + KIND + ", found "
                    + (api.isEmpty() ? "no apiVersion" : Shown.plain(api)) + " and " + (kind.isEmpty() ? "no kind" : Shown.plain(kind))
                    + ".");
        }
        String name = root.path("metadata").path("name").asText("");
        ProfileRules.name(name).ifPresent(p -> {
            throw new ProfileFormatException("metadata.name: " + p);
        });
        JsonNode spec = root.get("spec");
        if (spec == null || !spec.isObject()) {
            throw new ProfileFormatException("spec: missing; a " + KIND + " holds spec.versions.");
        }
        return spec(name, spec);
    }

    private static ClusterProfile spec(String name, JsonNode spec) {
        Node s = new Node("spec", spec);
        s.only("versions");
        List<Node> items = s.list("versions");
        if (items.isEmpty()) {
            throw new ProfileFormatException("spec.versions: a profile needs at least one version.");
        }
        List<ProfileVersion> versions = new ArrayList<>();
        for (Node item : items) {
            versions.add(version(item));
        }
        try {
            return new ClusterProfile(name, versions);
        } catch (IllegalArgumentException e) {
            throw new ProfileFormatException("spec.versions: " + e.getMessage());
        }
    }

    private static Map<String, Object> version(ProfileVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.number());
        if (v.createdAt() != null) {
            m.put("createdAt", v.createdAt().toString());
        }
        if (!v.createdBy().isEmpty()) {
            m.put("createdBy", v.createdBy());
        }
        m.put("os", ProfileLayerMaps.os(v.os()));
        m.put("kubernetes", ProfileLayerMaps.kubernetes(v.kubernetes()));
        m.put("network", ProfileLayerMaps.network(v.network()));
        return m;
    }

    private static ProfileVersion version(Node n) {
        n.only("version", "createdAt", "createdBy", "os", "kubernetes", "network");
        int number = n.integer("version");
        if (number < 1) {
            throw new ProfileFormatException(n.path() + ".version: must be 1 or more, not " + number + ".");
        }
        Instant at = null;
        String text = n.text("createdAt");
        if (!text.isEmpty()) {
            try {
                at = Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                throw new ProfileFormatException(n.path() + ".createdAt: " + Shown.quoted(text) + " is not a time such as 2026-12-07T10:15:30Z.");
            }
        }
        ProfileLayers layers = new ProfileLayers(ProfileLayerMaps.os(n.object("os")),
                ProfileLayerMaps.kubernetes(n.object("kubernetes")), ProfileLayerMaps.network(n.object("network")));
        return new ProfileVersion(number, at, n.text("createdBy"), layers);
    }
}
