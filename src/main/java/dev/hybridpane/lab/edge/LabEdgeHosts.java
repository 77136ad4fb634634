package dev.hybridpane.lab.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchProviderException;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;

/**
 * The lab's edge hosts: one real SSH server (MINA SSHD) per host on 127.0.0.1, each with its own host key,
 * accepting one login key the lab generates and writes (the lab's own throwaway key, mode 0600) so that the
 * console, and a person with ssh, can log in. Each answers the fact commands as its distribution would.
 */
public final class LabEdgeHosts implements AutoCloseable {

    /** The order a login session opened in (see {@link LabSshFaults#sessionOpened()}). */
    private static final AttributeRepository.AttributeKey<Long> SESSION_NUMBER =
            new AttributeRepository.AttributeKey<>();

    /** A started host: where it listens and what it is. */
    public record LabEdgeHost(LabHostProfile profile, int port) {
        public String name() {
            return profile.name();
        }

        public String user() {
            return profile.user();
        }
    }

    private final LabHostFleet fleet;
    private final Clock clock;
    private final Map<String, SshServer> servers = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<KeyPair>> hostKeys = new ConcurrentHashMap<>();
    private final LabSshFaults faults = new LabSshFaults();
    private final List<LabEdgeHost> hosts = new ArrayList<>();
    private Path dir;
    private volatile boolean closed;
    private Path loginKey;
    private Path csv;
    private PublicKey loginPublic;

    /**
     * @param backend what the hosts' nodeadm reaches beyond them (AWS, the clusters); null: none, so {@code nodeadm init}
     *                fails as on a host that cannot reach AWS
     */
    public LabEdgeHosts(List<LabHostProfile> profiles, Clock clock, NodeadmBackend backend, LabHostTiming timing) {
        this(new LabHostFleet(profiles, clock, backend, timing, false));
    }

    /** SSH servers over these machines, each on the port the fleet reserved for it (or any free one). */
    public LabEdgeHosts(LabHostFleet fleet) {
        this.fleet = fleet;
        this.clock = fleet.clock();
    }

    /** Hosts without AWS behind them (nodeadm init cannot reach it), with realistic timing. */
    public LabEdgeHosts(List<LabHostProfile> profiles, Clock clock) {
        this(profiles, clock, null, LabHostTiming.realistic());
    }

    /** The twelve sample hosts of {@link LabHostProfile#seed()}, without AWS. */
    public LabEdgeHosts() {
        this(LabHostProfile.seed(), Clock.systemUTC());
    }

    public LabEdgeHosts start() {
        try {
            dir = Files.createTempDirectory("hybridpane-lab-ssh");
            KeyPair login = newKey();
            loginPublic = login.getPublic();
            loginKey = dir.resolve("lab_edge_ecdsa");
            writePrivate(loginKey, login);
            Files.writeString(dir.resolve("lab_edge_ecdsa.pub"), PublicKeyEntry.toString(loginPublic) + " hybridpane-lab\n");
            for (LabHostProfile p : fleet.profiles()) {
                if (p.behaviour() == LabHostProfile.Behaviour.UNREACHABLE) {
                    hosts.add(new LabEdgeHost(p, fleet.port(p.name()) > 0 ? fleet.port(p.name()) : refusingPort()));
                } else {
                    hosts.add(new LabEdgeHost(p, startServer(p)));
                }
            }
            csv = dir.resolve("lab-hosts.csv");
            StringBuilder b = new StringBuilder("name,address,site,user,port\n");
            hosts.forEach(h -> b.append(h.name()).append(",127.0.0.1,").append(h.profile().site()).append(',')
                    .append(h.user()).append(',').append(h.port()).append('\n'));
            Files.writeString(csv, b.toString());
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Cannot start the lab's SSH hosts: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            close();
            throw new IllegalStateException("Cannot generate the lab's SSH keys: " + e.getMessage(), e);
        }
    }

    private int startServer(LabHostProfile p) throws IOException, GeneralSecurityException {
        // made on the first connection: dozens of host keys need not delay the lab's start
        AtomicReference<KeyPair> hostKey = hostKeys.computeIfAbsent(p.name(), n -> new AtomicReference<>());
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(fleet.port(p.name()));
        s.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(SessionContext session) throws GeneralSecurityException {
                synchronized (hostKey) {
                    if (hostKey.get() == null) {
                        hostKey.set(newKey());
                    }
                    return List.of(hostKey.get());
                }
            }
        });
        s.setPasswordAuthenticator(null);
        s.setKeyboardInteractiveAuthenticator(null);
        s.setPublickeyAuthenticator((user, key, session) -> p.user().equals(user) && KeyUtils.compareKeys(loginPublic, key));
        Map<String, String> outputs = LabHostOutputs.of(p, clock);
        LabHost host = fleet.host(p.name());
        host.state().rebooter(() -> reboot(p.name()));
        s.setCommandFactory((channel, command) -> countedCommand(new LabShellCommand(command, host, outputs, () -> {
            try {
                channel.getSession().close(true);
            } catch (RuntimeException e) {
                // closing anyway
            }
        }, faults)));
        s.addSessionListener(new SessionListener() {
            private volatile boolean rotated;

            @Override
            public void sessionCreated(Session session) {
                session.setAttribute(SESSION_NUMBER, faults.sessionOpened());
            }

            @Override
            public void sessionClosed(Session session) {
                if (!(session instanceof ServerSession ss) || !ss.isAuthenticated()) {
                    return;
                }
                boolean firstLogin = p.behaviour() == LabHostProfile.Behaviour.KEY_CHANGES_AFTER_FIRST_LOGIN && !rotated;
                Long number = session.getAttribute(SESSION_NUMBER);
                if (firstLogin || (number != null && faults.takeNewKeyAfterLogin(p.name(), number))) {
                    rotated = true;
                    newHostKey(p.name());
                }
            }
        });
        try {
            s.start();
        } catch (BindException e) {
            // the reserved port was taken meanwhile: any free one, which the fleet then reports
            s.setPort(0);
            s.start();
        }
        servers.put(p.name(), s);
        fleet.port(p.name(), s.getPort());
        return s.getPort();
    }

    /** The hosts' SSH faults, and what each host ran. */
    public LabSshFaults faults() {
        return faults;
    }

    /** Arms a fault on a host (see {@link LabSshFaults.Fault}). */
    public void fault(String name, LabSshFaults.Fault fault) {
        fleet.profile(name);
        switch (fault) {
            case HANG -> faults.hang(name, true);
            case DROP -> faults.dropDuring(name, "nodeadm ");
            case REBOOT -> fleet.injectUpgradeFault(name, LabHostFleet.UpgradeFault.REBOOT_MID_UPGRADE);
            case NEWKEY -> faults.newKeyAfterLogin(name);
        }
    }

    /** The host comes back with a new host key pair, now (as after a reinstall). */
    public void newHostKey(String name) {
        try {
            hostKeys.computeIfAbsent(name, n -> new AtomicReference<>()).set(newKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reboots the host: its SSH server stops (every connection drops, new ones are refused) for
     * {@link LabSshFaults#rebootDowntime()}, the machine comes back as a reboot leaves it ({@link LabHostReboot}), and
     * its SSH server listens again on the same port with the same host key. Returns when the server has stopped.
     */
    public void reboot(String name) {
        SshServer old = servers.remove(name);
        if (old == null) {
            return;
        }
        try {
            old.stop(true);
        } catch (IOException e) {
            // down anyway
        }
        LabHostReboot.apply(fleet.host(name));
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(faults.rebootDowntime().toMillis());
                synchronized (servers) {
                    if (!closed) {
                        startServer(fleet.profile(name));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("lab host " + name + " did not come back: " + e.getMessage(), e);
            }
        }, "lab-reboot-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** An ECDSA P-256 key from the JDK's own provider (quicker to start than Bouncy Castle's curve tables). */
    private static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator g;
        try {
            g = KeyPairGenerator.getInstance("EC", "SunEC");
        } catch (NoSuchProviderException e) {
            g = KeyPairGenerator.getInstance("EC");
        }
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A loopback port nobody listens on: connecting is refused, as with a host that is down. */
    private static int refusingPort() throws IOException {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        }
    }

    private static void writePrivate(Path file, KeyPair kp) throws IOException, GeneralSecurityException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "hybridpane-lab", null, out);
        }
    }

    public List<LabEdgeHost> hosts() {
        return List.copyOf(hosts);
    }

    /** Runs one command on a host as its SSH exec channel would (for the lab's own seeding and tests), no network. */
    public HostCommandResult exec(String hostName, String command, byte[] stdin) {
        return fleet.exec(hostName, command, stdin);
    }

    /** The machines behind the SSH servers. */
    public LabHostFleet fleet() {
        return fleet;
    }

    /** What a command printed and its exit status (-1: the host dropped the connection). */
    public record HostCommandResult(int exit, String stdout, String stderr) {
    }

    /** The lab's login private key (OpenSSH format, 0600). */
    public Path loginKeyPath() {
        return loginKey;
    }

    /** A CSV of the hosts, in the format the console's Import CSV reads. */
    public Path csvPath() {
        return csv;
    }

    public String csv() {
        try {
            return Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        synchronized (servers) {
            closed = true;
        }
        for (SshServer s : servers.values()) {
            try {
                s.stop(true);
            } catch (IOException e) {
                // stopping anyway
            }
        }
        servers.clear();
        if (dir != null) {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // temp dir
            }
            dir.toFile().delete();
        }
    }

    private final AtomicLong commands = new AtomicLong();

    private <T> T countedCommand(T command) {
        commands.incrementAndGet();
        return command;
    }

    /** How many exec requests (commands) the hosts have been sent so far. */
    public long commandCount() {
        return commands.get();
    }
}
