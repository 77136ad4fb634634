package dev.hybridpane.app.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.app.Main;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's decisions: when it starts a tuned child JVM, with what, and how it keeps the CDS archive. */
class LauncherTest {
    @TempDir
    Path tmp;

    Path cache;
    Path jar;
    String javaHome = System.getProperty("java.home");

    @BeforeEach
    void setUp() throws Exception {
        cache = tmp.resolve("cache");
        Path app = Files.createDirectories(tmp.resolve("app"));
        jar = Files.writeString(app.resolve("hybridpane.jar"), "jar");
        Files.createDirectories(app.resolve("lib"));
        Files.writeString(app.resolve("lib").resolve("a.jar"), "a");
    }

    private Optional<Launcher.Plan> plan(Map<String, String> env, List<String> jvmArgs, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.put("HYBRIDPANE_CACHE_DIR", cache.toString());
        return Launcher.plan(args, e, jvmArgs, javaHome, jar.toString(), "Linux", tmp.toString(), 1234L);
    }

    @Test
    void theConsoleRunsInATunedChildThatWritesTheArchiveOnItsFirstStart() {
        Launcher.Plan p = plan(Map.of(), List.of("-Xmx1g"), "--lab", "--exit-when-ready").orElseThrow();
        List<String> cmd = p.command();
        assertThat(cmd.get(0)).isEqualTo(Path.of(javaHome, "bin", "java").toString());
        assertThat(cmd).contains("-Xmx1g").containsAll(Launcher.TUNING)
                .contains("-D" + Launcher.START_PROPERTY + "=1234", "-cp", jar.toString(), Main.class.getName());
        assertThat(cmd.subList(cmd.size() - 2, cmd.size())).containsExactly("--lab", "--exit-when-ready");
        assertThat(cmd).anySatisfy(a -> assertThat(a).startsWith("-XX:ArchiveClassesAtExit=" + cache.resolve("cds")));
        assertThat(cmd).noneSatisfy(a -> assertThat(a).startsWith("-XX:SharedArchiveFile"));
        assertThat(p.writtenArchive().toString()).endsWith(".tmp");
        assertThat(p.archiveToKeep().getFileName().toString()).startsWith("hybridpane-").endsWith(".jsa");
        assertThat(cmd).contains("-D" + CdsArchive.COMPLETE_PROPERTY + "=" + p.completeMarker());
    }

    @Test
    void withoutItsStartTimeTheLauncherSendsItOnStdinOnlyWhenStartupFiguresAreAskedFor() {
        Map<String, String> env = Map.of("HYBRIDPANE_CACHE_DIR", cache.toString());
        Launcher.Plan figures = Launcher.plan(new String[] {"--lab", "--exit-when-ready"}, env, List.of(), javaHome,
                jar.toString(), "Linux", tmp.toString(), Launcher.START_UNKNOWN).orElseThrow();
        assertThat(figures.startOnStdin()).isTrue();
        assertThat(figures.command()).contains("-D" + Launcher.START_PROPERTY + "=" + Launcher.START_ON_STDIN);

        Launcher.Plan quiet = Launcher.plan(new String[] {"--lab"}, env, List.of(), javaHome, jar.toString(), "Linux",
                tmp.toString(), Launcher.START_UNKNOWN).orElseThrow();
        assertThat(quiet.startOnStdin()).isFalse();
        assertThat(quiet.command()).contains("-D" + Launcher.START_PROPERTY + "=" + Launcher.START_NOT_SENT);

        // a start time it has already is given on the command line, as before
        assertThat(plan(Map.of(), List.of(), "--exit-when-ready").orElseThrow().startOnStdin()).isFalse();
    }

    @Test
    void theChildReadsTheLaunchersStartTimeFromItsStdin() throws Exception {
        // a child that succeeds only if its first line of input is an epoch time in milliseconds
        Launcher.Plan plan = new Launcher.Plan(List.of("sh", "-c", "read start && [ \"$start\" -gt 1000000000000 ]"),
                null, null, null, null, true);
        assertThat(Launcher.run(plan)).isZero();

        // no start time to send (JMX failed): the child's input ends, it does not wait for a line forever
        Process noTime = new ProcessBuilder("sh", "-c", "if read start; then exit 1; else [ -z \"$start\" ]; fi")
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        Launcher.sendStart(noTime, () -> {
            throw new IllegalStateException("no JMX");
        });
        assertThat(noTime.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(noTime.exitValue()).isZero();
    }

    @Test
    void aKeptArchiveIsUsedOnTheNextStartAndOlderOnesAreRemoved() throws Exception {
        Launcher.Plan first = plan(Map.of(), List.of()).orElseThrow();
        Path stale = Files.writeString(first.archiveToKeep().resolveSibling("hybridpane-0000000000000000.jsa"), "old");
        Files.writeString(first.writtenArchive(), "archive");
        Files.writeString(first.completeMarker(), ""); // the child's first view was populated
        CdsArchive.keep(first, 0);

        assertThat(first.archiveToKeep()).hasContent("archive");
        assertThat(first.writtenArchive()).doesNotExist();
        assertThat(first.completeMarker()).doesNotExist();
        assertThat(stale).doesNotExist();
        Launcher.Plan second = plan(Map.of(), List.of()).orElseThrow();
        assertThat(second.command()).contains("-XX:SharedArchiveFile=" + first.archiveToKeep());
        assertThat(second.writtenArchive()).isNull();
    }

    @Test
    void aJvmThatWroteNoArchiveIsNotAskedAgain() throws Exception {
        Launcher.Plan first = plan(Map.of(), List.of()).orElseThrow();
        Files.writeString(first.completeMarker(), "");
        CdsArchive.keep(first, 0); // the child exited without writing it

        assertThat(first.failedMarker()).exists();
        Launcher.Plan second = plan(Map.of(), List.of()).orElseThrow();
        assertThat(second.command()).noneSatisfy(a -> assertThat(a).contains("Archive"));
        assertThat(second.command()).containsAll(Launcher.TUNING);
    }

    @Test
    void aRunThatFailedKeepsNoArchiveAndTheNextStartWritesOne() throws Exception {
        Launcher.Plan first = plan(Map.of(), List.of()).orElseThrow();
        Files.writeString(first.writtenArchive(), "a few classes");
        CdsArchive.keep(first, 2); // e.g. no display

        assertDroppedAndWrittenAgain(first);
    }

    @Test
    void aStartClosedBeforeItsFirstViewWasPopulatedKeepsNoArchive() throws Exception {
        Launcher.Plan first = plan(Map.of(), List.of()).orElseThrow();
        Files.writeString(first.writtenArchive(), "the classes of a window closed at once");
        CdsArchive.keep(first, 0); // a normal exit, but no marker

        assertDroppedAndWrittenAgain(first);
    }

    /** The written archive is gone, none is kept, the JVM is not marked as unable, and the next start writes one. */
    private void assertDroppedAndWrittenAgain(Launcher.Plan first) {
        assertThat(first.writtenArchive()).doesNotExist();
        assertThat(first.archiveToKeep()).doesNotExist();
        assertThat(first.failedMarker()).doesNotExist();
        assertThat(plan(Map.of(), List.of()).orElseThrow().command())
                .anySatisfy(a -> assertThat(a).startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void headlessCommandsHelpAndTheUsersOwnOptionsRunInThisJvm() {
        assertThat(plan(Map.of(), List.of(), "lab")).isEmpty();
        assertThat(plan(Map.of(), List.of(), "cluster", "import", "--lab")).isEmpty();
        assertThat(plan(Map.of(), List.of(), "hybrid", "enable")).isEmpty();
        assertThat(plan(Map.of(), List.of(), "--help")).isEmpty();
        assertThat(plan(Map.of("HYBRIDPANE_RELAUNCH", "0"), List.of())).isEmpty();
        assertThat(plan(Map.of(), List.of("-XX:SharedArchiveFile=/x.jsa"))).isEmpty();
        assertThat(plan(Map.of(), List.of("-agentlib:jdwp=transport=dt_socket,server=y"))).isEmpty();
        assertThat(plan(Map.of(), List.of(), "bench-live")).isPresent();
    }

    @Test
    void aClassDirectoryOnThePathGetsNoArchiveOnlyTheTuning() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Files.writeString(classes.resolve("A.class"), "x");
        String cp = classes + File.pathSeparator + jar;
        List<String> cmd = Launcher.plan(new String[0], Map.of("HYBRIDPANE_CACHE_DIR", cache.toString()), List.of(),
                javaHome, cp, "Linux", tmp.toString(), 1L).orElseThrow().command();
        assertThat(cmd).noneSatisfy(a -> assertThat(a).contains("Archive"));
        assertThat(cmd).containsAll(Launcher.TUNING).contains(cp);
    }

    @Test
    void extraOptionsFromTheEnvironmentComeLastSoTheyWin() {
        List<String> cmd = plan(Map.of("HYBRIDPANE_JAVA_OPTIONS", " -XX:+UseZGC  -Xmx3g "), List.of()).orElseThrow().command();
        int zgc = cmd.indexOf("-XX:+UseZGC");
        assertThat(zgc).isGreaterThan(cmd.indexOf(Launcher.TUNING.get(0)));
        assertThat(cmd.get(zgc + 1)).isEqualTo("-Xmx3g");
    }
}
