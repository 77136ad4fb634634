package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndLeavesNoTemporaryFiles() throws Exception {
        var store = new JsonSettingsStore(dir.resolve("nested"));
        assertThat(store.load()).isEqualTo(Settings.DEFAULTS);
        Settings s = Settings.DEFAULTS.withTheme("DARK").withWindow(10, 20, 1200, 700, true)
                .withProfile("prod-sso", List.of("us-west-2", "eu-central-1"))
                .withKubeContexts(Map.of("us-west-2/retail-edge", "ctx"));
        store.save(s);
        assertThat(new JsonSettingsStore(dir.resolve("nested")).load()).isEqualTo(s);
        try (var files = Files.list(dir.resolve("nested"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }

    @Test
    void regionsPerProfileRoundTripAndOlderFilesReadWithout() throws Exception {
        var store = new JsonSettingsStore(dir);
        Settings s = Settings.DEFAULTS.withProfileRegions("prod", List.of("us-west-2", "eu-central-1"))
                .withProfileRegions("dev", List.of("eu-west-1"));
        store.save(s);
        Settings read = new JsonSettingsStore(dir).load();
        assertThat(read).isEqualTo(s);
        assertThat(read.regionsOf("prod")).contains(List.of("us-west-2", "eu-central-1"));
        assertThat(read.profile()).isEqualTo("dev");

        Files.writeString(dir.resolve("settings.json"), "{\"theme\":\"DARK\",\"profile\":\"prod\",\"regions\":[\"eu-west-1\"]}");
        Settings old = new JsonSettingsStore(dir).load();
        assertThat(old.profileRegions()).isEmpty();
        assertThat(old.regions()).containsExactly("eu-west-1");
    }

    @Test
    void accountsPickedPerProfileRoundTripAndOlderFilesReadWithout() throws Exception {
        var store = new JsonSettingsStore(dir);
        Settings s = Settings.DEFAULTS.withProfileRegions("prod-sso", List.of("us-west-2"))
                .withProfileAccounts("prod-sso", List.of("444455556666/ReadOnlyAccess", "777788889999/Admin"))
                .withProfileAccounts("dev-sso", List.of("444455556666/ReadOnlyAccess"));
        store.save(s);
        assertThat(Files.readString(dir.resolve("settings.json"))).contains("\"profileAccounts\"");
        Settings read = new JsonSettingsStore(dir).load();
        assertThat(read).isEqualTo(s);
        assertThat(read.accountsOf("prod-sso")).containsExactly("444455556666/ReadOnlyAccess", "777788889999/Admin");
        assertThat(read.accountsOf("dev-sso")).containsExactly("444455556666/ReadOnlyAccess");
        assertThat(read.accountsOf("other")).isEmpty();
        assertThat(read.withProfileAccounts("dev-sso", List.of()).accountsOf("dev-sso")).isEmpty();
        assertThat(read.withTheme("DARK").withProfile("x", List.of("eu-west-1")).accountsOf("prod-sso"))
                .as("other changes keep the picks").hasSize(2);

        Files.writeString(dir.resolve("settings.json"), "{\"theme\":\"DARK\",\"profile\":\"prod\","
                + "\"profileRegions\":{\"prod\":[\"eu-west-1\"]}}");
        Settings old = new JsonSettingsStore(dir).load();
        assertThat(old.theme()).isEqualTo("DARK");
        assertThat(old.regionsOf("prod")).contains(List.of("eu-west-1"));
        assertThat(old.profileAccounts()).isEmpty();
        assertThat(old.accountsOf("prod")).isEmpty();
    }

    @Test
    void corruptFileFallsBackToDefaults() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{ not json");
        assertThat(new JsonSettingsStore(dir).load()).isEqualTo(Settings.DEFAULTS);
    }

    @Test
    void configDirFollowsTheOs() {
        assertThat(ConfigDirs.resolve("Linux", Map.of(), "/home/a")).isEqualTo(Path.of("/home/a/.config/hybridpane"));
        assertThat(ConfigDirs.resolve("Linux", Map.of("XDG_CONFIG_HOME", "/x"), "/home/a")).isEqualTo(Path.of("/x/hybridpane"));
        assertThat(ConfigDirs.resolve("Mac OS X", Map.of(), "/Users/a"))
                .isEqualTo(Path.of("/Users/a/Library/Application Support/HybridPane"));
        assertThat(ConfigDirs.resolve("Windows 11", Map.of("APPDATA", "C:\\Users\\a\\AppData\\Roaming"), "C:\\Users\\a"))
                .isEqualTo(Path.of("C:\\Users\\a\\AppData\\Roaming", "HybridPane"));
    }
}
