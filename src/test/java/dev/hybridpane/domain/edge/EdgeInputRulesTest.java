package dev.hybridpane.domain.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeInputRulesTest {

    @Test
    void addressPortUserName() {
        assertThat(HostInputRules.address("10.200.1.11")).isEmpty();
        assertThat(HostInputRules.address("edge-01.example.com")).isEmpty();
        assertThat(HostInputRules.address("10.200.1.300")).get().asString().contains("not a valid IPv4");
        assertThat(HostInputRules.address("bad host!")).isPresent();
        assertThat(HostInputRules.port("22")).isEmpty();
        assertThat(HostInputRules.port("70000")).get().asString().contains("out of range");
        assertThat(HostInputRules.port("0")).isPresent();
        assertThat(HostInputRules.port("ssh")).get().asString().contains("not a number");
        assertThat(HostInputRules.user("ec2-user")).isEmpty();
        assertThat(HostInputRules.user("Bad User")).isPresent();
        assertThat(HostInputRules.name("Edge_01")).isPresent();
    }

    @Test
    void csvKeepsGoodRowsAndNumbersTheBadOnes() {
        EdgeHostSpec existing = new EdgeHostSpec("old", "10.200.1.5", 22, "ubuntu", "dallas-dc", SudoMode.PASSWORDLESS);
        String csv = """
                name,address,site,user,port
                edge-01,10.200.1.11,dallas-dc,ubuntu,22
                edge-02,10.200.1.300,dallas-dc,ubuntu,22
                edge-03,10.200.1.13,dallas-dc
                edge-04,10.200.1.14,dallas-dc,ubuntu,99999
                edge-01,10.200.1.15,dallas-dc,ubuntu,22
                edge-06,10.200.1.5,dallas-dc,ubuntu,22
                "edge-07,10.200.1.17
                edge-08,10.200.1.18,nowhere,ubuntu,22
                only-one-field
                edge-09,10.200.2.19,austin-store-112,ec2-user,2222
                """;
        HostCsv.Result r = HostCsv.parse(csv, "admin", SudoMode.PASSWORDLESS, List.of(existing),
                List.of("dallas-dc", "austin-store-112"));
        assertThat(r.hosts()).extracting(EdgeHostSpec::name).containsExactly("edge-01", "edge-03", "edge-09");
        assertThat(r.hosts().get(1).user()).isEqualTo("admin");
        assertThat(r.hosts().get(1).port()).isEqualTo(22);
        assertThat(r.hosts().get(2).port()).isEqualTo(2222);
        assertThat(r.errors()).extracting(HostCsv.RowError::line).containsExactly(3, 5, 6, 7, 8, 9, 10);
        assertThat(r.errors().get(0).toString()).startsWith("Row 3: address:");
        assertThat(r.errors().get(1).reason()).contains("out of range");
        assertThat(r.errors().get(2).reason()).contains("already exists");
        assertThat(r.errors().get(3).reason()).contains("already in the inventory as old");
        assertThat(r.errors().get(4).reason()).contains("not closed");
        assertThat(r.errors().get(5).reason()).contains("no site named nowhere");
        assertThat(r.errors().get(6).reason()).contains("found 1 field");
    }

    @Test
    void csvRoundTrip() {
        List<EdgeHostSpec> hosts = List.of(new EdgeHostSpec("a", "10.0.0.1", 2201, "u", "s", SudoMode.PASSWORDLESS));
        assertThat(HostCsv.parse(HostCsv.write(hosts), "x", SudoMode.PASSWORDLESS, List.of(), List.of()).hosts())
                .isEqualTo(hosts);
    }

    @Test
    void siteCidrsMustBeInsideTheClusterAndNotOverlapOtherSites() {
        Site dallas = new Site("dallas-dc", "", List.of("10.200.1.0/24"), List.of("10.201.1.0/24"), "", List.of());
        List<String> node = List.of("10.200.0.0/16");
        List<String> pod = List.of("10.201.0.0/16");
        Site ok = new Site("austin", "d", List.of("10.200.2.0/24"), List.of("10.201.2.0/24"), "10.200.2.1",
                List.of("time.aws.com", "10.200.2.2"));
        assertThat(SiteRules.validate(ok, node, pod, List.of(dallas), true)).isEmpty();
        Site bad = new Site("dallas-dc", "", List.of("10.200.1.128/25"), List.of("10.99.0.0/24"), "10.1.1", List.of("bad!"));
        Map<String, String> e = SiteRules.validate(bad, node, pod, List.of(dallas), true);
        assertThat(e).containsKeys(SiteRules.NAME, SiteRules.POD_CIDRS, SiteRules.VPN, SiteRules.NTP);
        assertThat(e.get(SiteRules.POD_CIDRS)).contains("not inside");
        Site overlap = new Site("austin", "", List.of("10.200.1.128/25"), List.of(), "", List.of());
        assertThat(SiteRules.validate(overlap, node, pod, List.of(dallas), true).get(SiteRules.NODE_CIDRS))
                .contains("overlaps 10.200.1.0/24 of site dallas-dc");
        Site outside = new Site("x", "", List.of("10.10.0.0/24"), List.of(), "", List.of());
        assertThat(SiteRules.validate(outside, node, pod, List.of(), true).get(SiteRules.NODE_CIDRS)).contains("not inside");
        Site hostBits = new Site("x", "", List.of("10.200.3.1/24"), List.of(), "", List.of());
        assertThat(SiteRules.validate(hostBits, node, pod, List.of(), true).get(SiteRules.NODE_CIDRS)).contains("host bits");
        assertThat(SiteRules.validate(dallas, node, pod, List.of(dallas), false)).isEmpty();
    }

    @Test
    void applianceFiles() {
        assertThat(ApplianceFiles.userData()).contains("extra-dirs-rootfs:\n    - /eks-hybrid\n")
                .contains("    - /etc/modules-load.d\n").contains("    - /var/lib/amazon\n");
        assertThat(ApplianceFiles.argFile("1.31")).isEqualTo("K8S_DISTRIBUTION=nodeadm\nK8S_VERSION=1.31\n");
    }
}
