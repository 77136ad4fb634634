package dev.hybridpane.app.cli;

import picocli.CommandLine.Command;

/** `hybridpane cluster ...`. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Cluster commands.",
        subcommands = {ClusterImportCommand.class})
public final class ClusterCommand {
}
