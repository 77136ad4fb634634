package dev.hybridpane.app;

import dev.hybridpane.core.hybrid.WorkspaceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** workspace.json in the config dir: the imported clusters (names and ARNs only, no secrets), written atomically. */
public final class JsonWorkspaceStore implements WorkspaceStore {
    private static final Logger LOG = LoggerFactory.getLogger(JsonWorkspaceStore.class);

    /** The file's shape. */
    public record WorkspaceFile(List<ImportedCluster> clusters) {
        public WorkspaceFile {
            clusters = clusters == null ? List.of() : List.copyOf(clusters);
        }
    }

    private final Path file;

    public JsonWorkspaceStore(Path configDir) {
        this.file = configDir.resolve("workspace.json");
        StaleTempFiles.sweep(configDir);
    }

    @Override
    public synchronized List<ImportedCluster> list() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return AtomicJson.read(file, WorkspaceFile.class).clusters();
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable workspace file {}: {}", file, e.getMessage());
            return List.of();
        }
    }

    @Override
    public synchronized void put(ImportedCluster cluster) {
        List<ImportedCluster> all = new ArrayList<>(list());
        all.removeIf(c -> c.region().equals(cluster.region()) && c.name().equals(cluster.name()));
        all.add(cluster);
        AtomicJson.write(file, new WorkspaceFile(all));
    }
}
