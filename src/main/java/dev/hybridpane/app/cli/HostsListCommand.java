package dev.hybridpane.app.cli;

import dev.hybridpane.core.edge.StoredHost;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `hybridpane hosts list`: the cluster's edge hosts with their site, status, OS and architecture. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the cluster's edge hosts.")
public final class HostsListCommand implements Callable<Integer> {
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
            List<StoredHost> hosts = env.inventory(target.ref()).hosts().stream()
                    .sorted(Comparator.comparing((StoredHost h) -> h.spec().name())).toList();
            if (output.json()) {
                out.println(HostsCommand.JSON.writeValueAsString(hosts.stream().map(HostsCommand::row).toList()));
            } else if (hosts.isEmpty()) {
                out.println("No edge hosts in " + target.cluster + ".");
            } else {
                out.println(HostsCommand.header(true));
                hosts.forEach(h -> out.println(HostsCommand.line(h, true)));
            }
            out.flush();
            return 0;
        });
    }
}
