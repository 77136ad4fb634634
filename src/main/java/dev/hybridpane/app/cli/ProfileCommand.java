package dev.hybridpane.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;

/** `hybridpane profile ...`: the cluster profiles stored in a cluster. */
@Command(name = "profile", mixinStandardHelpOptions = true, description = "Cluster profile commands.",
        subcommands = {ProfileListCommand.class, ProfileShowCommand.class, ProfileDiffCommand.class,
                ProfileExportCommand.class, ProfileApplyCommand.class})
public final class ProfileCommand {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
}
