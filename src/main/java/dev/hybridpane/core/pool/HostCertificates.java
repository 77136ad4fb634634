package dev.hybridpane.core.pool;

import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.domain.pool.HostCommands;
import dev.hybridpane.domain.pool.NodeCertificates;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The IAM Roles Anywhere certificate on each host of a pool ({@code /etc/iam/pki/server.pem}, read over SSH with
 * {@code sudo -n cat}, parsed with the JDK): its subject CN, serial and expiry, and a warning {@link #WARN_BEFORE} before it
 * expires. Blocking (SSH); at most {@link #PARALLEL} hosts at once. Only the certificate is read, never the key.
 */
public final class HostCertificates {
    /** A certificate with this little left, or less, is flagged. */
    public static final Duration WARN_BEFORE = Duration.ofDays(30);
    static final int PARALLEL = 8;

    private final EdgePort edge;
    private final Clock clock;

    public HostCertificates(EdgePort edge, Clock clock) {
        this.edge = edge;
        this.clock = clock;
    }

    /**
     * One host's certificate. {@code problem} is null when it was read and parsed; otherwise it says why not (no
     * certificate, not a PEM certificate, the host could not be reached) and the certificate fields are empty.
     *
     * @param node     the node the host runs (the pool's status), or the name HybridPane gives it
     * @param serial   lowercase hex, as the console issues and logs them
     * @param daysLeft whole days until notAfter (negative once expired)
     * @param warning  expires within {@link #WARN_BEFORE} (or already has)
     * @param expired  its notAfter has passed
     */
    public record HostCertificate(String host, String node, String commonName, String serial, Instant notAfter, long daysLeft,
                                  boolean warning, boolean expired, String problem) {
        public boolean readable() {
            return problem == null;
        }

        /** "CN=N, serial S, expires T (D days left)" with "; expires in D days: rotate it" when flagged; or the problem. */
        public String summary() {
            if (problem != null) {
                return problem;
            }
            String s = "CN=" + commonName + ", serial " + serial + ", expires " + notAfter + " (" + daysLeft + " days left)";
            if (expired) {
                return s + "; EXPIRED: rotate the pool's certificates";
            }
            return warning ? s + "; expires within " + WARN_BEFORE.toDays() + " days: rotate the pool's certificates" : s;
        }
    }

    /** Reads the certificate PEM of one host (pure): the fields, or the problem. */
    public static HostCertificate of(String host, String node, String pem, Instant now) {
        Optional<X509Certificate> c = NodeCertificates.parse(pem);
        if (c.isEmpty()) {
            return failed(host, node, HostCommands.CERTIFICATE_PATH + " on " + host + " holds no PEM certificate");
        }
        Instant notAfter = c.get().getNotAfter().toInstant();
        long days = Duration.between(now, notAfter).toDays();
        boolean warning = !now.plus(WARN_BEFORE).isBefore(notAfter);
        return new HostCertificate(host, node, NodeCertificates.commonName(c.get()), serial(c.get()), notAfter, days, warning,
                !notAfter.isAfter(now), null);
    }

    /** A certificate's serial as the console writes it: lowercase hex. */
    public static String serial(X509Certificate c) {
        return c.getSerialNumber().toString(16);
    }

    static HostCertificate failed(String host, String node, String problem) {
        return new HostCertificate(host, node, "", "", null, 0, false, false, problem);
    }

    /**
     * Reads every host's certificate of the pool, in the pool's host order; a host the inventory does not hold, or that
     * cannot be reached, has its problem instead. The node of a host is the pool's status member, else the name
     * HybridPane gives an IAM Roles Anywhere node.
     */
    public List<HostCertificate> read(PoolStore.Stored pool, InventoryPort.Inventory inventory, SshIdentity identity)
            throws InterruptedException {
        Map<String, StoredHost> hosts = new LinkedHashMap<>();
        inventory.hosts().forEach(h -> hosts.put(h.spec().name(), h));
        Map<String, String> nodes = nodes(pool);
        Instant now = clock.instant();
        List<String> names = pool.pool().hostNames();
        if (names.isEmpty()) {
            return List.of();
        }
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(PARALLEL, names.size()), r -> {
            Thread t = new Thread(r, "host-certificates");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<HostCertificate>> reads = new ArrayList<>();
            for (String h : names) {
                String node = nodes.get(h);
                StoredHost s = hosts.get(h);
                reads.add(threads.submit(() -> s == null ? failed(h, node, "host " + h + " is not in the inventory")
                        : readOne(new EdgeTarget(s.spec(), identity, null), node, now)));
            }
            List<HostCertificate> out = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                try {
                    out.add(reads.get(i).get());
                } catch (ExecutionException e) {
                    out.add(failed(names.get(i), nodes.get(names.get(i)), names.get(i) + ": " + e.getCause().getMessage()));
                }
            }
            return out;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Host name to node name: the pool's status members, else the name HybridPane gives a Roles Anywhere node. */
    static Map<String, String> nodes(PoolStore.Stored pool) {
        Map<String, String> nodes = new LinkedHashMap<>();
        for (String h : pool.pool().hostNames()) {
            nodes.put(h, NodeCertificates.nodeName(pool.pool().name(), h));
        }
        pool.status().members().forEach(m -> {
            if (m.node() != null && !m.node().isBlank() && nodes.containsKey(m.host())) {
                nodes.put(m.host(), m.node());
            }
        });
        return nodes;
    }

    private HostCertificate readOne(EdgeTarget target, String node, Instant now) {
        String host = target.spec().name();
        try (HostRun r = new HostRun(edge, target)) {
            Optional<String> pem = r.cat(HostCommands.CERTIFICATE_PATH);
            if (pem.isEmpty()) {
                return failed(host, node, "no certificate at " + HostCommands.CERTIFICATE_PATH + " on " + host);
            }
            return of(host, node, pem.get(), now);
        } catch (EdgeException e) {
            return failed(host, node, host + " could not be reached: " + e.getMessage());
        }
    }
}
