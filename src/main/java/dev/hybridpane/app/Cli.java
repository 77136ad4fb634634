package dev.hybridpane.app;

import picocli.CommandLine;

/** Parses the command line and runs the console or a subcommand; returns the exit code. */
final class Cli {
    private Cli() {
    }

    static int run(String[] args) {
        return new CommandLine(new HybridPaneCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }
}
