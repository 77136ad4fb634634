package dev.hybridpane.app.bench;

import dev.hybridpane.app.Composition;
import dev.hybridpane.app.startup.CdsArchive;
import dev.hybridpane.app.startup.FxStartup;
import dev.hybridpane.app.startup.StartupPhases;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.kube.LabSimulation;
import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.fleet.NodeKey;
import dev.hybridpane.ui.shell.MainWindow;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Benchmark: the real window on a lab of N hybrid nodes while node Ready conditions change in the lab's
 * API server at a fixed rate. Prints the longest FX-thread stall and the delay from a change in the API
 * to the view model row showing it (measured on the FX thread when the batch is applied).
 */
@Command(name = "bench-live", mixinStandardHelpOptions = true,
        description = "Benchmark live updates at scale in the real window (needs a display; see bench/live.sh).")
public final class LiveBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "5000", description = "Hybrid nodes in the lab. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--rate", defaultValue = "1000", description = "Node status changes per second. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "How long to drive changes. Default: ${DEFAULT-VALUE}.")
    int seconds;

    private record Pending(boolean ready, long sentNanos) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var cfg = Files.createTempDirectory("hybridpane-bench");
        try (Composition composition = Composition.create(new Composition.Options(true, nodes, null, List.of()), cfg, false,
                null)) {
            Lab lab = composition.lab().orElseThrow();
            LabWorld.LabCluster hybrid = lab.world().clusters().stream().filter(c -> c.hybridNodeCount() > 0).findFirst()
                    .orElseThrow();
            ClusterRef ref = new ClusterRef(hybrid.region(), hybrid.name());
            LabSimulation sim = new LabSimulation(lab.kube().server(LabKube.key(ref.region(), ref.name())),
                    Duration.ofDays(1), Clock.systemUTC(), new Random(7));
            List<String> names = sim.hybridNodeNames();
            out.printf("lab: %d hybrid nodes in %s, started in %d ms%n", names.size(), ref, lab.startupTime().toMillis());
            out.flush();

            Map<String, Pending> pending = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicLong maxGap = new AtomicLong();
            AtomicLong lastPulse = new AtomicLong();
            AtomicInteger pulses = new AtomicInteger();
            // gaps over two frames, with when they happened (JVM uptime), to line them up with GC logs
            List<Gap> longGaps = Collections.synchronizedList(new ArrayList<>());
            List<Long> work = new ArrayList<>();
            AtomicLong lastWork = new AtomicLong();
            var runtime = ManagementFactory.getRuntimeMXBean();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicReference<MainWindow> window = new AtomicReference<>();
            CountDownLatch shown = new CountDownLatch(1);

            FxStartup.await();
            Platform.runLater(() -> {
                Stage stage = new Stage();
                MainWindow built = composition.window(null).window();
                window.set(built);
                built.show(stage);
                FleetViewModel fleet = built.viewModel().fleet();
                fleet.addBatchListener(keys -> {
                    long now = System.nanoTime();
                    for (NodeKey k : keys) {
                        Pending p = pending.get(k.name());
                        if (p != null && fleet.node(k).map(n -> n.ready() == p.ready()).orElse(false)
                                && pending.remove(k.name(), p)) {
                            latencies.add(now - p.sentNanos());
                        }
                    }
                });
                // the FX thread's own work in a pulse: from the pulse's start (the timers' timestamp) to the end of
                // its layout pass; a gap much longer than the work before it was spent waiting (rendering, CPU)
                stage.getScene().addPostLayoutPulseListener(() -> {
                    long start = lastPulse.get();
                    if (measuring.get() && start != 0) {
                        long busy = System.nanoTime() - start;
                        synchronized (work) {
                            work.add(busy);
                        }
                        lastWork.set(busy);
                    }
                });
                new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        long prev = lastPulse.getAndSet(now);
                        if (measuring.get() && prev != 0) {
                            pulses.incrementAndGet();
                            maxGap.accumulateAndGet(now - prev, Math::max);
                            if (now - prev > 33_000_000L) {
                                longGaps.add(new Gap((now - prev) / 1_000_000, runtime.getUptime(),
                                        lastWork.get() / 1_000_000));
                            }
                        }
                    }
                }.start();
                shown.countDown();
            });
            shown.await();
            FleetViewModel fleet = window.get().viewModel().fleet();
            long t0 = System.nanoTime();
            while (fleet.row(ref).map(r -> r.counts().hybridTotal()).orElse(0) < names.size()) {
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(3)) {
                    out.println("gave up: the window did not load all nodes in 3 minutes");
                    return 1;
                }
                Thread.sleep(50);
            }
            out.printf("window loaded %d nodes in %d ms after start%n", names.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            CdsArchive.firstViewPopulated();
            Thread.sleep(1000);

            // drive: every 10 ms, rate/100 nodes in round-robin order flip their Ready condition
            Map<String, Boolean> state = new ConcurrentHashMap<>();
            names.forEach(n -> state.put(n, true));
            AtomicInteger cursor = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            int perTick = Math.max(1, rate / 100);
            ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
            lastPulse.set(0);
            Map<String, Long> cpuBefore = StartupPhases.threadCpuMs();
            long processBefore = StartupPhases.processCpuMs();
            measuring.set(true);
            driver.scheduleAtFixedRate(() -> {
                for (int i = 0; i < perTick; i++) {
                    String name = names.get(Math.floorMod(cursor.getAndIncrement(), names.size()));
                    boolean next = !state.get(name);
                    pending.put(name, new Pending(next, System.nanoTime()));
                    if (sim.setNodeReady(name, next)) {
                        state.put(name, next);
                        sent.incrementAndGet();
                    } else {
                        pending.remove(name);
                    }
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            driver.shutdownNow();
            driver.awaitTermination(5, TimeUnit.SECONDS);
            Thread.sleep(3000);
            measuring.set(false);
            Map<String, Long> cpuAfter = StartupPhases.threadCpuMs();
            long processCpu = StartupPhases.processCpuMs() - processBefore;

            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            Collections.sort(sorted);
            double stallMs = maxGap.get() / 1e6;
            double p50 = pct(sorted, 0.50);
            double p99 = pct(sorted, 0.99);
            out.printf("changes sent %d in %d s (%.0f/s), seen in the UI %d, not seen %d%n", sent.get(), seconds,
                    sent.get() / (double) seconds, sorted.size(), pending.size());
            out.printf("API change -> row: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", p50, p99, pct(sorted, 1.0));
            out.printf("FX thread: %d pulses, longest gap between pulses %.1f ms%n", pulses.get(), stallMs);
            List<Gap> gaps;
            synchronized (longGaps) {
                gaps = new ArrayList<>(longGaps);
            }
            gaps.sort((a, b) -> Long.compare(b.millis(), a.millis()));
            out.printf("gaps over 33 ms: %d, over 50 ms: %d; longest (ms @ uptime ms, FX work in the pulse before): %s%n",
                    gaps.size(), gaps.stream().filter(g -> g.millis() > 50).count(), gaps.stream().limit(6)
                            .map(g -> g.millis() + "@" + g.uptimeMs() + "(" + g.fxWorkMs() + ")").collect(Collectors.joining(" ")));
            List<Long> works;
            synchronized (work) {
                works = new ArrayList<>(work);
            }
            Collections.sort(works);
            out.printf("FX work per pulse (animation, CSS, layout): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    pct(works, 0.5), pct(works, 0.99), pct(works, 1.0));
            StringBuilder cpu = new StringBuilder();
            cpuAfter.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .forEach(e -> cpu.append(" '").append(e.getKey()).append("'=").append(e.getValue()));
            out.printf("CPU while driving (ms of %d s x %d cores): process=%d%s%n", seconds + 3,
                    Runtime.getRuntime().availableProcessors(), processCpu, cpu);
            boolean ok = stallMs <= 50 && p99 < 1000 && pending.isEmpty();
            out.printf("goal (no stall over 50 ms, p99 under 1 s, every change seen): %s%n", ok ? "MET" : "NOT MET");
            out.flush();
            Platform.exit();
            return 0;
        }
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    /** A gap between two pulses over two frames: how long, when (JVM uptime), and the FX thread's work before it. */
    private record Gap(long millis, long uptimeMs, long fxWorkMs) {
    }
}
