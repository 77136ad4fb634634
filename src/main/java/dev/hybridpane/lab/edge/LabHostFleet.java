package dev.hybridpane.lab.edge;

import dev.hybridpane.domain.edge.FactCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lab's edge hosts as machines, before and beside their SSH servers: each host's disk and units (what nodeadm and
 * the console leave on it) and the loopback port its SSH server will listen on, reserved when the fleet is made. The
 * lab makes the fleet at start, so that it can install and initialise the seeded pools' hosts in-process
 * ({@link #execNow}) and store their EdgeHost objects with their ports, while the SSH servers ({@link LabEdgeHosts})
 * start later, in the background, over the same hosts.
 */
public final class LabHostFleet {
    private static final LabHostTiming NO_WAIT = new LabHostTiming(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private final List<LabHostProfile> profiles;
    private final Clock clock;
    private final NodeadmBackend backend;
    private final LabHostTiming timing;
    private final Map<String, LabHostProfile> byName = new LinkedHashMap<>();
    private final Map<String, LabHost> hosts = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final LabSiteNetwork siteNetwork = new LabSiteNetwork();

    /**
     * @param backend what the hosts' nodeadm reaches beyond them; null: none
     * @param reservePorts whether to pick each host's loopback port now (else its SSH server takes any free port)
     */
    public LabHostFleet(List<LabHostProfile> profiles, Clock clock, NodeadmBackend backend, LabHostTiming timing,
            boolean reservePorts) {
        this.profiles = List.copyOf(profiles);
        this.clock = clock;
        this.backend = backend;
        this.timing = timing;
        for (LabHostProfile p : this.profiles) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("two lab hosts are named " + p.name());
            }
            if (reservePorts) {
                ports.put(p.name(), freePort());
            }
        }
    }

    public List<LabHostProfile> profiles() {
        return profiles;
    }

    public Clock clock() {
        return clock;
    }

    public LabHostProfile profile(String name) {
        LabHostProfile p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no lab host " + name);
        }
        return p;
    }

    /** The port reserved for the host's SSH server (0: none reserved, or the server took another). */
    public int port(String name) {
        return ports.getOrDefault(name, 0);
    }

    void port(String name, int port) {
        ports.put(name, port);
    }

    /** The host's machine, made (fresh from its distribution) at first use. */
    LabHost host(String name) {
        LabHostProfile p = profile(name);
        return hosts.computeIfAbsent(name, n -> {
            LabHost h = LabHost.create(p, backend, timing, clock, LabHostOutputs.of(p, clock).get(FactCommands.OS_RELEASE));
            h.state().network().site(siteNetwork);
            return h;
        });
    }

    /** What the hosts' sites resolve and reach beyond them (the API server endpoints); shared by every host. */
    public LabSiteNetwork siteNetwork() {
        return siteNetwork;
    }

    /** A network fault of one host, as its administrator's colleague (or the site's network team) would cause it. */
    public enum NetworkFault {
        /** The site's router lost its route to the VPC: the host's own routes look fine, but nothing reaches the VPC. */
        SITE_ROUTE_TO_VPC_LOST,
        /** The site's DNS no longer forwards the EKS zone to the VPC's resolver: a private endpoint's name does not resolve. */
        DNS_NOT_FORWARDED
    }

    /** Turns a network fault of a host on or off. */
    public void networkFault(String name, NetworkFault fault, boolean on) {
        host(name).state().network().fault(fault, on);
    }

    /** A day-2 fault of a host, armed for its next {@code nodeadm upgrade} only. */
    public enum UpgradeFault {
        /** The host reboots half way: the SSH connection drops, the kubelet is down, its binary already replaced. */
        CRASH_MID_UPGRADE,
        /** The upgrade stops half way and does not return until the session is closed. */
        HANG_MID_UPGRADE,
        /**
         * The host reboots half way (the kubelet's binary already replaced): every connection drops, the host refuses
         * connections for a while, then comes back as a reboot leaves it ({@link LabHostReboot}).
         */
        REBOOT_MID_UPGRADE
    }

    /** Arms {@code fault} for the host's next nodeadm upgrade; a re-run then completes it (nodeadm upgrade is idempotent). */
    public void injectUpgradeFault(String name, UpgradeFault fault) {
        host(name).state().armUpgradeFault(fault);
    }

    /** Runs one command on a host as its SSH exec channel would, with nodeadm's realistic timing; no network. */
    public LabEdgeHosts.HostCommandResult exec(String name, String command, byte[] stdin) {
        LabHost h = host(name);
        return LabHostDirect.exec(h, LabHostOutputs.of(h.profile(), clock), command, stdin);
    }

    /**
     * As {@link #exec}, but nodeadm does not wait (its downloads are already there): the lab's own seeding of the hosts
     * its world's pools run on, at start.
     */
    public LabEdgeHosts.HostCommandResult execNow(String name, String command, byte[] stdin) {
        LabHost h = host(name);
        LabHost now = new LabHost(h.profile(), h.state(), h.backend(), NO_WAIT, h.clock());
        return LabHostDirect.exec(now, LabHostOutputs.of(h.profile(), clock), command, stdin);
    }

    /** A loopback port free now (its socket is closed at once, so that an SSH server can bind it later). */
    private static int freePort() {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reserve a loopback port for a lab host: " + e.getMessage(), e);
        }
    }
}
