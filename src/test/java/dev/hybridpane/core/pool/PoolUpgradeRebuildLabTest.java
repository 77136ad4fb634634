package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.KillPoints;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repave and cutover on the lab, production adapters: a 2-node SSM pool cut over onto 2 free hosts (max surge 1), capacity
 * sampled throughout; a 2-node SSM pool repaved (asked), the hosts kept and the nodes renamed by their new registrations;
 * a cutover killed at many points, each resumed by another console (another PoolUpgrade, so no activation code held).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolUpgradeRebuildLabTest {
    static final NodeRemoval.Timings FAST = new NodeRemoval.Timings(Duration.ofSeconds(60), Duration.ofMillis(200),
            Duration.ofSeconds(5));
    static final String INIT = "sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig.yaml";
    @TempDir
    static Path dir;
    static PoolLab lab;
    /** The journal updates of the undisturbed cutover of test 1 (the kill points of test 3 are drawn from them). */
    static final AtomicInteger cutoverUpdates = new AtomicInteger();

    @BeforeAll
    static void start() {
        PoolUpgradeLab.COMMANDS.clear(); // counted per class: each class has its own lab and hosts
        lab = new PoolLab(dir);
        lab.lab.nodeadmBackend().kubelets().setTimings(Duration.ofMillis(300), Duration.ofSeconds(2));
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-08", "dallas-09", "dallas-10", "dallas-12", "dallas-13",
                "dallas-14"));
        PoolUpgradeLab.profile(lab);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /** A fresh console (its own stores and PoolUpgrade with IAM and SSM) plans and runs the upgrade. */
    static Journal upgrade(String pool, PoolUpgrade.Options o, Consumer<UpgradePlan> planned, CancelToken cancel,
                           Consumer<Journal> seen) throws Exception {
        return upgrade(pool, o, planned, cancel, seen, s -> s);
    }

    /** The same, its journal store wrapped (a {@link KillPoints.Dying} store kills the console at a journal update). */
    static Journal upgrade(String pool, PoolUpgrade.Options o, Consumer<UpgradePlan> planned, CancelToken cancel,
                           Consumer<Journal> seen, UnaryOperator<JournalStore> wrap) throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), PoolStore.NAMESPACE, Clock.systemUTC())) {
            PoolUpgrade up = new PoolUpgrade(lab.aws, lab.iam, lab.ssm, PoolUpgradeLab.counting(lab.edge), Clock.systemUTC())
                    .withRemovalTimings(FAST);
            UpgradePlan plan = up.plan(PoolLab.REF, pool, o, pools, profiles, inv);
            assertThat(plan.errors()).as("plan").isEmpty();
            planned.accept(plan);
            Journal j;
            try {
                j = up.apply(plan, lab.identity, pools, wrap.apply(journals), lock, "test on ws", cancel, null, seen);
            } catch (OperationLock.LockedException e) {
                throw new AssertionError(e.getMessage());
            }
            journals.flush();
            return j;
        }
    }

    /** Creates the pool on v1 as `pool apply` does, the hosts' EdgeHost status in the pool. */
    static void create(HybridNodePool p) throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), PoolStore.NAMESPACE, Clock.systemUTC())) {
            PoolService s = lab.service();
            PoolService.Checked c = s.check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 16, Duration.ofSeconds(60));
            assertThat(c.errors()).as("checks").isEmpty();
            Journal j = s.apply(c.inputs(), pools, inv, NodeDrain.Options.DEFAULT, journals, lock, "test on ws",
                    new CancelToken(), x -> { });
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            journals.flush();
        }
    }

    /**
     * When the pool's spec is on v2 already (a run was killed after the upgrade's last change and before its journal said
     * so, and a new plan refuses to upgrade to the version the pool is on), the unfinished journal is closed as
     * `pool upgrade` / `pool resume` close it ({@link FinishedUpgrades}): it must be, and it is returned; else null.
     */
    static Journal closedOnV2(String pool) {
        try (PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE)) {
            PoolStore.Stored s = pools.get(pool).orElseThrow();
            if (s.pool().profile().version() != 2) {
                return null;
            }
            Journal closed = FinishedUpgrades.close(journals, PoolLab.REF, s, Instant.now()).orElseThrow(() ->
                    new AssertionError(pool + " is on v2, yet its unfinished upgrade journal was not closed"));
            journals.flush();
            System.out.println("CHAOS-NOTE " + pool + " was on v2 already: its journal was closed (" + closed.status() + ")");
            return closed;
        }
    }

    static Map<String, String> versions(String pool) {
        Map<String, String> m = new TreeMap<>();
        for (Node n : PoolUpgradeLab.nodes(lab, pool)) {
            m.put(n.getMetadata().getName(), n.getStatus().getNodeInfo().getKubeletVersion());
        }
        return m;
    }

    static String hostPool(String host) {
        try (InventoryPort.Inventory inv = lab.inventory()) {
            return inv.hosts().stream().filter(h -> h.spec().name().equals(host)).findFirst().map(StoredHost::status)
                    .map(s -> s.pool() == null ? "" : s.pool()).orElseThrow();
        }
    }

    static List<Event> events(String pool) {
        return lab.kube().v1().events().inNamespace(PoolStore.NAMESPACE).list().getItems().stream()
                .filter(e -> pool.equals(e.getInvolvedObject().getName())).toList();
    }

    /** Samples the fewest Ready and schedulable nodes of the pool at once. */
    static final class Capacity implements AutoCloseable {
        final AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
        final AtomicInteger samples = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Capacity(String pool) {
            thread = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        int now = (int) PoolUpgradeLab.nodes(lab, pool).stream().filter(n -> !PoolUpgradeLab.unavailable(n))
                                .count();
                        fewest.accumulateAndGet(now, Math::min);
                        samples.incrementAndGet();
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // a sample lost: the next one counts
                    }
                }
            }, "capacity-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(2000);
        }
    }

    @Test
    @Order(1)
    void cutoverJoinsNewNodesFirstNeverDropsCapacityAndFreesTheOldHosts() throws Exception {
        HybridNodePool p = PoolUpgradeLab.pool("upg-cut", "dallas-dc", List.of("dallas-08", "dallas-09"));
        create(p);
        Map<String, String> before = versions(p.name());
        assertThat(hostPool("dallas-08")).isEqualTo(p.name());
        assertThat(before).hasSize(2).allSatisfy((n, v) -> assertThat(v).startsWith("v1.30."));
        PoolUpgrade.Options o = new PoolUpgrade.Options(2, PoolUpgrade.Strategy.CUTOVER, 1, 1, true, Duration.ZERO,
                Duration.ofSeconds(60), null);
        Journal j;
        try (Capacity cap = new Capacity(p.name())) {
            j = upgrade(p.name(), o, plan -> {
                assertThat(plan.nodes()).extracting(UpgradePlan.NodePlan::method).containsOnly(UpgradePlan.Method.CUTOVER);
                assertThat(plan.nodes()).extracting(UpgradePlan.NodePlan::batch).containsExactly(1, 2);
                assertThat(plan.planText()).contains("replaced by a new node on free host dallas-10",
                        "replaced by a new node on free host dallas-12");
            }, new CancelToken(), x -> cutoverUpdates.incrementAndGet());
            cap.close();
            assertThat(cap.samples.get()).isGreaterThan(10);
            assertThat(cap.fewest.get()).as("fewest Ready schedulable nodes at once").isEqualTo(2);
        }
        assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
        Map<String, String> after = versions(p.name());
        assertThat(after).hasSize(2).allSatisfy((n, v) -> assertThat(v).startsWith("v1.31."));
        assertThat(after.keySet()).doesNotContainAnyElementsOf(before.keySet());
        try (PoolStore.Pools pools = lab.pools()) {
            PoolStore.Stored s = pools.get(p.name()).orElseThrow();
            assertThat(s.pool().hostNames()).containsExactly("dallas-10", "dallas-12");
            assertThat(s.pool().profile().version()).isEqualTo(2);
            assertThat(s.status().phase()).isEqualTo("Running");
            assertThat(s.status().readyText()).isEqualTo("2/2");
            assertThat(s.status().members()).extracting(PoolStore.Member::node).containsExactlyInAnyOrderElementsOf(after.keySet());
            for (String old : before.keySet()) {
                assertThat(pools.node(old)).as(old + " deleted").isEmpty();
                assertThat(NodeRemoval.listed(lab.ssm, PoolLab.REF.region(), old)).as(old + " deregistered").isFalse();
            }
        }
        assertThat(hostPool("dallas-08")).as("old host available").isEmpty();
        assertThat(hostPool("dallas-09")).as("old host available").isEmpty();
        assertThat(hostPool("dallas-10")).isEqualTo(p.name());
        assertThat(hostPool("dallas-12")).isEqualTo(p.name());
        for (String h : List.of("dallas-10", "dallas-12")) {
            assertThat(PoolUpgradeLab.ran(h, INIT)).as(h + " initialised once").isEqualTo(1);
        }
        List<Event> events = events(p.name());
        assertThat(events).extracting(Event::getReason).contains("UpgradeStarted", "NodeJoined", "NodeAdopted", "NodeCordoned",
                "NodeDrained", "NodeUninstalled", "NodeDeleted", "NodeRemoved", "PoolUpgraded");
        assertThat(events).filteredOn(e -> e.getReason().equals("NodeJoined") && e.getMessage().contains("joined pool upg-cut "
                + "at v2")).hasSize(2);
    }

    @Test
    @Order(2)
    void repaveAskedForAnSsmPoolKeepsTheHostsAndRenamesTheNodes() throws Exception {
        HybridNodePool p = PoolUpgradeLab.pool("upg-rep", "dallas-dc", List.of("dallas-13", "dallas-14"));
        create(p);
        Map<String, String> before = versions(p.name());
        assertThat(before).hasSize(2);
        PoolUpgrade.Options o = new PoolUpgrade.Options(2, PoolUpgrade.Strategy.REPAVE, 1, 1, true, Duration.ZERO,
                Duration.ofSeconds(60), null);
        Journal j;
        try (PoolUpgradeLab.Sampler sampler = new PoolUpgradeLab.Sampler(lab, p.name())) {
            j = upgrade(p.name(), o, plan -> {
                assertThat(plan.nodes()).extracting(UpgradePlan.NodePlan::method).containsOnly(UpgradePlan.Method.REPAVE);
                assertThat(plan.planText()).contains("a repave was asked", "the node's name changes");
            }, new CancelToken(), x -> { });
            sampler.close();
            assertThat(sampler.most()).as("most nodes unavailable at once").isEqualTo(1);
        }
        assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
        Map<String, String> after = versions(p.name());
        assertThat(after).hasSize(2).allSatisfy((n, v) -> assertThat(v).startsWith("v1.31."));
        assertThat(after.keySet()).as("new registrations, new names").doesNotContainAnyElementsOf(before.keySet());
        try (PoolStore.Pools pools = lab.pools()) {
            PoolStore.Stored s = pools.get(p.name()).orElseThrow();
            assertThat(s.pool().hostNames()).containsExactly("dallas-13", "dallas-14");
            assertThat(s.pool().profile().version()).isEqualTo(2);
            assertThat(s.status().phase()).isEqualTo("Running");
            assertThat(s.status().members()).extracting(PoolStore.Member::node).containsExactlyInAnyOrderElementsOf(after.keySet());
            for (String old : before.keySet()) {
                assertThat(NodeRemoval.listed(lab.ssm, PoolLab.REF.region(), old)).as(old + " deregistered").isFalse();
            }
        }
        for (String h : p.hostNames()) {
            assertThat(PoolUpgradeLab.ran(h, "sudo -n nodeadm uninstall")).as(h + " uninstalled once").isEqualTo(1);
            assertThat(PoolUpgradeLab.ran(h, INIT)).as(h + " initialised again once").isEqualTo(1);
            assertThat(hostPool(h)).isEqualTo(p.name());
            assertThat(lab.hosts().exec(h, "sudo -n cat /etc/hybridpane/nodeconfig.yaml", null).stdout())
                    .contains("hybridpane.dev/profile-version=2");
        }
        assertThat(events(p.name())).filteredOn(e -> e.getReason().equals("NodeRepaved")).hasSize(2);
    }

    @Test
    @Order(3)
    void cutoverKilledAtManyPointsAndResumedByAnotherConsoleDoesNothingTwice() throws Exception {
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-03", "dallas-16"));
        HybridNodePool p = PoolUpgradeLab.pool("upg-cut-resume", "dallas-dc", List.of("dallas-03", "dallas-16"));
        create(p);
        Map<String, String> before = versions(p.name());
        PoolUpgrade.Options o = new PoolUpgrade.Options(2, PoolUpgrade.Strategy.CUTOVER, 1, 1, true, Duration.ZERO,
                Duration.ofSeconds(60), null);
        // killed at random journal updates drawn from those of test 1's undisturbed cutover of the same shape (5 points, or
        // -Dchaos.points), so every point is one that happens; each run resumes what the one before left
        KillPoints points = new KillPoints("cutover", 5);
        Map<String, String> joined = new TreeMap<>();
        KillPoints.Chain chain = points.chain(cutoverUpdates.get() > 0 ? cutoverUpdates.get() : 60,
                w -> {
                    Journal closed = closedOnV2(p.name());
                    return closed != null ? closed : upgrade(p.name(), o, plan -> {
                        if (plan.rebuild() != null) { // null: a run killed after its last node left nothing to rebuild
                            plan.rebuild().replacements().forEach(joined::putIfAbsent);
                        }
                    }, new CancelToken(), x -> { }, w);
                });
        assertThat(chain.kills()).as("kills before nothing was left").isPositive();
        Journal last = chain.last();
        assertThat(last.status()).as(String.valueOf(last.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(joined).as("the same free host replaces each old host in every run").hasSize(2);
        Map<String, String> after = versions(p.name());
        assertThat(after).hasSize(2).allSatisfy((n, v) -> assertThat(v).startsWith("v1.31."));
        assertThat(after.keySet()).doesNotContainAnyElementsOf(before.keySet());
        try (PoolStore.Pools pools = lab.pools()) {
            PoolStore.Stored s = pools.get(p.name()).orElseThrow();
            assertThat(s.pool().hostNames()).containsExactlyInAnyOrderElementsOf(joined.values());
            assertThat(s.status().phase()).isEqualTo("Running");
            assertThat(s.status().members()).extracting(PoolStore.Member::node).containsExactlyInAnyOrderElementsOf(after.keySet());
        }
        for (String old : p.hostNames()) {
            assertThat(hostPool(old)).as(old + " available").isEmpty();
            assertThat(PoolUpgradeLab.ran(old, "sudo -n nodeadm uninstall")).as(old + " uninstalled once").isEqualTo(1);
        }
        for (String fresh : joined.values()) {
            assertThat(hostPool(fresh)).isEqualTo(p.name());
            assertThat(PoolUpgradeLab.ran(fresh, INIT)).as(fresh + " initialised once").isEqualTo(1);
        }
    }
}
