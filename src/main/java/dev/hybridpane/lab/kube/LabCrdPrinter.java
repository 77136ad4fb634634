package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridpane.lab.kube.LabPrinters.Column;
import dev.hybridpane.lab.kube.LabPrinters.Printer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom resource's printer, as the apiextensions server builds it: a Name column, then the CRD's
 * additionalPrinterColumns (or Age when it declares none), each cell found by a simple JSONPath
 * ({@code .spec.a.b}, {@code .status.list[0].x}, {@code .spec.list[-1:].x}); "date" cells become ages, as on a real server.
 */
final class LabCrdPrinter implements Printer {
    private final List<Column> columns = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    LabCrdPrinter(JsonNode additionalPrinterColumns) {
        columns.add(Column.objectName());
        paths.add(".metadata.name");
        if (!additionalPrinterColumns.isArray() || additionalPrinterColumns.isEmpty()) {
            columns.add(Column.of("Age", "date", "CreationTimestamp is a timestamp representing the server time when this object was created."));
            paths.add(".metadata.creationTimestamp");
            return;
        }
        for (JsonNode c : additionalPrinterColumns) {
            columns.add(new Column(c.path("name").asText(), c.path("type").asText("string"), c.path("format").asText(""),
                    c.path("description").asText(""), c.path("priority").asInt(0)));
            paths.add(c.path("jsonPath").asText(""));
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public List<Object> cells(JsonNode object, Instant now) {
        List<Object> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            JsonNode v = find(object, paths.get(i));
            String type = columns.get(i).type();
            if (v == null || v.isMissingNode() || v.isNull()) {
                cells.add(null);
            } else if ("date".equals(type)) {
                cells.add(LabPrinters.age(v, now));
            } else if ("integer".equals(type) && v.canConvertToLong()) {
                cells.add(v.asLong());
            } else if ("number".equals(type) && v.isNumber()) {
                cells.add(v.asDouble());
            } else if ("boolean".equals(type) && v.isBoolean()) {
                cells.add(v.asBoolean());
            } else {
                cells.add(v.isValueNode() ? v.asText() : v.toString());
            }
        }
        return cells;
    }

    /** Evaluates ".a.b[0].c" (optionally in braces) against a JSON object; null when absent. */
    static JsonNode find(JsonNode root, String jsonPath) {
        String p = jsonPath.strip();
        if (p.startsWith("{") && p.endsWith("}")) {
            p = p.substring(1, p.length() - 1);
        }
        if (p.startsWith("$")) {
            p = p.substring(1);
        }
        JsonNode cur = root;
        for (String part : p.split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            String field = part;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                field = part.substring(0, bracket);
            }
            if (!field.isEmpty()) {
                cur = cur.path(field);
            }
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                if (close < 0) {
                    return null;
                }
                try {
                    cur = index(cur, part.substring(bracket + 1, close).strip());
                } catch (NumberFormatException e) {
                    return null;
                }
                if (cur == null) {
                    return null;
                }
                bracket = part.indexOf('[', close);
            }
            if (cur.isMissingNode()) {
                return null;
            }
        }
        return cur;
    }

    /**
     * One subscript, as k8s.io/client-go/util/jsonpath evaluates it: an index {@code [i]} (negative counts from the
     * end) or a slice {@code [start:end]} ({@code [-1:]} is the last item). A slice yields a list of results, of which
     * the apiextensions table convertor prints the first; so does this (null when the slice is empty).
     */
    private static JsonNode index(JsonNode list, String subscript) {
        int size = list.isArray() ? list.size() : 0;
        int colon = subscript.indexOf(':');
        if (colon < 0) {
            int i = Integer.parseInt(subscript);
            return list.path(i < 0 ? i + size : i);
        }
        String from = subscript.substring(0, colon).strip();
        String rest = subscript.substring(colon + 1);
        int second = rest.indexOf(':');
        String to = (second < 0 ? rest : rest.substring(0, second)).strip();
        int start = from.isEmpty() ? 0 : Integer.parseInt(from);
        int end = to.isEmpty() ? size : Integer.parseInt(to);
        start = Math.max(0, Math.min(size, start < 0 ? start + size : start));
        end = Math.max(0, Math.min(size, end < 0 ? end + size : end));
        return start < end ? list.get(start) : null;
    }
}
