package dev.hybridpane.lab.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.SudoMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's SSH faults met by the production adapter: a connection dropped mid-command is reported as a drop (never as
 * the command's exit status), a hung host ends in a timeout naming it, a rebooted host refuses connections then answers
 * with its /etc and without its /tmp, and a host with a new key pair is refused with both fingerprints and the fix.
 */
class LabSshFaultsTest {
    static LabEdgeHosts lab;
    static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    FileKnownHostsStore known;
    MinaEdgePort mina;

    @BeforeAll
    static void start() {
        lab = LabTestHosts.start(null);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @BeforeEach
    void adapter() {
        known = new FileKnownHostsStore(tmp.resolve("known_hosts"));
        mina = new MinaEdgePort(known);
    }

    EdgeTarget target(String name) {
        var h = lab.hosts().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return new EdgeTarget(new EdgeHostSpec(name, "127.0.0.1", h.port(), h.user(), "dallas-dc", SudoMode.PASSWORDLESS),
                new SshIdentity(lab.loginKeyPath(), null), null);
    }

    /** Logs in, trusting the host's key on first use. */
    EdgePort.EdgeSession login(String name) throws EdgeException {
        try {
            return mina.connect(target(name), T);
        } catch (EdgeException e) {
            if (e.failure() instanceof ProbeResult.UnknownHostKey u) {
                known.trust(u.offered());
                return mina.connect(target(name), T);
            }
            throw e;
        }
    }

    @Test
    void aConnectionDroppedMidCommandIsReportedAsADropNeverAsAnExitStatusAndTheCommandRanOnce() throws Exception {
        lab.faults().dropDuring("ubu", "/etc/hybridpane/dropped.conf");
        try (EdgePort.EdgeSession s = login("ubu")) {
            assertThatThrownBy(() -> s.run("sudo -n install -D -m 0644 /dev/stdin /etc/hybridpane/dropped.conf",
                    "written\n".getBytes(StandardCharsets.UTF_8), T))
                    .isInstanceOfSatisfying(EdgeException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(ProbeResult.Unreachable.class);
                        assertThat(e.getMessage()).contains("dropped while running 'sudo -n install");
                    });
        }
        // the command ran to its end on the host: its exit status is what was lost
        assertThat(lab.exec("ubu", "cat /etc/hybridpane/dropped.conf", null).stdout()).isEqualTo("written\n");
        assertThat(lab.faults().count("ubu", "/etc/hybridpane/dropped.conf", -1)).isEqualTo(1);
        try (EdgePort.EdgeSession s = login("ubu")) {
            assertThat(s.run("cat /etc/hybridpane/dropped.conf", null, T).exitCode()).as("a new connection works").isZero();
        }
    }

    @Test
    void aDropRateDropsThatShareOfCommandsAndEachDropIsReportedNeverTakenForAnExitStatus() throws Exception {
        long seed = 20261207L;
        System.out.println("drop rate 0.3, seed " + seed);
        lab.faults().dropRate(0.3, seed);
        int drops = 0;
        int ok = 0;
        int before = lab.faults().ran("rhel").size();
        try {
            for (int i = 0; i < 30; i++) {
                try (EdgePort.EdgeSession s = login("rhel")) {
                    EdgePort.CommandResult r = s.run("test -e /etc/os-release", null, T);
                    assertThat(r.exitCode()).isZero();
                    ok++;
                } catch (EdgeException e) {
                    assertThat(e.failure()).isInstanceOf(ProbeResult.Unreachable.class);
                    assertThat(e.getMessage()).contains("dropped while running 'test -e /etc/os-release'");
                    drops++;
                }
            }
        } finally {
            lab.faults().dropRate(0, seed);
        }
        var ran = lab.faults().ran("rhel").subList(before, lab.faults().ran("rhel").size());
        System.out.printf("30 commands, 0.3 dropped: %d dropped (reported as drops), %d answered%n", drops, ok);
        assertThat(drops).as("every drop the host made was reported as one").isEqualTo(ran.stream().filter(r -> r.exit() == -1).count())
                .isBetween(3, 18);
        assertThat(ok).isEqualTo(30 - drops);
    }

    @Test
    void aHungHostEndsInATimeoutNamingTheHostAndTheCommandWithinTheBound() throws Exception {
        try (EdgePort.EdgeSession s = login("al")) {
            lab.faults().hang("al", true);
            long t0 = System.nanoTime();
            try {
                assertThatThrownBy(() -> s.run("systemctl is-active kubelet", null, Duration.ofSeconds(1)))
                        .isInstanceOfSatisfying(EdgeException.class, e -> {
                            assertThat(e.failure()).isInstanceOf(ProbeResult.TimedOut.class);
                            assertThat(e.getMessage()).matches("'systemctl is-active kubelet' did not finish on 127\\.0\\.0\\.1:\\d+ "
                                    + "within 1 s\\.");
                        });
            } finally {
                lab.faults().hang("al", false);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("hung host: timed out after " + ms + " ms (bound 1 s)");
            assertThat(ms).as("the timeout, not the hang, ended it").isLessThan(15_000);
        }
        try (EdgePort.EdgeSession s = login("al")) {
            assertThat(s.run("true", null, T).exitCode()).as("answers again").isZero();
        }
    }

    @Test
    void aRebootedHostRefusesConnectionsThenComesBackWithEtcKeptTmpClearedAndItsKey() throws Exception {
        try (EdgePort.EdgeSession s = login("ubu")) {
            assertThat(s.run("true", null, T).exitCode()).isZero();
        }
        LabTestHosts.put(lab, "ubu", "0644", "/tmp/scratch", "gone after a reboot\n");
        LabTestHosts.put(lab, "ubu", "0644", "/etc/hybridpane/kept.conf", "kept\n");
        lab.faults().rebootDowntime(Duration.ofMillis(1500));
        EdgePort.EdgeSession open = login("ubu");
        lab.reboot("ubu");
        assertThatThrownBy(() -> open.run("true", null, T)).isInstanceOf(EdgeException.class);
        open.close();
        assertThatThrownBy(() -> mina.connect(target("ubu"), T)).isInstanceOfSatisfying(EdgeException.class,
                e -> assertThat(e.getMessage()).startsWith("Connection refused by 127.0.0.1:"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int refused = 1;
        EdgePort.EdgeSession back = null;
        while (back == null) {
            try {
                back = mina.connect(target("ubu"), T); // the same host key: no HostKeyChanged
            } catch (EdgeException e) {
                assertThat(e.failure()).isInstanceOf(ProbeResult.Unreachable.class);
                assertThat(System.nanoTime()).as("back within 30 s").isLessThan(deadline);
                refused++;
                Thread.sleep(200);
            }
        }
        System.out.println("rebooted host: " + refused + " connection(s) refused before it answered again");
        try (EdgePort.EdgeSession s = back) {
            assertThat(s.run("test -e /tmp/scratch", null, T).exitCode()).as("/tmp cleared").isEqualTo(1);
            assertThat(s.run("cat /etc/hybridpane/kept.conf", null, T).stdout()).isEqualTo("kept\n");
        }
    }

    @Test
    void aNewHostKeyIsRefusedWithTheHostBothFingerprintsAndTheKnownHostsLineToRemoveAndNothingRuns() throws Exception {
        String before;
        try (EdgePort.EdgeSession s = login("out")) {
            assertThat(s.run("true", null, T).exitCode()).isZero();
        }
        String trusted = known.find("127.0.0.1:" + target("out").spec().port()).orElseThrow().fingerprint();
        lab.fault("out", LabSshFaults.Fault.NEWKEY); // after the next login session closes
        try (EdgePort.EdgeSession s = mina.connect(target("out"), T)) {
            before = String.valueOf(s.run("true", null, T).exitCode());
        }
        long keyDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lab.faults().newKeyPending("out")) { // the server sees the close a moment after the client
            assertThat(System.nanoTime()).as("the host's new key within 10 s").isLessThan(keyDeadline);
            Thread.sleep(20);
        }
        int ran = lab.faults().count("out");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> mina.connect(target("out"), T)).isInstanceOfSatisfying(EdgeException.class, e -> {
                var c = (ProbeResult.HostKeyChanged) e.failure();
                int port = target("out").spec().port();
                assertThat(c.oldFingerprint()).isEqualTo(trusted).isNotEqualTo(c.newFingerprint());
                assertThat(e.getMessage()).isEqualTo("Host key changed, connection refused. Trusted " + trusted + ", presented "
                        + c.newFingerprint() + ". If 127.0.0.1:" + port + " was reinstalled, check the new key on its console, "
                        + "remove its line ([127.0.0.1]:" + port + ") from " + known.file().toAbsolutePath() + " (ssh-keygen -R '"
                        + "[127.0.0.1]:" + port + "' -f " + known.file().toAbsolutePath() + ") and reconnect.");
            });
        }
        assertThat(before).isEqualTo("0");
        assertThat(lab.faults().count("out")).as("nothing ran on the host").isEqualTo(ran);
        assertThat(known.find("127.0.0.1:" + target("out").spec().port())).map(k -> k.fingerprint()).contains(trusted);
    }
}
