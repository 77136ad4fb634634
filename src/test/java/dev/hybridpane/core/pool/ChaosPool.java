package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.ChaosFigures;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.KillPoints;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Pool operations run by a fresh console each (its own stores) on a {@link PoolLab}, with the journal store wrapped for
 * the kill points of {@link KillPoints}, and the figures the chaos suite reads from the lab afterwards: duplicates (a host
 * with two SSM registrations, more Nodes than hosts, an activation still usable once the pool is done), nodes left cordoned, hosts
 * initialised or upgraded twice (the commands {@link PoolUpgradeLab#counting} saw), a pool lease left held.
 */
final class ChaosPool {
    static final String INIT = "sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig.yaml";
    static final String UNINSTALL = "sudo -n nodeadm uninstall";

    private final PoolLab lab;

    ChaosPool(PoolLab lab) {
        this.lab = lab;
    }

    /** pool apply (a creation, or a change of hosts) by a fresh console. */
    Journal apply(HybridNodePool p, UnaryOperator<JournalStore> wrap, Consumer<Journal> seen) throws Exception {
        try {
            return apply(p, "chaos on ws", wrap, seen);
        } catch (OperationLock.LockedException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    /** pool apply by a fresh console of {@code holder}; a pool another console holds: {@link OperationLock.LockedException}. */
    Journal apply(HybridNodePool p, String holder, UnaryOperator<JournalStore> wrap, Consumer<Journal> seen) throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), PoolStore.NAMESPACE, Clock.systemUTC())) {
            PoolService s = new PoolService(lab.aws, lab.iam, lab.ssm, PoolUpgradeLab.counting(lab.edge), Clock.systemUTC());
            PoolService.Checked c = s.check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60));
            assertThat(c.errors()).as("checks").isEmpty();
            Journal j = s.apply(c.inputs(), pools, inv, NodeDrain.Options.DEFAULT, wrap.apply(journals), lock, holder,
                    new CancelToken(), seen);
            journals.flush();
            return j;
        }
    }

    /**
     * pool upgrade by a fresh console; when a run killed after the pool's last change left nothing to upgrade, the closed
     * journal ({@link FinishedUpgrades}).
     */
    Journal upgrade(String pool, PoolUpgrade.Options o, UnaryOperator<JournalStore> wrap, Consumer<Journal> seen) throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), PoolStore.NAMESPACE);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), PoolStore.NAMESPACE, Clock.systemUTC())) {
            PoolUpgrade up = new PoolUpgrade(lab.aws, lab.iam, lab.ssm, PoolUpgradeLab.counting(lab.edge), Clock.systemUTC())
                    .withRemovalTimings(PoolUpgradeRebuildLabTest.FAST);
            UpgradePlan plan = up.plan(PoolLab.REF, pool, o, pools, profiles, inv);
            if (!plan.errors().isEmpty() && plan.errors().stream().allMatch(e -> e.message().contains("already"))
                    && pools.get(pool).orElseThrow().pool().profile().version() == o.toVersion()) {
                // killed after the pool's spec moved to the new version (the upgrade's last change) but before its journal
                // said so: the upgrade is complete, a new plan refuses to upgrade to the version the pool is on, and the
                // journal is closed as `pool upgrade` and `pool resume` close it
                Journal closed = FinishedUpgrades.close(journals, PoolLab.REF, pools.get(pool).orElseThrow(), Instant.now())
                        .orElseThrow(() -> new AssertionError(pool + " is on v" + o.toVersion() + ", yet its unfinished "
                                + "upgrade journal was not closed"));
                journals.flush();
                System.out.println("CHAOS-NOTE " + pool + ": was on v" + o.toVersion() + " already, its journal closed ("
                        + closed.status() + ")");
                return closed;
            }
            assertThat(plan.errors()).as("plan").isEmpty();
            try {
                Journal j = up.apply(plan, lab.identity, pools, wrap.apply(journals), lock, "chaos on ws", new CancelToken(), null,
                        seen);
                journals.flush();
                return j;
            } catch (OperationLock.LockedException e) {
                throw new AssertionError(e.getMessage());
            }
        }
    }

    /** The journal updates of one undisturbed run (the kill points are drawn from them). */
    static int counted(KillPoints.Run run) throws Exception {
        List<KillPoints.Counting> counting = new ArrayList<>();
        run.run(s -> {
            KillPoints.Counting c = new KillPoints.Counting(s);
            counting.add(c);
            return c;
        });
        System.out.println("CHAOS-UPDATES an undisturbed run made " + counting.get(0).saves() + " journal updates");
        return counting.get(0).saves();
    }

    List<Node> nodes(String pool) {
        return PoolUpgradeLab.nodes(lab, pool);
    }

    /** Hosts with more than one SSM registration or Node, plus activations of the pool still usable (leaked codes). */
    int duplicates(String pool, Collection<String> hosts) {
        int d = 0;
        // SSM names an instance by its activation's default name (the pool) unless the host gives its own
        long registrations = lab.ssm.managedInstances(PoolLab.REF.region()).stream()
                .filter(i -> hosts.contains(i.name()) || pool.equals(i.name())).count();
        int extraRegistrations = (int) Math.max(0, registrations - hosts.size());
        int extraNodes = Math.max(0, nodes(pool).size() - hosts.size()); // a host joined twice is two Nodes
        List<ActivationPort.Activation> usable = lab.ssm.activationsTagged(PoolLab.REF.region(), SsmHygiene.CLUSTER_TAG,
                        lab.aws.describeCluster(PoolLab.REF).arn()).stream()
                .filter(a -> a.defaultInstanceName().equals(pool) && a.usable(Instant.now())).toList();
        System.out.println("CHAOS-DUPLICATES " + pool + ": registrations over hosts " + extraRegistrations + ", Nodes over hosts "
                + extraNodes + ", activations still usable " + usable);
        return d + extraRegistrations + extraNodes + usable.size();
    }

    int cordoned(String pool) {
        return (int) nodes(pool).stream().filter(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable())).count();
    }

    /** Hosts on which {@code command} ran more than once. */
    static int twice(Collection<String> hosts, String command) {
        return (int) hosts.stream().filter(h -> PoolUpgradeLab.ran(h, command) > 1).count();
    }

    /** 1 when the pool's lease is still held by someone (nobody runs anything on it now). */
    int leaseHeld(String pool) {
        try (Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), PoolStore.NAMESPACE, Clock.systemUTC())) {
            return lock.state(PoolLocks.lockName(pool)).isPresent() ? 1 : 0;
        }
    }

    /** Prints the row and asserts the goals. */
    void figures(String operation, String kill, KillPoints.Chain chain, int duplicates, int cordoned, int twice, int leftovers) {
        figures(operation, kill, chain, chain.finished(), duplicates, cordoned, twice, leftovers);
    }

    /** {@code finished}: the operation's effect is complete (checked by the caller). */
    void figures(String operation, String kill, KillPoints.Chain chain, boolean finished, int duplicates, int cordoned, int twice,
                 int leftovers) {
        ChaosFigures.row(operation, kill, chain.kills(), finished ? chain.kills() : 0, duplicates, cordoned, twice, leftovers);
        assertThat(finished).as(operation + " finished: " + (chain.last() == null ? "" : chain.last().error())).isTrue();
        assertThat(duplicates).as(operation + " duplicates").isZero();
        assertThat(cordoned).as(operation + " nodes left cordoned").isZero();
        assertThat(twice).as(operation + " hosts initialised or upgraded twice").isZero();
        assertThat(leftovers).as(operation + " leases left held").isZero();
    }
}
