package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ops.ChaosThrottle;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.KillPoints;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.pool.HybridNodePool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill and resume, in process, for the pool operations: pool create, a host added and one removed (pool apply of a changed
 * file) and an in-place upgrade, each killed at random journal updates (seeded and printed; {@code -Dchaos.points}, 2
 * in CI, 10 in bench/chaos.sh), each killed run resumed by a fresh console. The kill points are drawn from the updates of
 * the same operation run undisturbed on a twin pool first. At the end: finished, no duplicate registration, Node or usable
 * activation, no node cordoned, no host initialised or upgraded twice, the lease free. The host added and removed run only
 * in the bench ({@code -Dchaos.full=true}): CI's time budget.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosPoolKillLabTest {
    static final List<String> REF_HOSTS = List.of("dallas-12", "dallas-13");
    static final List<String> HOSTS = List.of("dallas-08", "dallas-09");
    @TempDir
    static Path dir;
    static PoolLab lab;
    static ChaosPool chaos;
    static KillPoints kills;

    @BeforeAll
    static void start() {
        PoolUpgradeLab.COMMANDS.clear();
        lab = new PoolLab(dir);
        lab.lab.nodeadmBackend().kubelets().setTimings(Duration.ofMillis(300), Duration.ofSeconds(2));
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-08", "dallas-09", "dallas-10", "dallas-12", "dallas-13",
                "dallas-14"));
        PoolUpgradeLab.profile(lab);
        chaos = new ChaosPool(lab);
        kills = new KillPoints("pool", 2);
        ChaosThrottle.arm(lab.lab, "ChaosPoolKillLabTest");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            ChaosThrottle.report(lab.lab, "ChaosPoolKillLabTest");
            lab.close();
        }
    }

    static HybridNodePool pool(String name, List<String> hosts) {
        return PoolUpgradeLab.pool(name, "dallas-dc", hosts);
    }

    /** A pool file applied undisturbed to the twin, then killed and resumed on the pool; the figures of the pool. */
    static KillPoints.Chain applyKilled(HybridNodePool ref, HybridNodePool p) throws Exception {
        int updates = ChaosPool.counted(w -> {
            Journal j = chaos.apply(ref, w, x -> { });
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            return j;
        });
        return kills.chain(updates, w -> chaos.apply(p, w, x -> { }));
    }

    @Test
    @Order(1)
    void poolCreateKilledAtRandomPointsFinishesOnceAndLeavesNothingBehind() throws Exception {
        HybridNodePool p = pool("chaos", HOSTS);
        KillPoints.Chain c = applyKilled(pool("chaos-twin", REF_HOSTS), p);
        assertThat(chaos.nodes("chaos")).hasSize(2).allSatisfy(n -> assertThat(PoolUpgradeLab.unavailable(n)).isFalse());
        chaos.figures("pool create", "in-process", c, chaos.duplicates("chaos", HOSTS), chaos.cordoned("chaos"),
                ChaosPool.twice(HOSTS, ChaosPool.INIT), chaos.leaseHeld("chaos"));
    }

    @Test
    @Order(2)
    @EnabledIfSystemProperty(named = "chaos.full", matches = "true")
    void aHostAddedKilledAtRandomPointsJoinsOnce() throws Exception {
        List<String> grown = List.of("dallas-08", "dallas-09", "dallas-10");
        KillPoints.Chain c = applyKilled(pool("chaos-twin", List.of("dallas-12", "dallas-13", "dallas-14")), pool("chaos", grown));
        assertThat(chaos.nodes("chaos")).hasSize(3);
        chaos.figures("node add (pool apply)", "in-process", c, chaos.duplicates("chaos", grown), chaos.cordoned("chaos"),
                ChaosPool.twice(grown, ChaosPool.INIT), chaos.leaseHeld("chaos"));
    }

    @Test
    @Order(3)
    @EnabledIfSystemProperty(named = "chaos.full", matches = "true")
    void aHostRemovedKilledAtRandomPointsLeavesNoNodeCordonedAndUninstallsOnce() throws Exception {
        List<String> shrunk = List.of("dallas-08", "dallas-10");
        KillPoints.Chain c = applyKilled(pool("chaos-twin", List.of("dallas-12", "dallas-14")), pool("chaos", shrunk));
        assertThat(chaos.nodes("chaos")).hasSize(2);
        try (PoolStore.Pools pools = lab.pools()) {
            assertThat(pools.get("chaos").orElseThrow().status().members()).extracting(PoolStore.Member::host)
                    .containsExactlyElementsOf(shrunk);
        }
        assertThat(PoolUpgradeLab.ran("dallas-09", ChaosPool.UNINSTALL)).as("dallas-09 uninstalled once").isEqualTo(1);
        chaos.figures("node remove (pool apply)", "in-process", c, chaos.duplicates("chaos", shrunk), chaos.cordoned("chaos"),
                ChaosPool.twice(List.of("dallas-09"), ChaosPool.UNINSTALL), chaos.leaseHeld("chaos"));
    }

    @Test
    @Order(4)
    void anInPlaceUpgradeKilledAtRandomPointsUpgradesEachNodeOnce() throws Exception {
        PoolUpgrade.Options o = new PoolUpgrade.Options(2, PoolUpgrade.Strategy.IN_PLACE, 1, 1, true, Duration.ZERO,
                Duration.ofSeconds(60), null);
        int updates = ChaosPool.counted(w -> {
            Journal j = chaos.upgrade("chaos-twin", o, w, x -> { });
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            return j;
        });
        KillPoints.Chain c = kills.chain(updates, w -> chaos.upgrade("chaos", o, w, x -> { }));
        List<String> hosts = List.of("dallas-08", "dallas-10");
        assertThat(chaos.nodes("chaos")).hasSize(2).allSatisfy(n -> assertThat(n.getStatus().getNodeInfo().getKubeletVersion())
                .startsWith("v1.31."));
        String upgrade = "sudo -n nodeadm upgrade 1.31 -c file:///etc/hybridpane/nodeconfig.yaml";
        boolean onV2;
        try (PoolStore.Pools pools = lab.pools()) {
            onV2 = pools.get("chaos").orElseThrow().pool().profile().version() == 2;
        }
        boolean done = c.finished();
        assertThat(onV2).as("the pool's spec on v2").isTrue();
        chaos.figures("pool upgrade in place", "in-process", c, done, chaos.duplicates("chaos", hosts), chaos.cordoned("chaos"),
                ChaosPool.twice(hosts, upgrade), chaos.leaseHeld("chaos"));
    }
}
