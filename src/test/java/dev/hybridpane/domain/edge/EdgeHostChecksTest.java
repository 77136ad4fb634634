package dev.hybridpane.domain.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeHostChecksTest {
    static final Map<String, Boolean> ALL = Map.of("bash", true, "jq", true, "zstd", true, "rsync", true, "systemd", true,
            "conntrack", true, "iptables", true);
    static final Site DALLAS = new Site("dallas-dc", "", List.of("10.200.1.0/24"), List.of(), "", List.of());

    static HostFacts good(String os, String ver, String arch, String ip) {
        return new HostFacts("h", os, ver, null, "6.8.0", arch, 2, 4096L, 50.0, List.of(ip + "/24"), null, ip, true, false,
                ALL, 3L, null, null, null, true);
    }

    static Check check(List<Check> checks, String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1} {2}: os {3}, arch {4}, credentials {5}")
    @CsvSource({
            "ubuntu, 20.04, x86_64, PASS, PASS, WARN",
            "ubuntu, 22.04, x86_64, PASS, PASS, PASS",
            "ubuntu, 24.04, aarch64, PASS, PASS, PASS",
            "rhel, 8.10, x86_64, PASS, PASS, WARN",
            "rhel, 9.4, x86_64, PASS, PASS, PASS",
            "amzn, 2023, aarch64, PASS, PASS, PASS",
            "debian, 12, x86_64, FAIL, PASS, ",
            "ubuntu, 18.04, x86_64, FAIL, PASS, ",
            "rhel, 10.0, x86_64, FAIL, PASS, ",
            "ubuntu, 22.04, riscv64, PASS, FAIL, PASS"})
    void operatingSystemsArchitecturesAndCredentialProviders(String os, String ver, String arch, CheckStatus osStatus,
            CheckStatus archStatus, CheckStatus credentials) {
        List<Check> checks = HostChecks.evaluate(good(os, ver, arch, "10.200.1.11"), List.of("10.200.0.0/16"), DALLAS);
        assertThat(check(checks, "os").status()).isEqualTo(osStatus);
        assertThat(check(checks, "arch").status()).isEqualTo(archStatus);
        if (credentials == null) {
            assertThat(checks).noneMatch(c -> c.id().equals("credentials"));
        } else {
            assertThat(check(checks, "credentials").status()).isEqualTo(credentials);
        }
    }

    @ParameterizedTest(name = "{0}: remote {1}, site {2}")
    @CsvSource({
            "10.200.1.11, PASS, PASS",
            "10.200.2.11, PASS, FAIL",
            "192.168.50.10, FAIL, FAIL"})
    void nodeIpMustBeInsideTheRemoteNodeNetworksAndTheSite(String ip, CheckStatus remote, CheckStatus site) {
        List<Check> checks = HostChecks.evaluate(good("ubuntu", "22.04", "x86_64", ip), List.of("10.200.0.0/16"), DALLAS);
        assertThat(check(checks, "node-ip").status()).isEqualTo(remote);
        assertThat(check(checks, "site-cidr").status()).isEqualTo(site);
        assertThat(check(checks, "node-ip").reason()).contains(ip);
    }

    @Test
    void aHealthyHostIsAvailableAndEveryCheckPasses() {
        List<Check> checks = HostChecks.evaluate(good("ubuntu", "22.04", "x86_64", "10.200.1.11"), List.of("10.200.0.0/16"),
                DALLAS);
        assertThat(checks).allMatch(c -> c.status() == CheckStatus.PASS, "all pass");
        assertThat(HostChecks.phase(checks, null)).isEqualTo(HostPhase.AVAILABLE);
        assertThat(HostChecks.phase(checks, "dallas-gpu")).isEqualTo(HostPhase.IN_POOL);
    }

    @Test
    void clockSwapIndexPackagesResourcesAndExistingNode() {
        HostFacts bad = new HostFacts("h", "ubuntu", "22.04", null, "k", "x86_64", 1, 512L, 1.0, List.of("10.200.1.9/24"),
                null, "10.200.1.9", false, true, Map.of("bash", true, "jq", false), 400L, null, "v1.31.7",
                "https://x.eks.amazonaws.com", false);
        List<Check> checks = HostChecks.evaluate(bad, List.of("10.200.0.0/16"), null);
        assertThat(check(checks, "clock").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(checks, "swap").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(checks, "pkg-index").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(checks, "packages").reason()).contains("jq", "zstd").doesNotContain("bash");
        assertThat(check(checks, "resources").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(checks, "sudo").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(checks, "existing").status()).isEqualTo(CheckStatus.WARN);
        assertThat(checks).noneMatch(c -> c.id().equals("site-cidr"));
        assertThat(HostChecks.phase(checks, null)).isEqualTo(HostPhase.INCOMPATIBLE);
        assertThat(HostChecks.summary(checks)).startsWith("Failed: ").contains("Swap off");
    }

    @Test
    void packageIndexThresholds() {
        HostFacts f = good("ubuntu", "22.04", "x86_64", "10.200.1.11");
        HostFacts stale = new HostFacts("h", "ubuntu", "22.04", null, "k", "x86_64", 2, 4096L, 50.0, f.addresses(), null,
                f.nodeIp(), true, false, ALL, 30L, null, null, null, null);
        assertThat(check(HostChecks.evaluate(stale, List.of("10.200.0.0/16"), DALLAS), "pkg-index").status())
                .isEqualTo(CheckStatus.WARN);
    }

    @Test
    void noRemoteNetworksFailsTheNodeIpCheck() {
        List<Check> checks = HostChecks.evaluate(good("ubuntu", "22.04", "x86_64", "10.200.1.11"), List.of(), DALLAS);
        assertThat(check(checks, "node-ip").reason()).contains("enable hybrid mode");
    }
}
