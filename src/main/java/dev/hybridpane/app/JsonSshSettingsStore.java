package dev.hybridpane.app;

import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.core.edge.SshSettingsStore;
import java.nio.file.Path;
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

    public JsonSshSettingsStore(Path configDir) {
        this.file = configDir.resolve("ssh.json");
        StaleTempFiles.sweep(configDir);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized SshSettings load() {
        return AtomicJson.readOr(file, SshSettings.class, SshSettings.EMPTY, LOG);
    }

    @Override
    public synchronized void save(SshSettings settings) {
        AtomicJson.writeOrWarn(file, settings, LOG);
    }
}
