package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.kube.Fabric8PoolOps;
import dev.hybridpane.app.ConfigDirs;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.CertRotation;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.profile.ProfileProblem;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `hybridpane pool rotate-certs NAME --ca-key FILE --ssh-key KEY`: rotates the IAM Roles Anywhere certificates of a pool's
 * hosts, one host at a time (new certificate with the same CN from the CA key read into memory only, its new key 0600,
 * aws_signing_helper_update restarted where it runs, the node checked Ready). --plan (the default) prints the plan; --apply
 * runs it as a journaled operation under the pool's lock, printing its log. Exit 0 done, 1 failed or cancelled (Ctrl-C:
 * a re-run resumes), 2 invalid input.
 */
@Command(name = "rotate-certs", mixinStandardHelpOptions = true,
        description = "Plan or rotate the IAM Roles Anywhere certificates of a pool's hosts.")
public final class PoolRotateCertsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Parameters(index = "0", paramLabel = "NAME", description = "The pool.")
    String name;
    @Option(names = "--ca-key", required = true, paramLabel = "FILE", description = "The private key (PEM) of the trust "
            + "anchor's CA, read into memory only; it issues each node's new certificate.")
    Path caKey;
    @Option(names = "--ca-key-passphrase-env", paramLabel = "VAR", description = "The environment variable holding the CA "
            + "key's passphrase (default: asked on the terminal when the key is encrypted).")
    String caKeyPassphraseEnv;
    @Option(names = "--ssh-key", required = true, paramLabel = "KEY", description = "Private key file to log in to the hosts.")
    Path sshKey;
    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Trusted host keys (default: HybridPane's own known_hosts in its config directory).")
    Path knownHosts;
    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long each node may take to be Ready after its rotation (default 120).")
    long readyTimeout;
    @Option(names = "--again", description = "Start a new rotation even though the last one finished (otherwise a finished "
            + "rotation is all already done, and an unfinished one is resumed).")
    boolean again;
    @Option(names = "--take-over", description = "Take over the pool's lock when it is stale (its workstation stopped "
            + "renewing it); recorded as an Event on the pool. A live lock is never taken.")
    boolean takeOver;
    @ArgGroup(exclusive = true)
    Mode mode;
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
        if (!Files.isReadable(sshKey)) {
            err.println("--ssh-key: cannot read " + sshKey + ".");
            return 2;
        }
        if (readyTimeout < 1) {
            err.println("--ready-timeout: at least 1 second, not " + readyTimeout + ".");
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
            boolean apply = mode != null && mode.apply;
            CancelToken cancel = new CancelToken();
            CliInterrupt interrupt = apply ? CliInterrupt.cancelling(cancel) : null;
            int code = 1;
            try {
                code = body(held, apply, cancel);
                return code;
            } finally {
                if (interrupt != null) {
                    interrupt.finished(code);
                }
            }
        }
    }

    private int body(CaKey key, boolean apply, CancelToken cancel) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path known = knownHosts != null ? knownHosts : ConfigDirs.current().resolve("known_hosts");
        return PoolEnvironment.run(target, err, env -> {
            ClusterRef ref = target.ref();
            CertRotation rotation = new CertRotation(env.aws, env.iam(), env.edge(known), Clock.systemUTC());
            PoolStore.Pools pools = env.pools(ref);
            CertRotation.Checked checked = rotation.check(ref, name, env.profiles(ref), env.inventory(ref), pools,
                    new SshIdentity(sshKey, null), key, Duration.ofSeconds(readyTimeout));
            for (ProfileProblem p : checked.problems()) {
                (p.isError() ? err : out).println((p.isError() ? "" : "warning: ") + p.field() + ": " + p.message());
            }
            if (!checked.valid()) {
                err.flush();
                return 2;
            }
            Fabric8PoolOps ops = env.ops(ref);
            if (!apply) {
                out.print(rotation.plan(checked.inputs(), pools, ops.journals(), again).planText());
                out.flush();
                return 0;
            }
            AtomicInteger printed = new AtomicInteger();
            Journal j;
            try {
                j = rotation.apply(checked.inputs(), pools, ops.journals(), ops.lock(), env.caller() + " on " + JournalLines.hostname(),
                        takeOver, again, cancel, journal -> JournalLines.print(journal, printed, out));
            } catch (OperationLock.LockedException e) {
                err.println(e.getMessage());
                return 1;
            }
            if (j.status() == OperationStatus.SUCCEEDED) {
                int n = checked.inputs().pool().pool().hostNames().size();
                out.println("Pool " + name + ": the certificates of " + n + (n == 1 ? " host are" : " hosts are")
                        + " rotated (rotation " + j.outputs().get("rotation") + ").");
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
