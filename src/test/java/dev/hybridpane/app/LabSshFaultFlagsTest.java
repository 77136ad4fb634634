package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.edge.LabHostProfile;
import dev.hybridpane.lab.edge.LabHostTiming;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `hybridpane lab --ssh-fault HOST=FAULT --ssh-drop-rate R --ssh-fault-seed N`: parsed, refused in one line, armed. */
class LabSshFaultFlagsTest {

    @Test
    void badFlagsAreRefusedInOneLine() {
        assertThatThrownBy(() -> LabSshFaultFlags.parse(List.of("dallas-14=explode"), 0, null))
                .hasMessage("--ssh-fault: HOST=hang, HOST=drop, HOST=reboot or HOST=newkey, not \"dallas-14=explode\"");
        assertThatThrownBy(() -> LabSshFaultFlags.parse(List.of("=hang"), 0, null)).hasMessageStartingWith("--ssh-fault: HOST=hang");
        assertThatThrownBy(() -> LabSshFaultFlags.parse(List.of(), 1.5, null))
                .hasMessage("--ssh-drop-rate: a rate from 0 to 1 (0.1: one command in ten), not 1.5");
        assertThatThrownBy(() -> LabSshFaultFlags.parse(List.of(), Double.NaN, null)).hasMessageStartingWith("--ssh-drop-rate");
    }

    @Test
    void faultsAreArmedOnTheNamedHostsAndAnUnknownHostIsRefused() {
        try (LabEdgeHosts hosts = new LabEdgeHosts(LabHostProfile.seed(), Clock.systemUTC(), null, LabHostTiming.fast()).start()) {
            String name = hosts.hosts().get(0).name();
            String banner = LabSshFaultFlags.parse(List.of(name + "=hang"), 0.1, 42L).arm(hosts);
            assertThat(banner).contains(name + ": hang", "0.1 of the commands on every host (seed 42");
            assertThat(hosts.faults().dropRate()).isEqualTo(0.1);
            assertThat(hosts.faults().seed()).isEqualTo(42L);
            assertThatThrownBy(() -> LabSshFaultFlags.parse(List.of("nowhere-01=drop"), 0, null).arm(hosts))
                    .hasMessage("--ssh-fault: the lab has no edge host nowhere-01");
        }
    }
}
