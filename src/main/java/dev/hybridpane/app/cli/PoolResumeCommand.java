package dev.hybridpane.app.cli;

import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.pool.CertRotation;
import dev.hybridpane.core.pool.NodeDrain;
import dev.hybridpane.core.pool.NodeRemovalService;
import dev.hybridpane.core.pool.PoolChange;
import dev.hybridpane.core.pool.PoolUpgrade;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolMapper;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
    @Option(names = "--ca-key", paramLabel = "FILE", description = "IAM Roles Anywhere: the trust anchor CA's private key (PEM), "
            + "read into memory only, for the nodes a resumed repave or cutover joins.")
    Path caKey;
    @Option(names = "--ca-key-passphrase-env", paramLabel = "VAR", description = "The environment variable holding the CA "
            + "key's passphrase (default: asked on the terminal when the key is encrypted).")
    String caKeyPassphraseEnv;
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
        if (j.kind().equals(NodeRemovalService.KIND) || j.kind().equals(PoolChange.KIND)) {
            out.println("Resuming " + j.title() + " (" + j.status() + ")");
            out.flush();
            return delegate(j, out, err);
        }
        if (j.kind().equals(CertRotation.KIND)) {
            err.println("Pool " + pool + "'s unfinished operation is a certificate rotation (" + j.id() + "): it needs the CA "
                    + "key again; run `pool rotate-certs " + pool + " --ca-key FILE --apply`, which resumes it.");
            err.flush();
            return 1;
        }
        if (!j.kind().equals(PoolUpgrade.KIND)) {
            err.println("Pool " + pool + "'s unfinished operation is a " + j.kind() + " (" + j.id() + ", " + j.status()
                    + "): `pool resume` does not run that kind.");
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
        CaKey key;
        try {
            key = CaKeyFiles.read(caKey, caKeyPassphraseEnv, System::getenv);
        } catch (CaKeyFiles.Refused e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
        try (CaKey held = key) {
            return PoolUpgradeCommand.run(spec, target, pool, o.get(), true, sshKey, knownHosts, takeOver, held);
        }
    }

    /**
     * A node removal or a pool change runs again through its own command (`node remove NODE`, `pool apply -f`), with the
     * inputs its journal recorded: the node, the desired pool, the drain's choices.
     */
    private int delegate(Journal j, PrintWriter out, PrintWriter err) throws Exception {
        NodeDrain.Options drain = PoolChange.recordedDrain(j);
        List<String> args = new ArrayList<>();
        Path file = null;
        Object command;
        if (j.kind().equals(NodeRemovalService.KIND)) {
            command = new NodeRemoveCommand();
            args.add(j.id().substring(j.id().lastIndexOf('/') + 1));
        } else {
            HybridNodePool desired = PoolChange.recordedPool(j).orElse(null);
            if (desired == null) {
                err.println("The journal " + j.id() + " recorded no pool to resume from: run `pool apply -f POOL.yaml --apply` "
                        + "again.");
                err.flush();
                return 1;
            }
            command = new PoolApplyCommand();
            file = Files.createTempFile("hybridpane-resume-", ".yaml"); // the pool as recorded: no secret in it
            Files.writeString(file, PoolMapper.toYaml(desired), StandardCharsets.UTF_8);
            args.addAll(List.of("-f", file.toString()));
        }
        args.addAll(List.of("--apply", "--ssh-key", sshKey.toString(), "--cluster", target.cluster, "--region", target.region));
        if (target.profile != null) {
            args.addAll(List.of("--profile", target.profile));
        }
        if (target.lab) {
            args.add("--lab");
        }
        if (knownHosts != null) {
            args.addAll(List.of("--known-hosts", knownHosts.toString()));
        }
        if (drain.deleteEmptyDirData()) {
            args.add("--delete-emptydir-data");
        }
        if (drain.force()) {
            args.add("--force");
        }
        if (drain.disableEviction()) {
            args.add("--disable-eviction");
        }
        args.addAll(List.of("--drain-timeout", drain.timeout().toSeconds() + "s"));
        try {
            return new CommandLine(command).setOut(out).setErr(err).execute(args.toArray(String[]::new));
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
