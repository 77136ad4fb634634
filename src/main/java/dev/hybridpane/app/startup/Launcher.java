package dev.hybridpane.app.startup;

import dev.hybridpane.app.HybridPaneCommand;
import dev.hybridpane.app.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Starts the desktop console in a JVM tuned for it. {@code java -jar} cannot carry JVM options, so the
 * launcher JVM starts one child JVM with:
 * <ul>
 * <li>a class-data-sharing archive of HybridPane's own classes ({@link CdsArchive}), and</li>
 * <li>the JIT and collector settings in {@link #TUNING}, which suit an interactive console on a small
 * machine.</li>
 * </ul>
 * The child inherits the terminal and the launcher's own JVM options ({@link JvmCommandLine}); the launcher returns
 * its exit code. It does nothing for the headless subcommands, when the user gives class-data-sharing or debugger
 * options themselves, or when {@code HYBRIDPANE_RELAUNCH=0}. This class uses the JDK only, so the launcher JVM stays
 * small. Its path to starting the child also uses no lambdas, streams or string concatenation with {@code +}: each
 * first use sets up method handles in a JVM that has nothing else to do, while the user waits.
 */
public final class Launcher {
    /**
     * Set in the child: the launcher JVM's start time (epoch ms), so startup figures count from it; {@link
     * #START_ON_STDIN} when the launcher writes it to the child's standard input once the child runs, or {@link
     * #START_NOT_SENT} when nothing asks for startup figures.
     */
    static final String START_PROPERTY = "hybridpane.launcher.start";
    static final String START_ON_STDIN = "stdin";
    static final String START_NOT_SENT = "none";
    /** {@link #plan}'s start time when this JVM has not asked JMX for it. */
    public static final long START_UNKNOWN = -1;

    /**
     * C1 only: C2's compilations take much of a small machine's CPU during startup and then compete with the FX
     * thread, and the console does no long numeric work that needs C2's code. A small fixed young generation: G1
     * collects it often and each pause copies little, so pauses stay well under a frame or two while thousands of
     * node updates a second arrive (nearly every node object survives a young collection then, so a pause grows with
     * the generation's size). The price: the first changes after the window opens may lag while their code is still
     * cold. packaging/README.md has the measurements behind these values.
     */
    static final List<String> TUNING = List.of("-XX:TieredStopAtLevel=1", "-XX:MaxGCPauseMillis=20", "-Xmn24m");

    /** On two cores or fewer, one compiler thread leaves more CPU to the window while it starts. */
    static final String SMALL_MACHINE_TUNING = "-XX:CICompilerCount=1";

    /** Every subcommand but bench-live (which opens the real window) runs without one. */
    static final Set<String> HEADLESS_SUBCOMMANDS = Set.of("lab", "cluster", "hybrid", "profile", "pool", "node", "hosts",
            "doctor", "login", "accounts", "bench-facts", "bench-upgrade");
    /** picocli's standard help and version options. */
    public static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");
    private static final List<String> OWN_OPTIONS = List.of("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
            "-Xshare", "-XX:+AutoCreateSharedArchive", "-agentlib:jdwp", "-Xrunjdwp", "-Xdebug");

    private Launcher() {
    }

    /** Whether these arguments open the desktop console's window (not a headless subcommand, help or version). */
    public static boolean opensWindow(String[] args) {
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
    public record Plan(List<String> command, Path archiveToKeep, Path writtenArchive, Path failedMarker,
            Path completeMarker, boolean startOnStdin) {
    }

    /**
     * Whether these arguments and environment may start a child JVM (which {@link #plan} decides): not in a child,
     * not when the user turned it off, and only for the desktop console.
     */
    public static boolean mayRelaunch(String[] args, Map<String, String> env) {
        return System.getProperty(START_PROPERTY) == null && !"0".equals(env.get("HYBRIDPANE_RELAUNCH"))
                && !"false".equalsIgnoreCase(env.get("HYBRIDPANE_RELAUNCH")) && opensWindow(args);
    }

    /**
     * The plan for these arguments, or empty when the console runs in this JVM.
     *
     * @param startMillis this JVM's start time, or {@link #START_UNKNOWN}: then, when the arguments ask for startup
     *                    figures, {@link #run} sends it to the child once the child runs
     */
    public static Optional<Plan> plan(String[] args, Map<String, String> env, List<String> jvmArgs, String javaHome,
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
        CdsArchive.Use archive = CdsArchive.choose(javaHome, classPath, osName, env, userHome);
        cmd.addAll(archive.options());
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
        return Optional.of(new Plan(List.copyOf(cmd), archive.archiveToKeep(), archive.writtenArchive(),
                archive.failedMarker(), archive.completeMarker(), startOnStdin));
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

    /** {@code -Dname=value}, without string concatenation (see the class comment). */
    static String systemProperty(String name, String value) {
        return new StringBuilder("-D").append(name).append('=').append(value).toString();
    }

    /** Runs the child with this terminal and returns its exit code; keeps a newly written archive. */
    public static int run(Plan plan) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(plan.command()).inheritIO();
        if (plan.startOnStdin()) {
            builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        }
        Process child = builder.start();
        if (plan.startOnStdin()) {
            // asked for only now, while the child JVM starts: JMX's runtime bean is slow to set up in the launcher
            sendStart(child, () -> ManagementFactory.getRuntimeMXBean().getStartTime());
        }
        Thread stop = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "hybridpane-launcher-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = child.waitFor();
        CdsArchive.keep(plan, code);
        return code;
    }

    /**
     * Writes this JVM's start time to the child's standard input, one line, and closes it. Closed all the same when the
     * time cannot be had: the child then reads the end of its input and counts from its own start.
     */
    static void sendStart(Process child, LongSupplier startMillis) {
        try (OutputStream in = child.getOutputStream()) {
            in.write(Long.toString(startMillis.getAsLong()).concat("\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            // the child has ended already, or JMX did not answer
        }
    }
}
