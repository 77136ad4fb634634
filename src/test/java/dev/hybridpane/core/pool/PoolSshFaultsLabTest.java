package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.lab.edge.LabSshFaults;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pool operations over the lab's SSH faults, with the production adapters: a connection dropped during nodeadm init is
 * reported as a drop and the re-run finds the node joined (nodeadm init ran once); a hung host fails the upgrade with a
 * timeout naming the host and the command within the bound; a host that reboots mid-upgrade fails the run resumably and
 * the re-run completes it: no node upgraded twice, none left cordoned.
 */
class PoolSshFaultsLabTest {
    @TempDir
    static Path dir;
    static PoolLab lab;

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-08", "dallas-09", "dallas-10", "dallas-12", "dallas-13"));
        PoolUpgradeLab.profile(lab);
    }

    @AfterAll
    static void stop() {
        System.clearProperty(HostRun.TIMEOUT_CAP_PROPERTY);
        if (lab != null) {
            lab.close();
        }
    }

    static LabSshFaults faults() {
        return lab.hosts().faults();
    }

    /** `pool apply` of a new pool (or its re-run), by a fresh console. */
    static Journal create(HybridNodePool p) throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), PoolStore.NAMESPACE, Clock.systemUTC())) {
            PoolService s = lab.service();
            PoolService.Checked c = s.check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60));
            assertThat(c.errors()).as("checks").isEmpty();
            Journal j = s.apply(c.inputs(), pools, journals, lock, "test on ws", new CancelToken(), x -> { });
            journals.flush();
            return j;
        }
    }

    static Journal upgrade(String pool) throws Exception {
        return PoolUpgradeLab.upgrade(lab, pool, PoolUpgrade.Options.to(2), new CancelToken(), null, x -> { });
    }

    static List<Node> nodes(String pool) {
        return PoolUpgradeLab.nodes(lab, pool);
    }

    @Test
    void aConnectionDroppedDuringNodeadmInitIsReportedAndTheRerunFindsTheNodeJoinedWithoutInitAgain() throws Exception {
        HybridNodePool p = PoolUpgradeLab.pool("ssh-drop", "dallas-dc", List.of("dallas-08"));
        faults().dropDuring("dallas-08", "nodeadm init");
        Journal first = create(p);
        assertThat(first.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(first.error()).contains("Host dallas-08: The connection to 127.0.0.1:", "dropped while running 'sudo -n nodeadm "
                + "init", "Its result is unknown: run the operation again").doesNotContain("(exit ");
        System.out.println("dropped mid-command: " + first.error());

        Journal again = create(p);
        assertThat(again.status()).as(String.valueOf(again.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(again.log()).anySatisfy(l -> assertThat(l.text()).isEqualTo("[dallas-08] already done: nodeadm init"));
        long dropped = faults().count("dallas-08", "nodeadm init", -1);
        long answered = faults().count("dallas-08", "nodeadm init", 0) + faults().count("dallas-08", "nodeadm init", 1);
        System.out.printf("nodeadm init on dallas-08: %d run (%d dropped before its exit status), re-run: already done%n",
                dropped + answered, dropped);
        assertThat(dropped).isEqualTo(1);
        assertThat(answered).as("nodeadm init not run again").isZero();
        assertThat(nodes(p.name())).singleElement().satisfies(n -> assertThat(n.getStatus().getConditions())
                .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True")));
    }

    @Test
    void aHungHostFailsTheUpgradeWithATimeoutNamingItAndTheCommandWithinTheBound() throws Exception {
        // two nodes: the pool's app keeps one pod available (its PodDisruptionBudget), so a one-node pool never drains
        HybridNodePool p = PoolUpgradeLab.pool("ssh-hang", "dallas-dc", List.of("dallas-09", "dallas-13"));
        PoolUpgradeLab.create(lab, p);
        System.setProperty(HostRun.TIMEOUT_CAP_PROPERTY, "2000");
        faults().hang("dallas-09", true);
        long t0 = System.nanoTime();
        Journal j;
        try {
            j = upgrade(p.name());
        } finally {
            faults().hang("dallas-09", false);
            System.clearProperty(HostRun.TIMEOUT_CAP_PROPERTY);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("hung host: the upgrade failed after " + ms + " ms (SSH timeout 2 s): " + j.error());
        assertThat(j.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(j.error()).containsPattern("Host dallas-09: 'sudo -n true' did not finish on 127\\.0\\.0\\.1:\\d+ within 2 s\\.");
        assertThat(ms).as("the timeout ended it, not the hang").isLessThan(45_000);
        Journal again = upgrade(p.name());
        assertThat(again.status()).as(String.valueOf(again.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(nodes(p.name())).allSatisfy(n -> assertThat(n.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE));
    }

    @Test
    void aHostThatRebootsMidUpgradeFailsTheRunResumablyAndTheRerunCompletesItUpgradingEachNodeOnce() throws Exception {
        HybridNodePool p = PoolUpgradeLab.pool("ssh-reboot", "dallas-dc", List.of("dallas-10", "dallas-12"));
        PoolUpgradeLab.create(lab, p);
        faults().rebootDowntime(Duration.ofSeconds(2));
        lab.hosts().fault("dallas-10", LabSshFaults.Fault.REBOOT);
        Journal first = upgrade(p.name());
        int runs = 1;
        System.out.println("reboot mid-upgrade, run 1: " + first.status() + " " + first.error());
        Journal last = first;
        if (first.status() != OperationStatus.SUCCEEDED) {
            assertThat(first.error()).contains("Host dallas-10:", "dropped while running 'sudo -n nodeadm upgrade",
                    "run the operation again");
            awaitAnswers("dallas-10");
            last = upgrade(p.name());
            runs++;
        }
        assertThat(last.status()).as(String.valueOf(last.error())).isEqualTo(OperationStatus.SUCCEEDED);
        List<Node> after = nodes(p.name());
        assertThat(after).hasSize(2).allSatisfy(n -> {
            assertThat(n.getSpec().getUnschedulable()).as("cordoned").isNotEqualTo(Boolean.TRUE);
            assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.31.");
        });
        String upgrade = "nodeadm upgrade 1.31";
        long twice = 0;
        for (String h : p.hostNames()) {
            long completed = faults().count(h, upgrade, 0);
            twice += completed > 1 ? 1 : 0;
            assertThat(completed).as(h + ": nodeadm upgrade completed once").isEqualTo(1);
        }
        assertThat(faults().count("dallas-10", upgrade, -1)).as("the upgrade the reboot cut").isEqualTo(1);
        List<Event> upgraded = lab.kube().v1().events().inNamespace(PoolStore.NAMESPACE).list().getItems().stream()
                .filter(e -> p.name().equals(e.getInvolvedObject().getName()) && e.getReason().equals("NodeUpgraded")).toList();
        assertThat(upgraded).hasSize(2);
        System.out.printf("reboot mid-upgrade: finished in %d run(s); %d node(s) upgraded twice, %d left cordoned%n", runs, twice,
                after.stream().filter(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable())).count());
    }

    /** Waits (30 s at most) until the host takes SSH connections again, as an administrator waits for a reboot. */
    static void awaitAnswers(String host) throws Exception {
        var h = lab.hosts().hosts().stream().filter(x -> x.name().equals(host)).findFirst().orElseThrow();
        EdgeTarget t = new EdgeTarget(new EdgeHostSpec(host, "127.0.0.1", h.port(), h.user(), "dallas-dc", SudoMode.PASSWORDLESS),
                lab.identity, null);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (var s = lab.edge.connect(t, Duration.ofSeconds(10))) {
                return;
            } catch (EdgeException e) {
                assertThat(System.nanoTime()).as(host + " back within 30 s: " + e.getMessage()).isLessThan(deadline);
                Thread.sleep(250);
            }
        }
    }
}
