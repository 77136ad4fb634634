package dev.hybridpane.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgePort.CommandResult;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.profile.CniKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The four checks a host from scripted command answers (the lab's hosts answer the same over SSH in LabHostProbesTest). */
class HostProbesTest {
    static final String API = "ABC.gr7.us-west-2.eks.amazonaws.com";

    /** Answers by command line; a host named "down" cannot be reached. */
    static final class ScriptedEdge implements EdgePort {
        final Map<String, Map<String, CommandResult>> answers = new HashMap<>();
        final List<String> ran = Collections.synchronizedList(new ArrayList<>());

        void answer(String host, String command, int exit, String out, String err) {
            answers.computeIfAbsent(host, h -> new HashMap<>()).put(command, new CommandResult(exit, out, err));
        }

        @Override
        public EdgeSession connect(EdgeTarget target, Duration timeout) throws EdgeException {
            String host = target.spec().name();
            if (host.equals("down")) {
                throw new EdgeException(new ProbeResult.Unreachable("Connection refused"));
            }
            return new EdgeSession() {
                @Override
                public CommandResult run(String command, byte[] stdin, Duration t) {
                    ran.add(host + ": " + command);
                    return answers.getOrDefault(host, Map.of()).getOrDefault(command,
                            new CommandResult(127, "", "bash: line 1: " + command.split(" ")[0] + ": command not found\n"));
                }

                @Override
                public void close() {
                }
            };
        }
    }

    static HostProbes.Target target(String host, String vpn, CniKind cni) {
        EdgeTarget edge = new EdgeTarget(new EdgeHostSpec(host, "127.0.0.1", 22, "ubuntu", "dallas-dc", null), null, null);
        return new HostProbes.Target(host, edge, List.of("10.100.0.0/16"), vpn, cni, API, 443, "gpu", "dallas-dc", "ubuntu");
    }

    static void healthy(ScriptedEdge e, String host, String via) {
        e.answer(host, "ip route get 10.100.0.1", 0, "10.100.0.1 via " + via + " dev ens18 src 10.200.1.11 uid 1000 \n    cache \n", "");
        e.answer(host, "sudo -n nft list ruleset", 0, "", "");
        e.answer(host, "timedatectl show -p NTPSynchronized --value", 0, "yes\n", "");
        e.answer(host, "getent hosts " + API, 0, "10.100.12.34    " + API + "\n", "");
        e.answer(host, "timeout 5 bash -c '</dev/tcp/" + API + "/443'", 0, "", "");
    }

    static Map<String, DoctorCheck> byId(List<DoctorCheck> checks) {
        Map<String, DoctorCheck> m = new HashMap<>();
        checks.forEach(c -> m.put(c.id(), c));
        assertThat(m).as("ids are unique").hasSize(checks.size());
        return m;
    }

    @Test
    void aHealthyHostPassesAllFourWithTheCommandOutputAsEvidence() {
        ScriptedEdge e = new ScriptedEdge();
        healthy(e, "h1", "10.200.1.5");
        List<DoctorCheck> checks = new HostProbes(e).probe(List.of(target("h1", "10.200.1.5", CniKind.CILIUM)), p -> { },
                new CancelToken());
        assertThat(checks).extracting(DoctorCheck::id).containsExactly("host.route@h1", "host.firewall@h1", "host.time@h1",
                "host.api@h1");
        assertThat(checks).allSatisfy(c -> {
            assertThat(c.status()).as(c.id() + ": " + c.summary()).isEqualTo(DoctorStatus.PASS);
            assertThat(c.area()).isEqualTo("host");
            assertThat(c.subjects()).containsExactly("pool:gpu", "site:dallas-dc");
        });
        Map<String, DoctorCheck> m = byId(checks);
        assertThat(m.get("host.route@h1").evidence()).startsWith("$ ip route get 10.100.0.1",
                "10.100.0.1 via 10.200.1.5 dev ens18 src 10.200.1.11 uid 1000");
        assertThat(m.get("host.route@h1").summary()).contains("through", "VPN server").doesNotContain("not");
        assertThat(m.get("host.api@h1").summary()).isEqualTo("TCP 443 to " + API + " (10.100.12.34) connects from h1.");
        assertThat(m.get("host.firewall@h1").summary()).isEqualTo("h1 does not filter incoming traffic: 10250/tcp and 8472/udp reach it.");
    }

    @Test
    void eachFailureNamesWhatIsWrongAndCarriesAManualSnippet() {
        ScriptedEdge e = new ScriptedEdge();
        healthy(e, "h2", "10.200.1.1");
        e.answer("h2", "sudo -n nft list ruleset", 0, "table inet firewalld {\n\tchain filter_INPUT {\n"
                + "\t\ttype filter hook input priority filter + 10; policy accept;\n\t\ttcp dport 22 accept\n"
                + "\t\treject with icmpx admin-prohibited\n\t}\n}\n", "");
        e.answer("h2", "timedatectl show -p NTPSynchronized --value", 0, "no\n", "");
        e.answer("h2", "timeout 5 bash -c '</dev/tcp/" + API + "/443'", 124, "", "");
        Map<String, DoctorCheck> m = byId(new HostProbes(e).probe(List.of(target("h2", "10.200.1.5", CniKind.CALICO)), p -> { },
                new CancelToken()));
        DoctorCheck route = m.get("host.route@h2");
        assertThat(route.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(route.summary()).contains("routes 10.100.0.0/16 via 10.200.1.1 (dev ens18), not through its VPN server 10.200.1.5");
        assertThat(route.fix().automatic()).isFalse();
        assertThat(route.fix().snippet()).contains("ExecStart=/sbin/ip route replace 10.100.0.0/16 via 10.200.1.5",
                "sudo systemctl enable --now hybridpane-route.service");
        DoctorCheck fw = m.get("host.firewall@h2");
        assertThat(fw.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(fw.summary()).contains("(firewalld) does not let 10250/tcp and 4789/udp in", "kubelet", "Calico's VXLAN");
        assertThat(fw.fix().snippet()).isEqualTo("sudo firewall-cmd --permanent --add-port=10250/tcp\n"
                + "sudo firewall-cmd --permanent --add-port=4789/udp\nsudo firewall-cmd --reload\n");
        assertThat(fw.evidence()).contains("inet firewalld filter_INPUT: reject with icmpx admin-prohibited");
        DoctorCheck time = m.get("host.time@h2");
        assertThat(time.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(time.fix().snippet()).contains("sudo systemctl enable --now chrony\n", "/etc/chrony/conf.d/hybridpane.conf");
        DoctorCheck api = m.get("host.api@h2");
        assertThat(api.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(api.summary()).contains("timed out after 5 s");
        assertThat(api.evidence()).contains("(exit 124)");
    }

    @Test
    void noNftFallsBackToIptablesAndASudoPasswordIsUnknownNotAFailure() {
        ScriptedEdge e = new ScriptedEdge();
        healthy(e, "al", "10.200.2.1");
        e.answer("al", "sudo -n nft list ruleset", 1, "", "sudo: nft: command not found\n");
        e.answer("al", "sudo -n iptables-save", 0, "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n", "");
        healthy(e, "pw", "10.200.2.1");
        e.answer("pw", "sudo -n nft list ruleset", 1, "", "sudo: a password is required\n");
        e.answer("pw", "getent hosts " + API, 2, "", "");
        Map<String, DoctorCheck> m = byId(new HostProbes(e).probe(List.of(target("al", "", CniKind.CILIUM),
                target("pw", "", CniKind.CILIUM)), p -> { }, new CancelToken()));
        assertThat(m.get("host.firewall@al").status()).isEqualTo(DoctorStatus.PASS);
        assertThat(m.get("host.firewall@al").evidence()).contains("$ sudo -n iptables-save   (3 lines; the ones that decide:)");
        assertThat(m.get("host.route@al").status()).as("no VPN server: any route will do").isEqualTo(DoctorStatus.PASS);
        DoctorCheck pw = m.get("host.firewall@pw");
        assertThat(pw.status()).isEqualTo(DoctorStatus.UNKNOWN);
        assertThat(pw.summary()).isEqualTo("unknown: reading the firewall needs root, and sudo -n on pw asks for a password");
        DoctorCheck dns = m.get("host.api@pw");
        assertThat(dns.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(dns.summary()).contains("cannot resolve the API server endpoint " + API);
        assertThat(dns.fix().snippet()).contains("Domains=~eks.amazonaws.com");
        assertThat(e.ran).noneMatch(c -> c.startsWith("pw: timeout"));
    }

    @Test
    void anUnreachableHostGivesFourUnknownsAndAnAddressIsNotLookedUp() {
        ScriptedEdge e = new ScriptedEdge();
        healthy(e, "h3", "10.200.1.1");
        e.answer("h3", "timeout 5 bash -c '</dev/tcp/127.0.0.1/6443'", 1, "", "bash: connect: Connection refused\n"
                + "bash: line 1: /dev/tcp/127.0.0.1/6443: Connection refused\n");
        EdgeTarget edge = new EdgeTarget(new EdgeHostSpec("h3", "127.0.0.1", 22, "u", "s", null), null, null);
        HostProbes.Target literal = new HostProbes.Target("h3", edge, List.of("10.100.0.0/16"), "", CniKind.CILIUM, "127.0.0.1",
                6443, "", "", "");
        List<HostProbes.Progress> progress = Collections.synchronizedList(new ArrayList<>());
        List<DoctorCheck> checks = new HostProbes(e).probe(List.of(target("down", "", CniKind.CILIUM), literal),
                progress::add, new CancelToken());
        Map<String, DoctorCheck> m = byId(checks);
        assertThat(checks).hasSize(8);
        assertThat(checks.subList(0, 4)).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(DoctorStatus.UNKNOWN);
            assertThat(c.summary()).isEqualTo("unknown: cannot reach down over SSH: Connection refused");
        });
        DoctorCheck api = m.get("host.api@h3");
        assertThat(api.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(api.summary()).contains("TCP 6443 to 127.0.0.1 failed (bash: connect: Connection refused)");
        assertThat(api.subjects()).isEmpty();
        assertThat(e.ran).noneMatch(c -> c.startsWith("h3: getent"));
        assertThat(progress).hasSize(2).extracting(HostProbes.Progress::total).containsOnly(2);
    }

    @Test
    void asTheDoctorsRunnerEachTargetIsReachedThroughTheInventory() {
        ScriptedEdge e = new ScriptedEdge();
        e.answer("h4", "ip route get 10.100.0.1", 0, "10.100.0.1 via 10.200.1.1 dev ens18 src 10.200.1.14 uid 1000 \n", "");
        e.answer("h4", "sudo -n nft list ruleset", 0, "table inet filter {\n\tchain input {\n"
                + "\t\ttype filter hook input priority filter; policy drop;\n\t\ttcp dport 10250 accept\n\t}\n}\n", "");
        e.answer("h4", "timeout 5 bash -c '</dev/tcp/127.0.0.1/6443'", 0, "", "");
        e.answer("h4", "timedatectl show -p NTPSynchronized --value", 0, "no\n", "");
        EdgeTarget edge = new EdgeTarget(new EdgeHostSpec("h4", "127.0.0.1", 22, "u", "dallas-dc", null), null, null);
        HostProbeRunner runner = new HostProbes(e).runner(h -> h.equals("h4")
                ? Optional.of(new HostProbes.Reach(edge, "rhel")) : Optional.empty());
        List<DoctorCheck> checks = runner.probe(new HostProbeRunner.Context(null, List.of("10.100.0.0/16"), "calico",
                "https://127.0.0.1:6443"), List.of(new HostProbeRunner.Target("h4", "gpu", "dallas-dc", ""),
                new HostProbeRunner.Target("ghost", "gpu", "dallas-dc", "")), new CancelToken());
        Map<String, DoctorCheck> m = byId(checks);
        assertThat(m.get("host.route@h4").status()).isEqualTo(DoctorStatus.PASS);
        assertThat(m.get("host.api@h4").status()).as(m.get("host.api@h4").summary()).isEqualTo(DoctorStatus.PASS);
        assertThat(m.get("host.firewall@h4").summary()).contains("(nftables) does not let 4789/udp in");
        assertThat(m.get("host.time@h4").fix().snippet()).contains("/etc/chrony.d/hybridpane.conf", "enable --now chronyd");
        assertThat(m.get("host.route@ghost").summary()).isEqualTo("unknown: host ghost is not in the inventory");
        assertThat(HostProbes.endpoint("ABC.gr7.us-west-2.eks.amazonaws.com")).containsExactly("ABC.gr7.us-west-2.eks.amazonaws.com", "443");
        assertThat(HostProbes.endpoint("https://ABC.eks.amazonaws.com")).containsExactly("ABC.eks.amazonaws.com", "443");
        assertThat(HostProbes.endpoint("10.0.0.1:8443")).containsExactly("10.0.0.1", "8443");
        assertThat(HostProbes.cni("CILIUM")).isEqualTo(CniKind.CILIUM);
        assertThat(HostProbes.cni("none")).isEqualTo(CniKind.CUSTOM);
    }

    @Test
    void cancelledBeforeTheStartGivesNoChecksAndRunsNothing() {
        ScriptedEdge e = new ScriptedEdge();
        healthy(e, "h1", "10.200.1.1");
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        Function<String, HostProbes.Target> t = h -> target(h, "", CniKind.CILIUM);
        assertThat(new HostProbes(e).probe(List.of(t.apply("h1"), t.apply("h1")), p -> { }, cancel)).isEmpty();
        assertThat(e.ran).isEmpty();
    }
}
