package dev.hybridpane.domain.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.edge.FactParsers.Uname;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EdgeFactParsersTest {

    @ParameterizedTest
    @CsvSource({
            "ubuntu-20.04, ubuntu, 20.04, Ubuntu 20.04.6 LTS",
            "ubuntu-22.04, ubuntu, 22.04, Ubuntu 22.04.5 LTS",
            "ubuntu-24.04, ubuntu, 24.04, Ubuntu 24.04.1 LTS",
            "rhel-8, rhel, 8.10, Red Hat Enterprise Linux 8.10 (Ootpa)",
            "rhel-9, rhel, 9.4, Red Hat Enterprise Linux 9.4 (Plow)",
            "al2023, amzn, 2023, Amazon Linux 2023.6.20250303",
            "debian-12, debian, 12, Debian GNU/Linux 12 (bookworm)"})
    void osReleaseOfEachDistribution(String distro, String id, String version, String pretty) {
        OsRelease os = OsRelease.parse(Fixtures.read(distro, "os-release"));
        assertThat(os.id()).isEqualTo(id);
        assertThat(os.versionId()).isEqualTo(version);
        assertThat(os.prettyName()).isEqualTo(pretty);
    }

    @Test
    void unameMemoryAndDisk() {
        assertThat(FactParsers.uname(Fixtures.read("ubuntu-22.04", "uname"))).isEqualTo(new Uname("5.15.0-126-generic", "x86_64"));
        assertThat(FactParsers.uname(Fixtures.read("al2023", "uname"))).isEqualTo(new Uname("6.1.129-138.220.amzn2023.aarch64",
                "aarch64"));
        assertThat(FactParsers.memTotalMiB(Fixtures.read("ubuntu-22.04", "meminfo"))).isEqualTo(8138336 / 1024);
        assertThat(FactParsers.memTotalMiB(Fixtures.read("al2023", "meminfo"))).isEqualTo(927);
        assertThat(FactParsers.dfAvailableGiB(Fixtures.read("ubuntu-22.04", "df"))).isBetween(83.4, 83.5);
        assertThat(FactParsers.dfAvailableGiB(Fixtures.read("rhel-9", "df"))).isBetween(65.8, 65.9);
        assertThat(FactParsers.dfAvailableGiB("garbage")).isNull();
    }

    @Test
    void addressesSkipLoopbackAndLinkLocalButKeepOtherInterfaces() {
        assertThat(FactParsers.ipv4Addresses(Fixtures.read("ubuntu-22.04", "ip-addr.json"))).containsExactly("10.200.1.11/24");
        assertThat(FactParsers.ipv4Addresses(Fixtures.read("al2023", "ip-addr.json")))
                .containsExactly("10.200.2.21/24", "172.17.0.1/16");
        assertThat(FactParsers.ipv4Addresses("not json")).isEmpty();
    }

    @Test
    void defaultRouteWithAndWithoutSource() {
        var r = FactParsers.defaultRoute(Fixtures.read("ubuntu-22.04", "ip-route.json"));
        assertThat(r.gateway()).isEqualTo("10.200.1.1");
        assertThat(r.device()).isEqualTo("ens18");
        assertThat(r.source()).isNull();
        var dhcp = FactParsers.defaultRoute(Fixtures.read("al2023", "ip-route.json"));
        assertThat(dhcp.source()).isEqualTo("10.200.2.21");
        assertThat(dhcp.toString()).isEqualTo("via 10.200.2.1 dev eth0 src 10.200.2.21");
        assertThat(FactParsers.defaultRoute("[]")).isNull();
    }

    @Test
    void timeSwapPackagesIndexVersions() {
        assertThat(FactParsers.timeSynced(Fixtures.read("ubuntu-22.04", "timedatectl"))).isTrue();
        assertThat(FactParsers.timeSynced(Fixtures.read("al2023", "timedatectl"))).isFalse();
        assertThat(FactParsers.timeSynced("")).isNull();
        assertThat(FactParsers.swapOn(Fixtures.read("ubuntu-22.04", "swapon"))).isTrue();
        assertThat(FactParsers.swapOn(Fixtures.read("al2023", "swapon"))).isFalse();
        Map<String, Boolean> pk = FactParsers.packages(Fixtures.read("ubuntu-22.04", "packages"));
        assertThat(pk).containsEntry("systemd", true).containsEntry("conntrack", false).hasSize(7);
        assertThat(FactParsers.packageIndexAgeHours(Fixtures.read("ubuntu-22.04", "package-index"))).isEqualTo(2);
        assertThat(FactParsers.packageIndexAgeHours(Fixtures.read("al2023", "package-index"))).isNull();
        assertThat(FactParsers.version(Fixtures.read("ubuntu-22.04", "kubelet"))).isEqualTo("v1.31.7-eks-473151a");
        assertThat(FactParsers.version(Fixtures.read("al2023", "kubelet"))).isNull();
        assertThat(FactParsers.existingNode(Fixtures.read("ubuntu-22.04", "existing-node")))
                .isEqualTo("https://4F1C8E2D9A7B3C5E.gr7.us-west-2.eks.amazonaws.com");
    }

    @Test
    void nodeIpFollowsTheDefaultRouteDevice() {
        Map<String, String> out = new HashMap<>();
        out.put(FactCommands.OS_RELEASE, Fixtures.read("al2023", "os-release"));
        out.put(FactCommands.IP_ADDR, Fixtures.read("al2023", "ip-addr.json"));
        out.put(FactCommands.IP_ROUTE, "[{\"dst\":\"default\",\"gateway\":\"172.17.0.254\",\"dev\":\"docker0\",\"flags\":[]}]");
        assertThat(FactParsers.facts(out, null).nodeIp()).isEqualTo("172.17.0.1");
        out.put(FactCommands.IP_ROUTE, Fixtures.read("ubuntu-22.04", "ip-route.json"));
        assertThat(FactParsers.facts(out, null).nodeIp()).isEqualTo("10.200.2.21");
        HostFacts f = FactParsers.facts(out, true);
        assertThat(f.osId()).isEqualTo("amzn");
        assertThat(f.cpus()).isNull();
    }

    @Test
    void procSwapsListsActiveAreasUnderItsHeader() {
        String header = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n";
        assertThat(FactParsers.swapOn(header)).isFalse();
        assertThat(FactParsers.swapOn(header + "/swapfile                               file\t\t2097148\t\t0\t\t-2\n")).isTrue();
        assertThat(FactParsers.swapOn(null)).isNull();
    }

    @Test
    void onlyACommandThatEndedWithZeroIsParsed() {
        Map<String, FactOutput> out = new HashMap<>();
        out.put(FactCommands.OS_RELEASE, new FactOutput(0, Fixtures.read("al2023", "os-release"), ""));
        // a command that failed but printed something (a partial answer) says nothing either
        out.put(FactCommands.SWAPS, new FactOutput(1, "Filename\tType\n", "cat: /proc/swaps: Input/output error\n"));
        out.put(FactCommands.NPROC, new FactOutput(126, "", "bash: line 1: /usr/bin/nproc: Permission denied\n"));
        out.put(FactCommands.SUDO_NOPASSWD, new FactOutput(1, "", "sudo: a password is required\n"));
        HostFacts f = FactParsers.gathered(out, false);
        assertThat(f.osId()).isEqualTo("amzn");
        assertThat(f.swapOn()).isNull();
        assertThat(f.cpus()).isNull();
        assertThat(f.unknown()).containsOnlyKeys(FactCommands.SWAPS, FactCommands.NPROC, FactCommands.SUDO_NOPASSWD);
        assertThat(f.unknownReason(FactCommands.NPROC))
                .isEqualTo("`nproc` ended with exit 126 (not executable): bash: line 1: /usr/bin/nproc: Permission denied");
        assertThat(f.unknownReason(FactCommands.SWAPS)).isEqualTo("`cat /proc/swaps` ended with exit 1: cat: /proc/swaps: "
                + "Input/output error");
        assertThat(new FactOutput(3, "", "").reason("x")).isEqualTo("`x` ended with exit 3, printing nothing on stderr");
    }
}
