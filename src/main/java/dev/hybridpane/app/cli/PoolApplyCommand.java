package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.kube.Fabric8PoolOps;
import dev.hybridpane.app.ConfigDirs;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.NodeDrain;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolFormatException;
import dev.hybridpane.domain.pool.PoolMapper;
import dev.hybridpane.domain.profile.ProfileProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `hybridpane pool apply -f POOL.yaml --ssh-key KEY`: checks the pool against the cluster, its profile and the inventory
 * (problems: one line each, exit 2; an IAM Roles Anywhere pool needs --ca-key, read into memory only, its passphrase
 * from --ca-key-passphrase-env or the terminal), then prints the plan (--plan, the default) or runs it (--apply) as a journaled
 * operation in the cluster, printing its log; exit 0 done, 1 failed or cancelled. For a pool that exists, a file with hosts
 * added or removed is a change (PoolChange): the added hosts join, then each removed node is drained (--delete-emptydir-data,
 * --force, --disable-eviction, --drain-timeout as kubectl drain), uninstalled, deleted and its host freed.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Plan or create a node pool (SSM or IAM Roles Anywhere) from a file, or change one: hosts added join, hosts "
        + "removed are drained, uninstalled and freed.")
public final class PoolApplyCommand implements Callable<Integer> {
    /** How the engine names the journal of an earlier, finished run it keeps (ID-run-MILLIS). */
    static final String HISTORY = "-run-";
    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "POOL.yaml", description = "The HybridNodePool.")
    Path file;
    @Option(names = "--ssh-key", required = true, paramLabel = "KEY", description = "Private key file to log in to the hosts.")
    Path sshKey;
    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Trusted host keys (default: HybridPane's own known_hosts in its config directory).")
    Path knownHosts;
    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8", description = "Hosts at once (default 8).")
    int parallel;
    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the nodes to be Ready (default 300).")
    long readyTimeout;
    @ArgGroup(exclusive = true)
    Mode mode;
    @Mixin
    NodeRemoveCommand.DrainOptions drain;
    @Option(names = "--ca-key", paramLabel = "FILE", description = "IAM Roles Anywhere: the private key (PEM) of the trust "
            + "anchor's CA, read into memory only; it issues each node's certificate.")
    Path caKey;
    @Option(names = "--ca-key-passphrase-env", paramLabel = "VAR", description = "The environment variable holding the CA "
            + "key's passphrase (default: asked on the terminal when the key is encrypted).")
    String caKeyPassphraseEnv;
    private NodeDrain.Options drainOptions = NodeDrain.Options.DEFAULT;
    /** Tests only: where --ca-key-passphrase-env is looked up. */
    static Function<String, String> environment = System::getenv;

    static final class Mode {
        @Option(names = "--plan", description = "Print the plan only (the default).")
        boolean plan;
        @Option(names = "--apply", description = "Run the plan.")
        boolean apply;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        HybridNodePool pool;
        try {
            pool = PoolMapper.fromYaml(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("-f: cannot read " + file + ".");
            return 2;
        } catch (PoolFormatException e) {
            err.println("invalid: " + file + ": " + e.getMessage());
            return 2;
        }
        if (!Files.isReadable(sshKey)) {
            err.println("--ssh-key: cannot read " + sshKey + ".");
            return 2;
        }
        if (parallel < 1) {
            err.println("--parallel: at least 1, not " + parallel + ".");
            return 2;
        }
        try {
            drainOptions = drain.options();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        CaKey key;
        try {
            key = CaKeyFiles.read(caKey, caKeyPassphraseEnv, environment);
        } catch (CaKeyFiles.Refused e) {
            err.println(e.getMessage());
            return 2;
        }
        try (CaKey held = key) {
            return run(pool, held);
        }
    }

    private int run(HybridNodePool pool, CaKey key) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean apply = mode != null && mode.apply;
        Path known = knownHosts != null ? knownHosts : ConfigDirs.current().resolve("known_hosts");
        CancelToken cancel = new CancelToken();
        CliInterrupt interrupt = apply ? CliInterrupt.cancelling(cancel) : null;
        int code = 1;
        try {
            code = body(pool, key, apply, known, cancel, out, err);
            return code;
        } finally {
            if (interrupt != null) {
                interrupt.finished(code); // after the environment closed: the journal written, the lease released
            }
        }
    }

    private int body(HybridNodePool pool, CaKey key, boolean apply, Path known, CancelToken cancel, PrintWriter out, PrintWriter err)
            throws Exception {
        return PoolEnvironment.run(target, err, env -> {
            ClusterRef ref = target.ref();
            PoolService service = env.service(known);
            PoolStore.Pools pools = env.pools(ref);
            InventoryPort.Inventory inventory = env.inventory(ref);
            PoolService.Checked checked = service.check(pool, ref, env.profiles(ref), inventory, pools,
                    new SshIdentity(sshKey, null), parallel, Duration.ofSeconds(readyTimeout), key);
            for (ProfileProblem p : checked.problems()) {
                (p.isError() ? err : out).println((p.isError() ? "" : "warning: ") + p.field() + ": " + p.message());
            }
            if (!checked.valid()) {
                err.flush();
                return 2;
            }
            if (!apply) {
                out.print(service.plan(checked.inputs(), pools, drainOptions).planText());
                out.flush();
                return 0;
            }
            Fabric8PoolOps ops = env.ops(ref);
            AtomicInteger printed = new AtomicInteger();
            Journal j;
            try {
                j = service.apply(checked.inputs(), pools, inventory, drainOptions, ops.journals(), ops.lock(),
                        env.caller() + " on " + JournalLines.hostname(),
                        cancel, journal -> JournalLines.print(journal, printed, out));
            } catch (OperationLock.LockedException e) {
                err.println(e.getMessage());
                return 1;
            }
            if (j.status() == OperationStatus.SUCCEEDED) {
                PoolStore.Stored s = pools.get(pool.name()).orElseThrow();
                out.println("Pool " + pool.name() + ": " + s.status().readyText() + " nodes Ready, " + s.status().phase() + ".");
                out.flush();
                return 0;
            }
            if (j.status() == OperationStatus.CANCELLED) {
                err.println(j.error() + "; the journal is kept in the cluster: run the same command again to resume.");
                err.flush();
                return 1;
            }
            err.println(j.status() + ": " + (j.error() == null ? "the operation did not finish" : j.error()));
            err.flush();
            return 1;
        });
    }


}
