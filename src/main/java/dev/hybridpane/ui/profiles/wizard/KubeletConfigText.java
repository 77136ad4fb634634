package dev.hybridpane.ui.profiles.wizard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kubelet configuration as the administrator types it: a YAML (or JSON, which is YAML) map merged into the
 * KubeletConfiguration. Written back as block YAML, so a version's map shows as it will read back equal.
 */
final class KubeletConfigText {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    /** The map, or the problem with the text. */
    record Parsed(Map<String, Object> map, String problem) {
    }

    private KubeletConfigText() {
    }

    static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Parsed(Map.of(), null);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                    : " (line " + e.getLocation().getLineNr() + ")";
            String why = e.getOriginalMessage() == null ? "unreadable"
                    : e.getOriginalMessage().strip().lines().findFirst().orElse("unreadable");
            return new Parsed(Map.of(), "Not valid YAML or JSON" + line + ": " + why);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new Parsed(Map.of(), null);
        }
        if (!root.isObject()) {
            return new Parsed(Map.of(), "The kubelet configuration is a map of KubeletConfiguration fields (such as "
                    + "maxPods: 110), not a list or a single value.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = YAML.convertValue(root, LinkedHashMap.class);
        if (map.containsValue(null) || hasNull(root)) {
            return new Parsed(Map.of(), "Give every field of the kubelet configuration a value (an empty one is null).");
        }
        return new Parsed(map, null);
    }

    private static boolean hasNull(JsonNode n) {
        if (n.isNull()) {
            return true;
        }
        for (JsonNode c : n) {
            if (hasNull(c)) {
                return true;
            }
        }
        return false;
    }

    static String render(Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return "";
        }
        try {
            return YAML.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the kubelet configuration as YAML", e);
        }
    }
}
