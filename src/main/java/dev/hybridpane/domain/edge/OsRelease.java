package dev.hybridpane.domain.edge;

import java.util.LinkedHashMap;
import java.util.Map;

/** /etc/os-release, parsed as the freedesktop spec says (KEY=value, optional quotes, # comments). */
public record OsRelease(String id, String versionId, String prettyName, String idLike) {

    public static OsRelease parse(String text) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            v.put(line.substring(0, eq).strip(), value.replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return new OsRelease(v.getOrDefault("ID", ""), v.getOrDefault("VERSION_ID", ""),
                v.getOrDefault("PRETTY_NAME", v.getOrDefault("NAME", "")), v.getOrDefault("ID_LIKE", ""));
    }
}
