package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.kube.Fabric8PoolOps;
import dev.hybridpane.app.ConfigDirs;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.PauseToken;
import dev.hybridpane.core.pool.FinishedUpgrades;
import dev.hybridpane.core.pool.NodeDrain;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.PoolUpgrade;
import dev.hybridpane.core.pool.UpgradePlan;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.profile.ProfileProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
 * `hybridpane pool upgrade NAME --to-version N`: plans the rolling upgrade of a pool to version N of its profile (--plan,
 * the default: per node the order, the method and each step) or runs it (--apply, needs --ssh-key) as a journaled
 * operation under the pool's lease, printing its log; Ctrl-C stops at a node boundary (the nodes in flight finish).
 * Exit 0 done, 1 failed or cancelled (`pool resume NAME` finishes it), 2 invalid input.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Plan or run a rolling upgrade of a pool to a newer "
        + "version of its profile.")
public final class PoolUpgradeCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Parameters(index = "0", paramLabel = "NAME", description = "The pool.")
    String pool;
    @Option(names = "--to-version", required = true, paramLabel = "N", description = "The profile version to go to.")
    int toVersion;
    @Option(names = "--max-unavailable", paramLabel = "K", defaultValue = "1", description = "Nodes out of service at once (default 1).")
    int maxUnavailable;
    @Option(names = "--max-surge", paramLabel = "K", defaultValue = "1", description = "Cutover: new nodes joined first (default 1).")
    int maxSurge;
    @Option(names = "--strategy", paramLabel = "in-place|cutover|repave", defaultValue = "in-place", description = "in-place "
            + "(default), cutover (new nodes on free hosts of the site join first) or repave (every node removed and its host "
            + "joined again).")
    String strategy;
    @Option(names = "--pause-between", paramLabel = "DURATION", defaultValue = "0", description = "A pause after each node: 30s, 2m (default none).")
    String pauseBetween;
    @Option(names = "--continue-on-failure", description = "Go on with the other nodes after a node failed (default: stop).")
    boolean continueOnFailure;
    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "300", description = "How long a node may take to be Ready again (default 300).")
    long readyTimeout;
    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "600", description = "How long a drain may take (default 600).")
    long drainTimeout;
    @Option(names = "--ssh-key", paramLabel = "KEY", description = "Private key file to log in to the hosts (needed with --apply).")
    Path sshKey;
    @Option(names = "--known-hosts", paramLabel = "FILE", description = "Trusted host keys (default: HybridPane's own known_hosts).")
    Path knownHosts;
    @Option(names = "--ca-key", paramLabel = "FILE", description = "IAM Roles Anywhere: the private key (PEM) of the trust "
            + "anchor's CA, read into memory only: the nodes a repave or a cutover joins get their certificates from it.")
    Path caKey;
    @Option(names = "--ca-key-passphrase-env", paramLabel = "VAR", description = "The environment variable holding the CA "
            + "key's passphrase (else it is asked on the terminal).")
    String caKeyPassphraseEnv;
    @Option(names = "--take-over", description = "Take the pool's lease over when it is stale (its holder stopped renewing it); "
            + "an Event on the pool records it.")
    boolean takeOver;
    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
        @Option(names = "--plan", description = "Print the plan only (the default).")
        boolean plan;
        @Option(names = "--apply", description = "Run the plan.")
        boolean apply;
    }

    /** "30s", "2m", "1h", "500ms", or seconds; empty when it is none of these. */
    static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return Optional.of(switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        });
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Optional<PoolUpgrade.Strategy> s = PoolUpgrade.Strategy.parse(strategy);
        if (s.isEmpty()) {
            err.println("--strategy: in-place, cutover or repave, not " + strategy + ".");
            return 2;
        }
        Optional<Duration> pause = duration(pauseBetween);
        if (pause.isEmpty()) {
            err.println("--pause-between: a duration such as 30s or 2m, not " + pauseBetween + ".");
            return 2;
        }
        if (readyTimeout < 1 || drainTimeout < 0) {
            err.println(readyTimeout < 1 ? "--ready-timeout: at least 1 second." : "--drain-timeout: 0 (none) or more seconds.");
            return 2;
        }
        boolean apply = mode != null && mode.apply;
        PoolUpgrade.Options o = new PoolUpgrade.Options(toVersion, s.get(), maxUnavailable, maxSurge, !continueOnFailure,
                pause.get(), Duration.ofSeconds(readyTimeout), NodeDrain.Options.DEFAULT.withTimeout(Duration.ofSeconds(drainTimeout)));
        CaKey key;
        try {
            key = CaKeyFiles.read(caKey, caKeyPassphraseEnv, System::getenv);
        } catch (CaKeyFiles.Refused e) {
            err.println(e.getMessage());
            return 2;
        }
        try (CaKey held = key) {
            return run(spec, target, pool, o, apply, sshKey, knownHosts, takeOver, held);
        }
    }

    /** {@link #run(CommandSpec, PoolTarget, String, PoolUpgrade.Options, boolean, Path, Path, boolean, CaKey)} without a CA key. */
    static int run(CommandSpec spec, PoolTarget target, String pool, PoolUpgrade.Options o, boolean apply, Path sshKey,
                   Path knownHosts, boolean takeOver) throws Exception {
        return run(spec, target, pool, o, apply, sshKey, knownHosts, takeOver, null);
    }

    /** Plans (and with {@code apply} runs) the upgrade: shared with `pool resume`. {@code caKey}: null when not given. */
    static int run(CommandSpec spec, PoolTarget target, String pool, PoolUpgrade.Options o, boolean apply, Path sshKey,
                   Path knownHosts, boolean takeOver, CaKey caKey) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (apply && (sshKey == null || !Files.isReadable(sshKey))) {
            err.println(sshKey == null ? "--ssh-key: needed with --apply (the hosts are reached over SSH)."
                    : "--ssh-key: cannot read " + sshKey + ".");
            return 2;
        }
        Path known = knownHosts != null ? knownHosts : ConfigDirs.current().resolve("known_hosts");
        CancelToken cancel = new CancelToken();
        CliInterrupt interrupt = apply ? CliInterrupt.cancelling(cancel) : null;
        int code = 1;
        try (MinaEdgePort edge = new MinaEdgePort(new FileKnownHostsStore(known))) {
            code = PoolEnvironment.run(target, err, env -> {
                ClusterRef ref = target.ref();
                PoolUpgrade upgrade = new PoolUpgrade(env.aws, env.iam(), env.ssm(), edge, Clock.systemUTC());
                PoolStore.Pools pools = env.pools(ref);
                Optional<Journal> closed = !apply ? Optional.empty() : pools.get(pool)
                        .flatMap(stored -> FinishedUpgrades.close(env.ops(ref).journals(), ref, stored, Instant.now()));
                if (closed.isPresent()) {
                    out.println("Pool " + pool + " was on v" + pools.get(pool).orElseThrow().pool().profile().version()
                            + " already: the run that finished " + closed.get().title() + " ended before its journal said so; "
                            + "the journal is closed now.");
                    out.flush();
                    if (pools.get(pool).orElseThrow().pool().profile().version() == o.toVersion()) {
                        return 0;
                    }
                }
                UpgradePlan plan;
                try {
                    plan = upgrade.plan(ref, pool, o, pools, env.profiles(ref), env.inventory(ref), caKey);
                } catch (IllegalArgumentException e) {
                    err.println(e.getMessage());
                    err.flush();
                    return 2;
                }
                if (!apply || !plan.valid()) {
                    (plan.valid() ? out : err).print(plan.planText());
                    out.flush();
                    err.flush();
                    return plan.valid() ? 0 : 2;
                }
                plan.problems().stream().filter(p -> !p.isError()).map(ProfileProblem::message)
                        .forEach(m -> out.println("warning: " + m));
                Fabric8PoolOps ops = env.ops(ref);
                AtomicInteger printed = new AtomicInteger();
                Journal j;
                try {
                    j = upgrade.apply(plan, new SshIdentity(sshKey, null), pools, ops.journals(), ops.lock(),
                            env.caller() + " on " + hostname(), takeOver, cancel, new PauseToken(), journal -> print(journal, printed, out));
                } catch (OperationLock.LockedException e) {
                    err.println(e.getMessage() + (e.stale() ? " It is stale: --take-over takes it over." : ""));
                    return 1;
                }
                return outcome(j, pool, out, err);
            });
            return code;
        } finally {
            if (interrupt != null) {
                interrupt.finished(code);
            }
        }
    }

    private static int outcome(Journal j, String pool, PrintWriter out, PrintWriter err) {
        if (j.status() == OperationStatus.SUCCEEDED) {
            out.println("Pool " + pool + " upgraded.");
            out.flush();
            return 0;
        }
        String tail = "; the journal is kept in the cluster: `hybridpane pool resume " + pool + "` finishes it.";
        err.println((j.status() == OperationStatus.CANCELLED ? j.error() : j.status() + ": " + (j.error() == null
                ? "the upgrade did not finish" : j.error())) + tail);
        err.flush();
        return 1;
    }

    /** Prints this run's new log lines (not an earlier run's journal, kept as history). */
    private static synchronized void print(Journal j, AtomicInteger printed, PrintWriter out) {
        if (j.id().contains(PoolApplyCommand.HISTORY)) {
            return;
        }
        for (int i = printed.get(); i < j.log().size(); i++) {
            out.println(j.log().get(i).text());
        }
        printed.set(Math.max(printed.get(), j.log().size()));
        out.flush();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}
