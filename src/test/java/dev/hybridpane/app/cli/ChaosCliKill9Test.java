package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.ops.ChaosFigures;
import dev.hybridpane.core.ops.ChaosThrottle;
import dev.hybridpane.core.ops.KillPoints;
import dev.hybridpane.core.pool.PoolLab;
import io.fabric8.kubernetes.api.model.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill and resume with a real {@code kill -9}: `hybridpane pool apply --apply` in a child JVM pointed at a lab of this JVM, killed at a random delay after their first stdout line (drawn from how long an
 * undisturbed run took from there; seeded, printed; {@code -Dchaos.points}, 2 in CI), then run again. Pool apply: one pool, each run
 * resuming the killed one before (the lease a killed run left is its own holder's, so the next run resumes under it).
 * At the end: finished, no duplicate SSM registration or Node, no node cordoned, no lease held, no temporary file left in
 * the config directory after the next start. Hybrid enable: {@link ChaosCliKill9EnableTest}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ChaosCliKill9Test {
    @TempDir
    static Path dir;
    static PoolLab lab;

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
        ChaosThrottle.arm(lab.lab, "ChaosCliKill9Test");
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-08", "dallas-09", "dallas-10", "dallas-12"));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            ChaosThrottle.report(lab.lab, "ChaosCliKill9Test");
            lab.close();
        }
    }

    static Path poolFile(String name, String... hosts) throws IOException {
        StringBuilder y = new StringBuilder("apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\nmetadata: {name: " + name
                + ", namespace: hybridpane-system}\nspec:\n  site: dallas-dc\n  profile: {name: gpu-ssm, version: 1}\n  hosts:\n");
        for (String h : hosts) {
            y.append("  - host: ").append(h).append('\n');
        }
        return Files.writeString(dir.resolve(name + ".yaml"), y.toString());
    }

    static ProcessBuilder apply(Path pool) {
        return ChildCli.builder(lab.lab, dir, List.of("pool", "apply", "-f", pool.toString(), "--ssh-key",
                lab.hosts().loginKeyPath().toString(), "--known-hosts", dir.resolve("known_hosts").toString(), "--apply",
                "--cluster", "retail-edge", "--region", "us-west-2"));
    }

    @Test
    void poolApplyKilledWithKill9AtRandomPointsFinishesOnce() throws Exception {
        KillPoints kills = new KillPoints("pool apply kill -9", 2);
        ChildCli.Exit twin = ChildCli.run(apply(poolFile("k9-twin", "dallas-09", "dallas-12")), null);
        assertThat(twin.code()).as(String.join("\n", twin.err())).isZero();
        Path file = poolFile("k9", "dallas-08", "dallas-10");
        int delivered = 0;
        for (int i = 0; i < kills.points(); i++) {
            ChildCli.Exit e = ChildCli.killedAfter(apply(file), kills.nextInt((int) Math.max(1, twin.ranMs())));
            delivered += e.killed() ? 1 : 0;
            System.out.println("CHAOS-KILL9 pool apply: " + (e.killed() ? "killed after " + e.out().size() + " lines"
                    : "ended before the kill with " + e.code()));
        }
        ChildCli.Exit last = ChildCli.run(apply(file), null);
        assertThat(last.code()).as(String.join("\n", last.err())).isZero();
        assertThat(last.out()).contains("Pool k9: 2/2 nodes Ready, Running.");
        List<Node> nodes = lab.kube().nodes().withLabel("hybridpane.dev/pool", "k9").list().getItems();
        long registrations = lab.ssm.managedInstances("us-west-2").stream().filter(m -> m.name().equals("k9")
                || List.of("dallas-08", "dallas-10").contains(m.name())).count();
        int duplicates = (int) Math.max(0, nodes.size() - 2) + (int) Math.max(0, registrations - 2);
        int cordoned = (int) nodes.stream().filter(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable())).count();
        int held;
        try (Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), "hybridpane-system", Clock.systemUTC())) {
            held = lock.state("hybridpane-pool-k9").isPresent() ? 1 : 0;
        }
        List<Path> litter = ChildCli.litter(dir);
        ChaosFigures.row("pool apply", "kill -9", delivered, delivered, duplicates, cordoned, 0, held + litter.size());
        assertThat(nodes).hasSize(2);
        assertThat(duplicates).as("duplicate Nodes or SSM registrations").isZero();
        assertThat(cordoned).as("nodes left cordoned").isZero();
        assertThat(held).as("lease left held").isZero();
        assertThat(litter).as("temporary files after the next start").isEmpty();
    }
}
