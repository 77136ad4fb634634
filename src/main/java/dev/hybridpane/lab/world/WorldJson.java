package dev.hybridpane.lab.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * world.yaml's tree written as JSON by the build (exec-maven-plugin, process-classes), with the CRC-32 of the YAML it
 * came from. The lab reads that instead of the YAML: the lab, and so the console's first view, waits for the world,
 * and reading the YAML loads and runs SnakeYAML and Jackson's YAML support cold at every start. In a cold JVM, with
 * Jackson's ObjectMapper already used once, the read took 78-89 ms from the YAML and 35-43 ms from the JSON. world.yaml
 * stays the source: a JSON whose CRC does not match it (say, an IDE build that copied an edited world.yaml but did not
 * run this step) is ignored, and the YAML is read.
 */
public final class WorldJson {
    static final String SOURCE_CRC = "sourceCrc32";
    static final String WORLD = "world";

    private WorldJson() {
    }

    /**
     * The build step: {@code WorldJson world.yaml world.json}. The world is first read as the lab reads it, so a world
     * file the lab would refuse fails the build, with where the fault is.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: WorldJson WORLD_YAML WORLD_JSON");
        }
        write(Files.readAllBytes(Path.of(args[0])), Path.of(args[1]));
    }

    static void write(byte[] yaml, Path json) throws IOException {
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        WorldReader.world(tree);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put(SOURCE_CRC, crc32(yaml));
        out.set(WORLD, tree);
        Files.write(json, new ObjectMapper().writeValueAsBytes(out));
    }

    /** The world in {@code json}, or null when there is none or it was made from other YAML than {@code yaml}. */
    static LabWorld read(InputStream json, byte[] yaml) throws IOException {
        if (json == null) {
            return null;
        }
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode world = root.get(WORLD);
        if (world == null || root.path(SOURCE_CRC).asLong(-1) != crc32(yaml)) {
            return null;
        }
        return WorldReader.world(world);
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
