package dev.hybridpane.app.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data-sharing archive's name, marker and directory. How the launcher uses and keeps it is in
 * {@link LauncherTest}.
 */
class CdsArchiveTest {
    @TempDir
    Path tmp;

    Path jar;
    String javaHome = System.getProperty("java.home");

    @BeforeEach
    void setUp() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        jar = Files.writeString(app.resolve("hybridpane.jar"), "jar");
        Files.createDirectories(app.resolve("lib"));
        Files.writeString(app.resolve("lib").resolve("a.jar"), "a");
    }

    @Test
    void theConsoleMarksItsArchiveCompleteOnlyWhenItWritesOne() throws Exception {
        Path marker = tmp.resolve("hybridpane-key.jsa.42.tmp.complete");
        String before = System.getProperty(CdsArchive.COMPLETE_PROPERTY);
        try {
            System.clearProperty(CdsArchive.COMPLETE_PROPERTY);
            CdsArchive.firstViewPopulated();
            assertThat(marker).doesNotExist();
            System.setProperty(CdsArchive.COMPLETE_PROPERTY, marker.toString());
            CdsArchive.firstViewPopulated();
            assertThat(marker).exists();
        } finally {
            if (before == null) {
                System.clearProperty(CdsArchive.COMPLETE_PROPERTY);
            } else {
                System.setProperty(CdsArchive.COMPLETE_PROPERTY, before);
            }
        }
    }

    @Test
    void aNewBuildGetsANewArchive() throws Exception {
        String before = CdsArchive.key(javaHome, "17", jar.toString());
        Path lib = jar.resolveSibling("lib").resolve("a.jar");
        Files.writeString(lib, "a, rebuilt");
        Files.setLastModifiedTime(lib, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        assertThat(CdsArchive.key(javaHome, "17", jar.toString())).isNotEqualTo(before);
        assertThat(CdsArchive.key(javaHome, "21", jar.toString())).isNotEqualTo(CdsArchive.key(javaHome, "17",
                jar.toString()));
    }

    @Test
    void cacheDirectoryFollowsEachOs() {
        assertThat(CdsArchive.cacheDir("Linux", Map.of(), "/home/a")).isEqualTo(Path.of("/home/a/.cache/hybridpane"));
        assertThat(CdsArchive.cacheDir("Linux", Map.of("XDG_CACHE_HOME", "/c"), "/home/a"))
                .isEqualTo(Path.of("/c/hybridpane"));
        assertThat(CdsArchive.cacheDir("Mac OS X", Map.of(), "/Users/a"))
                .isEqualTo(Path.of("/Users/a/Library/Caches/HybridPane"));
        assertThat(CdsArchive.cacheDir("Windows 11", Map.of("LOCALAPPDATA", "C:/L"), "C:/Users/a"))
                .isEqualTo(Path.of("C:/L", "HybridPane", "cache"));
    }
}
