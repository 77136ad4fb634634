package dev.hybridpane.domain.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.domain.network.HostProbeCommands.Port;
import dev.hybridpane.domain.network.HostProbeCommands.Route;
import dev.hybridpane.domain.profile.CniKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostProbeCommandsTest {

    @Test
    void theCommandsAreExactAndRefuseWhatTheShellWouldReadOtherwise() {
        assertThat(HostProbeCommands.routeGet(HostProbeCommands.probeAddress("10.100.0.0/16"))).isEqualTo("ip route get 10.100.0.1");
        assertThat(HostProbeCommands.probeAddress("10.100.7.8/32")).isEqualTo("10.100.7.8");
        assertThat(HostProbeCommands.resolve("ABC.gr7.us-west-2.eks.amazonaws.com"))
                .isEqualTo("getent hosts ABC.gr7.us-west-2.eks.amazonaws.com");
        assertThat(HostProbeCommands.connect("api.example.com", 443)).isEqualTo("timeout 5 bash -c '</dev/tcp/api.example.com/443'");
        assertThatThrownBy(() -> HostProbeCommands.connect("x'; rm -rf / #", 443)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostProbeCommands.resolve("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostProbeCommands.routeGet("10.0.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostProbeCommands.connect("h", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HostProbeCommands.isAddress("127.0.0.1")).isTrue();
        assertThat(HostProbeCommands.isAddress("localhost")).isFalse();
    }

    @Test
    void portsPerCni() {
        assertThat(HostProbeCommands.requiredPorts(CniKind.CILIUM)).containsExactly(new Port(10250, "tcp"), new Port(8472, "udp"));
        assertThat(HostProbeCommands.requiredPorts(CniKind.CALICO)).containsExactly(new Port(10250, "tcp"), new Port(4789, "udp"));
        assertThat(HostProbeCommands.requiredPorts(CniKind.CUSTOM)).containsExactly(new Port(10250, "tcp"));
    }

    @Test
    void ipRouteGetAnswers() {
        assertThat(HostProbeCommands.parseRoute("10.100.0.1 via 10.200.1.1 dev ens18 src 10.200.1.11 uid 1000 \n    cache \n"))
                .contains(new Route("10.100.0.1", "10.200.1.1", "ens18", "10.200.1.11"));
        assertThat(HostProbeCommands.parseRoute("10.200.1.5 dev eth0 src 10.200.1.11 uid 0 \n    cache \n"))
                .contains(new Route("10.200.1.5", "", "eth0", "10.200.1.11"));
        assertThat(HostProbeCommands.parseRoute("")).isEmpty();
        assertThat(HostProbeCommands.parseRoute("RTNETLINK answers: Network is unreachable\n")).isEmpty();
    }

    @Test
    void timeAndNames() {
        assertThat(HostProbeCommands.parseSynchronized("yes\n")).contains(true);
        assertThat(HostProbeCommands.parseSynchronized("no\n")).contains(false);
        assertThat(HostProbeCommands.parseSynchronized("Failed to connect to bus")).isEmpty();
        assertThat(HostProbeCommands.parseAddresses("10.100.12.34    api\n10.100.40.56    api\n10.100.12.34 api\n"))
                .isEqualTo(List.of("10.100.12.34", "10.100.40.56"));
        assertThat(HostProbeCommands.parseAddresses("")).isEmpty();
    }
}
