package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.edge.FactCommands;
import dev.hybridpane.domain.edge.FactOutput;
import dev.hybridpane.domain.edge.FactParsers;
import dev.hybridpane.domain.edge.HostChecks;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.Site;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Facts a host would not tell are stored in its EdgeHost as unknown, never as if known: nothing in their fields, their
 * commands' reasons under status.unknownFacts; read back, they are unknown again, so the checks computed from the stored
 * facts (as a pool's plan computes them) are the checks of the probe, and an unknown never reads back as a pass.
 */
class InventoryUnknownFactsTest {
    static final List<String> REMOTE = List.of("10.200.0.0/16");
    static final Site SITE = new Site("dallas-dc", "", List.of("10.200.1.0/24"), List.of(), "", List.of());

    /** A Debian host whose kubelet kubeconfig cannot be read, whose PATH lacks the admin tools, and whose swap is unreadable. */
    static HostFacts partlyUnknown() {
        Map<String, FactOutput> r = new LinkedHashMap<>();
        r.put(FactCommands.HOSTNAME, new FactOutput(0, "dallas-06\n", ""));
        r.put(FactCommands.OS_RELEASE, new FactOutput(0, "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n", ""));
        r.put(FactCommands.UNAME, new FactOutput(0, "6.1.0-18-amd64 x86_64\n", ""));
        r.put(FactCommands.NPROC, new FactOutput(0, "2\n", ""));
        r.put(FactCommands.MEMINFO, new FactOutput(0, "MemTotal:        8000000 kB\n", ""));
        r.put(FactCommands.SWAPS, new FactOutput(1, "", "cat: /proc/swaps: Permission denied\n"));
        r.put(FactCommands.PACKAGES, new FactOutput(127, "", "bash: line 1: command: not found\n"));
        r.put(FactCommands.EXISTING_NODE, new FactOutput(2, "", "grep: /var/lib/kubelet/kubeconfig: Permission denied\n"));
        return FactParsers.gathered(r, null);
    }

    static HostStatus status(HostFacts f) {
        List<Check> checks = HostChecks.evaluate(f, REMOTE, SITE);
        return new HostStatus(HostPhase.AVAILABLE, "", f, checks, null, Instant.parse("2026-12-07T22:00:00Z"));
    }

    @Test
    void unknownFactsAreStoredAsUnknownAndReadBackUnknownWithTheSameChecks() {
        HostFacts probed = partlyUnknown();
        assertThat(probed.unknown()).containsOnlyKeys(FactCommands.SWAPS, FactCommands.PACKAGES, FactCommands.EXISTING_NODE);
        Map<String, Object> stored = InventoryMapping.status(status(probed));

        assertThat(stored).doesNotContainKeys("swapOn", "packages", "existingNode")
                .containsEntry("osId", "debian").containsEntry("arch", "x86_64");
        assertThat(stored.get(InventoryMapping.UNKNOWN)).isEqualTo(probed.unknown());

        HostFacts read = InventoryMapping.status(stored).facts();
        assertThat(read.unknown()).isEqualTo(probed.unknown());
        assertThat(read.swapOn()).isNull();
        assertThat(read.packages()).isEmpty();
        assertThat(read.existingNode()).isNull();
        List<Check> again = HostChecks.evaluate(read, REMOTE, SITE);
        assertThat(again).isEqualTo(HostChecks.evaluate(probed, REMOTE, SITE));
        assertThat(again).filteredOn(c -> c.id().equals("existing")).singleElement().satisfies(c -> {
            assertThat(c.status()).as("an unreadable kubeconfig is no pass").isEqualTo(CheckStatus.WARN);
            assertThat(c.reason()).contains("Could not tell whether a kubelet is joined", "Permission denied");
        });
        assertThat(again).filteredOn(c -> c.id().equals("swap")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CheckStatus.WARN));
    }

    @Test
    void aHostThatToldNothingIsStoredWithoutAnInventedOsAndReadsBackUnknown() {
        Map<String, FactOutput> r = new LinkedHashMap<>();
        for (String c : List.of(FactCommands.HOSTNAME, FactCommands.OS_RELEASE, FactCommands.UNAME, FactCommands.IP_ADDR)) {
            r.put(c, new FactOutput(127, "", "sh: 1: not found\n"));
        }
        HostFacts nothing = FactParsers.gathered(r, null);
        Map<String, Object> stored = InventoryMapping.status(status(nothing));
        assertThat(stored).doesNotContainKeys("os", "osId", "arch", "addresses", "packages", "hostname");
        HostFacts read = InventoryMapping.status(stored).facts();
        assertThat(read).as("the facts' reasons are still there").isNotNull();
        assertThat(read.osName()).isNull();
        assertThat(read.osId()).isNull();
        assertThat(read.unknown()).isEqualTo(nothing.unknown()).hasSize(4);
        assertThat(HostChecks.evaluate(read, REMOTE, SITE)).isEqualTo(HostChecks.evaluate(nothing, REMOTE, SITE));
    }

    @Test
    void knownFactsRoundTripAsBefore() {
        Map<String, FactOutput> r = new LinkedHashMap<>();
        r.put(FactCommands.OS_RELEASE, new FactOutput(0, "ID=ubuntu\nVERSION_ID=\"22.04\"\nPRETTY_NAME=\"Ubuntu 22.04.5 LTS\"\n", ""));
        r.put(FactCommands.UNAME, new FactOutput(0, "5.15.0-1 x86_64\n", ""));
        r.put(FactCommands.SWAPS, new FactOutput(0, "Filename Type Size Used Priority\n", ""));
        HostFacts known = FactParsers.gathered(r, true);
        Map<String, Object> stored = InventoryMapping.status(status(known));
        assertThat(stored).containsEntry("os", "Ubuntu 22.04.5 LTS").containsEntry("swapOn", false).containsEntry("sudoOk", true)
                .doesNotContainKey(InventoryMapping.UNKNOWN);
        HostFacts read = InventoryMapping.status(stored).facts();
        assertThat(read.osLabel()).isEqualTo("Ubuntu 22.04.5 LTS");
        assertThat(read.swapOn()).isFalse();
        assertThat(read.unknown()).isEmpty();
    }
}
