package dev.hybridpane.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Starts the desktop console in a JVM tuned for it. {@code java -jar} cannot carry JVM options, so the
 * launcher JVM starts one child JVM with:
 * <ul>
 * <li>a class-data-sharing archive of HybridPane's own classes (written by the first start after an
 * install or update that gets as far as a populated first view, in the per-user cache directory; parsed and
 * verified classes load from it), and</li>
 * <li>the JIT and collector settings in {@link #TUNING}, which suit an interactive console on a small
 * machine.</li>
 * </ul>
 * The child inherits the terminal and the launcher's own JVM options; the launcher returns its exit code.
 * It does nothing for the headless subcommands, when the user gives class-data-sharing or debugger options
 * themselves, or when {@code HYBRIDPANE_RELAUNCH=0}. This class uses the JDK only, so the launcher JVM stays
 * small. Its path to starting the child also uses no lambdas, streams or string concatenation with {@code +}: each
 * first use sets up method handles, ~10 ms together in a JVM that has nothing else to do, while the user waits.
 */
final class Launcher {
    /**
     * Set in the child: the launcher JVM's start time (epoch ms), so startup figures count from it; {@link
     * #START_ON_STDIN} when the launcher writes it to the child's standard input once the child runs, or {@link
     * #START_NOT_SENT} when nothing asks for startup figures.
     */
    static final String START_PROPERTY = "hybridpane.launcher.start";
    static final String START_ON_STDIN = "stdin";
    static final String START_NOT_SENT = "none";
    /** {@link #plan}'s start time when this JVM has not asked JMX for it. */
    static final long START_UNKNOWN = -1;
    /**
     * Set in a child that writes the archive: the file it creates, as it ends, when its first view was populated
     * ({@link #firstViewPopulated}). The archive holds the classes loaded by the time the JVM exits, so one from a start
     * that was closed sooner would leave later starts loading the rest from the jars.
     */
    static final String ARCHIVE_COMPLETE_PROPERTY = "hybridpane.cds.complete";

    /**
     * C1 only: on 2 cores the C2 compiler took ~2.7 s of CPU during startup and competed with the FX thread
     * afterwards; the console does no long numeric work that needs C2's code. A small fixed young generation:
     * G1 collects it often and each pause copies little, so pauses stay well under a frame or two while
     * thousands of node updates a second arrive. At 1,000 changes a second over 5,000 nodes each node object
     * lives ~5 s, so nearly all of them survive a young collection and its pause grows with the generation's
     * size: with G1's own sizing pauses reached 30-60 ms, with 48 MB 31-37 ms (FX gaps over 50 ms in 4 of 12
     * runs of bench/live.sh), with 24 MB mostly 15-28 ms (longest FX gap 31-41 ms in all 15 runs). The price: in
     * 5 of those 15 runs the first ~0.6 s of changes lagged while their code was still cold (p99 337-667 ms,
     * under the 1 s goal; 28-51 ms otherwise).
     */
    static final List<String> TUNING = List.of("-XX:TieredStopAtLevel=1", "-XX:MaxGCPauseMillis=20", "-Xmn24m");

    /** On two cores or fewer, one compiler thread leaves more CPU to the window while it starts. */
    static final String SMALL_MACHINE_TUNING = "-XX:CICompilerCount=1";

    private static final Set<String> HEADLESS_SUBCOMMANDS = Set.of("lab", "cluster", "hybrid");
    /** picocli's standard help and version options. */
    static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");
    private static final List<String> OWN_OPTIONS = List.of("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
            "-Xshare", "-XX:+AutoCreateSharedArchive", "-agentlib:jdwp", "-Xrunjdwp", "-Xdebug");

    private Launcher() {
    }

    /** Whether these arguments open the desktop console's window (not a headless subcommand, help or version). */
    static boolean opensWindow(String[] args) {
        for (String a : args) {
            if (HEADLESS_SUBCOMMANDS.contains(a) || HELP.contains(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the launcher will run: the child's command line, and the archive to keep once it has exited (when
     * the child wrote {@code completeMarker}).
     */
    record Plan(List<String> command, Path archiveToKeep, Path writtenArchive, Path failedMarker, Path completeMarker,
            boolean startOnStdin) {
    }

    /**
     * Whether these arguments and environment may start a child JVM (which {@link #plan} decides): not in a child,
     * not when the user turned it off, and only for the desktop console.
     */
    static boolean mayRelaunch(String[] args, Map<String, String> env) {
        return System.getProperty(START_PROPERTY) == null && !"0".equals(env.get("HYBRIDPANE_RELAUNCH"))
                && !"false".equalsIgnoreCase(env.get("HYBRIDPANE_RELAUNCH")) && opensWindow(args);
    }

    /**
     * The plan for these arguments, or empty when the console runs in this JVM.
     *
     * @param startMillis this JVM's start time, or {@link #START_UNKNOWN}: then, when the arguments ask for startup
     *                    figures, {@link #run} sends it to the child once the child runs
     */
    static Optional<Plan> plan(String[] args, Map<String, String> env, List<String> jvmArgs, String javaHome,
            String classPath, String osName, String userHome, long startMillis) {
        if (!mayRelaunch(args, env)) {
            return Optional.empty();
        }
        for (String j : jvmArgs) {
            for (String own : OWN_OPTIONS) {
                if (j.startsWith(own)) {
                    return Optional.empty();
                }
            }
        }
        boolean windows = osName.toLowerCase(Locale.ROOT).contains("win");
        Path java = Path.of(javaHome, "bin", windows ? "java.exe" : "java");
        if (!Files.isExecutable(java) || classPath == null || classPath.isBlank()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(TUNING);
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            cmd.add(SMALL_MACHINE_TUNING);
        }
        Path archive = null;
        Path written = null;
        Path failed = null;
        Path complete = null;
        try {
            if (!allJars(classPath)) {
                // archives hold classes from jars only; a JVM asked to dump one with a class directory on its
                // path (a build from an IDE) fails at exit
                throw new IOException("class path is not all jars");
            }
            Path dir = cacheDir(osName, env, userHome).resolve("cds");
            Files.createDirectories(dir);
            String key = archiveKey(javaHome, System.getProperty("java.vm.version", ""), classPath);
            String name = "hybridpane-".concat(key);
            Path finalArchive = dir.resolve(name.concat(".jsa"));
            failed = dir.resolve(name.concat(".failed"));
            if (Files.isRegularFile(finalArchive)) {
                cmd.add("-XX:SharedArchiveFile=".concat(finalArchive.toString()));
            } else if (!Files.exists(failed)) {
                String pid = Long.toString(ProcessHandle.current().pid());
                written = dir.resolve(name.concat(".jsa.").concat(pid).concat(".tmp"));
                complete = written.resolveSibling(written.getFileName().toString().concat(".complete"));
                archive = finalArchive;
                cmd.add("-XX:ArchiveClassesAtExit=".concat(written.toString()));
                cmd.add(systemProperty(ARCHIVE_COMPLETE_PROPERTY, complete.toString()));
            }
            // the archive's notes (classes it skips, e.g. from signed jars) are not for the user's terminal
            cmd.add("-Xlog:cds*=off");
            cmd.add("-Xlog:class+path=off");
        } catch (IOException | RuntimeException e) {
            // no cache directory: run without the archive
        }
        String extra = env.get("HYBRIDPANE_JAVA_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        boolean startOnStdin = startMillis == START_UNKNOWN && reportsStartup(args);
        cmd.add(systemProperty(START_PROPERTY, startMillis != START_UNKNOWN ? Long.toString(startMillis)
                : startOnStdin ? START_ON_STDIN : START_NOT_SENT));
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return Optional.of(new Plan(List.copyOf(cmd), archive, written, failed, complete, startOnStdin));
    }

    /**
     * Whether the arguments may ask for startup figures (more often than the parser will: never less). The option's
     * name is a compile-time constant: reading it loads nothing of picocli into the launcher JVM.
     */
    private static boolean reportsStartup(String[] args) {
        for (String a : args) {
            if (a.equals(HybridPaneCommand.EXIT_WHEN_READY) || a.startsWith(HybridPaneCommand.EXIT_WHEN_READY.concat("="))) {
                return true;
            }
        }
        return false;
    }

    /** Options of the java launcher that name a value in the next argument and are passed on to the JVM. */
    private static final Set<String> VALUE_OPTIONS = Set.of("-p", "--module-path", "--upgrade-module-path",
            "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens", "--patch-module",
            "--enable-native-access");
    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");
    /** Options the java launcher itself acts on, which the child must not act on again. */
    private static final Set<String> LAUNCHER_ONLY_OPTIONS = Set.of("-showversion", "--show-version");

    /**
     * This process's command line as Linux keeps it ({@code /proc/self/cmdline}: a NUL after each argument, in the
     * encoding the JVM decoded its arguments with), or null elsewhere.
     */
    static List<String> procCommandLine() {
        Path cmdline = Path.of("/proc/self/cmdline");
        if (!Files.isReadable(cmdline)) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(cmdline);
            java.nio.charset.Charset encoding = java.nio.charset.Charset.forName(
                    System.getProperty("sun.jnu.encoding", "UTF-8"));
            List<String> line = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    line.add(new String(bytes, from, i - from, encoding));
                    from = i + 1;
                }
            }
            return line;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The JVM options in this process's command line ({@code /proc/self/cmdline}, split at its NULs), when it has the
     * shape {@code java [options] (-jar JAR | [-cp PATH] MAIN) args}: what the user typed, for the child. Empty when
     * it may not tell all of them: an argument file ({@code @file}), {@code JDK_JAVA_OPTIONS}, a module, or arguments
     * that are not {@code args}. Then JMX's list is used, which costs the launcher 20-26 ms before the child starts.
     */
    static Optional<List<String>> jvmOptions(List<String> commandLine, String[] args, Map<String, String> env) {
        String fromEnv = env.get("JDK_JAVA_OPTIONS");
        if (commandLine.isEmpty() || (fromEnv != null && !fromEnv.isBlank())) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>();
        int i = 1;
        while (i < commandLine.size()) {
            String a = commandLine.get(i);
            if (a.equals("-jar")) {
                i += 2; // the jar: the application's arguments follow
                break;
            }
            if (!a.startsWith("-")) {
                if (a.startsWith("@")) {
                    return Optional.empty();
                }
                i++; // the main class
                break;
            }
            if (a.equals("-m") || a.equals("--module") || a.startsWith("--module=") || a.equals("--source")) {
                return Optional.empty();
            }
            if (CLASS_PATH_OPTIONS.contains(a)) {
                i += 2; // the child gets the class path from the plan
                continue;
            }
            if (VALUE_OPTIONS.contains(a) && i + 1 < commandLine.size()) {
                options.add(a);
                options.add(commandLine.get(i + 1));
                i += 2;
                continue;
            }
            if (!LAUNCHER_ONLY_OPTIONS.contains(a) && !a.startsWith("-splash:")) {
                options.add(a);
            }
            i++;
        }
        if (i > commandLine.size() || !commandLine.subList(i, commandLine.size()).equals(List.of(args))) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(options));
    }

    private static boolean allJars(String classPath) {
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    private static String systemProperty(String name, String value) {
        return new StringBuilder("-D").append(name).append('=').append(value).toString();
    }

    /** Runs the child with this terminal and returns its exit code; keeps a newly written archive. */
    static int run(Plan plan) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(plan.command()).inheritIO();
        if (plan.startOnStdin()) {
            builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        }
        Process child = builder.start();
        if (plan.startOnStdin()) {
            // asked for only now, while the child JVM starts: JMX's runtime bean takes the launcher 20-26 ms
            sendStart(child, () -> java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        }
        Thread stop = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "hybridpane-launcher-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = child.waitFor();
        keepArchive(plan, code);
        return code;
    }

    /**
     * Writes this JVM's start time to the child's standard input, one line, and closes it. Closed all the same when the
     * time cannot be had: the child then reads the end of its input and counts from its own start.
     */
    static void sendStart(Process child, java.util.function.LongSupplier startMillis) {
        try (java.io.OutputStream in = child.getOutputStream()) {
            in.write(Long.toString(startMillis.getAsLong()).concat("\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            // the child has ended already, or JMX did not answer
        }
    }

    /**
     * Keeps the archive the child wrote, if it ran to a normal end after its first view was populated: a run that
     * failed early (no display, a bad option) or was closed sooner saw only part of the classes, and its archive
     * would serve every later start poorly.
     */
    static void keepArchive(Plan plan, int exitCode) {
        if (plan.writtenArchive() == null) {
            return;
        }
        try {
            if (exitCode != 0 || (plan.completeMarker() != null && !Files.exists(plan.completeMarker()))) {
                return; // the next start writes one
            }
            if (Files.isRegularFile(plan.writtenArchive()) && Files.size(plan.writtenArchive()) > 0) {
                Files.move(plan.writtenArchive(), plan.archiveToKeep(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                // archives for older builds or JDKs are of no further use
                try (var old = Files.newDirectoryStream(plan.archiveToKeep().getParent(), "hybridpane-*")) {
                    for (Path p : old) {
                        String name = p.getFileName().toString();
                        // another start's archive and marker, being written, stay
                        if (!p.equals(plan.archiveToKeep()) && !name.endsWith(".tmp") && !name.endsWith(".complete")) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            } else {
                // this JVM cannot write archives (e.g. no base CDS archive): do not try on every start
                Files.writeString(plan.failedMarker(), "the JVM wrote no class-data-sharing archive\n");
            }
        } catch (IOException e) {
            // the next start tries again
        } finally {
            try {
                Files.deleteIfExists(plan.writtenArchive());
                if (plan.completeMarker() != null) {
                    Files.deleteIfExists(plan.completeMarker());
                }
            } catch (IOException e) {
                // left for the next successful write to clean up
            }
        }
    }

    /**
     * Tells the launcher that this console's first view was populated, so that the archive this JVM writes at exit
     * is worth keeping (see {@link #ARCHIVE_COMPLETE_PROPERTY}). Does nothing when this JVM writes no archive. Call
     * it off the FX thread: it creates a file.
     */
    static void firstViewPopulated() {
        String marker = System.getProperty(ARCHIVE_COMPLETE_PROPERTY);
        if (marker == null) {
            return;
        }
        try {
            Files.write(Path.of(marker), new byte[0]);
        } catch (IOException | RuntimeException e) {
            // no marker: the next start writes the archive again
        }
    }

    /** The OS's usual per-user cache directory for HybridPane (HYBRIDPANE_CACHE_DIR overrides it). */
    static Path cacheDir(String osName, Map<String, String> env, String userHome) {
        return ConfigDirs.cache(osName, env, userHome);
    }

    /**
     * Names the archive after everything it depends on: the JDK, the class path, and the size and time of
     * every jar on it or beside it in lib/ (a new build or JDK gets a new archive). Two CRC-32s, not a
     * cryptographic digest: the name only tells builds apart, and a digest would load the JDK's security
     * providers into the launcher JVM (tens of ms at every start).
     */
    static String archiveKey(String javaHome, String vmVersion, String classPath) {
        try {
            StringBuilder stamps = new StringBuilder().append(javaHome).append('\n').append(vmVersion).append('\n')
                    .append(classPath).append('\n');
            for (String entry : classPath.split(File.pathSeparator)) {
                Path p = Path.of(entry).toAbsolutePath();
                stamp(stamps, p);
                Path lib = p.getParent() == null ? null : p.getParent().resolve("lib");
                if (entry.endsWith(".jar") && lib != null && Files.isDirectory(lib)) {
                    try (var jars = Files.newDirectoryStream(lib, "*.jar")) {
                        List<Path> sorted = new ArrayList<>();
                        for (Path j : jars) {
                            sorted.add(j);
                        }
                        sorted.sort(null);
                        for (Path j : sorted) {
                            stamp(stamps, j);
                        }
                    }
                }
            }
            byte[] bytes = stamps.toString().getBytes(StandardCharsets.UTF_8);
            CRC32 forward = new CRC32();
            forward.update(bytes);
            CRC32 backward = new CRC32();
            for (int i = bytes.length - 1; i >= 0; i--) {
                backward.update(bytes[i]);
            }
            return hex8(forward.getValue()) + hex8(backward.getValue());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex8(long crc) {
        String hex = Long.toHexString(crc);
        return "00000000".substring(hex.length()).concat(hex);
    }

    private static void stamp(StringBuilder stamps, Path p) throws IOException {
        stamps.append(p).append('|');
        if (Files.isRegularFile(p)) {
            stamps.append(Files.size(p)).append('|').append(Files.getLastModifiedTime(p).toMillis());
        } else {
            stamps.append('-');
        }
        stamps.append('\n');
    }
}
