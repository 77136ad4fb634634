package dev.hybridpane.domain.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.domain.Shown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON/YAML tree node with its path, whose readers fail with one line naming the field (a
 * {@link ProfileFormatException}; other documents' mappers rethrow its message as their own exception).
 */
public final class Node {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private final String path;
    private final JsonNode node;

    public Node(String path, JsonNode node) {
        this.path = path;
        this.node = node;
    }

    public String path() {
        return path;
    }

    private String at(String field) {
        return path + "." + field;
    }

    private static ProfileFormatException fail(String field, String message) {
        return new ProfileFormatException(field + ": " + message);
    }

    /** Refuses fields other than these. */
    public void only(String... fields) {
        Set<String> known = Set.of(fields);
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw fail(at(f), "unknown field; " + path + " has " + String.join(", ", fields) + ".");
            }
        });
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** Text, "" when absent. A number or true/false is refused: YAML reads 1.30 as the number 1.3. */
    public String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw fail(at(field), "must be text" + (v.isNumber() || v.isBoolean()
                    ? "; quote it (\"" + v.asText() + "\"), since YAML reads an unquoted " + v.asText() + " as a "
                    + (v.isNumber() ? "number" : "true/false value") : ", not a " + (v.isObject() ? "map" : "list")) + ".");
        }
        return v.asText();
    }

    public String requiredText(String field) {
        String t = text(field);
        if (t.isBlank()) {
            throw fail(at(field), "missing.");
        }
        return t;
    }

    public int integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw fail(at(field), "missing.");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw fail(at(field), "must be a whole number, not " + Shown.quoted(v.asText()) + ".");
        }
        return v.intValue();
    }

    public boolean bool(String field, boolean absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw fail(at(field), "must be true or false, not " + Shown.quoted(v.asText()) + ".");
        }
        return v.booleanValue();
    }

    public Node object(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw fail(at(field), "missing.");
        }
        if (!v.isObject()) {
            throw fail(at(field), "must be a map.");
        }
        return new Node(at(field), v);
    }

    /** A list of maps; empty when absent. */
    public List<Node> list(String field) {
        JsonNode v = node.get(field);
        List<Node> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw fail(at(field), "must be a list.");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw fail(at(field) + "[" + i + "]", "must be a map.");
            }
            out.add(new Node(at(field) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    /** A list of texts; empty when absent. */
    public List<String> texts(String field) {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw fail(at(field), "must be a list of texts.");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw fail(at(field) + "[" + i + "]", "must be text; quote it (\"" + v.get(i).asText() + "\").");
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    /** A map of texts; empty when absent. */
    public Map<String, String> textMap(String field) {
        JsonNode v = node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw fail(at(field), "must be a map.");
        }
        v.properties().forEach(e -> {
            JsonNode x = e.getValue();
            if (!x.isValueNode() || x.isNull()) {
                throw fail(at(field) + ProfileDiff.key(e.getKey()), "must be a value.");
            }
            out.put(e.getKey(), x.asText());
        });
        return out;
    }

    /** A map of any JSON values (kubelet configuration); empty when absent. */
    public Map<String, Object> tree(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw fail(at(field), "must be a map.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = PLAIN.convertValue(v, Map.class);
        try {
            return Frozen.tree(m, at(field));
        } catch (IllegalArgumentException e) {
            throw new ProfileFormatException(e.getMessage());
        }
    }
}
