package dev.hybridpane.domain.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.hybrid.RemoteNetworkRules.ListKind;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteNetworkRulesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/8        | ok",
            "10.0.0.0/7        | prefix /7 is outside",
            "10.1.2.3/32       | ok",
            "192.168.1.0/33    | prefix outside",
            "172.15.0.0/16     | outside RFC 1918",
            "172.16.0.0/16     | ok",
            "172.31.255.0/24   | ok",
            "172.32.0.0/16     | outside RFC 1918",
            "172.16.0.0/12     | ok",
            "172.0.0.0/8       | outside RFC 1918",
            "192.168.0.0/16    | ok",
            "192.169.0.0/16    | outside RFC 1918",
            "'  10.9.0.0/16  ' | ok",
            "10.9.0.1/16       | host bits set",
            "10.9.0.0          | no prefix length",
            "fd00::/8          | IPv6",
            "10.300.0.0/16     | not a valid IPv4",
            "''                | Enter a CIDR",
            "8.8.8.0/24        | outside RFC 1918",
    })
    void entries(String input, String expected) {
        String problem = RemoteNetworkRules.entryProblem(input);
        if (expected.equals("ok")) {
            assertThat(problem).isNull();
        } else {
            assertThat(problem).isNotNull().contains(expected);
        }
    }

    @Test
    void prefixSmallerThanEightIsRefusedEvenInsideRfc1918Space() {
        assertThat(RemoteNetworkRules.entryProblem("0.0.0.0/0")).contains("prefix /0 is outside /8 to /32");
    }

    @Test
    void overlapWithVpcServiceAndEachOtherIsReportedAtTheEntry() {
        List<CidrIssue> issues = RemoteNetworkRules.validate(
                List.of("10.200.0.0/16", "10.110.4.0/24", "10.200.7.0/24", "10.96.128.0/24"),
                List.of("10.201.0.0/16", "10.201.0.0/16"),
                List.of("10.110.0.0/16"), "10.96.0.0/16");
        assertThat(issues).extracting(CidrIssue::list, CidrIssue::index).containsExactly(
                Tuple.tuple(ListKind.NODES, 1),
                Tuple.tuple(ListKind.NODES, 2),
                Tuple.tuple(ListKind.NODES, 3),
                Tuple.tuple(ListKind.PODS, 1));
        assertThat(issues.get(0).message()).contains("overlaps the VPC CIDR 10.110.0.0/16");
        assertThat(issues.get(1).message()).contains("overlaps the remote node CIDR 10.200.0.0/16");
        assertThat(issues.get(2).message()).contains("service CIDR 10.96.0.0/16");
        assertThat(issues.get(3).message()).contains("already listed as a remote pod CIDR");
        assertThat(RemoteNetworkRules.hasErrors(issues)).isTrue();
    }

    @Test
    void nodeAndPodListsMayNotOverlapEachOther() {
        List<CidrIssue> issues = RemoteNetworkRules.validate(List.of("10.200.0.0/16"), List.of("10.200.128.0/17"), List.of(), null);
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.list()).isEqualTo(ListKind.PODS);
            assertThat(i.message()).contains("overlaps the remote node CIDR 10.200.0.0/16");
        });
    }

    @Test
    void emptyPodListIsOnlyAWarning() {
        List<CidrIssue> issues = RemoteNetworkRules.validate(List.of("10.200.0.0/16"), List.of(), List.of("10.0.0.0/16"), null);
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.error()).isFalse();
            assertThat(i.message()).contains("webhooks");
        });
        assertThat(RemoteNetworkRules.hasErrors(issues)).isFalse();
    }

    @Test
    void emptyNodeListIsAnError() {
        assertThat(RemoteNetworkRules.hasErrors(RemoteNetworkRules.validate(List.of(), List.of("10.1.0.0/16"), List.of(), null))).isTrue();
    }

    @Test
    void normaliseTrimsAndDropsBlanks() {
        assertThat(RemoteNetworkRules.normalise(List.of(" 10.0.0.0/8 ", "", "  "))).containsExactly("10.0.0.0/8");
    }
}
