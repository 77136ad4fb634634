package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;

/**
 * Day-2 on the lab: a pool created, then one node removed (node remove), a pool shrunk and one grown through its file
 * (pool apply), and a removal interrupted after its drain and resumed by another workstation.
 */
class NodeRemovalLabTest {
    static final String NS = PoolStore.NAMESPACE;
    static final NodeRemoval.Timings FAST = new NodeRemoval.Timings(Duration.ofSeconds(60), Duration.ofMillis(200),
            Duration.ofSeconds(5));
    @TempDir
    static Path dir;
    static PoolLab lab;

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
        lab.lab.nodeadmBackend().kubelets().setTimings(Duration.ofMillis(300), Duration.ofSeconds(2));
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-08", "dallas-09", "dallas-10", "dallas-12", "dallas-13",
                "dallas-14", "dallas-03", "dallas-16"));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    static HybridNodePool pool(String name, String... hosts) {
        return new HybridNodePool(name, "dallas-dc", new ProfileRef("gpu-ssm", 1), Map.of("workload", "day2"), List.of(), "",
                List.of(), List.of(hosts).stream().map(PoolHost::of).toList());
    }

    /** pool apply: checks, then runs (a creation or a change) with the inventory; the journal listener sees each change. */
    static Journal apply(PoolService service, HybridNodePool p, Consumer<Journal> seen) throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            PoolService.Checked c = service.check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60));
            assertThat(c.errors()).as("checks").isEmpty();
            Journal j = service.apply(c.inputs(), pools, inv, NodeDrain.Options.DEFAULT, journals, lock, "test on ws",
                    new CancelToken(), seen);
            journals.flush();
            return j;
        }
    }

    static Journal create(HybridNodePool p) throws Exception {
        Journal j = apply(lab.service(), p, x -> { });
        assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
        return j;
    }

    static Journal remove(NodeRemovalService service, String node, CancelToken cancel, Consumer<Journal> seen) throws Exception {
        return remove(service, node, NodeDrain.Options.DEFAULT, cancel, seen);
    }

    static Journal remove(NodeRemovalService service, String node, NodeDrain.Options drain, CancelToken cancel,
                          Consumer<Journal> seen) throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            NodeRemovalService.Target t = service.resolve(PoolLab.REF, node, drain, pools, journals);
            Journal j = service.apply(t, pools, inv, lab.identity, journals, lock, "test on ws", cancel, seen);
            journals.flush();
            return j;
        }
    }

    static NodeRemovalService removals() {
        return new NodeRemovalService(lab.ssm, lab.edge, Clock.systemUTC()).withTimings(FAST);
    }

    static List<Node> nodes(String pool) {
        return lab.kube().nodes().withLabel("hybridpane.dev/pool", pool).list().getItems();
    }

    static StoredHost host(String name) {
        try (InventoryPort.Inventory inv = lab.inventory()) {
            return inv.hosts().stream().filter(h -> h.spec().name().equals(name)).findFirst().orElseThrow();
        }
    }

    static PoolStore.Stored stored(String pool) {
        try (PoolStore.Pools pools = lab.pools()) {
            return pools.get(pool).orElseThrow();
        }
    }

    static List<String> reasons(String pool) {
        return lab.kube().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> pool.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }

    static List<String> ssmInstances() {
        List<String> out = new ArrayList<>();
        lab.clients.ssm("us-west-2").describeInstanceInformationPaginator(b -> b.maxResults(50)).instanceInformationList()
                .forEach(i -> out.add(i.instanceId()));
        return out;
    }

    /** The node of a host is gone from the cluster, from SSM, from the pool; nodeadm is gone from the host; it is available. */
    static void assertRemoved(String pool, String host, String node) {
        assertThat(lab.kube().nodes().withName(node).get()).as("the Node").isNull();
        assertThat(ssmInstances()).as("SSM's managed instances").doesNotContain(node);
        assertThat(lab.hosts().exec(host, "sudo -n test -e /opt/nodeadm/tracker", null).exit()).as("tracker").isEqualTo(1);
        assertThat(lab.hosts().exec(host, "sudo -n test -e /var/lib/amazon/ssm/registration", null).exit()).isEqualTo(1);
        StoredHost h = host(host);
        assertThat(h.status().pool()).as("the EdgeHost's pool").isNull();
        assertThat(h.status().phase()).isEqualTo(HostPhase.AVAILABLE);
        PoolStore.Stored s = stored(pool);
        assertThat(s.pool().hostNames()).doesNotContain(host);
        assertThat(s.status().members()).extracting(PoolStore.Member::host).doesNotContain(host);
    }

    @Test
    void removingANodeDrainsUninstallsDeletesDeregistersAndFreesItsHost() throws Exception {
        Journal created = create(pool("day2-remove", "dallas-08", "dallas-09"));
        String node = created.outputs().get("dallas-09/node");
        String kept = created.outputs().get("dallas-08/node");
        assertThat(host("dallas-09").status().pool()).as("creation marks the host in pool").isEqualTo("day2-remove");
        assertThat(host("dallas-09").status().phase()).isEqualTo(HostPhase.IN_POOL);
        assertThat(ssmInstances()).contains(node);

        Journal j = remove(removals(), node, new CancelToken(), x -> { });

        assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(j.id()).isEqualTo("node-remove/us-west-2/retail-edge/" + node);
        assertThat(j.outputs()).containsEntry("input/pool", "day2-remove").containsEntry("input/host", "dallas-09");
        assertRemoved("day2-remove", "dallas-09", node);
        assertThat(nodes("day2-remove")).extracting(n -> n.getMetadata().getName()).containsExactly(kept);
        assertThat(stored("day2-remove").status().total()).isEqualTo(1);
        // nodeadm uninstall deregistered the instance itself, so the SSM step found it done (and wrote no Event)
        assertThat(reasons("day2-remove")).contains("NodeCordoned", "NodeUninstalled", "NodeNotReady", "NodeDeleted",
                "NodeRemoved").doesNotContain("NodeDeregistered");
        assertThat(lab.kube().v1().events().inNamespace(NS).list().getItems()).filteredOn(e -> "NodeRemoved".equals(e.getReason())
                && "day2-remove".equals(e.getInvolvedObject().getName())).singleElement()
                .extracting(Event::getMessage).isEqualTo("Host dallas-09 left pool day2-remove (node " + node
                        + " removed); the host is available.");
    }

    @Test
    void aPoolFileWithoutAHostShrinksThePoolAndOneWithAnotherHostGrowsItLeavingTheOtherNodesAlone() throws Exception {
        Journal created = create(pool("day2-file", "dallas-10", "dallas-12"));
        String n10 = created.outputs().get("dallas-10/node");
        String n12 = created.outputs().get("dallas-12/node");

        Journal grown = apply(lab.service(), pool("day2-file", "dallas-10", "dallas-12", "dallas-13"), x -> { });
        assertThat(grown.status()).as(String.valueOf(grown.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(grown.id()).isEqualTo("pool-change/us-west-2/retail-edge/day2-file");
        String n13 = grown.outputs().get("dallas-13/node");
        assertThat(n13).matches("mi-[0-9a-f]{17}");
        assertThat(nodes("day2-file")).extracting(n -> n.getMetadata().getName()).containsExactlyInAnyOrder(n10, n12, n13);
        assertThat(nodes("day2-file")).allSatisfy(n -> assertThat(n.getSpec().getUnschedulable()).as("not cordoned")
                .isNotEqualTo(Boolean.TRUE));
        assertThat(grown.log()).extracting(Journal.LogLine::text).contains("[dallas-10] already done: nodeadm init",
                "[dallas-12] already done: nodeadm init").doesNotContain("[dallas-10] nodeadm init");
        assertThat(host("dallas-13").status().pool()).isEqualTo("day2-file");
        assertThat(stored("day2-file").status().members()).extracting(PoolStore.Member::host)
                .containsExactly("dallas-10", "dallas-12", "dallas-13");

        Journal shrunk = apply(lab.service(), pool("day2-file", "dallas-10", "dallas-13"), x -> { });
        assertThat(shrunk.status()).as(String.valueOf(shrunk.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertRemoved("day2-file", "dallas-12", n12);
        assertThat(nodes("day2-file")).extracting(n -> n.getMetadata().getName()).containsExactlyInAnyOrder(n10, n13);
        assertThat(stored("day2-file").status().readyText()).isEqualTo("2/2");
    }

    @Test
    void aRemovalInterruptedAfterItsDrainIsFinishedByAnotherWorkstationWithNoNodeCordoned() throws Exception {
        Journal created = create(pool("day2-resume", "dallas-14"));
        String node = created.outputs().get("dallas-14/node");
        CancelToken cancel = new CancelToken();
        // a one-node pool: its app's budget (minAvailable 1) can never let the last pod go, so eviction is disabled
        NodeDrain.Options delete = new NodeDrain.Options(false, false, true, Duration.ofSeconds(60), Duration.ofSeconds(1));
        Journal first = remove(removals(), node, delete, cancel, j -> {
            if (j.steps().size() > 2 && (j.steps().get(2).state() == StepState.DONE
                    || j.steps().get(2).state() == StepState.ALREADY_DONE)) {
                cancel.cancel(); // after the drain (step 3: inputs, cordon, drain)
            }
        });
        assertThat(first.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(lab.kube().nodes().withName(node).get().getSpec().getUnschedulable()).as("cordoned, drained").isTrue();

        Journal second = remove(removals(), node, delete, new CancelToken(), x -> { });
        assertThat(second.status()).as(String.valueOf(second.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(second.steps().subList(1, 3)).allMatch(s -> s.state() == StepState.ALREADY_DONE);
        assertRemoved("day2-resume", "dallas-14", node);
        assertThat(lab.kube().nodes().list().getItems()).as("no node left cordoned")
                .noneMatch(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable()));
    }

    @Test
    void aShrinkInterruptedOnceTheSpecLostTheHostIsFinishedByAnotherWorkstationFromTheJournal() throws Exception {
        Journal created = create(pool("day2-cut", "dallas-03", "dallas-16"));
        String n16 = created.outputs().get("dallas-16/node");
        HybridNodePool shrunk = pool("day2-cut", "dallas-03");
        CancelToken cancel = new CancelToken();
        Journal first;
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            PoolService s = lab.service();
            PoolService.Checked c = s.check(shrunk, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60));
            first = s.apply(c.inputs(), pools, inv, NodeDrain.Options.DEFAULT, journals, lock, "ws-1", cancel, j -> {
                if (j.steps().size() > 1 && j.steps().get(1).state() == StepState.DONE) {
                    cancel.cancel(); // the spec was stored without dallas-16; its node is not removed yet
                }
            });
            journals.flush();
        }
        assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(OperationStatus.CANCELLED);
        assertThat(first.id()).isEqualTo("pool-change/us-west-2/retail-edge/day2-cut");
        assertThat(first.outputs()).containsEntry("input/remove/dallas-16", n16).containsKey("input/pool");
        assertThat(stored("day2-cut").pool().hostNames()).containsExactly("dallas-03");
        assertThat(lab.kube().nodes().withName(n16).get()).as("not removed yet").isNotNull();

        Journal second = apply(lab.service().withRemovalTimings(FAST), shrunk, x -> { });
        assertThat(second.status()).as(String.valueOf(second.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(second.id()).isEqualTo("pool-change/us-west-2/retail-edge/day2-cut");
        assertRemoved("day2-cut", "dallas-16", n16);
        assertThat(nodes("day2-cut")).hasSize(1).noneMatch(n -> Boolean.TRUE.equals(n.getSpec().getUnschedulable()));
    }
}
