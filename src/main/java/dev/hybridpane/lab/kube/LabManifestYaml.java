package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the plain block YAML of a Kubernetes manifest (documents split by {@code ---}, block mappings and
 * sequences, one-line flow lists and maps, plain, single- and double-quoted scalars, whole-line comments) into JSON
 * trees, without SnakeYAML: loading and warming it cold took ~250 ms at every lab start, for a file of a few kB.
 * Anything else (anchors, tags, block scalars, multi-line flows, trailing comments) throws
 * {@link IllegalArgumentException}, and the caller reads the file with Jackson's YAML support instead;
 * LabImportedFootprintTest checks both readings of the manifest agree.
 */
final class LabManifestYaml {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private record Line(int indent, String text, int number) {
    }

    private final List<Line> lines;
    private int pos;

    private LabManifestYaml(List<Line> lines) {
        this.lines = lines;
    }

    /** The documents of a manifest, in order (empty documents skipped). */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> out = new ArrayList<>();
        List<Line> doc = new ArrayList<>();
        String[] raw = yaml.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String l = raw[i];
            String stripped = l.strip();
            if (stripped.equals("---")) {
                add(out, doc);
                doc = new ArrayList<>();
                continue;
            }
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            if (l.indexOf('\t') >= 0 || stripped.startsWith("%") || stripped.equals("...")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": not plain block YAML");
            }
            int indent = l.length() - l.stripLeading().length();
            doc.add(new Line(indent, l.strip(), i + 1));
        }
        add(out, doc);
        return out;
    }

    private static void add(List<JsonNode> out, List<Line> doc) {
        if (doc.isEmpty()) {
            return;
        }
        LabManifestYaml p = new LabManifestYaml(doc);
        JsonNode node = p.block(doc.get(0).indent());
        if (p.pos != doc.size()) {
            throw new IllegalArgumentException("line " + doc.get(p.pos).number() + ": unexpected indentation");
        }
        out.add(node);
    }

    private JsonNode block(int indent) {
        Line first = lines.get(pos);
        if (first.indent() != indent) {
            throw new IllegalArgumentException("line " + first.number() + ": unexpected indentation");
        }
        return isItem(first.text()) ? sequence(indent) : mapping(indent, null);
    }

    private static boolean isItem(String text) {
        return text.equals("-") || text.startsWith("- ");
    }

    private ArrayNode sequence(int indent) {
        ArrayNode a = F.arrayNode();
        while (pos < lines.size() && lines.get(pos).indent() == indent && isItem(lines.get(pos).text())) {
            Line l = lines.get(pos);
            String rest = l.text().equals("-") ? "" : l.text().substring(2).strip();
            int restIndent = indent + (l.text().length() - l.text().substring(1).stripLeading().length());
            if (rest.isEmpty()) {
                pos++;
                a.add(pos < lines.size() && lines.get(pos).indent() > indent ? block(lines.get(pos).indent()) : F.nullNode());
            } else if (isItem(rest)) {
                throw new IllegalArgumentException("line " + l.number() + ": nested inline sequence");
            } else if (keyOf(rest) != null) {
                // a mapping whose first entry is on the item's line: the others are indented to it
                a.add(mapping(restIndent, new Line(restIndent, rest, l.number())));
            } else {
                pos++;
                a.add(scalar(rest, l.number()));
            }
        }
        return a;
    }

    /** A block mapping at {@code indent}; {@code first} is an entry already read from a sequence item's line. */
    private ObjectNode mapping(int indent, Line first) {
        ObjectNode o = F.objectNode();
        Line l = first;
        if (l != null) {
            pos++;
        }
        while (true) {
            if (l == null) {
                if (pos >= lines.size() || lines.get(pos).indent() != indent || isItem(lines.get(pos).text())) {
                    return o;
                }
                l = lines.get(pos++);
            }
            String key = keyOf(l.text());
            if (key == null) {
                throw new IllegalArgumentException("line " + l.number() + ": expected key: value");
            }
            String rawKey = l.text().substring(0, l.text().indexOf(':', key.startsWith("\"") ? 1 : 0));
            String value = l.text().substring(rawKey.length() + 1).strip();
            String name = unquoteKey(rawKey.strip(), l.number());
            if (o.has(name)) {
                throw new IllegalArgumentException("line " + l.number() + ": duplicate key " + name);
            }
            if (!value.isEmpty()) {
                o.set(name, scalar(value, l.number()));
            } else if (pos < lines.size() && (lines.get(pos).indent() > indent
                    || (lines.get(pos).indent() == indent && isItem(lines.get(pos).text())))) {
                o.set(name, block(lines.get(pos).indent()));
            } else {
                o.set(name, F.nullNode());
            }
            l = null;
        }
    }

    /** The key of a "key: value" or "key:" line, or null when the text is not a mapping entry. */
    private static String keyOf(String text) {
        if (text.startsWith("\"") || text.startsWith("'") || text.startsWith("[") || text.startsWith("{")) {
            return text.startsWith("\"") && text.indexOf("\":") > 0 ? text.substring(0, text.indexOf("\":") + 1) : null;
        }
        int c = text.indexOf(": ");
        if (c < 0 && text.endsWith(":")) {
            c = text.length() - 1;
        }
        return c > 0 ? text.substring(0, c) : null;
    }

    private static String unquoteKey(String key, int line) {
        if (key.startsWith("\"")) {
            return doubleQuoted(key, line);
        }
        return key;
    }

    private static JsonNode scalar(String v, int line) {
        if (v.contains(" #") || v.startsWith("&") || v.startsWith("*") || v.startsWith("!") || v.startsWith("|")
                || v.startsWith(">") || v.startsWith("@") || v.startsWith("`")) {
            throw new IllegalArgumentException("line " + line + ": unsupported scalar " + v);
        }
        if (v.startsWith("[")) {
            return flowSequence(v, line);
        }
        if (v.startsWith("{")) {
            return flowMapping(v, line);
        }
        if (v.startsWith("\"")) {
            return F.textNode(doubleQuoted(v, line));
        }
        if (v.startsWith("'")) {
            if (v.length() < 2 || !v.endsWith("'")) {
                throw new IllegalArgumentException("line " + line + ": unterminated quote");
            }
            return F.textNode(v.substring(1, v.length() - 1).replace("''", "'"));
        }
        return plain(v, line);
    }

    private static JsonNode plain(String v, int line) {
        switch (v) {
            case "true", "True", "TRUE":
                return F.booleanNode(true);
            case "false", "False", "FALSE":
                return F.booleanNode(false);
            case "null", "Null", "NULL", "~":
                return F.nullNode();
            default:
                break;
        }
        if (INT.matcher(v).matches()) {
            try {
                return F.numberNode(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + line + ": large number " + v);
            }
        }
        if (FLOAT.matcher(v).matches() || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("no")
                || v.equalsIgnoreCase("on") || v.equalsIgnoreCase("off") || v.startsWith("0x") || v.startsWith("0o")
                || v.contains(": ") || v.endsWith(":")) {
            throw new IllegalArgumentException("line " + line + ": ambiguous scalar " + v);
        }
        return F.textNode(v);
    }

    private static String doubleQuoted(String v, int line) {
        if (v.length() < 2 || !v.endsWith("\"")) {
            throw new IllegalArgumentException("line " + line + ": unterminated quote");
        }
        String body = v.substring(1, v.length() - 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                throw new IllegalArgumentException("line " + line + ": unescaped quote");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i >= body.length()) {
                throw new IllegalArgumentException("line " + line + ": dangling escape");
            }
            char e = body.charAt(i);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                default -> throw new IllegalArgumentException("line " + line + ": unsupported escape \\" + e);
            }
        }
        return b.toString();
    }

    private static List<String> flowItems(String v, char open, char close, int line) {
        if (v.charAt(0) != open || !v.endsWith(String.valueOf(close))) {
            throw new IllegalArgumentException("line " + line + ": unterminated flow collection");
        }
        String body = v.substring(1, v.length() - 1).strip();
        List<String> items = new ArrayList<>();
        if (body.isEmpty()) {
            return items;
        }
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == '\\' && quote == '"' && i + 1 < body.length()) {
                    cur.append(body.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                cur.append(c);
            } else if (c == '[' || c == '{' || c == ']' || c == '}') {
                throw new IllegalArgumentException("line " + line + ": nested flow collection");
            } else if (c == ',') {
                items.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        items.add(cur.toString().strip());
        if (items.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("line " + line + ": empty flow item");
        }
        return items;
    }

    private static ArrayNode flowSequence(String v, int line) {
        ArrayNode a = F.arrayNode();
        for (String item : flowItems(v, '[', ']', line)) {
            a.add(scalar(item, line));
        }
        return a;
    }

    private static ObjectNode flowMapping(String v, int line) {
        ObjectNode o = F.objectNode();
        for (String item : flowItems(v, '{', '}', line)) {
            String key = keyOf(item);
            if (key == null || item.endsWith(":")) {
                throw new IllegalArgumentException("line " + line + ": expected key: value in " + v);
            }
            o.set(unquoteKey(key.strip(), line), scalar(item.substring(key.length() + 1).strip(), line));
        }
        return o;
    }
}
