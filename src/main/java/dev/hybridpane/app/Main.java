package dev.hybridpane.app;

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
        Optional<Launcher.Plan> plan = Launcher.mayRelaunch(args, env)
                ? Launcher.plan(args, env, ThisJvm.options(), System.getProperty("java.home"),
                        System.getProperty("java.class.path"), System.getProperty("os.name", ""),
                        System.getProperty("user.home"), ThisJvm.startMillis())
                : Optional.empty();
        if (plan.isPresent()) {
            try {
                System.exit(Launcher.run(plan.get()));
            } catch (java.io.IOException e) {
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
