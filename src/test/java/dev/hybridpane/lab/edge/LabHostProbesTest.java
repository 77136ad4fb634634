package dev.hybridpane.lab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.network.HostProbes;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.pool.HostCommand;
import dev.hybridpane.domain.pool.HostCommands;
import dev.hybridpane.domain.profile.CniKind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's host probes ({@link HostProbes} over the production SSH adapter) against the lab's hosts over real SSH:
 * each distribution as it ships, the fixes' snippets run on the host, and faults caused the way an administrator's
 * colleague (or the site's network team) would cause them.
 */
class LabHostProbesTest {
    static final String VPN = "10.200.1.5";
    static final List<String> VPC = List.of("10.100.0.0/16");
    static LabEdgeHosts lab;
    static MinaEdgePort edge;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        lab = LabTestHosts.start(new FakeNodeadmBackend());
        dir = Files.createTempDirectory("lab-host-probes");
        FileKnownHostsStore known = new FileKnownHostsStore(dir.resolve("known_hosts"));
        edge = new MinaEdgePort(known);
        for (LabEdgeHosts.LabEdgeHost h : lab.hosts()) {
            try (var s = edge.connect(target(h.name()), Duration.ofSeconds(10))) {
                // already trusted
            } catch (EdgeException e) {
                if (e.failure() instanceof ProbeResult.UnknownHostKey u) {
                    known.trust(u.offered());
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        edge.close();
        lab.close();
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        dir.toFile().delete();
    }

    static EdgeTarget target(String name) {
        LabEdgeHosts.LabEdgeHost h = lab.hosts().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return new EdgeTarget(new EdgeHostSpec(name, "127.0.0.1", h.port(), h.user(), "dallas-dc", SudoMode.PASSWORDLESS),
                new SshIdentity(lab.loginKeyPath(), null), null);
    }

    static HostProbes.Target probe(String name, String vpn, String apiHost, int apiPort) {
        return new HostProbes.Target(name, target(name), VPC, vpn, CniKind.CILIUM, apiHost, apiPort, "gpu", "dallas-dc",
                lab.fleet().host(name).osId());
    }

    static HostProbes.Target probe(String name, String vpn) {
        return probe(name, vpn, LabSiteNetwork.RETAIL_EDGE_ENDPOINT, 443);
    }

    static Map<String, DoctorCheck> run(HostProbes.Target... targets) {
        Map<String, DoctorCheck> m = new LinkedHashMap<>();
        new HostProbes(edge, 4, Duration.ofSeconds(10), Duration.ofSeconds(10)).probe(List.of(targets), p -> { },
                new CancelToken()).forEach(c -> m.put(c.id(), c));
        return m;
    }

    static DoctorStatus status(Map<String, DoctorCheck> m, String id) {
        assertThat(m).containsKey(id);
        return m.get(id).status();
    }

    /** Runs a pool step's command (file content on stdin) on a host, as pool creation does. */
    static void vocabulary(String host, List<HostCommand> commands) {
        for (HostCommand c : commands) {
            var r = lab.exec(host, c.command(), c.hasStdin() ? c.stdin().getBytes(StandardCharsets.UTF_8) : null);
            assertThat(r.exit()).as(c.command() + ": " + r.stderr()).isZero();
        }
    }

    /** Runs a fix's snippet line by line as the administrator would, sudo made non-interactive. */
    static void runSnippet(String host, String snippet) {
        snippet.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
            var r = lab.exec(host, l.replaceFirst("^sudo ", "sudo -n "), null);
            assertThat(r.exit()).as(l + ": " + r.stderr()).isZero();
        });
    }

    @Test
    void eachDistributionAsItShipsAndTheFirewallSnippetRunOnTheHost() {
        vocabulary("ubu", HostCommands.route(VPC, VPN));
        Map<String, DoctorCheck> m = run(probe("ubu", VPN), probe("al", ""), probe("rhel", ""), probe("pw", ""));
        assertThat(m).hasSize(16);
        for (String kind : List.of("route", "firewall", "time", "api")) {
            assertThat(status(m, "host." + kind + "@ubu")).as(m.get("host." + kind + "@ubu").summary()).isEqualTo(DoctorStatus.PASS);
        }
        assertThat(m.get("host.route@ubu").evidence()).contains("10.100.0.1 via " + VPN + " dev ens18 src 10.200.1.50 uid 1000");
        assertThat(m.get("host.api@ubu").summary()).isEqualTo("TCP 443 to " + LabSiteNetwork.RETAIL_EDGE_ENDPOINT
                + " (10.100.12.34, 10.100.45.67) connects from ubu.");
        assertThat(m.get("host.firewall@ubu").summary()).as("ufw ships inactive").contains("does not filter incoming traffic");

        assertThat(status(m, "host.firewall@al")).isEqualTo(DoctorStatus.PASS);
        assertThat(m.get("host.firewall@al").evidence()).contains("sudo: nft: command not found (exit 1): reading iptables instead");
        assertThat(m.get("host.route@al").summary()).isEqualTo("al routes 10.100.0.0/16 via 10.200.2.1 (dev eth0).");

        DoctorCheck rhel = m.get("host.firewall@rhel");
        assertThat(rhel.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(rhel.summary()).startsWith("rhel's firewall (firewalld) does not let 10250/tcp and 8472/udp in");
        assertThat(rhel.evidence()).contains("inet firewalld filter_INPUT: reject with icmpx admin-prohibited",
                "no rule accepts 10250/tcp", "no rule accepts 8472/udp");
        assertThat(status(m, "host.time@rhel")).isEqualTo(DoctorStatus.PASS);

        assertThat(status(m, "host.firewall@pw")).isEqualTo(DoctorStatus.UNKNOWN);
        assertThat(status(m, "host.route@pw")).as("the rest needs no root").isEqualTo(DoctorStatus.PASS);

        runSnippet("rhel", rhel.fix().snippet());
        DoctorCheck fixed = run(probe("rhel", "")).get("host.firewall@rhel");
        assertThat(fixed.status()).as(fixed.summary()).isEqualTo(DoctorStatus.PASS);
        assertThat(fixed.evidence()).contains("inet firewalld filter_IN_public_allow: tcp dport 10250 accept",
                "inet firewalld filter_IN_public_allow: udp dport 8472 accept");
    }

    @Test
    void aRouteUnitStoppedAndASiteThatLostTheVpc() {
        vocabulary("drop", HostCommands.route(VPC, VPN));
        assertThat(lab.exec("drop", "sudo -n systemctl disable --now " + HostCommands.ROUTE_UNIT, null).exit()).isZero();
        Map<String, DoctorCheck> m = run(probe("drop", VPN));
        assertThat(m.get("host.route@drop").status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(m.get("host.route@drop").summary()).contains("routes 10.100.0.0/16 via 10.200.1.1 (dev ens18), not through "
                + "its VPN server " + VPN);
        assertThat(m.get("host.api@drop").status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(m.get("host.api@drop").summary()).contains("timed out after 5 s");

        runSnippet("drop", "sudo systemctl enable --now " + HostCommands.ROUTE_UNIT);
        m = run(probe("drop", VPN));
        assertThat(m.get("host.route@drop").status()).isEqualTo(DoctorStatus.PASS);
        assertThat(m.get("host.api@drop").status()).isEqualTo(DoctorStatus.PASS);

        lab.fleet().networkFault("drop", LabHostFleet.NetworkFault.SITE_ROUTE_TO_VPC_LOST, true);
        m = run(probe("drop", VPN));
        assertThat(m.get("host.route@drop").status()).as("the host's own route is still right").isEqualTo(DoctorStatus.PASS);
        assertThat(m.get("host.api@drop").status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(m.get("host.api@drop").evidence()).contains("(exit 124)");
        lab.fleet().networkFault("drop", LabHostFleet.NetworkFault.SITE_ROUTE_TO_VPC_LOST, false);
    }

    @Test
    void ufwEnabledChronyStoppedAndDnsNoLongerForwarded() {
        assertThat(lab.exec("out", "sudo -n ufw --force enable", null).exit()).isZero();
        assertThat(lab.exec("out", "sudo -n ufw allow 22/tcp", null).exit()).isZero();
        assertThat(lab.exec("out", "sudo -n systemctl stop chrony", null).exit()).isZero();
        lab.fleet().networkFault("out", LabHostFleet.NetworkFault.DNS_NOT_FORWARDED, true);
        Map<String, DoctorCheck> m = run(probe("out", ""));
        DoctorCheck fw = m.get("host.firewall@out");
        assertThat(fw.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(fw.summary()).contains("(ufw) does not let 10250/tcp and 8472/udp in");
        assertThat(fw.fix().snippet()).isEqualTo("sudo ufw allow 10250/tcp\nsudo ufw allow 8472/udp\n");
        assertThat(m.get("host.time@out").status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(m.get("host.time@out").fix().snippet()).contains("sudo systemctl enable --now chrony\n");
        DoctorCheck api = m.get("host.api@out");
        assertThat(api.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(api.summary()).contains("cannot resolve the API server endpoint");
        assertThat(api.evidence()).contains("$ getent hosts " + LabSiteNetwork.RETAIL_EDGE_ENDPOINT, "(exit 2)");

        runSnippet("out", fw.fix().snippet());
        runSnippet("out", "sudo systemctl enable --now chrony");
        lab.fleet().networkFault("out", LabHostFleet.NetworkFault.DNS_NOT_FORWARDED, false);
        m = run(probe("out", ""));
        assertThat(m.values()).allSatisfy(c -> assertThat(c.status()).as(c.id() + ": " + c.summary()).isEqualTo(DoctorStatus.PASS));
    }

    @Test
    void theLabsLoopbackApiServersAreConnectedForReal() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (ServerSocket api = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Map<String, DoctorCheck> open = run(probe("al", "", "127.0.0.1", api.getLocalPort()));
            assertThat(open.get("host.api@al").status()).as(open.get("host.api@al").summary()).isEqualTo(DoctorStatus.PASS);
            assertThat(open.get("host.api@al").evidence()).noneMatch(l -> l.startsWith("$ getent"));
        }
        DoctorCheck refused = run(probe("al", "", "127.0.0.1", closedPort)).get("host.api@al");
        assertThat(refused.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(refused.summary()).contains("failed (bash: connect: Connection refused)");
    }
}
