package dev.hybridpane.app.bench;

import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.FactGatherer;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.FactCommands;
import dev.hybridpane.domain.edge.SudoMode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Benchmark: the console's fact gathering against one SSH server (bench/facts.sh starts a private OpenSSH sshd on
 * loopback): the time per command over one session, and the whole probe (connect, log in, sudo check, every fact
 * command), as medians over {@code --runs}. The host key is trusted on first use in a throwaway known_hosts.
 */
@Command(name = "bench-facts", mixinStandardHelpOptions = true, hidden = true,
        description = "Benchmark fact gathering over SSH against one host (see bench/facts.sh).")
public final class FactsBenchCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--user", required = true)
    String user;

    @Option(names = "--key", required = true, description = "Private key file (no passphrase).")
    Path key;

    @Option(names = "--runs", defaultValue = "10")
    int runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("hybridpane-bench-facts");
        FileKnownHostsStore known = new FileKnownHostsStore(dir.resolve("known_hosts"));
        try (MinaEdgePort edge = new MinaEdgePort(known)) {
            EdgeTarget target = new EdgeTarget(new EdgeHostSpec("bench", host, port, user, "bench", SudoMode.PASSWORDLESS),
                    new SshIdentity(key, null), null);
            trustOnFirstUse(edge, target, known);
            FactGatherer gatherer = new FactGatherer(edge, 1, TIMEOUT, TIMEOUT);
            gatherer.probe(target); // warm-up: class loading, the first key exchange
            List<Double> perCommand = new ArrayList<>();
            List<Double> probes = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                try (EdgePort.EdgeSession s = edge.connect(target, TIMEOUT)) {
                    for (String cmd : FactCommands.ALL) {
                        long t0 = System.nanoTime();
                        s.run(cmd, null, TIMEOUT);
                        perCommand.add((System.nanoTime() - t0) / 1e6);
                    }
                }
                long t0 = System.nanoTime();
                ProbeResult r = gatherer.probe(target);
                probes.add((System.nanoTime() - t0) / 1e6);
                if (!(r instanceof ProbeResult.Reached)) {
                    out.println("probe failed: " + r);
                    return 1;
                }
            }
            out.printf("tcp_nodelay=%s commands=%d runs=%d%n", !Boolean.getBoolean(MinaEdgePort.NAGLE_PROPERTY),
                    FactCommands.ALL.size(), runs);
            out.printf("per command ms: median %.1f  p10 %.1f  p90 %.1f%n", pct(perCommand, 50), pct(perCommand, 10),
                    pct(perCommand, 90));
            out.printf("all %d commands, one session, ms: median %.0f%n", FactCommands.ALL.size(),
                    pct(perCommand, 50) * FactCommands.ALL.size());
            out.printf("whole probe ms (connect, login, sudo check, facts): median %.0f  min %.0f  max %.0f%n",
                    pct(probes, 50), pct(probes, 0), pct(probes, 100));
            out.flush();
            return 0;
        }
    }

    private static void trustOnFirstUse(MinaEdgePort edge, EdgeTarget target, FileKnownHostsStore known) {
        try (EdgePort.EdgeSession s = edge.connect(target, TIMEOUT)) {
            return;
        } catch (EdgeException e) {
            if (e.failure() instanceof ProbeResult.UnknownHostKey u) {
                known.trust(u.offered());
                return;
            }
            throw new IllegalStateException("Cannot reach the bench host: " + e.getMessage(), e);
        }
    }

    private static double pct(List<Double> values, int p) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        return v.get(Math.min(v.size() - 1, (int) Math.round(p / 100.0 * (v.size() - 1))));
    }
}
