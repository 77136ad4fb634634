package dev.hybridpane.adapters.edge;

import dev.hybridpane.core.edge.AgentStatus;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.edge.KnownHostsStore;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The edge port on Apache MINA SSHD: public-key login with a key file or with the administrator's ssh-agent
 * (SSH_AUTH_SOCK, spoken to by {@link OpenSshAgentClient}), host keys checked against HybridPane's own
 * known_hosts (trust on first use is the UI's decision, never automatic).
 */
public final class MinaEdgePort implements EdgePort, AutoCloseable {
    /** Host key verdicts by session: session attributes are cleared when a session closes, so they live here. */
    /** How long ssh-agent may take to answer (a key added with ssh-add -c waits for a confirmation). */
    static final Duration AGENT_TIMEOUT = Duration.ofSeconds(30);
    /** Set to true to leave Nagle's algorithm on (TCP_NODELAY off), as before: only for the facts benchmark's A/B. */
    public static final String NAGLE_PROPERTY = "hybridpane.ssh.nagle";

    private final Map<ClientSession, ProbeResult.Failure> verdicts = new ConcurrentHashMap<>();

    /** Started on the first connection: setting MINA up loads its security providers, which startup need not wait for. */
    private SshClient client;
    private boolean closed;
    private final KnownHostsStore knownHosts;
    private final SshAgentAccess agent;

    /** With the ssh-agent named by this process's SSH_AUTH_SOCK. */
    public MinaEdgePort(KnownHostsStore knownHosts) {
        this(knownHosts, () -> System.getenv(SshAgentAccess.ENV));
    }

    /** @param authSock where the ssh-agent's socket is (the value SSH_AUTH_SOCK would have), read when needed */
    public MinaEdgePort(KnownHostsStore knownHosts, Supplier<String> authSock) {
        this.knownHosts = knownHosts;
        this.agent = new SshAgentAccess(authSock, AGENT_TIMEOUT);
    }

    private synchronized SshClient client() {
        if (closed) {
            throw new IllegalStateException("SSH is closed: HybridPane is shutting down.");
        }
        if (client != null) {
            return client;
        }
        SshClient client = SshClient.setUpDefaultClient();
        // each host runs dozens of short commands: without TCP_NODELAY, Nagle's algorithm and the server's delayed ACKs
        // held every small SSH packet for up to 40 ms (bench/facts.sh measures it; the property is only for that A/B)
        CoreModuleProperties.TCP_NODELAY.set(client, !Boolean.getBoolean(NAGLE_PROPERTY));
        client.setServerKeyVerifier(this::verify);
        // no ~/.ssh identities, no keyboard-interactive: only the identity the administrator chose; the agent
        // only for the sessions whose identity is the agent
        client.setKeyIdentityProvider(session -> List.of());
        client.setAgentFactory(new SocketAgentFactory(AGENT_TIMEOUT));
        client.setUserInteraction(null);
        client.start();
        this.client = client;
        return client;
    }

    @Override
    public AgentStatus agentStatus() {
        return agent.status();
    }

    private boolean verify(ClientSession session, SocketAddress remote, PublicKey key) {
        String hostPort = hostPort(session, remote);
        String type = KeyUtils.getKeyType(key);
        String fp = KeyUtils.getFingerPrint(key);
        var trusted = knownHosts.find(hostPort);
        if (trusted.isEmpty()) {
            verdicts.put(session, new ProbeResult.UnknownHostKey(
                    new KnownHost(hostPort, type, PublicKeyEntry.toString(key), fp)));
            return false;
        }
        if (trusted.get().fingerprint().equals(fp)) {
            return true;
        }
        verdicts.put(session, new ProbeResult.HostKeyChanged(hostPort, type, trusted.get().fingerprint(), fp,
                knownHosts.location()));
        return false;
    }

    private static String hostPort(ClientSession session, SocketAddress remote) {
        SocketAddress a = session.getConnectAddress() != null ? session.getConnectAddress() : remote;
        if (a instanceof SshdSocketAddress s) {
            return s.getHostName() + ":" + s.getPort();
        }
        if (a instanceof InetSocketAddress i) {
            return i.getHostString() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    @Override
    public EdgeSession connect(EdgeTarget target, Duration timeout) throws EdgeException {
        SshIdentity identity = target.identity();
        Path agentSocket = identity != null && identity.usesAgent() ? agent.usableSocket() : null;
        List<KeyPair> keys = agentSocket != null ? List.of() : loadKeys(identity);
        var spec = target.spec();
        ClientSession session;
        try {
            session = client().connect(spec.user(), spec.address(), spec.port()).verify(timeout).getSession();
        } catch (IOException e) {
            throw new EdgeException(connectFailure(spec.address(), spec.hostPort(), e, timeout));
        } catch (UnresolvedAddressException e) {
            // MINA's NIO connector throws this (unchecked) for a name the resolver does not know
            throw new EdgeException(unknownHost(spec.address()));
        }
        try {
            keys.forEach(session::addPublicKeyIdentity);
            if (agentSocket != null) {
                session.setAttribute(SocketAgentFactory.AGENT_SOCKET, agentSocket);
            }
            session.auth().verify(timeout);
            verdicts.remove(session);
            return new MinaEdgeSession(session, spec.hostPort());
        } catch (IOException e) {
            ProbeResult.Failure verdict = verdicts.remove(session);
            closeQuietly(session);
            if (verdict != null) {
                throw new EdgeException(verdict);
            }
            if (isTimeout(e)) {
                throw new EdgeException(new ProbeResult.TimedOut("No answer from " + spec.hostPort() + " within "
                        + timeout.toSeconds() + " s while logging in."));
            }
            if (!session.isOpen() && !isAuthMessage(e)) {
                throw new EdgeException(new ProbeResult.Unreachable("The connection to " + spec.hostPort()
                        + " closed during login: " + cause(e)));
            }
            throw new EdgeException(new ProbeResult.AuthFailed(agentSocket != null
                    ? "The host refused the keys of ssh-agent for user " + spec.user() + "."
                    : "The host refused the key " + identity.keyFile().getFileName() + " for user " + spec.user() + "."));
        }
    }

    private static boolean isAuthMessage(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("auth") || m.contains("no more authentication methods");
    }

    private static ProbeResult.Failure unknownHost(String name) {
        return new ProbeResult.Unreachable("Unknown host " + name + ": no such name in DNS or /etc/hosts.");
    }

    private static ProbeResult.Failure connectFailure(String name, String hostPort, IOException e, Duration timeout) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return new ProbeResult.Unreachable("Connection refused by " + hostPort + " (no SSH server on that port?).");
        }
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return unknownHost(name);
        }
        if (root instanceof NoRouteToHostException) {
            return new ProbeResult.Unreachable("No route to " + hostPort + ".");
        }
        if (isTimeout(e)) {
            return new ProbeResult.Unreachable("No answer from " + hostPort + " within " + timeout.toSeconds() + " s.");
        }
        return new ProbeResult.Unreachable("Cannot connect to " + hostPort + ": " + cause(e));
    }

    static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || m.contains("timeout") || m.contains("timed out")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }

    /** Loads the identity's key pairs; OpenSSH and PEM formats, encrypted ones with the passphrase. */
    static List<KeyPair> loadKeys(SshIdentity identity) throws EdgeException {
        if (identity == null || identity.keyFile() == null) {
            throw new EdgeException(new ProbeResult.KeyProblem("Choose a private key file for this host.", false));
        }
        Path file = identity.keyFile();
        AtomicBoolean asked = new AtomicBoolean();
        FilePasswordProvider passwords = (session, resource, retry) -> {
            asked.set(true);
            char[] p = identity.passphrase();
            return p == null ? null : new String(p);
        };
        try (InputStream in = Files.newInputStream(file)) {
            List<KeyPair> out = new ArrayList<>();
            Iterable<KeyPair> ids = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in,
                    passwords);
            if (ids != null) {
                ids.forEach(out::add);
            }
            if (out.isEmpty()) {
                if (asked.get() && !identity.hasPassphrase()) {
                    throw new EdgeException(new ProbeResult.KeyProblem(file.getFileName() + " is encrypted: enter its passphrase.", true));
                }
                throw new EdgeException(new ProbeResult.KeyProblem(file + " holds no private key HybridPane can read.", false));
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new EdgeException(new ProbeResult.KeyProblem("Key file " + file + " does not exist.", false));
        } catch (AccessDeniedException e) {
            throw new EdgeException(new ProbeResult.KeyProblem("Key file " + file + " is not readable.", false));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (asked.get() && !identity.hasPassphrase()) {
                throw new EdgeException(new ProbeResult.KeyProblem(file.getFileName() + " is encrypted: enter its passphrase.", true));
            }
            if (asked.get()) {
                throw new EdgeException(new ProbeResult.KeyProblem("Wrong passphrase for " + file.getFileName() + ".", true));
            }
            throw new EdgeException(new ProbeResult.KeyProblem(file + " is not a private key HybridPane can read ("
                    + e.getClass().getSimpleName() + ").", false));
        }
    }

    static void closeQuietly(ClientSession s) {
        try {
            s.close(true);
        } catch (RuntimeException e) {
            // closing
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.stop();
        }
    }
}
