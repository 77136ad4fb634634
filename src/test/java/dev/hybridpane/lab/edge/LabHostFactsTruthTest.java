package dev.hybridpane.lab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.FactGatherer;
import dev.hybridpane.core.edge.HostStatuses;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.FactCommands;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.SudoMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facts do not lie: lab hosts that answer as Debian 12 does (sshd's exec PATH without sbin directories, a swap file
 * active, no sudo) and a minimal host that lacks a command and a kernel file, probed over SSH by the production
 * adapter and the fact gatherer.
 */
class LabHostFactsTruthTest {
    static LabEdgeHosts lab;
    static final long G = 1024L * 1024;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        List<LabHostProfile> hosts = List.of(
                new LabHostProfile("deb", "dallas-dc", "debian-12", "debian", "x86_64", "10.200.1.60", 24, "10.200.1.1", 2,
                        8 * G, 40 * G, true, true, List.of("sudo"), 5, null, null, LabHostProfile.Behaviour.NORMAL),
                // a minimal install: no iproute2, and a kernel built without swap support (no /proc/swaps)
                new LabHostProfile("min", "dallas-dc", "ubuntu-22.04", "ubuntu", "x86_64", "10.200.1.61", 24, "10.200.1.1",
                        2, 8 * G, 40 * G, false, true, List.of("ip", "/proc/swaps"), 5, null, null,
                        LabHostProfile.Behaviour.NORMAL));
        lab = new LabEdgeHosts(hosts, Clock.systemUTC(), null, LabHostTiming.fast()).start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void debiansExecPathHasNoSbinSoOnlyTheAdminPathFindsSwaponWhileProcSwapsNeedsNoTool() {
        var old = lab.exec("deb", "swapon --show", null);
        assertThat(old.exit()).isEqualTo(127);
        assertThat(old.stdout()).as("what the console once parsed as 'no swap'").isEmpty();
        assertThat(old.stderr()).isEqualTo("bash: line 1: swapon: command not found\n");
        var withPath = lab.exec("deb", FactCommands.onAdminPath("swapon --show"), null);
        assertThat(withPath.exit()).isZero();
        assertThat(withPath.stdout()).startsWith("NAME").contains("/swapfile file");
        var swaps = lab.exec("deb", FactCommands.SWAPS, null);
        assertThat(swaps.exit()).isZero();
        assertThat(swaps.stdout()).startsWith("Filename\t\t\t\tType").contains("/swapfile");
        assertThat(lab.exec("deb", FactCommands.PACKAGES, null).stdout()).as("without the admin PATH")
                .contains("conntrack no", "iptables no");
        assertThat(lab.exec("deb", FactCommands.onAdminPath(FactCommands.PACKAGES), null).stdout())
                .contains("conntrack yes", "iptables yes");
        // Ubuntu's pam_env puts the sbin directories on the session's PATH from /etc/environment
        assertThat(lab.exec("min", "swapon --show", null).exit()).isZero();
    }

    @Test
    void swapOnIsAFailureAndAMissingCommandOrKernelFileIsUnknownNeverAPass() throws Exception {
        Map<String, HostStatus> s = probe();
        HostStatus deb = s.get("deb");
        assertThat(check(deb, "swap").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(deb, "swap").reason()).contains("Swap is on");
        assertThat(check(deb, "packages").status()).as(check(deb, "packages").reason()).isEqualTo(CheckStatus.PASS);
        assertThat(check(deb, "sudo").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(deb, "sudo").reason()).contains("`sudo -n true` ended with exit 127 (command not found): "
                + "bash: line 1: sudo: command not found");

        HostStatus min = s.get("min");
        assertThat(min.facts().swapOn()).as("unknown, not off").isNull();
        assertThat(check(min, "swap").status()).as("was PASS when only stdout was read").isEqualTo(CheckStatus.WARN);
        assertThat(check(min, "swap").reason()).isEqualTo("Could not read the swap state: `cat /proc/swaps` ended with exit 1: "
                + "cat: /proc/swaps: No such file or directory.");
        assertThat(check(min, "node-ip").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(min, "node-ip").reason()).contains("Could not read the host's addresses",
                "`ip -j addr show` ended with exit 127 (command not found): bash: line 1: ip: command not found")
                .doesNotContain("has no IPv4 address");
        assertThat(min.facts().unknown()).containsOnlyKeys(FactCommands.SWAPS, FactCommands.IP_ADDR, FactCommands.IP_ROUTE);
        assertThat(s.values()).allSatisfy(h -> assertThat(h.checks()).noneMatch(c -> c.status() == CheckStatus.PASS
                && c.reason().contains("ended with exit")));
    }

    private static Check check(HostStatus s, String id) {
        return s.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private static Map<String, HostStatus> probe() throws Exception {
        FileKnownHostsStore known = new FileKnownHostsStore(tmp.resolve("known_hosts"));
        try (MinaEdgePort mina = new MinaEdgePort(known)) {
            FactGatherer g = new FactGatherer(mina, 2, Duration.ofSeconds(30), Duration.ofSeconds(30));
            List<EdgeTarget> targets = new ArrayList<>();
            for (var h : lab.hosts()) {
                targets.add(new EdgeTarget(new EdgeHostSpec(h.name(), "127.0.0.1", h.port(), h.user(), "dallas-dc",
                        SudoMode.PASSWORDLESS), new SshIdentity(lab.loginKeyPath(), null), null));
            }
            Map<String, ProbeResult> first = g.gather(targets, p -> { }).result().get(60, TimeUnit.SECONDS);
            first.values().forEach(r -> assertThat(r).isInstanceOf(ProbeResult.UnknownHostKey.class));
            first.values().forEach(r -> known.trust(((ProbeResult.UnknownHostKey) r).offered()));
            Map<String, ProbeResult> second = g.gather(targets, p -> { }).result().get(60, TimeUnit.SECONDS);
            Map<String, HostStatus> out = new TreeMap<>();
            second.forEach((name, r) -> {
                assertThat(r).as(name).isInstanceOf(ProbeResult.Reached.class);
                out.put(name, HostStatuses.of(r, null, List.of("10.200.0.0/16"), null, Instant.EPOCH));
            });
            return out;
        }
    }
}
