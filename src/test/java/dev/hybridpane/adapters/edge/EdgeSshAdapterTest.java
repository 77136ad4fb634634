package dev.hybridpane.adapters.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.SudoMode;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production SSH adapter against a MINA SSHD server started inside the test. */
public class EdgeSshAdapterTest {
    private static final String TYPE = KeyPairProvider.ECDSA_SHA2_NISTP256;

    @TempDir
    Path tmp;
    SshServer server;
    AtomicReference<KeyPair> hostKey = new AtomicReference<>();
    KeyPair login;
    MinaEdgePort port;
    FileKnownHostsStore known;
    Path keyFile;

    @BeforeEach
    void start() throws Exception {
        hostKey.set(KeyUtils.generateKeyPair(TYPE, 256));
        login = KeyUtils.generateKeyPair(TYPE, 256);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(SessionContext session) {
                return List.of(hostKey.get());
            }
        });
        server.setPublickeyAuthenticator((u, k, s) -> "admin".equals(u) && KeyUtils.compareKeys(login.getPublic(), k));
        server.setCommandFactory((channel, command) -> new AbstractCommandSupport(command, null) {
            @Override
            public void run() {
                try {
                    switch (command) {
                        case "echo hi" -> {
                            getOutputStream().write("hi\n".getBytes(StandardCharsets.UTF_8));
                            getOutputStream().flush();
                            onExit(0);
                        }
                        case "cat" -> {
                            byte[] in = getInputStream().readAllBytes();
                            getOutputStream().write(in);
                            getOutputStream().flush();
                            onExit(3);
                        }
                        case "sleep 60" -> Thread.sleep(60_000);
                        case "drop" -> {
                            getOutputStream().write("partial".getBytes(StandardCharsets.UTF_8));
                            getOutputStream().flush();
                            getServerSession().close(true);
                        }
                        default -> onExit(127);
                    }
                } catch (Exception e) {
                    onExit(1);
                }
            }
        });
        server.start();
        keyFile = tmp.resolve("id_ecdsa");
        write(keyFile, login, null);
        known = new FileKnownHostsStore(tmp.resolve("known_hosts"));
        port = new MinaEdgePort(known);
    }

    @AfterEach
    void stop() throws Exception {
        port.close();
        server.stop(true);
    }

    public static void write(Path file, KeyPair kp, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext enc = null;
        if (passphrase != null) {
            enc = new OpenSSHKeyEncryptionContext();
            enc.setCipherName("AES");
            enc.setCipherMode("CTR");
            enc.setCipherType("256");
            enc.setPassword(passphrase);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "test", enc, out);
        }
    }

    EdgeTarget target(String user, Path key, char[] passphrase) {
        return new EdgeTarget(new EdgeHostSpec("h1", "127.0.0.1", server.getPort(), user, "", SudoMode.NONE),
                new SshIdentity(key, passphrase), null);
    }

    ProbeResult.Failure fail(EdgeTarget t) {
        try (EdgePort.EdgeSession s = port.connect(t, Duration.ofSeconds(5))) {
            throw new AssertionError("connected");
        } catch (EdgeException e) {
            return e.failure();
        }
    }

    void trustFirstContact() {
        ProbeResult.Failure f = fail(target("admin", keyFile, null));
        assertThat(f).isInstanceOf(ProbeResult.UnknownHostKey.class);
        known.trust(((ProbeResult.UnknownHostKey) f).offered());
    }

    @Test
    void firstContactShowsTheFingerprintThenKeyLoginRunsCommands() throws Exception {
        ProbeResult.Failure f = fail(target("admin", keyFile, null));
        assertThat(f).isInstanceOf(ProbeResult.UnknownHostKey.class);
        var offered = ((ProbeResult.UnknownHostKey) f).offered();
        assertThat(offered.fingerprint()).isEqualTo(KeyUtils.getFingerPrint(hostKey.get().getPublic())).startsWith("SHA256:");
        assertThat(offered.keyType()).isEqualTo(TYPE);
        assertThat(offered.hostPort()).isEqualTo("127.0.0.1:" + server.getPort());
        known.trust(offered);
        assertThat(Files.readString(tmp.resolve("known_hosts"))).contains("[127.0.0.1]:" + server.getPort() + " " + TYPE)
                .doesNotContain("PRIVATE");
        try (EdgePort.EdgeSession s = port.connect(target("admin", keyFile, null), Duration.ofSeconds(5))) {
            assertThat(s.run("echo hi", null, Duration.ofSeconds(5))).isEqualTo(new EdgePort.CommandResult(0, "hi\n", ""));
            assertThat(s.run("cat", "secret\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)))
                    .isEqualTo(new EdgePort.CommandResult(3, "secret\n", ""));
        }
        // a fresh store instance reads the same trust back from disk
        assertThat(new FileKnownHostsStore(tmp.resolve("known_hosts")).find(offered.hostPort())).contains(offered);
    }

    @Test
    void aChangedHostKeyIsRefusedWithOldAndNewFingerprints() throws Exception {
        trustFirstContact();
        String old = KeyUtils.getFingerPrint(hostKey.get().getPublic());
        hostKey.set(KeyUtils.generateKeyPair(TYPE, 256));
        ProbeResult.Failure f = fail(target("admin", keyFile, null));
        assertThat(f).isInstanceOf(ProbeResult.HostKeyChanged.class);
        var changed = (ProbeResult.HostKeyChanged) f;
        assertThat(changed.oldFingerprint()).isEqualTo(old);
        assertThat(changed.newFingerprint()).isEqualTo(KeyUtils.getFingerPrint(hostKey.get().getPublic())).isNotEqualTo(old);
        assertThat(f.reason()).contains("refused", old, changed.newFingerprint());
    }

    @Test
    void wrongUserOrKeyIsAnAuthFailure() throws Exception {
        trustFirstContact();
        assertThat(fail(target("root", keyFile, null))).isInstanceOf(ProbeResult.AuthFailed.class);
        Path other = tmp.resolve("other");
        write(other, KeyUtils.generateKeyPair(TYPE, 256), null);
        assertThat(fail(target("admin", other, null))).isInstanceOf(ProbeResult.AuthFailed.class);
    }

    @Test
    void encryptedKeysNeedTheirPassphraseAndUnreadableFilesAreNamed() throws Exception {
        trustFirstContact();
        Path enc = tmp.resolve("id_enc");
        write(enc, login, "correct horse");
        ProbeResult.Failure f = fail(target("admin", enc, null));
        assertThat(f).isInstanceOfSatisfying(ProbeResult.KeyProblem.class, k -> assertThat(k.passphraseNeeded()).isTrue());
        assertThat(fail(target("admin", enc, "wrong".toCharArray()))).isInstanceOf(ProbeResult.KeyProblem.class);
        try (EdgePort.EdgeSession s = port.connect(target("admin", enc, "correct horse".toCharArray()), Duration.ofSeconds(5))) {
            assertThat(s.run("echo hi", null, Duration.ofSeconds(5)).stdout()).isEqualTo("hi\n");
        }
        assertThat(fail(target("admin", tmp.resolve("missing"), null)).reason()).contains("does not exist");
        Path junk = tmp.resolve("junk");
        Files.writeString(junk, "not a key");
        assertThat(fail(target("admin", junk, null))).isInstanceOf(ProbeResult.KeyProblem.class);
        assertThat(new SshIdentity(enc, "correct horse".toCharArray()).toString()).doesNotContain("horse");
    }

    @Test
    void aCommandThatHangsTimesOutAndTheSessionStaysUsable() throws Exception {
        trustFirstContact();
        try (EdgePort.EdgeSession s = port.connect(target("admin", keyFile, null), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> s.run("sleep 60", null, Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(EdgeException.class,
                            e -> assertThat(e.failure()).isInstanceOf(ProbeResult.TimedOut.class));
            assertThat(s.run("echo hi", null, Duration.ofSeconds(5)).stdout()).isEqualTo("hi\n");
        }
    }

    @Test
    void aConnectionDroppedMidCommandIsUnreachable() throws Exception {
        trustFirstContact();
        try (EdgePort.EdgeSession s = port.connect(target("admin", keyFile, null), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> s.run("drop", null, Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(EdgeException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(ProbeResult.Unreachable.class);
                        assertThat(e.getMessage()).contains("dropped");
                    });
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int p;
        try (var ss = new ServerSocket(0)) {
            p = ss.getLocalPort();
        }
        EdgeTarget t = new EdgeTarget(new EdgeHostSpec("gone", "127.0.0.1", p, "admin", "", SudoMode.NONE),
                new SshIdentity(keyFile, null), null);
        assertThat(fail(t)).isInstanceOfSatisfying(ProbeResult.Unreachable.class,
                u -> assertThat(u.reason()).contains("refused"));
    }

    @Test
    void anUnresolvableNameIsAnUnknownHost() throws Exception {
        // .invalid never resolves (RFC 6761); MINA's connector throws UnresolvedAddressException, not UnknownHostException
        EdgeTarget t = new EdgeTarget(new EdgeHostSpec("nowhere", "nowhere.invalid", 22, "admin", "", SudoMode.NONE),
                new SshIdentity(keyFile, null), null);
        assertThat(fail(t)).isInstanceOfSatisfying(ProbeResult.Unreachable.class,
                u -> assertThat(u.reason()).startsWith("Unknown host nowhere.invalid"));
    }
}
