package dev.hybridpane.app;

import dev.hybridpane.app.startup.FxStartup;
import dev.hybridpane.app.startup.JvmCommandLine;
import dev.hybridpane.app.startup.Launcher;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Launcher. Not a JavaFX Application subclass, so {@code java -jar target/hybridpane.jar} works with
 * JavaFX on the class path. For the desktop console it starts a tuned child JVM first ({@link Launcher});
 * the commands themselves run in {@link Cli}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Optional<Launcher.Plan> plan = Optional.empty();
        if (Launcher.mayRelaunch(args, env)) {
            // On Linux the JVM options are read from the process's command line. Elsewhere, or when that does not tell
            // them all, from JMX's runtime bean, which loads every platform MXBean provider while the user waits
            // (packaging/README.md has the figures). The start time, for startup figures, is then sent to the child
            // once it runs.
            List<String> line = JvmCommandLine.procCommandLine();
            Optional<List<String>> options = line == null ? Optional.empty() : JvmCommandLine.jvmOptions(line, args, env);
            List<String> jvmArgs;
            long start;
            if (options.isPresent()) {
                jvmArgs = options.get();
                start = Launcher.START_UNKNOWN;
            } else {
                RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
                jvmArgs = runtime.getInputArguments();
                start = runtime.getStartTime();
            }
            plan = Launcher.plan(args, env, jvmArgs, System.getProperty("java.home"),
                    System.getProperty("java.class.path"), System.getProperty("os.name", ""),
                    System.getProperty("user.home"), start);
        }
        if (plan.isPresent()) {
            try {
                System.exit(Launcher.run(plan.get()));
            } catch (IOException e) {
                // the child JVM could not be started: run here instead
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                System.exit(130);
            }
        }
        if (Launcher.opensWindow(args)) {
            // the toolkit starts while the command line is parsed and the lab or the AWS profiles load
            FxStartup.begin();
        }
        System.exit(Cli.run(args));
    }
}
