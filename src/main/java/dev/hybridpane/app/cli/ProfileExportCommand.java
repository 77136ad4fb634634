package dev.hybridpane.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `hybridpane profile export NAME`: the ClusterProfile as YAML on stdout, which `profile apply -f` accepts as it is. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Print a profile (or one version) as a ClusterProfile YAML document, for profile apply -f or GitOps.")
public final class ProfileExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProfileTarget target;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
    @Option(names = "--version", paramLabel = "N", description = "Only this version.")
    Integer version;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return ProfileEnvironment.run(target, spec.commandLine().getErr(), env -> {
            out.print(env.service(target.ref()).export(name, version));
            out.flush();
            return 0;
        });
    }
}
