package dev.hybridpane.app;

import dev.hybridpane.app.bench.FactsBenchCommand;
import dev.hybridpane.app.bench.LiveBenchCommand;
import dev.hybridpane.app.bench.UpgradeBenchCommand;
import dev.hybridpane.app.cli.CliFailures;
import dev.hybridpane.app.cli.ClusterCommand;
import dev.hybridpane.app.cli.DoctorCommand;
import dev.hybridpane.app.cli.HostsCommand;
import dev.hybridpane.app.cli.AccountsCommand;
import dev.hybridpane.app.cli.LoginCommand;
import dev.hybridpane.app.cli.HybridCommand;
import dev.hybridpane.app.cli.NodeCommand;
import dev.hybridpane.app.cli.PoolCommand;
import dev.hybridpane.app.cli.ProfileCommand;
import dev.hybridpane.app.startup.Launcher;
import dev.hybridpane.app.startup.StartupPhases;
import dev.hybridpane.ui.settings.OsThemeDetector;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * `hybridpane`: opens the console. Subcommands run headless tools.
 *
 * <p>The console's own options are declared here in code, not with picocli's annotations: reading annotations
 * makes the JDK generate a proxy class per annotation type at every start, ahead of the lab and the window. The subcommands keep their annotations; they are built only when the
 * command line may name one.
 */
public final class HybridPaneCommand implements Callable<Integer> {
    /** picocli's switch for its search for Groovy closures (see {@link #commandLine}). */
    static final String NO_CLOSURES = "picocli.disable.closures";

    /**
     * The subcommands. picocli builds a command's model from its annotations by reflection, at every start and
     * before the console could begin; so they are registered only when the command line may name one
     * ({@link #commandLine}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(LabCommand.class, ClusterCommand.class,
            HybridCommand.class, ProfileCommand.class, PoolCommand.class, NodeCommand.class, HostsCommand.class, DoctorCommand.class,
            LoginCommand.class, AccountsCommand.class,
            LiveBenchCommand.class,
            FactsBenchCommand.class, UpgradeBenchCommand.class);

    static final String LAB = "--lab";
    static final String LAB_SCALE = "--lab-scale";
    static final String PROFILE = "--profile";
    static final String REGION = "--region";
    public static final String EXIT_WHEN_READY = "--exit-when-ready";

    private final CommandSpec spec = spec(this);

    private static CommandSpec spec(HybridPaneCommand command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("hybridpane").versionProvider(new Version());
        spec.usageMessage().description("Desktop console for Amazon EKS Hybrid Nodes.",
                "With no AWS credentials on this machine it opens on the embedded lab.");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        spec.addOption(OptionSpec.builder(CliFailures.DEBUG).type(boolean.class).scopeType(ScopeType.INHERIT)
                .description("On a failure, print the stack trace after the one line.").build());
        spec.addOption(OptionSpec.builder(LAB).type(boolean.class)
                .description("Open on the embedded lab even when AWS credentials exist.").build());
        spec.addOption(OptionSpec.builder(LAB_SCALE).type(int.class).paramLabel("NODES")
                .description("Grow the lab's first hybrid cluster to NODES hybrid nodes (performance work).").build());
        spec.addOption(OptionSpec.builder(PROFILE).type(String.class).paramLabel("NAME")
                .description("AWS profile to open (default: the remembered one, else the default profile).").build());
        spec.addOption(OptionSpec.builder(REGION).type(List.class).auxiliaryTypes(String.class).splitRegex(",")
                .paramLabel("REGION").description("Regions to show (comma-separated).").build());
        spec.addOption(OptionSpec.builder(EXIT_WHEN_READY).type(boolean.class)
                .description("Exit as soon as the first view is populated and print the time since the JVM started "
                        + "(startup benchmark).").build());
        return spec;
    }

    /** An option's parsed value, or {@code otherwise} when the command line did not give it. */
    <T> T option(String name, T otherwise) {
        T value = spec.findOption(name).getValue();
        return value == null ? otherwise : value;
    }

    /**
     * The command line for these arguments: with the subcommands when an argument may name one (any word that
     * is not an option, or a help or version option, so that usage lists them), without them otherwise.
     */
    public static CommandLine commandLine(String... args) {
        // HybridPane has no Groovy closures in its annotations; without this, picocli's first command line looks
        // for groovy.lang.Closure in every jar on the class path, on the main thread at every start
        if (System.getProperty(NO_CLOSURES) == null) {
            System.setProperty(NO_CLOSURES, "true");
        }
        CommandLine cl = new CommandLine(new HybridPaneCommand().spec);
        if (mayNameSubcommand(args)) {
            SUBCOMMANDS.forEach(cl::addSubcommand);
        }
        return cl.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler(new CliFailures());
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
        boolean exitWhenReady = option(EXIT_WHEN_READY, false);
        StartupPhases phases = new StartupPhases(exitWhenReady);
        phases.mark("main");
        // the OS's theme is asked for now, so that the window can start in it
        var themeThreads = Composition.daemonThreads("hybridpane-os-theme");
        CompletableFuture<Boolean> osPrefersDark = CompletableFuture.supplyAsync(new OsThemeDetector()::prefersDark,
                task -> themeThreads.newThread(task).start());
        Composition.Options options = new Composition.Options(option(LAB, false), option(LAB_SCALE, 0),
                option(PROFILE, null), option(REGION, null));
        // the lab (or the AWS profile files) get ready while the JavaFX toolkit starts
        CompletableFuture<Composition> composition = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                Composition built = Composition.create(options);
                try {
                    // the first view's data is on its way while the toolkit starts and the window is built
                    built.shellStart();
                } catch (RuntimeException | Error e) {
                    built.close(); // e.g. an AWS config file the SDK cannot read
                    throw e;
                }
                composition.complete(built);
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
