package dev.hybridpane.app;

import picocli.CommandLine;

/**
 * Launcher. Not a JavaFX Application subclass, so {@code java -jar target/hybridpane.jar} works with
 * JavaFX on the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = new CommandLine(new HybridPaneCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        System.exit(code);
    }
}
