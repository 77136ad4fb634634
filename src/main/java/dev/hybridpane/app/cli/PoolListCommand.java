package dev.hybridpane.app.cli;

import dev.hybridpane.core.pool.PoolStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `hybridpane pool list`: the cluster's pools with their site, profile version, ready nodes and phase. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the cluster's node pools.")
public final class PoolListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Mixin
    TextOrJson output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!output.valid(err)) {
            return 2;
        }
        return PoolEnvironment.run(target, err, env -> {
            List<PoolStore.Stored> pools = env.pools(target.ref()).list();
            if (output.json()) {
                out.println(PoolCommand.JSON.writeValueAsString(pools.stream().map(PoolCommand::row).toList()));
            } else if (pools.isEmpty()) {
                out.println("No node pools in " + target.cluster + ".");
            } else {
                out.printf("%-24s %-20s %-24s %-7s %s%n", "NAME", "SITE", "PROFILE", "READY", "PHASE");
                for (PoolStore.Stored s : pools) {
                    out.printf("%-24s %-20s %-24s %-7s %s%n", s.pool().name(), s.pool().site(),
                            s.pool().profile().name() + "@" + s.pool().profile().version(), s.status().readyText(),
                            s.status().phase().isEmpty() ? "Pending" : s.status().phase());
                }
            }
            out.flush();
            return 0;
        });
    }
}
