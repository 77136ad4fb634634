package dev.hybridpane.app.cli;

import picocli.CommandLine.Command;

/** `hybridpane node ...`: one node of a pool. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Node commands (nodes of HybridPane's pools).",
        subcommands = {NodeRemoveCommand.class})
public final class NodeCommand {
    private NodeCommand() {
    }
}
