package dev.hybridpane.app;

import dev.hybridpane.ui.settings.OsThemeDetector;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `hybridpane`: opens the console. Subcommands run headless tools. */
@Command(name = "hybridpane", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Desktop console for Amazon EKS Hybrid Nodes.%n"
                + "With no AWS credentials on this machine it opens on the embedded lab.")
public final class HybridPaneCommand implements Callable<Integer> {
    /** picocli's switch for its search for Groovy closures (see {@link #commandLine}). */
    static final String NO_CLOSURES = "picocli.disable.closures";

    /**
     * The subcommands. picocli builds a command's model from its annotations by reflection, ~50 ms for these
     * at every start on a small machine, before the console could begin; so they are registered only when the
     * command line may name one ({@link #commandLine}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(LabCommand.class, dev.hybridpane.app.cli.ClusterCommand.class,
            dev.hybridpane.app.cli.HybridCommand.class, LiveBenchCommand.class);

    @Option(names = "--lab", description = "Open on the embedded lab even when AWS credentials exist.")
    boolean lab;

    @Option(names = "--lab-scale", paramLabel = "NODES",
            description = "Grow the lab's first hybrid cluster to NODES hybrid nodes (performance work).")
    int labScale;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile to open (default: the remembered one, else the default profile).")
    String profile;

    @Option(names = "--region", split = ",", paramLabel = "REGION", description = "Regions to show (comma-separated).")
    List<String> regions;

    @Option(names = "--exit-when-ready",
            description = "Exit as soon as the first view is populated and print the time since the JVM started (startup benchmark).")
    boolean exitWhenReady;

    /**
     * The command line for these arguments: with the subcommands when an argument may name one (any word that
     * is not an option, or a help or version option, so that usage lists them), without them otherwise.
     */
    public static CommandLine commandLine(String... args) {
        // HybridPane has no Groovy closures in its annotations; without this, picocli's first command line looks
        // for groovy.lang.Closure in every jar on the class path (~40 ms on the main thread at every start)
        if (System.getProperty(NO_CLOSURES) == null) {
            System.setProperty(NO_CLOSURES, "true");
        }
        CommandLine cl = new CommandLine(new HybridPaneCommand());
        if (mayNameSubcommand(args)) {
            SUBCOMMANDS.forEach(cl::addSubcommand);
        }
        return cl.setCaseInsensitiveEnumValuesAllowed(true);
    }

    static boolean mayNameSubcommand(String... args) {
        for (String a : args) {
            if (!a.startsWith("-") || Launcher.HELP.contains(a)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Integer call() throws Exception {
        StartupPhases phases = new StartupPhases(exitWhenReady);
        phases.mark("main");
        // the OS's theme is asked for now, so that the window can start in it
        var themeThreads = Composition.daemonThreads("hybridpane-os-theme");
        CompletableFuture<Boolean> osPrefersDark = CompletableFuture.supplyAsync(new OsThemeDetector()::prefersDark,
                task -> themeThreads.newThread(task).start());
        phases.jvmOptions();
        Composition.Options options = new Composition.Options(lab, labScale, profile, regions);
        // the lab (or the AWS profile files) get ready while the JavaFX toolkit starts
        CompletableFuture<Composition> composition = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                composition.complete(Composition.create(options));
                phases.mark("composition");
            } catch (RuntimeException | Error e) {
                composition.completeExceptionally(e);
            }
        }, "hybridpane-startup");
        builder.setDaemon(true);
        builder.start();
        try {
            return DesktopApp.run(composition, osPrefersDark, exitWhenReady, phases);
        } finally {
            composition.thenAccept(Composition::close);
        }
    }
}
