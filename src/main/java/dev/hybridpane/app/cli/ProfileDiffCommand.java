package dev.hybridpane.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `hybridpane profile diff NAME N1 N2`: what changed from one version to another, field by field. */
@Command(name = "diff", mixinStandardHelpOptions = true, description = "Show the changes from version N1 to N2 of a profile.")
public final class ProfileDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProfileTarget target;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
    @Parameters(index = "1", paramLabel = "N1")
    int from;
    @Parameters(index = "2", paramLabel = "N2")
    int to;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return ProfileEnvironment.run(target, spec.commandLine().getErr(), env -> {
            out.print(env.service(target.ref()).diff(name, from, to));
            out.flush();
            return 0;
        });
    }
}
