package dev.hybridpane.lab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.FactGatherer;
import dev.hybridpane.core.edge.HostStatuses;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostCsv;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SudoMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's twelve SSH hosts probed by the production adapter and the fact gatherer. */
class LabEdgeHostsTest {
    static LabEdgeHosts lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        lab = new LabEdgeHosts().start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    List<EdgeTarget> targets(SshIdentity id) {
        HostCsv.Result r = HostCsv.parse(lab.csv(), "x", SudoMode.PASSWORDLESS, List.of(), List.of());
        assertThat(r.errors()).isEmpty();
        List<EdgeTarget> out = new ArrayList<>();
        for (EdgeHostSpec s : r.hosts()) {
            boolean pw = s.name().equals("austin-04");
            out.add(new EdgeTarget(pw ? new EdgeHostSpec(s.name(), s.address(), s.port(), s.user(), s.site(), SudoMode.PASSWORD) : s,
                    id, pw ? "lab-sudo".toCharArray() : null));
        }
        return out;
    }

    @Test
    void loginKeyIsPrivateToTheUserAndTheCsvListsTwelveHosts() throws Exception {
        assertThat(Files.getPosixFilePermissions(lab.loginKeyPath()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(lab.hosts()).hasSize(12);
        assertThat(lab.csv().lines().count()).isEqualTo(13);
    }

    @Test
    void twelveHostsProbedWithBoundedParallelismGiveTheExpectedPhases() throws Exception {
        FileKnownHostsStore known = new FileKnownHostsStore(tmp.resolve("known_hosts"));
        try (MinaEdgePort mina = new MinaEdgePort(known)) {
            AtomicInteger now = new AtomicInteger();
            AtomicInteger max = new AtomicInteger();
            EdgePort counting = new EdgePort() {
                @Override
                public EdgeSession connect(EdgeTarget t, Duration timeout) throws EdgeException {
                    max.accumulateAndGet(now.incrementAndGet(), Math::max);
                    try {
                        return mina.connect(t, timeout);
                    } finally {
                        now.decrementAndGet();
                    }
                }
            };
            // generous timeouts: the first logins load MINA's providers, slow on a loaded machine
            FactGatherer g = new FactGatherer(counting, 4, Duration.ofSeconds(30), Duration.ofSeconds(30));
            List<EdgeTarget> targets = targets(new SshIdentity(lab.loginKeyPath(), null));
            List<FactGatherer.Progress> progress = Collections.synchronizedList(new ArrayList<>());
            Map<String, ProbeResult> first = g.gather(targets, progress::add).result().get(60, TimeUnit.SECONDS);
            assertThat(progress).hasSize(12);
            assertThat(max.get()).isLessThanOrEqualTo(4);
            assertThat(first.get("austin-05")).isInstanceOf(ProbeResult.Unreachable.class);
            first.values().stream().filter(ProbeResult.UnknownHostKey.class::isInstance)
                    .forEach(u -> known.trust(((ProbeResult.UnknownHostKey) u).offered()));
            assertThat(first.values().stream().filter(ProbeResult.UnknownHostKey.class::isInstance)).as(first.toString().replaceAll("publicKey=[^,]*", "")).hasSize(11);

            Map<String, ProbeResult> second = g.gather(targets, p -> { }).result().get(60, TimeUnit.SECONDS);
            Site dallas = new Site("dallas-dc", "", List.of("10.200.1.0/24"), List.of(), "", List.of());
            Site austin = new Site("austin-store-112", "", List.of("10.200.2.0/24"), List.of(), "", List.of());
            Map<String, HostPhase> phases = new TreeMap<>();
            Map<String, HostStatus> statuses = new TreeMap<>();
            second.forEach((name, r) -> {
                HostStatus s = HostStatuses.of(r, null, List.of("10.200.0.0/16"), name.startsWith("dallas") ? dallas : austin,
                        Instant.EPOCH);
                phases.put(name, s.phase());
                statuses.put(name, s);
            });
            assertThat(phases).containsEntry("dallas-01", HostPhase.AVAILABLE).containsEntry("dallas-02", HostPhase.AVAILABLE)
                    .containsEntry("dallas-03", HostPhase.AVAILABLE).containsEntry("dallas-04", HostPhase.AVAILABLE)
                    .containsEntry("dallas-05", HostPhase.AVAILABLE).containsEntry("dallas-06", HostPhase.INCOMPATIBLE)
                    .containsEntry("austin-01", HostPhase.AVAILABLE).containsEntry("austin-02", HostPhase.AVAILABLE)
                    .containsEntry("austin-03", HostPhase.INCOMPATIBLE).containsEntry("austin-04", HostPhase.INCOMPATIBLE)
                    .containsEntry("austin-05", HostPhase.UNREACHABLE).containsEntry("austin-06", HostPhase.AVAILABLE);
            var arm = ((ProbeResult.Reached) second.get("austin-01")).facts();
            assertThat(arm.arch()).isEqualTo("aarch64");
            assertThat(arm.osId()).isEqualTo("amzn");
            assertThat(arm.nodeIp()).isEqualTo("10.200.2.21");
            assertThat(arm.memoryMiB()).isGreaterThan(7000);
            assertThat(arm.sudoOk()).isTrue();
            var rhel = ((ProbeResult.Reached) second.get("austin-04")).facts();
            assertThat(rhel.sudoOk()).as("sudo -S with the password").isTrue();
            assertThat(rhel.swapOn()).isTrue();
            assertThat(statuses.get("austin-04").reason()).contains("Swap off", "Clock in sync", "Required packages");
            assertThat(statuses.get("dallas-06").reason()).contains("Operating system");
            // dallas-06 is Debian 12: sshd's exec PATH has no sbin directory, yet its swap file and its conntrack and
            // iptables (in /usr/sbin) are seen; it has no sudo at all, and the check says so with bash's own words
            var debian = ((ProbeResult.Reached) second.get("dallas-06")).facts();
            assertThat(debian.swapOn()).isTrue();
            assertThat(debian.packages()).containsEntry("conntrack", true).containsEntry("iptables", true);
            assertThat(statuses.get("dallas-06").reason()).contains("Swap off", "Root access").doesNotContain("Required packages");
            assertThat(statuses.get("dallas-06").checks()).filteredOn(c -> c.id().equals("sudo")).singleElement()
                    .satisfies(c -> assertThat(c.reason()).contains("`sudo -n true` ended with exit 127",
                            "bash: line 1: sudo: command not found"));
            assertThat(statuses.get("austin-03").reason()).contains("Node IP");
            assertThat(((ProbeResult.Reached) second.get("dallas-02")).facts().existingNode()).isNotNull();

            // austin-06 regenerated its host key after the first login: refused now, with both fingerprints
            ProbeResult third = g.probe(targets.stream().filter(t -> t.spec().name().equals("austin-06")).findFirst().orElseThrow());
            assertThat(third).isInstanceOf(ProbeResult.HostKeyChanged.class);
        }
    }

    @Test
    void aRealOpensshClientLogsInWithTheLabKey() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "no ssh client here");
        var h = lab.hosts().stream().filter(x -> x.name().equals("dallas-04")).findFirst().orElseThrow();
        Process p = new ProcessBuilder("/usr/bin/ssh", "-i", lab.loginKeyPath().toString(), "-p", String.valueOf(h.port()),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR", h.user() + "@127.0.0.1", "cat /etc/os-release")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(out).contains("Red Hat Enterprise Linux 9.4");
        assertThat(p.exitValue()).isZero();
    }
}
