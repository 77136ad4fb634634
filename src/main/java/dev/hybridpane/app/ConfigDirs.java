package dev.hybridpane.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The OS's usual per-user directories for HybridPane: config (settings, workspace) and cache. */
public final class ConfigDirs {
    /** The system property that overrides the config directory of this process, as HYBRIDPANE_CONFIG_DIR does a user's. */
    public static final String PROPERTY = "hybridpane.configDir";

    private ConfigDirs() {
    }

    /** The per-user config directory (HYBRIDPANE_CONFIG_DIR overrides it). */
    public static Path resolve(String osName, Map<String, String> env, String userHome) {
        return userDir(osName, env, userHome, "HYBRIDPANE_CONFIG_DIR", "APPDATA", "Roaming", Path.of("HybridPane"),
                Path.of("Library", "Application Support", "HybridPane"), "XDG_CONFIG_HOME", ".config");
    }

    /** The per-user cache directory (HYBRIDPANE_CACHE_DIR overrides it). */
    public static Path cache(String osName, Map<String, String> env, String userHome) {
        return userDir(osName, env, userHome, "HYBRIDPANE_CACHE_DIR", "LOCALAPPDATA", "Local", Path.of("HybridPane", "cache"),
                Path.of("Library", "Caches", "HybridPane"), "XDG_CACHE_HOME", ".cache");
    }

    /**
     * The config directory of this process: the system property {@value #PROPERTY} when set (tests and benches that run
     * the CLI in-process), else {@link #resolve} of the OS, the environment and the home.
     */
    public static Path current() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return resolve(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"));
    }

    /**
     * Windows: {@code windowsSub} under the folder in {@code windowsVar} (else under ~/AppData/{@code windowsFolder});
     * macOS: {@code mac} under the home; elsewhere hybridpane under the XDG directory in {@code xdgVar} (else
     * ~/{@code xdgDefault}).
     */
    private static Path userDir(String osName, Map<String, String> env, String userHome, String overrideVar,
            String windowsVar, String windowsFolder, Path windowsSub, Path mac, String xdgVar, String xdgDefault) {
        String override = env.get(overrideVar);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String base = env.get(windowsVar);
            return (base != null ? Path.of(base) : Path.of(userHome, "AppData", windowsFolder)).resolve(windowsSub);
        }
        if (os.contains("mac")) {
            return Path.of(userHome).resolve(mac);
        }
        String xdg = env.get(xdgVar);
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "hybridpane") : Path.of(userHome, xdgDefault, "hybridpane");
    }
}
