package dev.hybridpane.app;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.AwsCredentialsDetector;
import dev.hybridpane.adapters.aws.LabAwsProfiles;
import dev.hybridpane.adapters.aws.SdkAwsProfiles;
import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.adapters.kube.Fabric8InventoryPort;
import dev.hybridpane.core.AwsProfiles;
import dev.hybridpane.core.Settings;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.ui.UiContext;
import dev.hybridpane.ui.hosts.HostsServices;
import dev.hybridpane.ui.shell.ShellStart;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The composition root: wires the ports to the real adapters, pointed at AWS or at the embedded lab. */
public final class Composition implements AutoCloseable {

    public record Options(boolean forceLab, int labScale, String profile, List<String> regions) {
        public Options {
            regions = regions == null ? List.of() : List.copyOf(regions);
        }
    }

    private final ExecutorService io;
    private final CompletableFuture<Lab> lab;
    private final UiContext ui;

    private HybridSetups hybrid;
    private ShellStart shellStart;

    private Composition(ExecutorService io, CompletableFuture<Lab> lab, UiContext ui) {
        this.io = io;
        this.lab = lab;
        this.ui = ui;
    }

    private Composition(ExecutorService io, CompletableFuture<Lab> lab, UiContext ui,
            HybridSetups hybrid) {
        this(io, lab, ui);
        this.hybrid = hybrid;
    }

    public static Composition create(Options options) {
        return create(options, ConfigDirs.current(), AwsCredentialsDetector.fromSystem().credentialsAvailable(),
                LabWorld.DEFAULT_FLAP_PERIOD);
    }

    /** @param flapPeriod the lab simulation's period (null: no simulation) */
    public static Composition create(Options options, Path configDir, boolean awsCredentialsAvailable, Duration flapPeriod) {
        boolean useLab = options.forceLab() || options.labScale() > 0 || !awsCredentialsAvailable;
        // the lab starts first, on its own thread, world file and all: its Kubernetes API servers are what the first
        // view waits for longest. Whatever needs the lab (on I/O threads) waits for it there.
        var world = new CompletableFuture<LabWorld>();
        var lab = new CompletableFuture<Lab>();
        var awsEndpoint = new CompletableFuture<java.net.URI>();
        if (useLab) {
            Thread starter = new Thread(() -> {
                try {
                    LabWorld w = LabWorld.load().scaled(options.labScale());
                    world.complete(w);
                    lab.complete(Lab.start(w, flapPeriod, awsEndpoint::complete));
                } catch (RuntimeException | Error e) {
                    world.completeExceptionally(e);
                    awsEndpoint.completeExceptionally(e);
                    lab.completeExceptionally(e);
                }
            }, "hybridpane-lab-start");
            starter.setDaemon(true);
            starter.start();
        }
        ExecutorService io = Executors.newCachedThreadPool(daemonThreads("hybridpane-io"));
        // the lab remembers its own profile and regions, apart from a real account's
        var settings = new JsonSettingsStore(useLab ? configDir.resolve("lab") : configDir);
        if (options.profile() != null || !options.regions().isEmpty()) {
            Settings s = settings.load();
            settings.save(s.withProfile(options.profile() != null ? options.profile() : s.profile(),
                    options.regions().isEmpty() ? s.regions() : options.regions()));
        }
        Clock clock = Clock.systemDefaultZone();
        if (useLab) {
            LabWorld labWorld;
            try {
                labWorld = world.join();
            } catch (java.util.concurrent.CompletionException e) {
                io.shutdownNow();
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            java.util.function.Supplier<java.net.URI> aws = () -> {
                try {
                    return awsEndpoint.join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw new IllegalStateException("The lab did not start: " + e.getCause().getMessage(), e.getCause());
                }
            };
            AwsProfiles profiles = new LabAwsProfiles(aws, labWorld.regions());
            Fabric8ClusterPort kube = new Fabric8ClusterPort();
            io.execute(kube::prepare);
            HybridSetups hybrid = new HybridSetups(p -> AwsClientFactory.forEndpoint(aws.get(),
                    Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, labWorld.regions().get(0)), configDir.resolve("lab"),
                    Duration.ofSeconds(1));
            // offered in the Edge Hosts forms once the lab's SSH hosts are up (never waited for on the FX thread);
            // they start once the lab is up, after the first view's work
            lab.thenAcceptAsync(l -> l.startEdgeHosts(), CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
            java.util.function.Function<java.util.function.Function<LabEdgeHosts, String>, java.util.function.Supplier<String>>
                    fromEdgeHosts = part -> () -> {
                        if (!lab.isDone() || lab.isCompletedExceptionally()) {
                            return null;
                        }
                        lab.join().startEdgeHosts();
                        return lab.join().startedEdgeHosts().map(part).orElse(null);
                    };
            UiContext ui = new UiContext(profiles, kube, settings, io, true, Lab.describe(labWorld), configDir,
                    Version.current(), clock, hosts(kube, configDir.resolve("lab")), hybrid.tools());
            return new Composition(io, lab, ui, hybrid);
        }
        Fabric8ClusterPort kube = new Fabric8ClusterPort();
        io.execute(kube::prepare);
        HybridSetups hybrid = new HybridSetups(AwsClientFactory::forProfile, configDir, Duration.ofSeconds(10));
        UiContext ui = new UiContext(new SdkAwsProfiles(), kube, settings, io, false, null, configDir,
                Version.current(), clock, hosts(kube, configDir), hybrid.tools());
        return new Composition(io, null, ui, hybrid);
    }

    /** SSH to edge hosts with HybridPane's own known_hosts, and the inventory in the cluster. */
    static HostsServices hosts(Fabric8ClusterPort kube, Path dir) {
        var knownHosts = new FileKnownHostsStore(dir.resolve("known_hosts"));
        return new HostsServices(new MinaEdgePort(knownHosts), new Fabric8InventoryPort(kube), knownHosts,
                new JsonSshSettingsStore(dir));
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public UiContext ui() {
        return ui;
    }

    /**
     * What the window opens with. The first call reads it (settings and AWS profile files) and begins discovering the
     * environment it opens with, on the I/O threads: call it as soon as the composition is built, before the window.
     * Later calls return the same start, for the one window: a snapshot of the settings then, its discovery claimed
     * by that window.
     */
    public synchronized ShellStart shellStart() {
        if (shellStart == null) {
            shellStart = ShellStart.begin(ui);
        }
        return shellStart;
    }

    /** The lab, when this composition runs on it (waits until it has started). */
    public java.util.Optional<Lab> lab() {
        return lab == null ? java.util.Optional.empty() : java.util.Optional.of(lab.join());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (shellStart != null) {
                shellStart.close(); // a discovery the window never claimed
            }
        }
        io.shutdownNow();
        if (ui.hosts() != null && ui.hosts().edge() instanceof AutoCloseable edge) {
            try {
                edge.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        if (hybrid != null) {
            hybrid.close();
        }
        if (lab != null) {
            try {
                lab.join().close();
            } catch (java.util.concurrent.CompletionException e) {
                // it never started
            }
        }
    }
}
