package dev.hybridpane.app.cli;

import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.pool.PoolMapper;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `hybridpane pool show NAME`: one pool's spec and status. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one node pool.")
public final class PoolShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
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
            Optional<PoolStore.Stored> s = env.pools(target.ref()).get(name);
            if (s.isEmpty()) {
                err.println("There is no node pool named " + name + " in " + target.cluster + ".");
                return 1;
            }
            if (output.json()) {
                out.println(PoolCommand.JSON.writeValueAsString(PoolCommand.object(s.get())));
            } else {
                PoolStore.Stored p = s.get();
                out.print(PoolMapper.toYaml(p.pool()));
                out.println("status:");
                out.println("  phase: " + (p.status().phase().isEmpty() ? "Pending" : p.status().phase()));
                out.println("  ready: " + p.status().readyText());
                if (!p.status().members().isEmpty()) {
                    out.println("  members:");
                    p.status().members().forEach(m -> out.println("    - {host: " + m.host() + ", node: " + m.node() + "}"));
                }
            }
            out.flush();
            return 0;
        });
    }
}
