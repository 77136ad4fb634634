package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        Map<String, String> e = new java.util.HashMap<>(env);
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
        assertThat(cmd).contains("-D" + Launcher.ARCHIVE_COMPLETE_PROPERTY + "=" + p.completeMarker());
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
        assertThat(noTime.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(noTime.exitValue()).isZero();

        long launcher = System.currentTimeMillis() - 5_000;
        assertThat(StartupPhases.firstJvmStart(Launcher.START_ON_STDIN,
                new java.io.BufferedReader(new java.io.StringReader(launcher + "\n")))).isEqualTo(launcher);
        assertThat(StartupPhases.firstJvmStart("1234", new java.io.BufferedReader(new java.io.StringReader(""))))
                .isEqualTo(1234L);
        long own = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        // nothing sent (the launcher ended first, or was not asked for figures): counted from this JVM's start
        assertThat(StartupPhases.firstJvmStart(Launcher.START_ON_STDIN,
                new java.io.BufferedReader(new java.io.StringReader("")))).isEqualTo(own);
        assertThat(StartupPhases.firstJvmStart(Launcher.START_NOT_SENT, null)).isEqualTo(own);
    }

    @Test
    void jvmOptionsAreReadFromTheCommandLineWhenItTellsThemAll() {
        String[] args = {"--lab", "--region", "eu-west-1"};
        Map<String, String> env = Map.of();
        // java -jar, as the README starts it
        assertThat(Launcher.jvmOptions(List.of("/jdk/bin/java", "-Xmx1g", "-Dx=y z", "-jar", "target/hybridpane.jar",
                "--lab", "--region", "eu-west-1"), args, env)).contains(List.of("-Xmx1g", "-Dx=y z"));
        // a class path and a main class; options with their value in the next argument stay together; the launcher's
        // own options (the splash screen, -showversion) are not acted on twice
        assertThat(Launcher.jvmOptions(List.of("java", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", "a.jar:b.jar",
                "-splash:s.png", "-showversion", "-XX:+UseZGC", "dev.hybridpane.app.Main", "--lab", "--region", "eu-west-1"),
                args, env)).contains(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-XX:+UseZGC"));
        assertThat(Launcher.jvmOptions(List.of("java", "-jar", "hp.jar"), new String[0], env)).contains(List.of());
        // what the command line does not tell: JMX is asked instead
        assertThat(Launcher.jvmOptions(List.of("java", "@opts", "-jar", "hp.jar", "--lab", "--region", "eu-west-1"),
                args, env)).isEmpty();
        assertThat(Launcher.jvmOptions(List.of("java", "-jar", "hp.jar", "--lab", "--region", "eu-west-1"), args,
                Map.of("JDK_JAVA_OPTIONS", "-Xmx2g"))).isEmpty();
        assertThat(Launcher.jvmOptions(List.of("java", "-m", "hp/dev.hybridpane.app.Main", "--lab", "--region",
                "eu-west-1"), args, env)).isEmpty();
        assertThat(Launcher.jvmOptions(List.of("java", "-jar", "hp.jar", "--lab"), args, env)).isEmpty();
        assertThat(Launcher.jvmOptions(List.of("java", "-cp"), new String[0], env)).isEmpty();
        assertThat(Launcher.jvmOptions(List.of(), new String[0], env)).isEmpty();
    }

    @Test
    void aKeptArchiveIsUsedOnTheNextStartAndOlderOnesAreRemoved() throws Exception {
        Launcher.Plan first = plan(Map.of(), List.of()).orElseThrow();
        Path stale = Files.writeString(first.archiveToKeep().resolveSibling("hybridpane-0000000000000000.jsa"), "old");
        Files.writeString(first.writtenArchive(), "archive");
        Files.writeString(first.completeMarker(), ""); // the child's first view was populated
        Launcher.keepArchive(first, 0);

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
        Launcher.keepArchive(first, 0); // the child exited without writing it

        assertThat(first.failedMarker()).exists();
        Launcher.Plan second = plan(Map.of(), List.of()).orElseThrow();
        assertThat(second.command()).noneSatisfy(a -> assertThat(a).contains("Archive"));
        assertThat(second.command()).containsAll(Launcher.TUNING);
    }

    @Test
    void aRunThatFailedKeepsNoArchiveAndTheNextStartWritesOne() throws Exception {
        Launcher.Plan first = plan(Map.of(), List.of()).orElseThrow();
        Files.writeString(first.writtenArchive(), "a few classes");
        Launcher.keepArchive(first, 2); // e.g. no display

        assertDroppedAndWrittenAgain(first);
    }

    @Test
    void aStartClosedBeforeItsFirstViewWasPopulatedKeepsNoArchive() throws Exception {
        Launcher.Plan first = plan(Map.of(), List.of()).orElseThrow();
        Files.writeString(first.writtenArchive(), "the classes of a window closed at once");
        Launcher.keepArchive(first, 0); // a normal exit, but no marker

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
    void theConsoleMarksItsArchiveCompleteOnlyWhenItWritesOne() throws Exception {
        Path marker = tmp.resolve("hybridpane-key.jsa.42.tmp.complete");
        String before = System.getProperty(Launcher.ARCHIVE_COMPLETE_PROPERTY);
        try {
            System.clearProperty(Launcher.ARCHIVE_COMPLETE_PROPERTY);
            Launcher.firstViewPopulated();
            assertThat(marker).doesNotExist();
            System.setProperty(Launcher.ARCHIVE_COMPLETE_PROPERTY, marker.toString());
            Launcher.firstViewPopulated();
            assertThat(marker).exists();
        } finally {
            if (before == null) {
                System.clearProperty(Launcher.ARCHIVE_COMPLETE_PROPERTY);
            } else {
                System.setProperty(Launcher.ARCHIVE_COMPLETE_PROPERTY, before);
            }
        }
    }

    @Test
    void aNewBuildGetsANewArchive() throws Exception {
        String before = Launcher.archiveKey(javaHome, "17", jar.toString());
        Path lib = jar.resolveSibling("lib").resolve("a.jar");
        Files.writeString(lib, "a, rebuilt");
        Files.setLastModifiedTime(lib, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        assertThat(Launcher.archiveKey(javaHome, "17", jar.toString())).isNotEqualTo(before);
        assertThat(Launcher.archiveKey(javaHome, "21", jar.toString())).isNotEqualTo(Launcher.archiveKey(javaHome, "17",
                jar.toString()));
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
        String cp = classes + java.io.File.pathSeparator + jar;
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

    @Test
    void cacheDirectoryFollowsEachOs() {
        assertThat(Launcher.cacheDir("Linux", Map.of(), "/home/a")).isEqualTo(Path.of("/home/a/.cache/hybridpane"));
        assertThat(Launcher.cacheDir("Linux", Map.of("XDG_CACHE_HOME", "/c"), "/home/a")).isEqualTo(Path.of("/c/hybridpane"));
        assertThat(Launcher.cacheDir("Mac OS X", Map.of(), "/Users/a"))
                .isEqualTo(Path.of("/Users/a/Library/Caches/HybridPane"));
        assertThat(Launcher.cacheDir("Windows 11", Map.of("LOCALAPPDATA", "C:/L"), "C:/Users/a"))
                .isEqualTo(Path.of("C:/L", "HybridPane", "cache"));
    }
}
