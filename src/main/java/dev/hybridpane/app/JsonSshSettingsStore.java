package dev.hybridpane.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.core.edge.SshSettingsStore;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ssh.json in the per-user config directory: which key file this workstation uses per host (paths only,
 * never keys or passphrases). Writes go to a temporary file in the same
 * directory, then an atomic rename, so a crash never leaves a half-written file.
 */
public final class JsonSshSettingsStore implements SshSettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(JsonSshSettingsStore.class);

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

    public JsonSshSettingsStore(Path configDir) {
        this.file = configDir.resolve("ssh.json");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized SshSettings load() {
        if (!Files.isRegularFile(file)) {
            return SshSettings.EMPTY;
        }
        try {
            SshSettings s = json.readValue(file.toFile(), SshSettings.class);
            return s == null ? SshSettings.EMPTY : s;
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable SSH settings file {}: {}", file, e.getMessage());
            return SshSettings.EMPTY;
        }
    }

    @Override
    public synchronized void save(SshSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "ssh", ".tmp");
            try {
                json.writeValue(tmp.toFile(), settings);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.warn("Could not save SSH settings to {}: {}", file, e.getMessage());
        }
    }
}
