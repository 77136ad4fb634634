package dev.hybridpane.domain.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hybridpane.domain.Shown;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The two texts a profile holds must parse before anything is stored: the containerd TOML (Jackson's TOML parser)
 * and the {@code #cloud-config} (YAML, then the shapes of {@code write_files} and {@code runcmd} as cloud-init's
 * schema gives them).
 */
public final class TextFormats {
    public static final String CLOUD_CONFIG_HEADER = "#cloud-config";
    /** The keys cloud-init's schema knows for a write_files item. */
    public static final Set<String> WRITE_FILES_KEYS = Set.of("path", "content", "source", "owner", "permissions",
            "encoding", "append", "defer");
    public static final Set<String> ENCODINGS = Set.of("gz", "gzip", "gz+base64", "gzip+base64", "gz+b64", "gzip+b64",
            "b64", "base64", "text/plain");
    private static final TomlMapper TOML = new TomlMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TextFormats() {
    }

    /** Why the containerd TOML does not parse, or empty (blank text is no configuration, which is fine). */
    public static Optional<String> tomlProblem(String toml) {
        if (toml == null || toml.isBlank()) {
            return Optional.empty();
        }
        try {
            TOML.readTree(toml);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of("The containerd configuration is not valid TOML" + at(e) + ": " + firstLine(e.getOriginalMessage()) + ".");
        } catch (RuntimeException e) {
            return Optional.of("The containerd configuration is not valid TOML: " + firstLine(e.getMessage()) + ".");
        }
    }

    /** The problems of a cloud-config text (blank: none). The first line must be {@code #cloud-config}. */
    public static List<ProfileProblem> cloudConfigProblems(String field, String text) {
        List<ProfileProblem> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String first = text.strip().lines().findFirst().orElse("").strip();
        if (!first.equals(CLOUD_CONFIG_HEADER)) {
            out.add(ProfileProblem.error(field, "A cloud-config must begin with the line " + CLOUD_CONFIG_HEADER
                    + " (cloud-init ignores it otherwise), not '" + abbreviate(first) + "'."));
            return out;
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            out.add(ProfileProblem.error(field, "The cloud-config is not valid YAML" + at(e) + ": "
                    + firstLine(e.getOriginalMessage()) + "."));
            return out;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            out.add(ProfileProblem.error(field, "A cloud-config is a map of modules (write_files:, runcmd: ...), not a "
                    + kind(root) + "."));
            return out;
        }
        writeFiles(field, root.get("write_files"), out);
        runcmd(field, root.get("runcmd"), out);
        return out;
    }

    private static void writeFiles(String field, JsonNode files, List<ProfileProblem> out) {
        if (files == null || files.isNull()) {
            return;
        }
        if (!files.isArray()) {
            out.add(ProfileProblem.error(field, "write_files must be a list of files, not a " + kind(files) + "."));
            return;
        }
        for (int i = 0; i < files.size(); i++) {
            JsonNode f = files.get(i);
            String where = "write_files[" + i + "]";
            if (!f.isObject()) {
                out.add(ProfileProblem.error(field, where + " must be a map with path: and content:, not a " + kind(f) + "."));
                continue;
            }
            JsonNode path = f.get("path");
            if (path == null || !path.isTextual() || path.asText().isBlank()) {
                out.add(ProfileProblem.error(field, where + " needs a path: (the file to write)."));
            } else if (!path.asText().startsWith("/")) {
                out.add(ProfileProblem.error(field, where + " path " + Shown.quoted(path.asText()) + " must be absolute."));
            }
            for (String key : List.of("content", "owner", "encoding")) {
                JsonNode v = f.get(key);
                if (v != null && !v.isTextual()) {
                    out.add(ProfileProblem.error(field, where + " " + key + ": must be text, not a " + kind(v) + "."));
                }
            }
            JsonNode enc = f.get("encoding");
            if (enc != null && enc.isTextual() && !ENCODINGS.contains(enc.asText())) {
                out.add(ProfileProblem.error(field, where + " encoding " + Shown.quoted(enc.asText()) + " is not one of "
                        + String.join(", ", ENCODINGS.stream().sorted().toList()) + "."));
            }
            JsonNode perms = f.get("permissions");
            if (perms != null && !(perms.isIntegralNumber() || perms.isTextual() && perms.asText().matches("0?[0-7]{3,4}"))) {
                out.add(ProfileProblem.error(field, where + " permissions " + Shown.quoted(perms.asText())
                        + " must be octal, such as '0644'."));
            }
            for (String key : List.of("append", "defer")) {
                JsonNode v = f.get(key);
                if (v != null && !v.isBoolean()) {
                    out.add(ProfileProblem.error(field, where + " " + key + ": must be true or false."));
                }
            }
            f.fieldNames().forEachRemaining(k -> {
                if (!WRITE_FILES_KEYS.contains(k)) {
                    out.add(ProfileProblem.warning(field, where + " has " + Shown.quoted(k) + ", which cloud-init does not know; "
                            + "it will be ignored."));
                }
            });
        }
    }

    private static void runcmd(String field, JsonNode cmds, List<ProfileProblem> out) {
        if (cmds == null || cmds.isNull()) {
            return;
        }
        if (!cmds.isArray()) {
            out.add(ProfileProblem.error(field, "runcmd must be a list of commands, not a " + kind(cmds) + "."));
            return;
        }
        for (int i = 0; i < cmds.size(); i++) {
            JsonNode c = cmds.get(i);
            if (c.isTextual()) {
                continue;
            }
            boolean argv = c.isArray() && c.size() > 0;
            if (argv) {
                for (JsonNode a : c) {
                    argv &= a.isTextual();
                }
            }
            if (!argv) {
                out.add(ProfileProblem.error(field, "runcmd[" + i + "] must be a shell command (text) or a list of "
                        + "arguments (texts), not " + (c.isArray() ? "a list holding other values" : "a " + kind(c)) + "."));
            }
        }
    }

    private static String kind(JsonNode n) {
        if (n.isObject()) {
            return "map";
        }
        if (n.isArray()) {
            return "list";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "true/false value";
        }
        return n.isNull() ? "empty value" : "text";
    }

    private static String at(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ")";
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "unreadable";
        }
        String line = s.strip().lines().findFirst().orElse(s.strip());
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
