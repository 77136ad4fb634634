package dev.hybridpane.core.hybrid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** HybridPane's footprint manifest (namespace hybridpane-system, the hybridpane.dev CRDs, RBAC), from the class path. */
public final class FootprintManifest {
    public static final String RESOURCE = "/dev/hybridpane/manifest/hybridpane-system.yaml";
    public static final String NAMESPACE = "hybridpane-system";
    public static final String GROUP = "hybridpane.dev";
    public static final String VERSION = "v1alpha1";
    public static final String MANIFEST_VERSION = "1";

    private FootprintManifest() {
    }

    public static String yaml() {
        try (InputStream in = FootprintManifest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the manifest " + RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest's documents, in order (split on "---" lines). */
    public static List<String> documents(String yaml) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : yaml.split("\n", -1)) {
            if (line.strip().equals("---")) {
                add(out, cur);
                cur.setLength(0);
            } else {
                cur.append(line).append('\n');
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder doc) {
        boolean content = doc.toString().lines().anyMatch(l -> !l.isBlank() && !l.strip().startsWith("#"));
        if (content) {
            out.add(doc.toString());
        }
    }
}
