package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.kube.Fabric8PoolOps;
import dev.hybridpane.app.ConfigDirs;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.NodeDrain;
import dev.hybridpane.core.pool.NodeRemovalService;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.ClusterRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `hybridpane node remove NODE`: finds the node's pool (its hybridpane.dev/pool label) and host, then prints the removal's
 * steps (--plan, the default) or runs them (--apply): cordon, drain through the Eviction API, nodeadm uninstall, NotReady,
 * delete the Node, SSM deregistered, the host back to available. Journaled in the cluster under the pool's lease; Ctrl-C
 * cancels at a safe point and the same command resumes. Exit 0 done, 1 failed or cancelled, 2 invalid input.
 */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Plan or remove a node from its pool (drain, "
        + "nodeadm uninstall, delete, deregister) and free its host.")
public final class NodeRemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Mixin
    DrainOptions drain;
    @Parameters(index = "0", paramLabel = "NODE", description = "The node's name (mi-… for SSM).")
    String node;
    @Option(names = "--ssh-key", paramLabel = "KEY", description = "Private key file to log in to the host (needed with --apply).")
    Path sshKey;
    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Trusted host keys (default: HybridPane's own known_hosts in its config directory).")
    Path knownHosts;
    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
        @Option(names = "--plan", description = "Print the plan only (the default).")
        boolean plan;
        @Option(names = "--apply", description = "Run the plan.")
        boolean apply;
    }

    /** kubectl drain's choices on the command line (node remove, pool apply with hosts removed). */
    static final class DrainOptions {
        private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

        @Option(names = "--delete-emptydir-data", description = "Drain pods with emptyDir volumes too (their local data is lost).")
        boolean deleteEmptyDirData;
        @Option(names = "--force", description = "Drain pods that declare no controller too (nothing recreates them).")
        boolean force;
        @Option(names = "--disable-eviction", description = "Delete pods instead of evicting them: bypasses PodDisruptionBudgets.")
        boolean disableEviction;
        @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "10m",
                description = "How long the drain may take, e.g. 90s, 10m, 1h; 0: no limit (default 10m).")
        String drainTimeout;

        /** The options; bad input: an IllegalArgumentException whose message is one line (exit 2). */
        NodeDrain.Options options() {
            return new NodeDrain.Options(deleteEmptyDirData, force, disableEviction, duration(drainTimeout),
                    NodeDrain.Options.DEFAULT_RETRY);
        }

        static Duration duration(String text) {
            Matcher m = DURATION.matcher(text == null ? "" : text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("--drain-timeout: a duration such as 90s, 10m or 1h, not \"" + text + "\".");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        NodeDrain.Options options;
        try {
            options = drain.options();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        boolean apply = mode != null && mode.apply;
        if (apply && sshKey == null) {
            err.println("--ssh-key: needed with --apply (nodeadm uninstall runs on the host over SSH).");
            return 2;
        }
        if (sshKey != null && !Files.isReadable(sshKey)) {
            err.println("--ssh-key: cannot read " + sshKey + ".");
            return 2;
        }
        CancelToken cancel = new CancelToken();
        CliInterrupt interrupt = apply ? CliInterrupt.cancelling(cancel) : null;
        int code = 1;
        try {
            code = body(options, apply, cancel);
            return code;
        } finally {
            if (interrupt != null) {
                interrupt.finished(code);
            }
        }
    }

    private int body(NodeDrain.Options options, boolean apply, CancelToken cancel) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path known = knownHosts != null ? knownHosts : ConfigDirs.current().resolve("known_hosts");
        return PoolEnvironment.run(target, err, env -> {
            ClusterRef ref = target.ref();
            NodeRemovalService service = env.removals(known);
            PoolStore.Pools pools = env.pools(ref);
            InventoryPort.Inventory inventory = env.inventory(ref);
            Fabric8PoolOps ops = env.ops(ref);
            NodeRemovalService.Target t;
            try {
                t = service.resolve(ref, node, options, pools, ops.journals());
            } catch (NodeRemovalService.NotFound e) {
                err.println(e.getMessage());
                return 2;
            }
            if (!apply) {
                out.print(service.plan(t, pools, inventory).planText());
                out.flush();
                return 0;
            }
            AtomicInteger printed = new AtomicInteger();
            Journal j;
            try {
                j = service.apply(t, pools, inventory, new SshIdentity(sshKey, null), ops.journals(), ops.lock(),
                        env.caller() + " on " + JournalLines.hostname(), cancel, journal -> JournalLines.print(journal, printed, out));
            } catch (OperationLock.LockedException e) {
                err.println(e.getMessage());
                return 1;
            }
            if (j.status() == OperationStatus.SUCCEEDED) {
                out.println("Node " + node + " removed from pool " + t.pool() + "; host " + t.host() + " is available.");
                out.flush();
                return 0;
            }
            if (j.status() == OperationStatus.CANCELLED) {
                err.println(j.error() + "; the journal is kept in the cluster: run the same command again to resume.");
            } else {
                err.println(j.status() + ": " + (j.error() == null ? "the operation did not finish" : j.error()));
            }
            err.flush();
            return 1;
        });
    }


}
