package dev.hybridpane.app;

/** Parses the command line and runs the console or a subcommand; returns the exit code. */
final class Cli {
    private Cli() {
    }

    static int run(String[] args) {
        return HybridPaneCommand.commandLine(args).execute(args);
    }
}
