package dev.hybridpane.app;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.AwsCredentialsDetector;
import dev.hybridpane.adapters.aws.EndpointAwsProfiles;
import dev.hybridpane.adapters.aws.MfaSessions;
import dev.hybridpane.adapters.aws.SdkActivations;
import dev.hybridpane.adapters.aws.SdkAwsPort;
import dev.hybridpane.adapters.aws.SdkAwsProfiles;
import dev.hybridpane.adapters.aws.SdkSsoAccounts;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.adapters.kube.Fabric8InventoryPort;
import dev.hybridpane.adapters.kube.Fabric8PoolOps;
import dev.hybridpane.adapters.kube.Fabric8PoolStore;
import dev.hybridpane.adapters.kube.Fabric8PoolEvents;
import dev.hybridpane.adapters.kube.Fabric8ProfileStore;
import dev.hybridpane.core.Settings;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.pool.CertRotation;
import dev.hybridpane.core.pool.HostCertificates;
import dev.hybridpane.core.pool.NodeRemovalService;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.pool.PoolUpgrade;
import dev.hybridpane.core.pool.SsmHygiene;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.ui.EnvironmentInfo;
import dev.hybridpane.ui.hosts.HostsServices;
import dev.hybridpane.ui.pools.wizard.PoolTools;
import dev.hybridpane.ui.shell.ShellStart;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.Supplier;
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

    /** The lab's one AWS profile. */
    static final String LAB_PROFILE = "lab";

    private final ExecutorService io;
    private final CompletableFuture<Lab> lab;
    private final ConsolePorts ports;
    private final HybridSetups hybrid;
    private final PoolServices pools;
    /** MFA codes are asked in the window, once it is there (profiles may be opened before). */
    private final DeferredMfaPrompt mfa;
    private ShellStart shellStart;

    private Composition(ExecutorService io, CompletableFuture<Lab> lab, ConsolePorts ports, HybridSetups hybrid,
            PoolServices pools, DeferredMfaPrompt mfa) {
        this.mfa = mfa;
        this.io = io;
        this.lab = lab;
        this.ports = ports;
        this.hybrid = hybrid;
        this.pools = pools;
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
        var awsEndpoint = new CompletableFuture<URI>();
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
            String profile = options.profile() != null ? options.profile() : s.profile();
            // regions given on the command line are that profile's from now on
            settings.save(options.regions().isEmpty() ? s.withProfile(profile, s.regions())
                    : s.withProfileRegions(profile, options.regions()));
        }
        Clock clock = Clock.systemDefaultZone();
        Fabric8ClusterPort kube = new Fabric8ClusterPort();
        io.execute(kube::prepare);
        if (useLab) {
            LabWorld labWorld;
            try {
                labWorld = world.join();
            } catch (CompletionException e) {
                io.shutdownNow();
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            Supplier<URI> aws = () -> {
                try {
                    return awsEndpoint.join();
                } catch (CompletionException e) {
                    throw new IllegalStateException("The lab did not start: " + e.getCause().getMessage(), e.getCause());
                }
            };
            Path labDir = configDir.resolve("lab");
            Function<String, AwsClientFactory> labClients = p -> AwsClientFactory.forEndpoint(aws.get(),
                    Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, labWorld.regions().get(0));
            HybridSetups hybrid = new HybridSetups(labClients, labDir, Duration.ofSeconds(1));
            HostsServices hosts = hosts(kube, labDir);
            PoolServices pools = new PoolServices(labClients, hosts.edge());
            // offered in the Edge Hosts forms once the lab's SSH hosts are up (never waited for on the FX thread);
            // they start once the lab is up, after the first view's work
            lab.thenAcceptAsync(Lab::startEdgeHosts, CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
            EnvironmentInfo environment = new EnvironmentInfo("LAB", "Embedded lab · no AWS account used",
                    Lab.describe(labWorld), false, true, fromEdgeHosts(lab, e -> e.loginKeyPath().toString()),
                    fromEdgeHosts(lab, LabEdgeHosts::csv));
            ConsolePorts ports = new ConsolePorts(new EndpointAwsProfiles(LAB_PROFILE, aws, Lab.ACCESS_KEY_ID,
                    Lab.SECRET_ACCESS_KEY, labWorld.regions()), kube, settings, io, clock, configDir, Version.current(),
                    environment, hosts, hybrid.tools(), new Fabric8ProfileStore(kube), pools.tools(kube), new Fabric8PoolEvents(kube), pools::day2,
                    p -> pools.network(p, kube));
            return new Composition(io, lab, ports, hybrid, pools, new DeferredMfaPrompt(Duration.ZERO));
        }
        // an MFA profile's session (asked in the window) serves the fleet, the hybrid setup and the pools alike
        DeferredMfaPrompt mfa = new DeferredMfaPrompt(Duration.ofMinutes(1));
        MfaSessions mfaSessions = new MfaSessions(mfa);
        HybridSetups hybrid = new HybridSetups(p -> AwsClientFactory.forProfile(p, mfaSessions), configDir,
                Duration.ofSeconds(10));
        HostsServices hosts = hosts(kube, configDir);
        PoolServices pools = new PoolServices(p -> AwsClientFactory.forProfile(p, mfaSessions), hosts.edge());
        ConsolePorts ports = new ConsolePorts(new SdkAwsProfiles(mfaSessions), kube, settings, io, clock, configDir,
                Version.current(), EnvironmentInfo.awsAccount(), hosts, hybrid.tools(),
                new Fabric8ProfileStore(kube), pools.tools(kube), new Fabric8PoolEvents(kube), pools::day2,
                p -> pools.network(p, kube), new SdkSsoAccounts());
        return new Composition(io, null, ports, hybrid, pools, mfa);
    }

    /**
     * Pool creation on a cluster port: the use case per AWS profile, the HybridNodePool objects, the journal ConfigMaps
     * and Leases of a run, and the local CA adapter for Roles Anywhere keys.
     */
    public static PoolTools poolTools(Function<String, PoolService> services, Fabric8ClusterPort kube) {
        return new PoolTools(services, new Fabric8PoolStore(kube), access -> {
            Fabric8PoolOps ops = Fabric8PoolOps.open(kube, access);
            return new PoolTools.Operations() {
                @Override
                public JournalStore journals() {
                    return ops.journals();
                }

                @Override
                public OperationLock lock() {
                    return ops.lock();
                }

                @Override
                public void close() {
                    ops.close();
                }
            };
        }, new BcCertificateAuthority());
    }

    /** What the lab's SSH hosts offer, once they are up (null before: it never blocks). */
    private static Supplier<String> fromEdgeHosts(CompletableFuture<Lab> lab, Function<LabEdgeHosts, String> part) {
        return () -> {
            if (!lab.isDone() || lab.isCompletedExceptionally()) {
                return null;
            }
            lab.join().startEdgeHosts();
            return lab.join().startedEdgeHosts().map(part).orElse(null);
        };
    }

    /** SSH to edge hosts with HybridPane's own known_hosts, and the inventory in the cluster. */
    static HostsServices hosts(Fabric8ClusterPort kube, Path dir) {
        var knownHosts = new FileKnownHostsStore(dir.resolve("known_hosts"));
        return new HostsServices(new MinaEdgePort(knownHosts), new Fabric8InventoryPort(kube), knownHosts,
                new JsonSshSettingsStore(dir));
    }

    /**
     * Pool creation as {@code app.cli.PoolEnvironment} assembles it: one PoolService per AWS profile (opened on first
     * use, its clients closed with the composition), the SSH port the Edge Hosts view uses, the pool objects, and the
     * journals and locks in the cluster.
     */
    private static final class PoolServices implements AutoCloseable {
        private final Function<String, AwsClientFactory> clients;
        private final EdgePort edge;
        private final Map<String, AwsClientFactory> open = new LinkedHashMap<>();
        private final Map<String, PoolService> services = new LinkedHashMap<>();
        private final Map<String, Day2Core> day2 = new LinkedHashMap<>();
        private final Map<String, NetworkDoctors> network = new LinkedHashMap<>();

        PoolServices(Function<String, AwsClientFactory> clients, EdgePort edge) {
            this.clients = clients;
            this.edge = edge;
        }

        private synchronized PoolService service(String profile) {
            return services.computeIfAbsent(profile, p -> {
                AwsClientFactory f = clients.apply(p);
                open.put(p, f);
                return new PoolService(new SdkAwsPort(f), new SdkHybridAwsPort(f), new SdkActivations(f), edge,
                        Clock.systemUTC());
            });
        }

        /** The day-2 use cases of a profile, on the same clients and SSH port as its pool creation. */
        synchronized Day2Core day2(String profile) {
            return day2.computeIfAbsent(profile, p -> {
                service(p);
                AwsClientFactory f = open.get(p);
                SdkAwsPort aws = new SdkAwsPort(f);
                SdkActivations ssm = new SdkActivations(f);
                SdkHybridAwsPort iam = new SdkHybridAwsPort(f);
                return new Day2Core(service(p), new NodeRemovalService(ssm, edge, Clock.systemUTC()),
                        new PoolUpgrade(aws, iam, ssm, edge, Clock.systemUTC()),
                        new CertRotation(aws, iam, edge, Clock.systemUTC()),
                        new SsmHygiene(ssm, Clock.systemUTC()), new HostCertificates(edge, Clock.systemUTC()));
            });
        }

        /** The network doctor of a profile, on the same clients and SSH port as its pools. */
        synchronized NetworkDoctors network(String profile, Fabric8ClusterPort kube) {
            return network.computeIfAbsent(profile, p -> {
                service(p);
                return new NetworkDoctors(open.get(p), kube, edge, Clock.systemUTC());
            });
        }

        PoolTools tools(Fabric8ClusterPort kube) {
            return poolTools(this::service, kube);
        }

        @Override
        public synchronized void close() {
            open.values().forEach(f -> {
                try {
                    f.close();
                } catch (RuntimeException e) {
                    // closing is best effort
                }
            });
            open.clear();
            services.clear();
            day2.clear();
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public ConsolePorts ports() {
        return ports;
    }

    /** The console's window, opening with {@link #shellStart()} (call on the FX thread). */
    public ConsoleUi.Console window(CompletableFuture<Boolean> osPrefersDark) {
        ConsoleUi.Console console = ConsoleUi.build(ports, shellStart(), osPrefersDark);
        mfa.bind(console.mfa());
        return console;
    }

    /**
     * What the window opens with. The first call reads it (settings and AWS profile files) and begins discovering the
     * environment it opens with, on the I/O threads: call it as soon as the composition is built, before the window.
     * Later calls return the same start, for the one window: a snapshot of the settings then, its discovery claimed
     * by that window.
     */
    public synchronized ShellStart shellStart() {
        if (shellStart == null) {
            shellStart = ShellStart.begin(ports.settingsStore(), ports.profiles(), ports.environment(), ports.accounts(),
                    ports.clusterPort(), io, ports.clock());
        }
        return shellStart;
    }

    /** The lab, when this composition runs on it (waits until it has started). */
    public Optional<Lab> lab() {
        return lab == null ? Optional.empty() : Optional.of(lab.join());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (shellStart != null) {
                shellStart.close(); // a discovery the window never claimed
            }
        }
        io.shutdownNow();
        if (ports.hosts().edge() instanceof AutoCloseable edge) {
            try {
                edge.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        hybrid.close();
        pools.close();
        if (lab != null) {
            try {
                lab.join().close();
            } catch (CompletionException e) {
                // it never started
            }
        }
    }
}
