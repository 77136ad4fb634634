package dev.hybridpane.lab.edge;

import static dev.hybridpane.lab.edge.LabTestHosts.put;
import static dev.hybridpane.lab.edge.LabTestHosts.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The network commands' answers, exactly as the hosts print them (no SSH: the same shell the SSH servers run). */
class LabHostProbeAnswersTest {
    static LabEdgeHosts lab;

    @BeforeAll
    static void start() {
        // the machines only: exec needs no SSH server
        lab = new LabEdgeHosts(new LabHostFleet(LabTestHosts.profiles(), Clock.systemUTC(), null, LabHostTiming.fast(), false));
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void ipRouteGetFollowsTheDefaultGatewayTheSubnetAndAnActiveRouteUnit() {
        assertThat(run(lab, "ubu", "ip route get 10.100.0.1").stdout())
                .isEqualTo("10.100.0.1 via 10.200.1.1 dev ens18 src 10.200.1.50 uid 1000 \n    cache \n");
        assertThat(run(lab, "ubu", "ip route get 10.200.1.7").stdout())
                .isEqualTo("10.200.1.7 dev ens18 src 10.200.1.50 uid 1000 \n    cache \n");
        assertThat(run(lab, "rhel", "ip route get 127.0.0.1").stdout()).startsWith("local 127.0.0.1 dev lo table local");
        var bad = run(lab, "ubu", "ip route get 10.100.0");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stderr()).isEqualTo("Error: any valid prefix is expected rather than \"10.100.0\".\n");

        String unit = "[Service]\nType=oneshot\nExecStart=/sbin/ip route replace 10.100.0.0/16 via 10.200.1.5\nRemainAfterExit=yes\n";
        assertThat(put(lab, "ubu", "0644", LabProbeShell.ROUTE_UNIT_PATH, unit).exit()).isZero();
        assertThat(run(lab, "ubu", "ip route get 10.100.0.1").stdout()).as("written, not started").contains("via 10.200.1.1 ");
        assertThat(run(lab, "ubu", "sudo -n systemctl enable --now hybridpane-route.service").exit()).isZero();
        assertThat(run(lab, "ubu", "ip route get 10.100.0.1").stdout()).contains("via 10.200.1.5 dev ens18");
        assertThat(run(lab, "ubu", "sudo -n ip route get 10.110.0.1").stdout()).isEqualTo(
                "10.110.0.1 via 10.200.1.1 dev ens18 src 10.200.1.50 uid 0 \n    cache \n");
    }

    @Test
    void firewallsAsTheDistributionsShipThem() {
        assertThat(run(lab, "ubu", "sudo -n nft list ruleset").stdout()).as("ufw inactive").isEmpty();
        var notRoot = run(lab, "rhel", "nft list ruleset");
        assertThat(notRoot.exit()).isEqualTo(1);
        assertThat(notRoot.stderr()).contains("Operation not permitted");
        String rhel = run(lab, "rhel", "sudo -n nft list ruleset").stdout();
        assertThat(rhel).contains("table inet firewalld {", "type filter hook input priority filter + 10; policy accept;",
                "reject with icmpx admin-prohibited", "\t\ttcp dport 22 accept\n").doesNotContain("10250");
        assertThat(run(lab, "rhel", "firewall-cmd --state").stdout()).isEqualTo("running\n");
        assertThat(run(lab, "rhel", "sudo -n firewall-cmd --permanent --add-port=10250/tcp").stdout()).isEqualTo("success\n");
        assertThat(run(lab, "rhel", "sudo -n nft list ruleset").stdout()).as("permanent only: not before a reload")
                .doesNotContain("10250");
        assertThat(run(lab, "rhel", "sudo -n firewall-cmd --reload").exit()).isZero();
        assertThat(run(lab, "rhel", "sudo -n nft list ruleset").stdout()).contains("\t\ttcp dport 10250 accept\n");
        assertThat(run(lab, "rhel", "sudo -n firewall-cmd --list-ports").stdout()).isEqualTo("10250/tcp\n");
        assertThat(run(lab, "ubu", "firewall-cmd --state").exit()).isEqualTo(127);

        var al = run(lab, "al", "sudo -n nft list ruleset");
        assertThat(al.exit()).isEqualTo(1);
        assertThat(al.stderr()).isEqualTo("sudo: nft: command not found\n");
        assertThat(run(lab, "al", "sudo -n iptables-save").stdout()).contains("*filter\n:INPUT ACCEPT [0:0]\n").endsWith("\n");
        assertThat(run(lab, "pw", "sudo -n nft list ruleset").stderr()).isEqualTo("sudo: a password is required\n");

        assertThat(run(lab, "out", "sudo -n ufw status").stdout()).isEqualTo("Status: inactive\n");
        assertThat(run(lab, "out", "sudo -n ufw --force enable").exit()).isZero();
        assertThat(run(lab, "out", "sudo -n ufw allow 10250/tcp").stdout()).isEqualTo("Rules updated\nRules updated (v6)\n");
        assertThat(run(lab, "out", "sudo -n nft list ruleset").stdout()).contains("policy drop;",
                "meta l4proto tcp tcp dport 10250 counter packets 0 bytes 0 accept");
        assertThat(run(lab, "out", "sudo -n iptables-save").stdout()).contains(":INPUT DROP [0:0]",
                "-A ufw-user-input -p tcp -m tcp --dport 10250 -j ACCEPT");
        assertThat(run(lab, "out", "ufw status").stderr()).isEqualTo("ERROR: You need to be root to run this script\n");
    }

    @Test
    void timeNamesAndConnections() {
        assertThat(run(lab, "al", "timedatectl show -p NTPSynchronized --value").stdout()).isEqualTo("yes\n");
        assertThat(run(lab, "al", "sudo -n systemctl stop chronyd").exit()).isZero();
        assertThat(run(lab, "al", "timedatectl show -p NTPSynchronized").stdout()).isEqualTo("NTPSynchronized=no\n");

        String api = LabSiteNetwork.RETAIL_EDGE_ENDPOINT;
        assertThat(run(lab, "rhel", "getent hosts " + api).stdout())
                .isEqualTo("10.100.12.34    " + api + "\n10.100.45.67    " + api + "\n");
        assertThat(run(lab, "rhel", "getent hosts rhel").stdout()).isEqualTo("127.0.1.1       rhel\n");
        assertThat(run(lab, "rhel", "getent hosts nowhere.example.com").exit()).isEqualTo(2);
        assertThat(run(lab, "rhel", "timeout 5 bash -c '</dev/tcp/" + api + "/443'").exit()).isZero();
        var refused = run(lab, "rhel", "timeout 5 bash -c '</dev/tcp/10.100.12.34/22'");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stderr()).isEqualTo("bash: connect: Connection refused\nbash: line 1: /dev/tcp/10.100.12.34/22: "
                + "Connection refused\n");
        assertThat(run(lab, "rhel", "timeout 5 bash -c '</dev/tcp/203.0.113.9/443'").exit()).as("nothing answers").isEqualTo(124);
        var unknown = run(lab, "rhel", "timeout 5 bash -c '</dev/tcp/nowhere.example.com/443'");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.stderr()).startsWith("bash: line 1: nowhere.example.com: Name or service not known\n");

        lab.fleet().networkFault("rhel", LabHostFleet.NetworkFault.DNS_NOT_FORWARDED, true);
        assertThat(run(lab, "rhel", "getent hosts " + api).exit()).isEqualTo(2);
        lab.fleet().networkFault("rhel", LabHostFleet.NetworkFault.DNS_NOT_FORWARDED, false);
        lab.fleet().networkFault("rhel", LabHostFleet.NetworkFault.SITE_ROUTE_TO_VPC_LOST, true);
        assertThat(run(lab, "rhel", "timeout 5 bash -c '</dev/tcp/" + api + "/443'").exit()).isEqualTo(124);
        lab.fleet().networkFault("rhel", LabHostFleet.NetworkFault.SITE_ROUTE_TO_VPC_LOST, false);
        lab.fleet().siteNetwork().endpoint("ABCDEF.yl4.eu-central-1.eks.amazonaws.com", List.of("10.130.5.6"));
        assertThat(run(lab, "rhel", "getent hosts abcdef.yl4.eu-central-1.eks.amazonaws.com").stdout()).startsWith("10.130.5.6 ");
    }
}
