package dev.hybridpane.core.network;

import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.profile.CniKind;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The on-prem side of the network doctor: on each host of a pool, over SSH ({@link EdgePort}, as pool creation's host
 * steps do), the read-only commands of {@code domain.network.HostProbeCommands}, turned into four checks a host:
 * {@code host.route@HOST} (a route to the VPC CIDR, through the VPN server IP where the pool set one),
 * {@code host.firewall@HOST} (10250/tcp and the CNI's VXLAN port let in), {@code host.time@HOST} (the clock in sync) and
 * {@code host.api@HOST} (the API server endpoint resolves and TCP 443 to it connects); on a host of an IAM Roles Anywhere
 * pool a fifth, {@code host.certificate@HOST} (its certificate not expired, nor within 30 days of it, and issued by the
 * trust anchor's CA). Each check's evidence is the command and what it printed; fixes are manual, with exact snippets. A
 * host that cannot be reached over SSH gives its checks UNKNOWN; nothing here throws for one host. Blocking: call it off
 * the FX thread.
 */
public final class HostProbes {
    public static final String ROUTE = "host.route";
    public static final String FIREWALL = "host.firewall";
    public static final String TIME = "host.time";
    public static final String API = "host.api";
    public static final String CERTIFICATE = "host.certificate";
    public static final int PARALLEL = 8;
    public static final Duration CONNECT = Duration.ofSeconds(20);
    public static final Duration COMMAND = Duration.ofSeconds(20);

    /**
     * One host to probe and what it is checked against.
     *
     * @param host        the host's inventory name (the checks' subject: {@code host.route@HOST})
     * @param edge        how to reach it (address, user, key); null when the inventory does not hold it
     * @param vpcCidrs    the cluster VPC's CIDRs (at least one)
     * @param vpnServerIp the pool's VPN server IP for this host, "" when none
     * @param cni         the CNI on hybrid nodes (its VXLAN port: Cilium 8472/udp, Calico 4789/udp)
     * @param apiHost     the API server endpoint's host name (or address); "" when unknown
     * @param apiPort     its port (443 for EKS)
     * @param pool        the pool's name ("" when none): the checks name {@code pool:POOL}
     * @param site        the site's name ("" when none): the checks name {@code site:SITE}
     * @param osId        os-release ID from the host's facts ("ubuntu", "rhel"…; "" when unknown), for the chrony fix
     * @param certificate how to check its IAM Roles Anywhere certificate; null when its pool uses SSM (no certificate)
     */
    public record Target(String host, EdgeTarget edge, List<String> vpcCidrs, String vpnServerIp, CniKind cni, String apiHost,
            int apiPort, String pool, String site, String osId, CertificateCheck certificate) {
        /** A host whose pool holds no certificate (SSM). */
        public Target(String host, EdgeTarget edge, List<String> vpcCidrs, String vpnServerIp, CniKind cni, String apiHost,
                int apiPort, String pool, String site, String osId) {
            this(host, edge, vpcCidrs, vpnServerIp, cni, apiHost, apiPort, pool, site, osId, null);
        }

        public Target {
            vpcCidrs = List.copyOf(vpcCidrs == null ? List.of() : vpcCidrs);
            vpnServerIp = vpnServerIp == null ? "" : vpnServerIp.strip();
            cni = cni == null ? CniKind.CILIUM : cni;
            apiHost = apiHost == null ? "" : apiHost.strip();
            pool = pool == null ? "" : pool;
            site = site == null ? "" : site;
            osId = osId == null ? "" : osId;
        }

        /** The topology elements a host's checks are about: its pool and its site. */
        public List<String> subjects() {
            List<String> s = new ArrayList<>();
            if (!pool.isEmpty()) {
                s.add("pool:" + pool);
            }
            if (!site.isEmpty()) {
                s.add("site:" + site);
            }
            return s;
        }
    }

    /**
     * A Roles Anywhere host's certificate check: the cluster (for the fix, {@code hybridpane pool rotate-certs}) and the
     * PEM certificates of the region's trust anchors (empty when they could not be read: the issuer is then not checked).
     */
    public record CertificateCheck(String cluster, String region, List<String> trustAnchorCas) {
        public CertificateCheck {
            trustAnchorCas = List.copyOf(trustAnchorCas == null ? List.of() : trustAnchorCas);
        }
    }

    /** Which pools are IAM Roles Anywhere pools (their hosts hold a certificate), and the trust anchors' CA certificates. */
    public record RolesAnywhere(Set<String> pools, List<String> trustAnchorCas) {
        public static final RolesAnywhere NONE = new RolesAnywhere(Set.of(), List.of());

        public RolesAnywhere {
            pools = Set.copyOf(pools == null ? Set.of() : pools);
            trustAnchorCas = List.copyOf(trustAnchorCas == null ? List.of() : trustAnchorCas);
        }
    }

    /** A host finished: {@code done} of {@code total}. */
    public record Progress(String host, int done, int total) {
    }

    private final EdgePort edge;
    private final int parallelism;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Clock clock;

    public HostProbes(EdgePort edge) {
        this(edge, PARALLEL, CONNECT, COMMAND);
    }

    public HostProbes(EdgePort edge, int parallelism, Duration connectTimeout, Duration commandTimeout) {
        this(edge, parallelism, connectTimeout, commandTimeout, Clock.systemUTC());
    }

    /** {@code clock}: what "now" is for a certificate's expiry. */
    public HostProbes(EdgePort edge, int parallelism, Duration connectTimeout, Duration commandTimeout, Clock clock) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.edge = edge;
        this.parallelism = parallelism;
        this.connectTimeout = connectTimeout;
        this.commandTimeout = commandTimeout;
        this.clock = clock;
    }

    /**
     * How to reach the inventory's hosts with one identity (the doctor's hosts are pool hosts, held in the inventory),
     * and their os-release IDs: {@code host → (EdgeTarget, osId)}; empty for a host the inventory does not hold.
     */
    public static Function<String, Optional<Reach>> inventory(InventoryPort.Inventory inventory,
            SshIdentity identity) {
        Map<String, StoredHost> byName = new ConcurrentHashMap<>();
        inventory.hosts().forEach(h -> byName.put(h.spec().name(), h));
        return name -> Optional.ofNullable(byName.get(name)).map(h -> new Reach(new EdgeTarget(h.spec(), identity, null),
                h.status().facts() == null || h.status().facts().osId() == null ? "" : h.status().facts().osId()));
    }

    /** How one inventory host is reached, and its os-release ID. */
    public record Reach(EdgeTarget edge, String osId) {
    }

    /**
     * These probes as the doctor's {@link HostProbeRunner}: each target reached as {@code reach} says (for example
     * {@link #inventory}); a host it does not know gives four UNKNOWN checks. The context's API endpoint may be a host
     * name, {@code host:port} or the endpoint URL (port 443 unless it names one); its CNI name picks the VXLAN port.
     */
    public HostProbeRunner runner(Function<String, Optional<Reach>> reach) {
        return runner(reach, RolesAnywhere.NONE);
    }

    /** As {@link #runner(Function)}, and the hosts of {@code ra}'s pools get their certificate checked too. */
    public HostProbeRunner runner(Function<String, Optional<Reach>> reach, RolesAnywhere ra) {
        return (context, targets, cancel) -> {
            String[] api = endpoint(context.apiEndpointHost());
            List<Target> ts = targets.stream().map(t -> {
                Optional<Reach> r = reach.apply(t.host());
                return new Target(t.host(), r.map(Reach::edge).orElse(null), context.vpcCidrs(), t.vpnServerIp(),
                        cni(context.cni()), api[0], Integer.parseInt(api[1]), t.pool(), t.site(), r.map(Reach::osId).orElse(""),
                        ra.pools().contains(t.pool()) ? new CertificateCheck(context.cluster().name(), context.cluster().region(),
                                ra.trustAnchorCas()) : null);
            }).toList();
            return probe(ts, p -> { }, cancel);
        };
    }

    /** "cilium", "calico" (any case, any suffix such as "cilium-agent"); anything else is a custom CNI. */
    static CniKind cni(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return n.contains("calico") ? CniKind.CALICO : n.contains("cilium") ? CniKind.CILIUM : CniKind.CUSTOM;
    }

    /** {host, port} of "host", "host:port" or "https://host[:port]/…"; port 443 unless named. */
    static String[] endpoint(String text) {
        String s = text == null ? "" : text.strip();
        try {
            if (s.contains("://")) {
                URI u = URI.create(s);
                return new String[] {u.getHost() == null ? "" : u.getHost(), String.valueOf(u.getPort() > 0 ? u.getPort() : 443)};
            }
        } catch (IllegalArgumentException e) {
            return new String[] {"", "443"};
        }
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(':') == colon && s.substring(colon + 1).matches("\\d{1,5}")) {
            return new String[] {s.substring(0, colon), s.substring(colon + 1)};
        }
        return new String[] {s, "443"};
    }

    /**
     * Probes every host, at most {@code parallelism} at once, and returns their checks in the targets' order (four a
     * host, five on a Roles Anywhere host). Cancelling stops each host before its next command; hosts not finished when cancelled give no checks.
     */
    public List<DoctorCheck> probe(List<Target> targets, Consumer<Progress> progress, CancelToken cancel) {
        if (targets.isEmpty()) {
            return List.of();
        }
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(parallelism, targets.size()), r -> {
            Thread t = new Thread(r, "host-probes");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<List<DoctorCheck>>> runs = new ArrayList<>();
            for (Target t : targets) {
                runs.add(threads.submit(() -> {
                    List<DoctorCheck> checks = probe(t, cancel);
                    progress.accept(new Progress(t.host(), done.incrementAndGet(), targets.size()));
                    return checks;
                }));
            }
            List<DoctorCheck> out = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                try {
                    out.addAll(runs.get(i).get());
                } catch (ExecutionException e) {
                    out.addAll(HostProbeChecks.unreachable(targets.get(i), "probing it failed: " + e.getCause().getMessage()));
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.cancel();
            return List.of();
        } finally {
            threads.shutdownNow();
        }
    }

    /** One host's four checks, five on a Roles Anywhere host (none when cancelled before it finished). */
    public List<DoctorCheck> probe(Target t, CancelToken cancel) {
        if (cancel.cancelled()) {
            return List.of();
        }
        if (t.edge() == null) {
            return HostProbeChecks.unreachable(t, "host " + t.host() + " is not in the inventory");
        }
        try (EdgePort.EdgeSession session = edge.connect(t.edge(), connectTimeout)) {
            HostProbeChecks checks = new HostProbeChecks(t, c -> {
                if (cancel.cancelled()) {
                    throw new CancelledProbe();
                }
                return session.run(c, null, commandTimeout);
            });
            List<DoctorCheck> out = new ArrayList<>(List.of(checks.route(), checks.firewall(), checks.time(), checks.api()));
            if (t.certificate() != null) {
                out.add(checks.certificate(clock.instant()));
            }
            return out;
        } catch (EdgeException e) {
            String why = "cannot reach " + t.host() + " over SSH: " + e.failure().reason();
            return e.failure() instanceof ProbeResult.HostKeyChanged ? HostProbeChecks.keyChanged(t, why)
                    : HostProbeChecks.unreachable(t, why);
        } catch (CancelledProbe e) {
            return List.of();
        }
    }

    /** Thrown out of a host's commands when the user cancelled. */
    static final class CancelledProbe extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancelledProbe() {
            super("cancelled", null, false, false);
        }
    }
}
