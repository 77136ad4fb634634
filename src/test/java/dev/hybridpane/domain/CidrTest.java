package dev.hybridpane.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

    @ParameterizedTest(name = "{0} parses to {1}")
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0/8",
            "' 192.168.1.0/24 ', 192.168.1.0/24",
            "10.200.1.7/32, 10.200.1.7/32",
            "0.0.0.0/0, 0.0.0.0/0",
    })
    void parses(String text, String expected) {
        assertThat(Cidr.parse(text).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is rejected: {1}")
    @CsvSource({
            "10.0.0.1/8, host bits",
            "10.0.0.0, no prefix",
            "10.0.0.0/33, outside 0..32",
            "10.0.0.0/x, invalid prefix",
            "256.0.0.0/8, not a valid IPv4",
            "10.0.0/8, not a valid IPv4",
            "fd00::/8, IPv6",
            "'', empty",
    })
    void rejectsWithReason(String text, String reason) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0} rfc1918={1}")
    @CsvSource({
            "10.0.0.0/8, true",
            "10.255.255.0/24, true",
            "9.0.0.0/8, false",
            "172.15.255.0/24, false",
            "172.16.0.0/12, true",
            "172.16.0.0/16, true",
            "172.31.255.0/24, true",
            "172.32.0.0/16, false",
            "172.0.0.0/8, false",
            "192.168.0.0/16, true",
            "192.169.0.0/16, false",
            "192.168.0.0/15, false",
    })
    void rfc1918(String text, boolean expected) {
        assertThat(Cidr.parse(text).isRfc1918()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} overlaps {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.200.0.0/16, true",
            "10.200.0.0/16, 10.0.0.0/8, true",
            "10.200.0.0/16, 10.201.0.0/16, false",
            "10.200.0.0/16, 10.200.255.255/32, true",
            "10.200.0.0/16, 10.200.0.0/16, true",
            "192.168.0.0/24, 192.168.1.0/24, false",
    })
    void overlaps(String a, String b, boolean expected) {
        assertThat(Cidr.parse(a).overlaps(Cidr.parse(b))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10.200.1.0/24, 10.200.1.200, true", "10.200.1.0/24, 10.200.2.1, false", "10.200.1.0/24, nonsense, false"})
    void containsAddress(String cidr, String address, boolean expected) {
        assertThat(Cidr.parse(cidr).containsAddress(address)).isEqualTo(expected);
    }
}
