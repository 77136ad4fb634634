package dev.hybridpane.ui.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the OS whether it prefers dark, the way each desktop publishes it:
 * <ul>
 * <li>macOS: the global {@code AppleInterfaceStyle} default ("Dark" when dark);</li>
 * <li>Windows: {@code AppsUseLightTheme} in the user's Personalize key (0 when dark);</li>
 * <li>Linux and other Unix desktops: {@code GTK_THEME} when it names a dark theme; else, when there is a session
 * bus, the XDG desktop portal's {@code org.freedesktop.appearance color-scheme} (GNOME 42+, KDE Plasma 5.24+ and
 * others: 1 dark, 2 light, 0 no preference); else GNOME's {@code color-scheme} and {@code gtk-theme} settings.</li>
 * </ul>
 * Blocking (runs short processes, each stopped after 2 s): call it off the FX thread.
 */
public final class OsThemeDetector {
    static final List<String> MAC = List.of("defaults", "read", "-g", "AppleInterfaceStyle");
    static final List<String> WINDOWS = List.of("reg", "query",
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v", "AppsUseLightTheme");
    static final List<String> PORTAL = List.of("gdbus", "call", "--session", "--timeout", "1",
            "--dest", "org.freedesktop.portal.Desktop", "--object-path", "/org/freedesktop/portal/desktop",
            "--method", "org.freedesktop.portal.Settings.Read", "org.freedesktop.appearance", "color-scheme");
    /** Both GNOME keys in one process: lines like "org.gnome.desktop.interface color-scheme 'prefer-dark'". */
    static final List<String> GNOME = List.of("gsettings", "list-recursively", "org.gnome.desktop.interface");

    /** More than any of the commands prints (gsettings' list: ~3 KB on GNOME 42-46), and within a pipe's buffer. */
    private static final int MAX_OUTPUT = 16 * 1024;
    private static final Pattern REG_DWORD = Pattern.compile("AppsUseLightTheme\\s+REG_DWORD\\s+0x([0-9a-fA-F]+)");
    private static final Pattern PORTAL_VALUE = Pattern.compile("uint32\\s+(\\d+)");

    private final String osName;
    private final Map<String, String> env;
    private final Function<List<String>, String> run;

    public OsThemeDetector() {
        this(System.getProperty("os.name", ""), System.getenv(), OsThemeDetector::run);
    }

    /**
     * @param run runs a command and answers its output, or "" when it failed, is missing or took too long
     */
    OsThemeDetector(String osName, Map<String, String> env, Function<List<String>, String> run) {
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.env = env;
        this.run = run;
    }

    /** True when the OS prefers a dark theme; false when light or unknown. */
    public boolean prefersDark() {
        if (osName.contains("mac")) {
            return run.apply(MAC).toLowerCase(Locale.ROOT).contains("dark");
        }
        if (osName.contains("win")) {
            Matcher m = REG_DWORD.matcher(run.apply(WINDOWS));
            return m.find() && Long.parseLong(m.group(1), 16) == 0;
        }
        String gtk = env.get("GTK_THEME");
        if (gtk != null && gtk.toLowerCase(Locale.ROOT).contains("dark")) {
            return true;
        }
        Optional<Boolean> portal = sessionBus() ? portal(run.apply(PORTAL)) : Optional.empty();
        if (portal.isPresent()) {
            return portal.get();
        }
        String gnome = run.apply(GNOME).toLowerCase(Locale.ROOT);
        String scheme = gnomeKey(gnome, "color-scheme");
        if (scheme.contains("prefer-dark")) {
            return true;
        }
        if (scheme.contains("prefer-light")) {
            return false;
        }
        // before GNOME 42 a dark desktop was a dark GTK theme (e.g. 'Adwaita-dark', 'Yaru-dark')
        return gnomeKey(gnome, "gtk-theme").contains("dark");
    }

    /**
     * Whether there is a session bus to ask the portal on. Desktop sessions publish it (systemd's in
     * {@code XDG_RUNTIME_DIR}, others in {@code DBUS_SESSION_BUS_ADDRESS}). Without either (a remote X11 or
     * virtual display), gdbus could only try to start a new bus of its own, which has no portal to answer.
     */
    private boolean sessionBus() {
        return set("DBUS_SESSION_BUS_ADDRESS") || set("XDG_RUNTIME_DIR");
    }

    private boolean set(String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    /** One key's value in gsettings' list, or "". */
    static String gnomeKey(String list, String key) {
        Matcher m = Pattern.compile("(?m)^\\S+\\s+" + Pattern.quote(key) + "\\s+(.*)$").matcher(list);
        return m.find() ? m.group(1).strip() : "";
    }

    /** The portal's answer, e.g. "(&lt;&lt;uint32 1&gt;&gt;,)": dark (1), light (2), or empty (0: no preference; no answer). */
    static Optional<Boolean> portal(String output) {
        Matcher m = PORTAL_VALUE.matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        return switch (m.group(1)) {
            case "1" -> Optional.of(true);
            case "2" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            // waited for first, so that a command that hangs cannot block the read: the answers are at most a few
            // KB (gsettings' list of the interface keys is the longest), which the pipe holds until they are read
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
                return p.exitValue() == 0 ? out : "";
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
