package dev.hybridpane.adapters.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hybridpane.core.edge.AgentStatus;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.SudoMode;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ssh-agent support against a real OpenSSH agent (child process) and a MINA SSHD server started here: the
 * keys are only in the agent, never in a file HybridPane reads.
 */
class EdgeSshAgentTest {
    @TempDir
    Path tmp;
    OpenSshAgentProcess agent;
    SshServer server;
    KeyPair hostKey;
    /** The public keys the server accepts, and the fingerprints it saw offered with a signature. */
    final Set<PublicKey> accepted = ConcurrentHashMap.newKeySet();
    final List<String> loggedInWith = new CopyOnWriteArrayList<>();
    Path ed25519;
    Path rsa;
    MinaEdgePort port;
    FileKnownHostsStore known;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(OpenSshAgentProcess.installed(), "ssh-agent, ssh-add and ssh-keygen are not installed");
        agent = OpenSshAgentProcess.start(tmp);
        ed25519 = OpenSshAgentProcess.keygen(tmp, "id_ed25519", "ed25519", 256);
        rsa = OpenSshAgentProcess.keygen(tmp, "id_rsa", "rsa", 2048);
        agent.add(ed25519);
        agent.add(rsa);
        hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        known = new FileKnownHostsStore(tmp.resolve("known_hosts"));
        port = new MinaEdgePort(known, () -> agent.socket().toString());
    }

    void startServer(List<BuiltinSignatures> signatures) throws Exception {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        if (signatures != null) {
            server.setSignatureFactories(List.copyOf(signatures));
        }
        server.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(SessionContext session) {
                return List.of(hostKey);
            }
        });
        server.setPublickeyAuthenticator((u, k, s) -> {
            boolean ok = "admin".equals(u) && accepted.stream().anyMatch(a -> KeyUtils.compareKeys(a, k));
            if (ok) {
                loggedInWith.add(KeyUtils.getFingerPrint(k));
            }
            return ok;
        });
        server.setCommandFactory((channel, command) -> new AbstractCommandSupport(command, null) {
            @Override
            public void run() {
                try {
                    getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
                    getOutputStream().flush();
                    onExit(0);
                } catch (Exception e) {
                    onExit(1);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (port != null) {
            port.close();
        }
        if (server != null) {
            server.stop(true);
        }
        if (agent != null) {
            agent.close();
        }
    }

    EdgeTarget viaAgent() {
        return new EdgeTarget(new EdgeHostSpec("h1", "127.0.0.1", server.getPort(), "admin", "", SudoMode.NONE),
                SshIdentity.agent(), null);
    }

    ProbeResult.Failure fail(MinaEdgePort p, EdgeTarget t) {
        try (EdgePort.EdgeSession s = p.connect(t, Duration.ofSeconds(10))) {
            throw new AssertionError("connected");
        } catch (EdgeException e) {
            return e.failure();
        }
    }

    void trustFirstContact() {
        ProbeResult.Failure f = fail(port, viaAgent());
        assertThat(f).as("the agent is checked, then the host key stops the first contact")
                .isInstanceOf(ProbeResult.UnknownHostKey.class);
        known.trust(((ProbeResult.UnknownHostKey) f).offered());
    }

    String loginAndEcho() throws Exception {
        try (EdgePort.EdgeSession s = port.connect(viaAgent(), Duration.ofSeconds(10))) {
            return s.run("echo via-agent", null, Duration.ofSeconds(10)).stdout();
        }
    }

    @Test
    void listsTheAgentsKeysWithTheirFingerprints() throws Exception {
        try (OpenSshAgentClient client = OpenSshAgentClient.connect(agent.socket(), Duration.ofSeconds(5))) {
            List<Map.Entry<PublicKey, String>> ids = client.getIdentities();
            assertThat(ids).extracting(e -> KeyUtils.getFingerPrint(e.getKey())).containsExactlyInAnyOrder(
                    KeyUtils.getFingerPrint(OpenSshAgentProcess.publicKeyOf(ed25519)),
                    KeyUtils.getFingerPrint(OpenSshAgentProcess.publicKeyOf(rsa)));
            assertThat(ids).extracting(Map.Entry::getValue).containsExactlyInAnyOrder("id_ed25519", "id_rsa");
            assertThat(ids).extracting(e -> KeyUtils.getKeyType(e.getKey()))
                    .containsExactlyInAnyOrder(KeyPairProvider.SSH_ED25519, KeyPairProvider.SSH_RSA);
        }
        assertThat(port.agentStatus()).isEqualTo(AgentStatus.answered(2));
        assertThat(port.agentStatus().note()).isEqualTo("ssh-agent holds 2 keys.");
    }

    @Test
    void logsInWithAnEd25519KeyHeldOnlyByTheAgent() throws Exception {
        startServer(null);
        accepted.add(OpenSshAgentProcess.publicKeyOf(ed25519));
        trustFirstContact();
        assertThat(loginAndEcho()).isEqualTo("echo via-agent\n");
        assertThat(loggedInWith).contains(KeyUtils.getFingerPrint(OpenSshAgentProcess.publicKeyOf(ed25519)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-sha2-256", "rsa-sha2-512"})
    void logsInWithAnRsaKeyHeldOnlyByTheAgentSignedWithSha2(String algorithm) throws Exception {
        // the server takes this RSA signature only: the agent must be asked for it with the right flag
        startServer(List.of(BuiltinSignatures.fromFactoryName(algorithm), BuiltinSignatures.nistp256));
        accepted.add(OpenSshAgentProcess.publicKeyOf(rsa));
        trustFirstContact();
        assertThat(loginAndEcho()).isEqualTo("echo via-agent\n");
        assertThat(loggedInWith).contains(KeyUtils.getFingerPrint(OpenSshAgentProcess.publicKeyOf(rsa)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-sha2-256", "rsa-sha2-512"})
    void asksTheAgentForSha2RsaSignaturesThatVerify(String algorithm) throws Exception {
        PublicKey pub = OpenSshAgentProcess.publicKeyOf(rsa);
        byte[] data = "session data to sign".getBytes(StandardCharsets.UTF_8);
        try (OpenSshAgentClient client = OpenSshAgentClient.connect(agent.socket(), Duration.ofSeconds(5))) {
            Map.Entry<String, byte[]> signed = client.sign(null, pub, algorithm, data);
            assertThat(signed.getKey()).isEqualTo(algorithm);
            Signature verifier = Signature.getInstance(algorithm.endsWith("256") ? "SHA256withRSA" : "SHA512withRSA");
            verifier.initVerify(pub);
            verifier.update(data);
            assertThat(verifier.verify(signed.getValue())).isTrue();
        }
    }

    @Test
    void aHostThatAcceptsNoneOfTheAgentsKeysIsAnAuthFailure() throws Exception {
        startServer(null);
        accepted.add(KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256).getPublic());
        trustFirstContact();
        ProbeResult.Failure f = fail(port, viaAgent());
        assertThat(f).isInstanceOf(ProbeResult.AuthFailed.class);
        assertThat(f.reason()).isEqualTo("The host refused the keys of ssh-agent for user admin.");
    }

    @Test
    void withoutSshAuthSockTheReasonSaysSo() throws Exception {
        startServer(null);
        try (MinaEdgePort noAgent = new MinaEdgePort(known, () -> null)) {
            ProbeResult.Failure f = fail(noAgent, viaAgent());
            assertThat(f).isInstanceOf(ProbeResult.KeyProblem.class);
            assertThat(f.reason()).startsWith("No ssh-agent: SSH_AUTH_SOCK is not set.");
            assertThat(noAgent.agentStatus().available()).isFalse();
            assertThat(noAgent.agentStatus().note()).startsWith("No ssh-agent: SSH_AUTH_SOCK is not set.");
        }
    }

    @Test
    void aStoppedOrDeadAgentDidNotAnswer() throws Exception {
        startServer(null);
        Path stale = tmp.resolve("stale.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(stale)); // left behind when closed: nobody listens any more
        }
        try (MinaEdgePort dead = new MinaEdgePort(known, stale::toString);
                MinaEdgePort gone = new MinaEdgePort(known, () -> tmp.resolve("gone.sock").toString())) {
            ProbeResult.Failure f = fail(dead, viaAgent());
            assertThat(f).isInstanceOf(ProbeResult.KeyProblem.class);
            assertThat(f.reason()).startsWith("ssh-agent at " + stale + " did not answer").doesNotContain("Exception");
            assertThat(fail(gone, viaAgent()).reason()).startsWith("ssh-agent at " + tmp.resolve("gone.sock")
                    + " did not answer");
            assertThat(dead.agentStatus().available()).isFalse();
        }
    }

    @Test
    void anAgentThatNeverAnswersTimesOut() throws Exception {
        Path mute = tmp.resolve("mute.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(mute)); // accepts connections (backlog), never answers
            try (OpenSshAgentClient client = OpenSshAgentClient.connect(mute, Duration.ofMillis(300))) {
                long t0 = System.nanoTime();
                assertThatThrownBy(client::getIdentities).isInstanceOf(SocketTimeoutException.class)
                        .hasMessageContaining("did not answer");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void anEmptyAgentIsAClearKeyProblem() throws Exception {
        startServer(null);
        try (OpenSshAgentProcess empty = OpenSshAgentProcess.start(Files.createDirectory(tmp.resolve("empty")));
                MinaEdgePort p = new MinaEdgePort(known, () -> empty.socket().toString())) {
            assertThat(p.agentStatus()).isEqualTo(AgentStatus.answered(0));
            assertThat(fail(p, viaAgent()).reason()).endsWith("holds no keys: add yours with ssh-add.");
        }
    }
}
