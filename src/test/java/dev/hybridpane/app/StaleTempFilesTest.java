package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.Settings;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic writes leave nothing behind: a write's temporary file is gone once it is renamed or once the write failed, and
 * the one a killed process left (an empty {@code .NAME.PID-…hybridpane-tmp}, or an earlier version's
 * {@code NAME.jsonDIGITS.tmp}) is deleted when a store next opens its directory. Nothing else is touched.
 */
class StaleTempFilesTest {
    @TempDir
    Path config;

    /** The id of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        return p.pid();
    }

    static Path plant(Path dir, String name, Duration age) throws IOException {
        Files.createDirectories(dir);
        Path p = Files.createFile(dir.resolve(name));
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteLeavesOnlyItsFile() throws IOException {
        JsonSettingsStore settings = new JsonSettingsStore(config);
        settings.save(Settings.DEFAULTS);
        settings.save(Settings.DEFAULTS);
        assertThat(names(config)).containsExactly("settings.json");
    }

    @Test
    void aFailedWriteDeletesItsTemporaryFile() throws IOException {
        Path file = config.resolve("operations").resolve("broken.json");
        // Jackson cannot write an Object with no properties: the write fails after its temporary file was created
        assertThatThrownBy(() -> AtomicJson.write(file, Map.of("x", new Object()))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Could not write " + file);
        assertThat(names(config.resolve("operations"))).isEmpty();
    }

    @Test
    void theNextStoreOpenSweepsWhatAKilledWriteLeftInTheConfigAndOperationsDirs() throws Exception {
        long dead = deadPid();
        long live = ProcessHandle.current().pid();
        Path ops = config.resolve("operations");
        Path killedJournal = plant(ops, ".hybrid-enable-us-west-2-payments.json." + dead + "-k3j2h1" + StaleTempFiles.SUFFIX,
                Duration.ZERO);
        Path earlierVersions = plant(ops, "hybrid-enable-us-west-2-payments.json2938475610293847561.tmp", Duration.ofMinutes(30));
        Path inFlight = plant(ops, ".import-us-west-2-payments.json." + live + "-a1b2c3" + StaleTempFiles.SUFFIX, Duration.ZERO);
        Path earlierButFresh = plant(ops, "import-us-west-2-payments.json1234.tmp", Duration.ZERO);
        Path someoneElses = plant(ops, "notes.tmp", Duration.ofDays(3));
        Path killedSettings = plant(config, ".settings.json." + dead + "-zz9" + StaleTempFiles.SUFFIX, Duration.ZERO);
        Path oldLiveWorkspace = plant(config, ".workspace.json." + live + "-q1" + StaleTempFiles.SUFFIX, Duration.ofMinutes(10));

        JsonJournalStore journals = new JsonJournalStore(config);
        assertThat(ops.resolve(killedJournal.getFileName())).doesNotExist();
        assertThat(earlierVersions).doesNotExist();
        assertThat(inFlight).as("a write of a live process, in flight").exists();
        assertThat(earlierButFresh).as("may still be written by an earlier version running now").exists();
        assertThat(someoneElses).as("not HybridPane's naming").exists();
        assertThat(killedSettings).as("the journal store sweeps only its own directory").exists();
        assertThat(journals.list()).as("no temporary file reads as a journal").isEmpty();

        new JsonSettingsStore(config);
        assertThat(killedSettings).doesNotExist();
        assertThat(oldLiveWorkspace).as("older than any write: its PID was reused").doesNotExist();
        assertThat(names(config)).containsExactly("operations");
    }

    @Test
    void everyStoreSweepsItsDirectory() throws Exception {
        long dead = deadPid();
        for (String name : List.of("workspace.json", "ssh.json")) {
            Path left = plant(config, "." + name + "." + dead + "-x" + StaleTempFiles.SUFFIX, Duration.ZERO);
            if (name.startsWith("workspace")) {
                new JsonWorkspaceStore(config);
            } else {
                new JsonSshSettingsStore(config);
            }
            assertThat(left).as(name).doesNotExist();
        }
    }

    @Test
    void journalsAreWrittenWithoutLitter() throws IOException {
        JsonJournalStore journals = new JsonJournalStore(config);
        Journal j = new Journal("hybrid-enable-us-west-2-payments", "hybrid-enable", "Enable hybrid mode", "payments",
                OperationStatus.RUNNING, Instant.EPOCH, null, List.of(), Map.of(), List.of(), null);
        journals.save(j);
        journals.save(j);
        assertThat(names(config.resolve("operations"))).containsExactly("hybrid-enable-us-west-2-payments.json");
        assertThat(journals.load(j.id())).map(Journal::id).isEqualTo(Optional.of(j.id()));
    }

    @Test
    void stalenessRule() {
        Instant now = Instant.parse("2026-12-07T20:00:00Z");
        Optional<Instant> fresh = Optional.of(now.minusSeconds(5));
        Optional<Instant> old = Optional.of(now.minus(StaleTempFiles.STALE_AFTER).minusSeconds(1));
        String ours = ".settings.json.4242-abc" + StaleTempFiles.SUFFIX;
        assertThat(StaleTempFiles.stale(ours, fresh, now, pid -> pid == 4242)).isFalse();
        assertThat(StaleTempFiles.stale(ours, fresh, now, pid -> false)).isTrue();
        assertThat(StaleTempFiles.stale(ours, old, now, pid -> true)).isTrue();
        assertThat(StaleTempFiles.stale("settings.json77.tmp", fresh, now, pid -> false)).isFalse();
        assertThat(StaleTempFiles.stale("settings.json77.tmp", old, now, pid -> false)).isTrue();
        assertThat(StaleTempFiles.isOurs("settings.json")).isFalse();
        assertThat(StaleTempFiles.isOurs("backup.tmp")).isFalse();
        assertThat(StaleTempFiles.isOurs(".known_hosts123.tmp")).isFalse();
    }
}
