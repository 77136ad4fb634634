package dev.hybridpane.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The OS's usual per-user config directory for HybridPane. */
public final class ConfigDirs {
    private ConfigDirs() {
    }

    public static Path resolve(String osName, Map<String, String> env, String userHome) {
        String override = env.get("HYBRIDPANE_CONFIG_DIR");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData, "HybridPane") : Path.of(userHome, "AppData", "Roaming", "HybridPane");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Application Support", "HybridPane");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "hybridpane") : Path.of(userHome, ".config", "hybridpane");
    }

    public static Path current() {
        return resolve(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"));
    }
}
