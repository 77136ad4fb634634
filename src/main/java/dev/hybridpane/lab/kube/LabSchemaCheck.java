package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a custom object against its CustomResourceDefinition version's {@code openAPIV3Schema}, as the
 * apiextensions server does for a structural schema (k8s.io/apiextensions-apiserver validation and pruning):
 * {@code type}, {@code required}, {@code enum}, {@code pattern}, {@code minimum}, {@code minItems}, {@code nullable}, {@code properties}, {@code additionalProperties},
 * {@code items}, {@code x-kubernetes-int-or-string} and {@code x-kubernetes-preserve-unknown-fields}. Fields the
 * schema does not know are pruned (and named, for a Warning or a Strict refusal); apiVersion, kind and metadata are
 * the server's own and never pruned.
 *
 * <p>Each violation is a field error as k8s.io/apimachinery's {@code field.Error} prints it: {@code
 * field.Required} ("Required value", reason FieldValueRequired), {@code field.TypeInvalid} ("Invalid value:
 * \"string\": spec.port in body must be of type integer: \"string\"", FieldValueTypeInvalid) and {@code
 * field.NotSupported} ("Unsupported value: \"x\": supported values: \"a\", \"b\"", FieldValueNotSupported).
 */
final class LabSchemaCheck {
    /** One field error: its cause reason, its field path and its message body (without the path). */
    record FieldError(String reason, String field, String body) {
        @Override
        public String toString() {
            return field + ": " + body;
        }
    }

    /** What a check found: the violations, and the unknown fields it pruned (paths like spec.foo). */
    record Result(List<FieldError> errors, List<String> pruned) {
    }

    private final List<FieldError> errors = new ArrayList<>();
    private final List<String> pruned = new ArrayList<>();

    private LabSchemaCheck() {
    }

    /**
     * Checks {@code object} against {@code schema} (the version's openAPIV3Schema, or a missing node for none),
     * pruning unknown fields from it in place.
     */
    static Result check(ObjectNode object, JsonNode schema) {
        LabSchemaCheck c = new LabSchemaCheck();
        if (schema != null && schema.isObject()) {
            c.root(object, schema);
        }
        return new Result(List.copyOf(c.errors), List.copyOf(c.pruned));
    }

    private void root(ObjectNode object, JsonNode schema) {
        for (JsonNode r : schema.path("required")) {
            String name = r.asText();
            if (!isServerField(name) && (!object.has(name) || object.get(name).isNull())) {
                errors.add(new FieldError("FieldValueRequired", name, "Required value"));
            }
        }
        JsonNode properties = schema.path("properties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (isServerField(name)) {
                continue;
            }
            JsonNode sub = properties.get(name);
            if (sub == null && !preserve) {
                pruned.add(name);
                it.remove();
            } else if (sub != null) {
                if (e.getValue().isNull() && !sub.path("nullable").asBoolean(false)) {
                    it.remove();
                } else {
                    value(e.getValue(), sub, name);
                }
            }
        }
    }

    private static boolean isServerField(String name) {
        return name.equals("apiVersion") || name.equals("kind") || name.equals("metadata");
    }

    /** Checks one value at {@code path} against its schema, descending into objects and arrays. */
    private void value(JsonNode v, JsonNode schema, String path) {
        String type = schema.path("type").asText("");
        boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
        if (v.isNull()) {
            return;
        }
        if (intOrString) {
            if (!v.isIntegralNumber() && !v.isTextual()) {
                typeError(v, path, "integer,string");
                return;
            }
        } else if (!type.isEmpty() && !hasType(v, type)) {
            typeError(v, path, type);
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray() && !contains(allowed, v)) {
            List<String> values = new ArrayList<>();
            for (JsonNode a : allowed) {
                values.add(quote(a));
            }
            errors.add(new FieldError("FieldValueNotSupported", path,
                    "Unsupported value: " + quote(v) + ": supported values: " + String.join(", ", values)));
        }
        bounds(v, schema, path);
        if (v.isObject()) {
            object((ObjectNode) v, schema, path);
        } else if (v.isArray()) {
            JsonNode items = schema.get("items");
            if (items != null && items.isObject()) {
                for (int i = 0; i < v.size(); i++) {
                    value(v.get(i), items, path + "[" + i + "]");
                }
            }
        }
    }

    private void object(ObjectNode o, JsonNode schema, String path) {
        for (JsonNode r : schema.path("required")) {
            String name = r.asText();
            if (!o.has(name) || (o.get(name).isNull() && !schema.path("properties").path(name).path("nullable").asBoolean(false))) {
                errors.add(new FieldError("FieldValueRequired", path + "." + name, "Required value"));
            }
        }
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean anyAdditional = additional != null && additional.isBoolean() && additional.asBoolean();
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = path + "." + e.getKey();
            JsonNode sub = properties == null ? null : properties.get(e.getKey());
            if (sub == null && additional != null && additional.isObject()) {
                sub = additional;
            }
            if (sub == null) {
                if (!preserve && !anyAdditional) {
                    pruned.add(child);
                    it.remove();
                }
                continue;
            }
            if (e.getValue().isNull() && !sub.path("nullable").asBoolean(false)) {
                // a structural schema drops nulls where the field is not nullable
                it.remove();
                continue;
            }
            value(e.getValue(), sub, child);
        }
    }

    /**
     * {@code pattern} (an unanchored RE2 search, as Go's regexp.MatchString), {@code minimum} and {@code minItems},
     * as kube-openapi's validators word them (field.Invalid, reason FieldValueInvalid).
     */
    private void bounds(JsonNode v, JsonNode schema, String path) {
        JsonNode pattern = schema.get("pattern");
        if (pattern != null && pattern.isTextual() && v.isTextual()) {
            boolean matches;
            try {
                matches = Pattern.compile(pattern.asText()).matcher(v.asText()).find();
            } catch (PatternSyntaxException e) {
                matches = true;
            }
            if (!matches) {
                invalid(v, path, "should match '" + pattern.asText() + "'");
            }
        }
        JsonNode minimum = schema.get("minimum");
        if (minimum != null && minimum.isNumber() && v.isNumber() && v.decimalValue().compareTo(minimum.decimalValue()) < 0) {
            invalid(v, path, "should be greater than or equal to " + minimum.asText());
        }
        JsonNode minItems = schema.get("minItems");
        if (minItems != null && minItems.canConvertToInt() && v.isArray() && v.size() < minItems.asInt()) {
            invalid(v, path, "should have at least " + minItems.asInt() + " items");
        }
    }

    private void invalid(JsonNode v, String path, String rule) {
        errors.add(new FieldError("FieldValueInvalid", path, "Invalid value: " + quote(v) + ": " + path + " in body " + rule));
    }

    private void typeError(JsonNode v, String path, String type) {
        String actual = typeName(v);
        errors.add(new FieldError("FieldValueTypeInvalid", path, "Invalid value: \"" + actual + "\": " + path
                + " in body must be of type " + type + ": \"" + actual + "\""));
    }

    static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            default -> true;
        };
    }

    /** The JSON schema type of a value, as kube-openapi names it in its messages. */
    static String typeName(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isObject()) {
            return "object";
        }
        return "null";
    }

    private static boolean contains(JsonNode allowed, JsonNode v) {
        for (JsonNode a : allowed) {
            if (a.equals(v) || (a.isNumber() && v.isNumber() && a.decimalValue().compareTo(v.decimalValue()) == 0)) {
                return true;
            }
        }
        return false;
    }

    /** A value as field errors print it: strings quoted (Go's %q), anything else as JSON. */
    static String quote(JsonNode v) {
        if (v.isTextual()) {
            return "\"" + v.asText().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return v.toString();
    }
}
