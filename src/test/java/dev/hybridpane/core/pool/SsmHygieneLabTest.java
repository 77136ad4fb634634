package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSM hygiene on the lab: a pool's host registered with SSM whose Node was deleted is an orphan, listed and deregistered;
 * the pool's activation, its registrations used up, is deleted; a host whose Node is there is left alone.
 */
class SsmHygieneLabTest {
    static final String NS = PoolStore.NAMESPACE;
    static final String POOL = "ssm-tidy";
    @TempDir
    static Path dir;
    static PoolLab lab;
    static Journal created;
    static String clusterArn;

    @BeforeAll
    static void start() throws Exception {
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-14", "dallas-16"));
        HybridNodePool p = new HybridNodePool(POOL, "dallas-dc", new ProfileRef("gpu-ssm", 1), Map.of(), List.of(), "", List.of(),
                List.of(PoolHost.of("dallas-14"), PoolHost.of("dallas-16")));
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools(); Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            PoolService.Checked c = lab.service().check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60));
            assertThat(c.errors()).isEmpty();
            created = lab.service().apply(c.inputs(), pools, journals, lock, "test@ws", new CancelToken(), x -> { });
            journals.flush();
        }
        assertThat(created.status()).as(String.valueOf(created.error())).isEqualTo(OperationStatus.SUCCEEDED);
        clusterArn = lab.aws.describeCluster(PoolLab.REF).arn();
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    static SsmHygiene.Report scan(Duration grace) {
        try (PoolStore.Pools pools = lab.pools(); Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS)) {
            return new SsmHygiene(lab.ssm, Clock.systemUTC(), grace).scan(PoolLab.REF, clusterArn, pools, journals);
        }
    }

    static List<String> orphanIds(SsmHygiene.Report r) {
        return r.orphans().stream().map(SsmHygiene.Orphan::instanceId).toList();
    }

    static List<String> spentIds(SsmHygiene.Report r) {
        return r.spent().stream().map(SsmHygiene.SpentActivation::id).toList();
    }

    static List<String> registered() {
        return lab.ssm.managedInstances("us-west-2").stream().map(ActivationPort.ManagedInstance::instanceId).toList();
    }

    @Test
    void anOrphanIsListedAndDeregisteredAndTheSpentActivationDeleted() {
        String gone = created.outputs().get("dallas-14/node");
        String kept = created.outputs().get("dallas-16/node");
        String activation = created.outputs().get(PoolCreation.ACTIVATION);
        assertThat(gone).startsWith("mi-");
        assertThat(kept).startsWith("mi-");
        assertThat(registered()).contains(gone, kept);

        // before anything is wrong: the used-up activation is spent, nobody is an orphan
        SsmHygiene.Report healthy = scan(Duration.ZERO);
        assertThat(orphanIds(healthy)).doesNotContain(gone, kept);
        assertThat(healthy.spent()).anySatisfy(s -> {
            assertThat(s.id()).isEqualTo(activation);
            assertThat(s.pool()).isEqualTo(POOL);
            assertThat(s.why()).isEqualTo("registrations used up");
            assertThat(s.registrationsCount()).isEqualTo(2);
        });

        // a failed run's leftover: the host stays registered, its Node is gone
        lab.kube().nodes().withName(gone).delete();
        assertThat(lab.kube().nodes().withName(gone).get()).isNull();
        assertThat(orphanIds(scan(SsmHygiene.GRACE))).as("registered moments ago: may still be joining").doesNotContain(gone);
        SsmHygiene.Report report = scan(Duration.ZERO);
        assertThat(orphanIds(report)).contains(gone).doesNotContain(kept);
        SsmHygiene.Orphan o = report.orphans().stream().filter(x -> x.instanceId().equals(gone)).findFirst().orElseThrow();
        assertThat(o.activationId()).isEqualTo(activation);
        assertThat(o.pool()).isEqualTo(POOL);
        assertThat(o.text()).startsWith(gone + " (").endsWith("through activation " + activation + "): no Node in the cluster");

        SsmHygiene.Cleaned cleaned;
        try (PoolStore.Pools pools = lab.pools()) {
            cleaned = new SsmHygiene(lab.ssm, Clock.systemUTC(), Duration.ZERO).clean(PoolLab.REF, report, pools);
        }
        assertThat(cleaned.failures()).isEmpty();
        assertThat(cleaned.deregistered()).contains(gone).doesNotContain(kept);
        assertThat(cleaned.deleted()).contains(activation);
        assertThat(registered()).doesNotContain(gone).contains(kept);
        assertThat(lab.ssm.describe("us-west-2", activation)).isEmpty();
        assertThat(lab.kube().nodes().withName(kept).get()).as("the live node is untouched").isNotNull();
        List<Event> events = lab.kube().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> POOL.equals(e.getInvolvedObject().getName())).toList();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("ManagedInstanceDeregistered");
            assertThat(e.getMessage()).contains(gone);
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("ActivationDeleted");
            assertThat(e.getMessage()).contains(activation, "registrations used up");
        });

        SsmHygiene.Report after = scan(Duration.ZERO);
        assertThat(orphanIds(after)).doesNotContain(gone, kept);
        assertThat(spentIds(after)).doesNotContain(activation);
    }
}
