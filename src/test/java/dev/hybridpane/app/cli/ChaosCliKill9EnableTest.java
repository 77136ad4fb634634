package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ops.ChaosFigures;
import dev.hybridpane.core.ops.ChaosThrottle;
import dev.hybridpane.core.ops.KillPoints;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.aws.AwsInspection;
import dev.hybridpane.lab.world.LabWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill and resume with a real {@code kill -9}: `hybridpane hybrid enable --apply` (SSM) on the lab's payments cluster, in
 * a child JVM pointed at a fresh lab of this JVM per point, killed at a random delay after its first stdout line (drawn
 * from how long an undisturbed run took from there; seeded, printed; {@code -Dchaos.points}, 2 in CI), then run again.
 * Each point must finish, with no duplicate role or access entry, and no temporary file left in the config directory.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ChaosCliKill9EnableTest {
    @TempDir
    static Path dir;

    @Test
    void hybridEnableKilledWithKill9AtRandomPointsFinishesWithNothingTwice() throws Exception {
        KillPoints kills = new KillPoints("hybrid enable kill -9", 2);
        List<String> args = List.of("hybrid", "enable", "--cluster", "payments", "--region", "us-west-2", "--node-cidr",
                "10.200.0.0/16", "--pod-cidr", "10.201.0.0/16", "--apply");
        long ranMs;
        try (Lab fresh = Lab.start(LabWorld.load(), null)) {
            fresh.aws().setUpdateDelay(Duration.ZERO);
            ChaosThrottle.arm(fresh, "ChaosCliKill9EnableTest");
            ChildCli.Exit e = ChildCli.run(ChildCli.builder(fresh, dir.resolve("enable-twin"), args), null);
            assertThat(e.code()).as(String.join("\n", e.err())).isZero();
            ranMs = e.ranMs();
        }
        int delivered = 0;
        int finished = 0;
        int duplicates = 0;
        int litter = 0;
        for (int i = 0; i < kills.points(); i++) {
            Path home = dir.resolve("enable-" + i);
            try (Lab fresh = Lab.start(LabWorld.load(), null)) {
                fresh.aws().setUpdateDelay(Duration.ZERO);
            ChaosThrottle.arm(fresh, "ChaosCliKill9EnableTest");
                ChildCli.Exit e = ChildCli.killedAfter(ChildCli.builder(fresh, home, args), kills.nextInt((int) Math.max(1, ranMs)));
                delivered += e.killed() ? 1 : 0;
                System.out.println("CHAOS-KILL9 hybrid enable: " + (e.killed() ? "killed after " + e.out().size() + " lines"
                        : "ended before the kill with " + e.code()));
                ChildCli.Exit again = ChildCli.run(ChildCli.builder(fresh, home, args), null);
                finished += again.code() == 0 ? 1 : 0;
                AwsInspection aws = fresh.aws().inspect();
                List<String> entries = aws.accessEntryPrincipals("us-west-2", "payments");
                duplicates += aws.roleNames().size() - new HashSet<>(aws.roleNames()).size()
                        + entries.size() - new HashSet<>(entries).size();
                litter += ChildCli.litter(home).size();
            }
        }
        ChaosFigures.row("hybrid enable (SSM)", "kill -9", kills.points(), finished, duplicates, 0, 0, litter);
        assertThat(finished).as("finished").isEqualTo(kills.points());
        assertThat(duplicates).as("duplicate roles or access entries").isZero();
        assertThat(litter).as("temporary files after the next start").isZero();
    }
}
