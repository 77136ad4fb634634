package dev.hybridpane.app.cli;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.pool.PoolUpgrade;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `hybridpane pool resume NAME`: finds the pool's unfinished day-2 operation in the cluster (its journal) and runs it
 * again from the inputs it recorded; every step observes first, so what was done is not done again. Exit 0 done (or
 * nothing to resume), 1 failed or cancelled, 2 invalid input.
 */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Finish a pool's interrupted day-2 operation.")
public final class PoolResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Parameters(index = "0", paramLabel = "NAME", description = "The pool.")
    String pool;
    @Option(names = "--ssh-key", required = true, paramLabel = "KEY", description = "Private key file to log in to the hosts.")
    Path sshKey;
    @Option(names = "--known-hosts", paramLabel = "FILE", description = "Trusted host keys (default: HybridPane's own known_hosts).")
    Path knownHosts;
    @Option(names = "--take-over", description = "Take the pool's lease over when it is stale (its holder stopped renewing it); "
            + "an Event on the pool records it.")
    boolean takeOver;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Journal[] found = new Journal[1];
        int code = PoolEnvironment.run(target, err, env -> {
            found[0] = PoolUpgrade.unfinished(env.ops(target.ref()).journals(), target.ref(), pool).orElse(null);
            return 0;
        });
        if (code != 0) {
            return code;
        }
        Journal j = found[0];
        if (j == null) {
            out.println("Pool " + pool + " has no unfinished day-2 operation: nothing to resume.");
            out.flush();
            return 0;
        }
        if (!j.kind().equals(PoolUpgrade.KIND)) {
            err.println("Pool " + pool + "'s unfinished operation is a " + j.kind() + " (" + j.id() + ", " + j.status()
                    + "): `pool resume` does not run that kind yet.");
            err.flush();
            return 1;
        }
        Optional<PoolUpgrade.Options> o = PoolUpgrade.Options.fromInputs(j.outputs());
        if (o.isEmpty()) {
            err.println("The journal " + j.id() + " recorded no inputs to resume from: run `pool upgrade " + pool
                    + " --to-version N --apply` again.");
            err.flush();
            return 1;
        }
        out.println("Resuming " + j.title() + " (" + j.status() + " at " + (j.finished() == null ? j.started() : j.finished())
                + ")");
        out.flush();
        return PoolUpgradeCommand.run(spec, target, pool, o.get(), true, sshKey, knownHosts, takeOver);
    }
}
