package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What HybridPane's import leaves in a cluster, for the lab clusters that start as already imported: the objects of
 * the very manifest the console applies (namespace hybridpane-system, the hybridpane.dev CRDs, RBAC), read here as a
 * class path resource and stored as a {@code kubectl apply} of it would store them (CRDs established). The lab reads
 * the file itself; it does not call the console's code.
 */
final class LabImportedFootprint {
    /** The console's import manifest, on the class path. */
    static final String MANIFEST = "/dev/hybridpane/manifest/hybridpane-system.yaml";

    private static volatile List<ObjectNode> objects;

    private LabImportedFootprint() {
    }

    /** The manifest's objects, parsed once per JVM (each call gets its own copies). */
    static List<ObjectNode> objects() {
        List<ObjectNode> parsed = objects;
        if (parsed == null) {
            parsed = parse();
            objects = parsed;
        }
        List<ObjectNode> copies = new ArrayList<>(parsed.size());
        parsed.forEach(o -> copies.add(o.deepCopy()));
        return copies;
    }

    private static List<ObjectNode> parse() {
        String text;
        try (InputStream in = LabImportedFootprint.class.getResourceAsStream(MANIFEST)) {
            if (in == null) {
                throw new IllegalStateException("the import manifest " + MANIFEST + " is missing from the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> docs;
        try {
            docs = LabManifestYaml.documents(text);
        } catch (IllegalArgumentException e) {
            docs = withJackson(text);
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode d : docs) {
            if (d instanceof ObjectNode o && o.has("kind")) {
                out.add(o);
            }
        }
        return List.copyOf(out);
    }

    /** The manifest read with Jackson's YAML support (SnakeYAML): the reference reading, slower cold. */
    static List<JsonNode> withJackson(String text) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(text)) {
            while (docs.hasNext()) {
                JsonNode d = docs.next();
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    out.add(d);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The manifest's text. */
    static String text() {
        try (InputStream in = LabImportedFootprint.class.getResourceAsStream(MANIFEST)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores the manifest's objects in a server, in the manifest's order (CRDs become established as they are stored). */
    static void apply(LabApiServer server, Instant created) {
        LabDiscovery discovery = server.discovery();
        for (ObjectNode o : objects()) {
            String apiVersion = o.path("apiVersion").asText();
            String kind = o.path("kind").asText();
            String plural = discovery.plural(apiVersion, kind);
            if (plural == null) {
                throw new IllegalStateException("the lab does not serve " + kind + " (" + apiVersion + ") of " + MANIFEST);
            }
            String base = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
            String ns = o.path("metadata").path("namespace").asText("");
            String path = base + (discovery.namespaced(apiVersion, kind) ? "/namespaces/" + (ns.isEmpty() ? "default" : ns) : "")
                    + "/" + plural;
            server.store(path, o, created);
        }
    }
}
