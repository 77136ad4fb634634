package dev.hybridpane.app;

import dev.hybridpane.core.Settings;
import dev.hybridpane.core.SettingsStore;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * settings.json in the per-user config directory. Writes go to a temporary file in the same
 * directory, then an atomic rename, so a crash never leaves a half-written file.
 */
public final class JsonSettingsStore implements SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(JsonSettingsStore.class);

    private final Path file;

    public JsonSettingsStore(Path configDir) {
        this.file = configDir.resolve("settings.json");
        StaleTempFiles.sweep(configDir);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Settings load() {
        return AtomicJson.readOr(file, Settings.class, Settings.DEFAULTS, LOG);
    }

    @Override
    public synchronized void save(Settings settings) {
        AtomicJson.writeOrWarn(file, settings, LOG);
    }
}
