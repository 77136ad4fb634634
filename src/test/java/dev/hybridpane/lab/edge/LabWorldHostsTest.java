package dev.hybridpane.lab.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.edge.HostStatuses;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.domain.edge.FactCommands;
import dev.hybridpane.domain.edge.FactOutput;
import dev.hybridpane.domain.edge.FactParsers;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SupportMatrix;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The lab's grown host set: room for new pools on one site, and its failure-mode hosts. */
class LabWorldHostsTest {

    /** Each reachable host's phase as the console judges its facts (gathered without SSH, same outputs). */
    static Map<String, HostPhase> phases(List<LabHostProfile> profiles) {
        Map<String, HostPhase> phases = new TreeMap<>();
        try (LabEdgeHosts lab = new LabEdgeHosts(profiles, Clock.systemUTC(), null, LabHostTiming.fast()).start()) {
            for (LabHostProfile p : profiles) {
                if (p.behaviour() == LabHostProfile.Behaviour.UNREACHABLE) {
                    continue;
                }
                Map<String, FactOutput> out = new HashMap<>();
                for (String c : FactCommands.ALL) {
                    var r = lab.exec(p.name(), FactCommands.onAdminPath(c), null);
                    out.put(c, new FactOutput(r.exit(), r.stdout(), r.stderr()));
                }
                boolean sudo = lab.exec(p.name(), FactCommands.SUDO_NOPASSWD, null).exit() == 0;
                Site site = new Site(p.site(), "", List.of(p.site().equals("dallas-dc") ? "10.200.1.0/24" : "10.200.2.0/24"),
                        List.of(), "", List.of());
                phases.put(p.name(), HostStatuses.of(new ProbeResult.Reached(FactParsers.gathered(out, sudo)), null,
                        List.of("10.200.0.0/16"), site, Instant.EPOCH).phase());
            }
        }
        return phases;
    }

    static long available(Map<String, HostPhase> phases, String prefix) {
        return phases.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getValue() == HostPhase.AVAILABLE)
                .count();
    }

    @Test
    void dallasHasAtLeastSixMoreFreeCompatibleHostsThanTheSampleTwelve() {
        Map<String, HostPhase> before = phases(LabHostProfile.seed());
        Map<String, HostPhase> after = phases(LabHostProfile.world());
        assertThat(LabHostProfile.seed()).hasSize(12);
        assertThat(available(after, "dallas")).isGreaterThanOrEqualTo(available(before, "dallas") + 6);
        assertThat(after).as("the sample hosts are judged as before").containsAllEntriesOf(before);
        assertThat(after).containsEntry("dallas-17", HostPhase.AVAILABLE).containsEntry("austin-03", HostPhase.INCOMPATIBLE);
    }

    @Test
    void everySampleHostAnswersEveryFactCommandExactlyAsItsFixedOutputs() {
        Clock fixed = Clock.fixed(Instant.parse("2026-12-07T05:00:00Z"), ZoneOffset.UTC);
        try (LabEdgeHosts lab = new LabEdgeHosts(LabHostProfile.seed(), fixed).start()) {
            for (LabHostProfile p : LabHostProfile.seed()) {
                if (p.behaviour() == LabHostProfile.Behaviour.UNREACHABLE) {
                    continue;
                }
                Map<String, String> expected = new HashMap<>(LabHostOutputs.of(p, fixed));
                StringBuilder packages = new StringBuilder();
                SupportMatrix.REQUIRED_COMMANDS.keySet().forEach(c -> packages.append(c)
                        .append(p.missing().contains(c) ? " no\n" : " yes\n"));
                expected.put(FactCommands.PACKAGES, packages.toString());
                for (String c : FactCommands.ALL) {
                    var r = lab.exec(p.name(), FactCommands.onAdminPath(c), null);
                    assertThat(r.stdout()).as(p.name() + ": " + c).isEqualTo(expected.get(c));
                    assertThat(r.exit()).as(p.name() + ": " + c + " " + r.stderr()).isZero();
                }
            }
        }
    }

    @Test
    void failureModeHostsAreInTheLab() {
        List<LabHostProfile> world = LabHostProfile.world();
        assertThat(world).filteredOn(p -> p.sudoPassword() != null).extracting(LabHostProfile::name).contains("austin-04");
        assertThat(world).filteredOn(p -> !p.ip().startsWith("10.200.")).extracting(LabHostProfile::name)
                .containsExactly("austin-03");
        assertThat(world).filteredOn(p -> p.behaviour() == LabHostProfile.Behaviour.DROPS_CONNECTION_DURING_FIRST_INSTALL)
                .extracting(LabHostProfile::name).containsExactly("dallas-17");
        assertThat(world.stream().map(LabHostProfile::name).distinct()).hasSize(world.size());
        assertThat(world.stream().map(LabHostProfile::ip).distinct()).hasSize(world.size());
    }

    @Test
    void theWorldHas35HostsAndExtraOnesAreFreeUbuntuHostsInDallasCidr() {
        // 12 sample + 10 Dallas + 4 Austin arm64 + dallas-17 + the seeded pools' 4 + 4 (was 27 before they had hosts)
        assertThat(LabHostProfile.world()).hasSize(35);
        List<LabHostProfile> more = LabHostProfile.world(50);
        assertThat(more).hasSize(85).startsWith(LabHostProfile.world().toArray(LabHostProfile[]::new));
        List<LabHostProfile> extra = more.subList(35, 85);
        assertThat(extra).allSatisfy(p -> {
            assertThat(p.name()).matches("dallas-x\\d{3}");
            assertThat(p.site()).isEqualTo("dallas-dc");
            assertThat(p.distro()).isEqualTo("ubuntu-22.04");
            assertThat(p.ip()).startsWith("10.200.1.");
            assertThat(p.behaviour()).isEqualTo(LabHostProfile.Behaviour.NORMAL);
        });
        assertThat(more.stream().map(LabHostProfile::ip).distinct()).hasSize(85);
        assertThat(LabHostProfile.world(LabHostProfile.MAX_EXTRA).get(35 + LabHostProfile.MAX_EXTRA - 1).ip())
                .isEqualTo("10.200.1.239");
        assertThatThrownBy(() -> LabHostProfile.world(LabHostProfile.MAX_EXTRA + 1))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, HostPhase> phases = phases(extra.subList(0, 3));
        assertThat(phases.values()).containsOnly(HostPhase.AVAILABLE);
    }
}
