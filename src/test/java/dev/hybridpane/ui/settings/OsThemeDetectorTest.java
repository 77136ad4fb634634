package dev.hybridpane.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each desktop answers, as the commands print it, and the preference read from it. */
class OsThemeDetectorTest {

    static Stream<Arguments> answers() {
        return Stream.of(
                // macOS: the key exists only in dark mode
                Arguments.of("Mac OS X", Map.of(), Map.of(OsThemeDetector.MAC, "Dark\n"), true),
                Arguments.of("Mac OS X", Map.of(), Map.of(), false),
                // Windows: 0 = apps use the dark theme
                Arguments.of("Windows 11", Map.of(), Map.of(OsThemeDetector.WINDOWS,
                        "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n"
                                + "    AppsUseLightTheme    REG_DWORD    0x0\r\n"), true),
                Arguments.of("Windows 11", Map.of(), Map.of(OsThemeDetector.WINDOWS,
                        "    AppsUseLightTheme    REG_DWORD    0x1\r\n"), false),
                Arguments.of("Windows 10", Map.of(), Map.of(), false),
                // Linux: the XDG portal first (GNOME 42+, Plasma 5.24+)
                Arguments.of("Linux", BUS, Map.of(OsThemeDetector.PORTAL, "(<<uint32 1>>,)\n"), true),
                Arguments.of("Linux", SYSTEMD, Map.of(OsThemeDetector.PORTAL, "(<uint32 1>,)\n"), true),
                // the portal says light: GNOME's own dark GTK theme is not asked
                Arguments.of("Linux", BUS, Map.of(OsThemeDetector.PORTAL, "(<<uint32 2>>,)\n",
                        OsThemeDetector.GNOME, gnome("'default'", "'Adwaita-dark'")), false),
                // no preference in the portal: GNOME's settings decide
                Arguments.of("Linux", BUS, Map.of(OsThemeDetector.PORTAL, "(<<uint32 0>>,)\n",
                        OsThemeDetector.GNOME, gnome("'prefer-dark'", "'Adwaita'")), true),
                // no session bus (a remote X11 or virtual display): the portal is not asked, GNOME's settings are
                Arguments.of("Linux", Map.of(), Map.of(OsThemeDetector.PORTAL, "(<<uint32 2>>,)\n",
                        OsThemeDetector.GNOME, gnome("'prefer-dark'", "'Adwaita'")), true),
                Arguments.of("Linux", Map.of(), Map.of(OsThemeDetector.GNOME, gnome("'default'", "'Yaru-dark'")), true),
                Arguments.of("Linux", Map.of(), Map.of(OsThemeDetector.GNOME, gnome("'prefer-light'", "'Adwaita-dark'")), false),
                Arguments.of("Linux", Map.of(), Map.of(OsThemeDetector.GNOME, gnome("'default'", "'Adwaita'")), false),
                // before GNOME 42 there is no color-scheme key
                Arguments.of("Linux", Map.of(), Map.of(OsThemeDetector.GNOME,
                        "org.gnome.desktop.interface gtk-color-scheme ''\norg.gnome.desktop.interface gtk-theme 'Adwaita-dark'\n"), true),
                // GTK_THEME set by the user wins
                Arguments.of("Linux", Map.of("GTK_THEME", "Adwaita:dark"), Map.of(OsThemeDetector.PORTAL, "(<<uint32 2>>,)"), true),
                // nothing answers (no desktop, commands missing): light
                Arguments.of("Linux", Map.of(), Map.of(), false),
                Arguments.of("FreeBSD", BUS, Map.of(OsThemeDetector.PORTAL, "(<<uint32 1>>,)"), true));
    }

    /** A desktop session's bus, as its environment names it. */
    private static final Map<String, String> BUS = Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus");
    private static final Map<String, String> SYSTEMD = Map.of("XDG_RUNTIME_DIR", "/run/user/1000");

    /** gsettings' list of org.gnome.desktop.interface, as it prints it (only the lines that matter, in its order). */
    private static String gnome(String colorScheme, String gtkTheme) {
        return "org.gnome.desktop.interface clock-show-seconds false\n"
                + "org.gnome.desktop.interface color-scheme " + colorScheme + "\n"
                + "org.gnome.desktop.interface gtk-color-scheme ''\n"
                + "org.gnome.desktop.interface gtk-theme " + gtkTheme + "\n";
    }

    @ParameterizedTest(name = "{0} {1} {2} -> dark {3}")
    @MethodSource("answers")
    void readsThePreferenceFromWhatTheDesktopAnswers(String os, Map<String, String> env, Map<List<String>, String> outputs,
            boolean dark) {
        assertThat(new OsThemeDetector(os, env, c -> outputs.getOrDefault(c, "")).prefersDark()).isEqualTo(dark);
    }

    @Test
    void asksNoMoreThanItNeeds() {
        List<List<String>> asked = new ArrayList<>();
        new OsThemeDetector("Linux", BUS, c -> {
            asked.add(c);
            return c.equals(OsThemeDetector.PORTAL) ? "(<<uint32 1>>,)" : "";
        }).prefersDark();
        assertThat(asked).containsExactly(OsThemeDetector.PORTAL);
    }

    @Test
    void withoutASessionBusThePortalIsNotAsked() {
        List<List<String>> asked = new ArrayList<>();
        new OsThemeDetector("Linux", Map.of("DISPLAY", ":99", "XDG_RUNTIME_DIR", " "), c -> {
            asked.add(c);
            return "";
        }).prefersDark();
        assertThat(asked).containsExactly(OsThemeDetector.GNOME);
    }
}
