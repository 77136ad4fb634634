package dev.hybridpane.app.cli;

import picocli.CommandLine.Command;

/** `hybridpane hybrid ...`. */
@Command(name = "hybrid", mixinStandardHelpOptions = true, description = "Hybrid mode commands.",
        subcommands = {HybridEnableCommand.class})
public final class HybridCommand {
}
