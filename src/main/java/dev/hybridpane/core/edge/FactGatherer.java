package dev.hybridpane.core.edge;

import dev.hybridpane.domain.edge.FactCommands;
import dev.hybridpane.domain.edge.FactOutput;
import dev.hybridpane.domain.edge.FactParsers;
import dev.hybridpane.domain.edge.SudoMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Probes hosts over SSH with bounded parallelism: at most {@link #parallelism} at once, each with its own
 * timeouts, so an unreachable host never holds the others up. Progress is reported per host; the whole run
 * can be cancelled.
 */
public final class FactGatherer {
    public static final int DEFAULT_PARALLELISM = 16;

    private final EdgePort edge;
    private final int parallelism;
    private final Duration connectTimeout;
    private final Duration commandTimeout;

    public FactGatherer(EdgePort edge, int parallelism, Duration connectTimeout, Duration commandTimeout) {
        this.edge = edge;
        this.parallelism = Math.max(1, parallelism);
        this.connectTimeout = connectTimeout;
        this.commandTimeout = commandTimeout;
    }

    public FactGatherer(EdgePort edge) {
        this(edge, DEFAULT_PARALLELISM, Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    public int parallelism() {
        return parallelism;
    }

    /** One host done. */
    public record Progress(int done, int total, String host, ProbeResult result) {
    }

    /** A running gather: its result (host name to probe result, in input order) and its cancel switch. */
    public record Run(CompletableFuture<Map<String, ProbeResult>> result, Runnable cancel) {
    }

    public Run gather(List<EdgeTarget> targets, Consumer<Progress> progress) {
        int threads = Math.min(parallelism, Math.max(1, targets.size()));
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hybridpane-ssh-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        Map<String, CompletableFuture<ProbeResult>> futures = new LinkedHashMap<>();
        for (EdgeTarget t : targets) {
            futures.put(t.spec().name(), CompletableFuture.supplyAsync(() -> {
                ProbeResult r = cancelled.get() ? new ProbeResult.Cancelled() : probe(t);
                progress.accept(new Progress(done.incrementAndGet(), targets.size(), t.spec().name(), r));
                return r;
            }, pool));
        }
        CompletableFuture<Map<String, ProbeResult>> all = CompletableFuture
                .allOf(futures.values().toArray(CompletableFuture[]::new))
                .handle((v, e) -> {
                    Map<String, ProbeResult> out = new LinkedHashMap<>();
                    futures.forEach((k, f) -> out.put(k, f.isCompletedExceptionally() ? new ProbeResult.Cancelled() : f.join()));
                    return out;
                });
        all.whenComplete((v, e) -> pool.shutdown());
        return new Run(all, () -> {
            cancelled.set(true);
            // hosts still queued (or still running) end as Cancelled now; a late answer is ignored
            futures.values().forEach(f -> f.complete(new ProbeResult.Cancelled()));
            pool.shutdownNow();
        });
    }

    /**
     * Connects, checks sudo as configured, runs every fact command with the admin directories on PATH
     * ({@link FactCommands#onAdminPath}). Each command's exit status and stderr are kept: a command that fails leaves its
     * fact unknown, with the reason, never a pass. Never throws.
     */
    public ProbeResult probe(EdgeTarget target) {
        try (EdgePort.EdgeSession s = edge.connect(target, connectTimeout)) {
            Map<String, FactOutput> out = new LinkedHashMap<>();
            Boolean sudoOk = sudo(s, target, out);
            for (String cmd : FactCommands.ALL) {
                if (Thread.currentThread().isInterrupted()) {
                    return new ProbeResult.Cancelled();
                }
                EdgePort.CommandResult r = s.run(FactCommands.onAdminPath(cmd), null, commandTimeout);
                out.put(cmd, new FactOutput(r.exitCode(), r.stdout(), r.stderr()));
            }
            return new ProbeResult.Reached(FactParsers.gathered(out, sudoOk));
        } catch (EdgeException e) {
            return e.failure();
        } catch (RuntimeException e) {
            return new ProbeResult.Unreachable("Unexpected failure: " + e.getClass().getSimpleName());
        }
    }

    /** Whether sudo works as configured (null: not asked for); a failed sudo's result goes to {@code out}. */
    private Boolean sudo(EdgePort.EdgeSession s, EdgeTarget target, Map<String, FactOutput> out) throws EdgeException {
        SudoMode mode = target.spec().sudo();
        if (mode == SudoMode.NONE) {
            return null;
        }
        if (mode == SudoMode.PASSWORDLESS) {
            return recorded(FactCommands.SUDO_NOPASSWD, s.run(FactCommands.SUDO_NOPASSWD, null, commandTimeout), out);
        }
        char[] pw = target.sudoPassword();
        if (pw == null) {
            return false;
        }
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pw));
        byte[] bytes = new byte[bb.remaining() + 1];
        bb.get(bytes, 0, bytes.length - 1);
        bytes[bytes.length - 1] = '\n';
        try {
            return recorded(FactCommands.SUDO_STDIN, s.run(FactCommands.SUDO_STDIN, bytes, commandTimeout), out);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(pw, '\0');
            if (bb.hasArray()) {
                Arrays.fill(bb.array(), (byte) 0);
            }
        }
    }

    private static boolean recorded(String command, EdgePort.CommandResult r, Map<String, FactOutput> out) {
        out.put(command, new FactOutput(r.exitCode(), "", r.stderr()));
        return r.exitCode() == 0;
    }
}
