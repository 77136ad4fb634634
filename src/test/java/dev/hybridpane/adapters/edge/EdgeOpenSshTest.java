package dev.hybridpane.adapters.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.FactGatherer;
import dev.hybridpane.core.edge.HostStatuses;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.FactCommands;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.domain.edge.SupportMatrix;
import java.io.File;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production SSH adapter against a real OpenSSH server (a private sshd on a loopback port, its own config and keys
 * in a temporary directory): host-key trust on first use, a changed host key refused, key and ssh-agent logins, and the
 * facts of this machine, which must come out as the machine itself says. The lab's hosts are MINA; administrators' hosts
 * are OpenSSH. Skipped where /usr/sbin/sshd is not installed (CI installs openssh-server).
 */
class EdgeOpenSshTest {
    private static final Duration T = Duration.ofSeconds(20);
    static final String USER = System.getProperty("user.name");

    @TempDir
    static Path dir;
    static OpenSshServerProcess sshd;
    static Path loginKey;
    static Path hostKey;
    static Path authorizedKeys;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(OpenSshServerProcess.installed(),
                "no OpenSSH server: /usr/sbin/sshd is not installed (apt-get install openssh-server)");
        Assumptions.assumeTrue(OpenSshAgentProcess.installed(), "no ssh-keygen here to make the test's keys");
        hostKey = OpenSshAgentProcess.keygen(dir, "host_ecdsa", "ecdsa", 256);
        loginKey = OpenSshAgentProcess.keygen(dir, "login_ecdsa", "ecdsa", 256);
        authorizedKeys = dir.resolve("authorized_keys");
        Files.copy(Path.of(loginKey + ".pub"), authorizedKeys);
        sshd = OpenSshServerProcess.start(dir, hostKey, authorizedKeys, 0);
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    static EdgeTarget target(int port, SshIdentity id, SudoMode sudo) {
        return new EdgeTarget(new EdgeHostSpec("real", "127.0.0.1", port, USER, "", sudo), id, null);
    }

    static ProbeResult.Failure failure(MinaEdgePort port, EdgeTarget t) {
        try (EdgePort.EdgeSession s = port.connect(t, T)) {
            throw new AssertionError("logged in");
        } catch (EdgeException e) {
            return e.failure();
        }
    }

    /** OpenSSH's own SHA256 fingerprint of a public key file. */
    static String fingerprint(Path pub) throws Exception {
        String out = run("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString());
        return out.split("\\s+")[1];
    }

    static MinaEdgePort trusted(FileKnownHostsStore known, int port) {
        MinaEdgePort mina = new MinaEdgePort(known, () -> null);
        ProbeResult.Failure f = failure(mina, target(port, new SshIdentity(loginKey, null), SudoMode.NONE));
        assertThat(f).isInstanceOf(ProbeResult.UnknownHostKey.class);
        known.trust(((ProbeResult.UnknownHostKey) f).offered());
        return mina;
    }

    @Test
    void firstContactShowsOpenSshsFingerprintThenTheKeyLogsInAndCommandsKeepStatusAndStderr() throws Exception {
        FileKnownHostsStore known = new FileKnownHostsStore(dir.resolve("known_hosts_first"));
        try (MinaEdgePort mina = new MinaEdgePort(known, () -> null)) {
            EdgeTarget t = target(sshd.port(), new SshIdentity(loginKey, null), SudoMode.NONE);
            ProbeResult.Failure f = failure(mina, t);
            assertThat(f).isInstanceOfSatisfying(ProbeResult.UnknownHostKey.class, u -> {
                assertThat(u.offered().hostPort()).isEqualTo("127.0.0.1:" + sshd.port());
                assertThat(u.offered().keyType()).isEqualTo("ecdsa-sha2-nistp256");
            });
            assertThat(((ProbeResult.UnknownHostKey) f).offered().fingerprint()).isEqualTo(fingerprint(Path.of(hostKey + ".pub")));
            known.trust(((ProbeResult.UnknownHostKey) f).offered());
            try (EdgePort.EdgeSession s = mina.connect(t, T)) {
                assertThat(s.run("id -un", null, T).stdout().strip()).isEqualTo(USER);
                EdgePort.CommandResult r = s.run("echo out; echo err >&2; exit 3", null, T);
                assertThat(r).isEqualTo(new EdgePort.CommandResult(3, "out\n", "err\n"));
                assertThat(s.run("cat", "to stdin".getBytes(StandardCharsets.UTF_8), T).stdout()).isEqualTo("to stdin");
                // Debian's exec PATH for an account: swapon (in /usr/sbin) is not found there, as on the reported host
                assertThat(s.run("echo $PATH", null, T).stdout().strip()).isEqualTo(OpenSshServerProcess.DEBIAN_USER_PATH);
                EdgePort.CommandResult swapon = s.run("swapon --show", null, T);
                assertThat(swapon.exitCode()).isEqualTo(127);
                assertThat(swapon.stderr()).contains("swapon: command not found");
                assertThat(s.run(FactCommands.onAdminPath("command -v swapon"), null, T).stdout().strip())
                        .isIn("/usr/sbin/swapon", "/sbin/swapon");
            }
            // a key the server does not know is refused
            Path other = OpenSshAgentProcess.keygen(dir, "stranger", "ecdsa", 256);
            assertThat(failure(mina, target(sshd.port(), new SshIdentity(other, null), SudoMode.NONE)))
                    .isInstanceOf(ProbeResult.AuthFailed.class);
        }
    }

    @Test
    void aChangedHostKeyIsRefusedWithBothFingerprints() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("rekeyed"));
        Path keyA = OpenSshAgentProcess.keygen(sub, "a", "ecdsa", 256);
        Path keyB = OpenSshAgentProcess.keygen(sub, "b", "ecdsa", 256);
        FileKnownHostsStore known = new FileKnownHostsStore(sub.resolve("known_hosts"));
        int port;
        try (OpenSshServerProcess first = OpenSshServerProcess.start(sub, keyA, authorizedKeys, 0)) {
            port = first.port();
            try (MinaEdgePort mina = trusted(known, port);
                    EdgePort.EdgeSession s = mina.connect(target(port, new SshIdentity(loginKey, null), SudoMode.NONE), T)) {
                assertThat(s.run("true", null, T).exitCode()).isZero();
            }
        }
        // the host is reinstalled: same address and port, a new host key
        try (OpenSshServerProcess second = OpenSshServerProcess.start(sub, keyB, authorizedKeys, port);
                MinaEdgePort mina = new MinaEdgePort(known, () -> null)) {
            ProbeResult.Failure f = failure(mina, target(port, new SshIdentity(loginKey, null), SudoMode.NONE));
            String oldFp = fingerprintOf(keyA);
            String newFp = fingerprintOf(keyB);
            assertThat(f).isInstanceOfSatisfying(ProbeResult.HostKeyChanged.class, c -> {
                assertThat(c.hostPort()).isEqualTo("127.0.0.1:" + port);
                assertThat(c.oldFingerprint()).isEqualTo(oldFp);
                assertThat(c.newFingerprint()).isEqualTo(newFp);
            });
            assertThat(known.find("127.0.0.1:" + port).orElseThrow().fingerprint()).as("the trusted key is kept")
                    .isEqualTo(fingerprintOf(keyA));
        }
    }

    private static String fingerprintOf(Path key) throws Exception {
        return fingerprint(Path.of(key + ".pub"));
    }

    @Test
    void anSshAgentLogsInWithAKeyHybridPaneNeverReads() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("agent"));
        Path agentKey = OpenSshAgentProcess.keygen(sub, "agent_key", "ecdsa", 256);
        Path keys = sub.resolve("authorized_keys");
        Files.writeString(keys, Files.readString(Path.of(agentKey + ".pub")));
        try (OpenSshServerProcess server = OpenSshServerProcess.start(sub, hostKey, keys, 0);
                OpenSshAgentProcess agent = OpenSshAgentProcess.start(sub)) {
            agent.add(agentKey);
            Files.delete(agentKey); // only the agent holds it now
            FileKnownHostsStore known = new FileKnownHostsStore(sub.resolve("known_hosts"));
            try (MinaEdgePort mina = new MinaEdgePort(known, () -> agent.socket().toString())) {
                EdgeTarget t = target(server.port(), SshIdentity.agent(), SudoMode.NONE);
                ProbeResult.Failure f = failure(mina, t);
                assertThat(f).isInstanceOf(ProbeResult.UnknownHostKey.class);
                known.trust(((ProbeResult.UnknownHostKey) f).offered());
                try (EdgePort.EdgeSession s = mina.connect(t, T)) {
                    assertThat(s.run("id -un", null, T).stdout().strip()).isEqualTo(USER);
                }
            }
        }
    }

    @Test
    void theFactsOfThisMachineComeOutAsTheMachineSaysThem() throws Exception {
        FileKnownHostsStore known = new FileKnownHostsStore(dir.resolve("known_hosts_facts"));
        try (MinaEdgePort mina = trusted(known, sshd.port())) {
            boolean sudoInstalled = onPath("sudo");
            ProbeResult r = new FactGatherer(mina, 1, T, T).probe(target(sshd.port(), new SshIdentity(loginKey, null),
                    sudoInstalled ? SudoMode.NONE : SudoMode.PASSWORDLESS));
            assertThat(r).isInstanceOf(ProbeResult.Reached.class);
            HostFacts f = ((ProbeResult.Reached) r).facts();
            Map<String, String> os = osRelease();
            assertThat(f.hostname()).isEqualTo(run("hostname").strip());
            assertThat(f.osId()).isEqualTo(os.get("ID"));
            assertThat(f.osVersion()).isEqualTo(os.get("VERSION_ID"));
            assertThat(f.kernel()).isEqualTo(run("uname", "-r").strip());
            assertThat(f.arch()).isEqualTo(run("uname", "-m").strip());
            assertThat(f.cpus()).isEqualTo(Integer.parseInt(run("nproc").strip()));
            assertThat(f.memoryMiB()).isEqualTo(memTotalKiB() / 1024);
            assertThat(f.diskFreeGiB()).isCloseTo(Files.getFileStore(Path.of("/")).getUsableSpace() / 1024.0 / 1024 / 1024,
                    offset(1.0));
            assertThat(f.swapOn()).as("/proc/swaps").isEqualTo(Files.readAllLines(Path.of("/proc/swaps")).size() > 1);
            for (Map.Entry<String, String> e : SupportMatrix.REQUIRED_COMMANDS.entrySet()) {
                assertThat(f.packages().get(e.getValue())).as(e.getKey()).isEqualTo(onPath(e.getKey()));
            }
            assertThat(f.addresses()).containsExactlyInAnyOrderElementsOf(ipv4Addresses());
            if (Files.exists(Path.of("/var/lib/kubelet/kubeconfig"))) {
                assertThat(f.existingNode() != null || f.unknownReason(FactCommands.EXISTING_NODE) != null).isTrue();
            } else {
                assertThat(f.existingNode()).isNull();
                assertThat(f.unknown()).doesNotContainKey(FactCommands.EXISTING_NODE);
            }
            ProcessResult timedatectl = exec("timedatectl", "show");
            if (timedatectl.exit() == 0) {
                assertThat(f.timeSynced()).isEqualTo(timedatectl.out().contains("NTPSynchronized=yes"));
            } else {
                // no systemd as PID 1 (a container): the clock's state is unknown, and the check names why
                assertThat(f.timeSynced()).isNull();
                assertThat(f.unknownReason(FactCommands.TIMEDATECTL)).contains("`timedatectl show` ended with exit "
                        + timedatectl.exit(), timedatectl.err().lines().findFirst().orElse(""));
            }
            List<Check> checks = HostStatuses.of(r, null, List.of("0.0.0.0/0"), null, Instant.EPOCH).checks();
            Check swap = checks.stream().filter(c -> c.id().equals("swap")).findFirst().orElseThrow();
            assertThat(swap.status()).isEqualTo(f.swapOn() ? CheckStatus.FAIL : CheckStatus.PASS);
            if (!sudoInstalled) {
                // there is no sudo on this machine: the root-access check fails and says why, in bash's words
                assertThat(f.sudoOk()).isFalse();
                Check sudo = checks.stream().filter(c -> c.id().equals("sudo")).findFirst().orElseThrow();
                assertThat(sudo.status()).isEqualTo(CheckStatus.FAIL);
                assertThat(sudo.reason()).contains("`sudo -n true` ended with exit 127", "sudo: command not found");
            }
        }
    }

    record ProcessResult(int exit, String out, String err) {
    }

    static ProcessResult exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new ProcessResult(p.exitValue(), out, err);
    }

    static String run(String... cmd) throws Exception {
        ProcessResult r = exec(cmd);
        assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.err()).isZero();
        return r.out();
    }

    /** Where administrators' tools and everyone's live: found in any of them is installed. */
    static boolean onPath(String name) {
        for (String d : (FactCommands.ADMIN_PATH + ":/usr/local/bin:/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }

    static Map<String, String> osRelease() throws Exception {
        Map<String, String> m = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"|\"$", ""));
            }
        }
        return m;
    }

    static long memTotalKiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new AssertionError("no MemTotal");
    }

    /** The machine's IPv4 addresses with prefix, as Java sees its interfaces (loopback and link-local left out). */
    static List<String> ipv4Addresses() throws Exception {
        List<String> out = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (var a : ni.getInterfaceAddresses()) {
                if (a.getAddress() instanceof Inet4Address v4 && !v4.isLoopbackAddress() && !v4.isLinkLocalAddress()) {
                    out.add(v4.getHostAddress() + "/" + a.getNetworkPrefixLength());
                }
            }
        }
        return out;
    }
}
