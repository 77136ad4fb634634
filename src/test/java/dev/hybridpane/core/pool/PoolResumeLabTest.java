package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.Activation;
import software.amazon.awssdk.services.ssm.model.DescribeActivationsFilter;
import software.amazon.awssdk.services.ssm.model.DescribeActivationsFilterKeys;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;

/**
 * Pool creation killed after every step in turn (the cancel token fired from the journal listener when step k is done,
 * or when a host begins its step k), resumed from the journal each time, by the same workstation (one PoolService) or by
 * another (a fresh PoolService each run: no activation code in memory); dallas-17 drops its connection during its first
 * nodeadm install on the way. At the end: the journal says done, every node Ready, one Node and one SSM registration per
 * host, no host initialised twice, no activation beyond need, and a re-run creates nothing new.
 */
class PoolResumeLabTest {
    static final String NS = PoolStore.NAMESPACE;
    @TempDir
    static Path dir;
    static PoolLab lab;

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-08", "dallas-09", "dallas-10", "dallas-12", "dallas-13",
                "dallas-17", "dallas-14"));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Where run k is killed: a step of the operation done, or a host beginning one of its own steps. */
    record Point(String name, Predicate<Journal> reached) {
    }

    static Point stepDone(int index, String name) {
        return new Point("after " + name, j -> j.steps().get(index).state() == StepState.DONE
                || j.steps().get(index).state() == StepState.ALREADY_DONE);
    }

    static Point hostBegins(String title) {
        return new Point("while a host runs " + title, j -> j.log().stream().anyMatch(l -> l.text().matches("\\[[^]]+] "
                + title.replace(".", "\\."))));
    }

    static final List<Point> POINTS = List.of(stepDone(0, "the pool object"), stepDone(1, "the activation"),
            hostBegins("Write the NodeConfig"), hostBegins("nodeadm install"), hostBegins("nodeadm init"),
            stepDone(2, "the hosts"), stepDone(3, "the wait for Ready"));

    record Run(Journal journal, boolean killed, int hostsWithoutNode) {
    }

    static HybridNodePool pool(String name, String... hosts) {
        return new HybridNodePool(name, "dallas-dc", new ProfileRef("gpu-ssm", 1), Map.of("workload", "resume"), List.of(), "",
                List.of(), List.of(hosts).stream().map(PoolHost::of).toList());
    }

    static String opId(HybridNodePool p) {
        return "pool-create/us-west-2/retail-edge/" + p.name();
    }

    static Journal stored(HybridNodePool p) {
        try (Fabric8JournalStore j = new Fabric8JournalStore(lab.kube(), NS)) {
            return j.load(opId(p)).orElse(null);
        }
    }

    static Run run(PoolService service, HybridNodePool p, Point kill) throws Exception {
        return run(service, p, kill, Duration.ofSeconds(60), j -> { });
    }

    static Run run(PoolService service, HybridNodePool p, Point kill, Duration readyTimeout, Consumer<Journal> seen)
            throws Exception {
        Journal before = stored(p);
        int without = (int) p.hostNames().stream().filter(h -> before == null || !before.outputs().containsKey(h + "/node")).count();
        CancelToken cancel = new CancelToken();
        AtomicBoolean killed = new AtomicBoolean();
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            PoolService.Checked c = service.check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8, readyTimeout);
            assertThat(c.errors()).as("checks").isEmpty();
            Journal j = service.apply(c.inputs(), pools, journals, lock, "test on ws", cancel, now -> {
                seen.accept(now);
                if (kill != null && now.id().equals(opId(p)) && kill.reached().test(now)) {
                    killed.set(true);
                    cancel.cancel();
                }
            });
            journals.flush();
            return new Run(j, killed.get(), without);
        }
    }

    /** Runs until done, killing run k at POINTS[k]; {@code services} gives each run's PoolService. */
    static List<Run> killedAfterEveryStep(HybridNodePool p, Supplier<PoolService> services) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (Point kill : POINTS) {
            Run r = run(services.get(), p, kill);
            runs.add(r);
            assertThat(r.killed()).as("run " + runs.size() + " reached its kill point, " + kill.name()).isTrue();
            if (r.journal().status() == OperationStatus.FAILED) {
                assertThat(r.journal().error()).as("only dallas-17's dropped connection fails a run").contains("dallas-17 (")
                        .contains("1 of " + p.hosts().size() + " failed");
            } else {
                assertThat(r.journal().status()).as(kill.name() + ": " + r.journal().error()).isEqualTo(OperationStatus.CANCELLED);
            }
        }
        Run last = run(services.get(), p, null);
        runs.add(last);
        assertThat(last.journal().status()).as(String.valueOf(last.journal().error())).isEqualTo(OperationStatus.SUCCEEDED);
        return runs;
    }

    static List<Activation> activations(String pool) {
        return lab.clients.ssm("us-west-2").describeActivations(b -> b.filters(DescribeActivationsFilter.builder()
                .filterKey(DescribeActivationsFilterKeys.DEFAULT_INSTANCE_NAME).filterValues(pool).build())).activationList();
    }

    static long count(List<Run> runs, String line) {
        return runs.stream().flatMap(r -> r.journal().log().stream()).filter(l -> l.text().equals(line)).count();
    }

    /** The journal says done; one Ready Node, one SSM registration, one nodeadm init per host. */
    static void assertWhole(HybridNodePool p, List<Run> runs) {
        Journal done = stored(p);
        assertThat(done.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(done.steps()).allMatch(s -> s.state() == StepState.DONE || s.state() == StepState.ALREADY_DONE);
        List<Node> nodes = lab.kube().nodes().withLabel("hybridpane.dev/pool", p.name()).list().getItems();
        assertThat(nodes).as("one Node per host").hasSize(p.hosts().size());
        assertThat(nodes).allSatisfy(n -> assertThat(n.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
        }));
        List<InstanceInformation> instances = new ArrayList<>();
        lab.clients.ssm("us-west-2").describeInstanceInformationPaginator(b -> b.maxResults(50)).instanceInformationList()
                .forEach(instances::add);
        for (String h : p.hostNames()) {
            String node = done.outputs().get(h + "/node");
            assertThat(node).as(h + "'s node").matches("mi-[0-9a-f]{17}");
            assertThat(nodes).filteredOn(n -> n.getMetadata().getName().equals(node)).singleElement()
                    .satisfies(n -> assertThat(n.getSpec().getProviderID()).isEqualTo("eks-hybrid:///us-west-2/retail-edge/" + node));
            assertThat(instances).as(h + " registered with SSM once").filteredOn(i -> h.equals(i.computerName()))
                    .singleElement().extracting(InstanceInformation::instanceId).isEqualTo(node);
            assertThat(lab.hosts().exec(h, "sudo -n cat /var/lib/amazon/ssm/registration", null).stdout()).contains(node);
            assertThat(count(runs, "[" + h + "] nodeadm init")).as(h + " initialised once").isEqualTo(1);
        }
        if (p.hostNames().contains("dallas-17")) {
            assertThat(runs).as("dallas-17 dropped its connection once").filteredOn(r -> r.journal().status()
                    == OperationStatus.FAILED).hasSize(1);
            assertThat(count(runs, "[dallas-17] nodeadm install")).as("dallas-17: dropped, then installed again").isEqualTo(2);
        }
    }

    @Test
    void killedAfterEveryStepAndResumedByTheSameWorkstationUsesOneActivation() throws Exception {
        HybridNodePool p = pool("resume-same", "dallas-08", "dallas-09", "dallas-17");
        PoolService same = lab.service();
        List<Run> runs = killedAfterEveryStep(p, () -> same);
        assertWhole(p, runs);
        assertThat(runs.stream().filter(r -> r.journal().steps().get(1).state() == StepState.DONE)).as("one activation created")
                .hasSize(1);
        assertThat(activations(p.name())).singleElement().satisfies(a -> {
            assertThat(a.registrationLimit()).isEqualTo(3);
            assertThat(a.registrationsCount()).isEqualTo(3);
        });

        Run again = run(lab.service(), p, null);
        assertThat(again.journal().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(again.journal().steps().subList(0, 2)).allMatch(s -> s.state() == StepState.ALREADY_DONE);
        assertThat(activations(p.name())).as("a re-run creates no activation").hasSize(1);
        assertThat(lab.kube().nodes().withLabel("hybridpane.dev/pool", p.name()).list().getItems()).hasSize(3);
        assertThat(count(List.of(again), "[dallas-08] already done: nodeadm init")).isEqualTo(1);
    }

    @Test
    void killedAfterEveryStepAndResumedByAnotherWorkstationEachTimeCreatesActivationsOnlyWhenNeeded() throws Exception {
        HybridNodePool p = pool("resume-other", "dallas-10", "dallas-12", "dallas-13");
        List<Run> runs = killedAfterEveryStep(p, lab::service);
        assertWhole(p, runs);
        // another workstation holds no code: it needs a new activation exactly when hosts are still to join
        for (Run r : runs) {
            StepState activation = r.journal().steps().get(1).state();
            if (activation == StepState.SKIPPED || activation == StepState.PENDING) {
                continue;
            }
            assertThat(activation).as("activation step with " + r.hostsWithoutNode() + " host(s) to join")
                    .isEqualTo(r.hostsWithoutNode() > 0 ? StepState.DONE : StepState.ALREADY_DONE);
            if (activation == StepState.DONE) {
                assertThat(r.journal().log()).anySatisfy(l -> assertThat(l.text()).matches("activation \\S+ for "
                        + r.hostsWithoutNode() + " host\\(s\\), code held in memory only"));
            }
        }
        assertThat(activations(p.name())).as("the activations this one replaced were deleted").hasSize(1);
        Run again = run(lab.service(), p, null);
        assertThat(again.journal().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(again.journal().steps().get(1).state()).isEqualTo(StepState.ALREADY_DONE);
        assertThat(activations(p.name())).hasSize(1);
    }

    @Test
    void aNodeThatVanishesBeforeTheWaitIsDiagnosedWithItsHostAndLastNodeadmOutputAndARunAgainHealsIt() throws Exception {
        HybridNodePool p = pool("vanish", "dallas-14");
        AtomicBoolean deleted = new AtomicBoolean();
        Run r = run(lab.service(), p, null, Duration.ofSeconds(3), j -> {
            String node = j.outputs().get("dallas-14/node");
            if (j.id().equals(opId(p)) && j.steps().get(2).state() == StepState.DONE && node != null && !deleted.getAndSet(true)) {
                lab.kube().nodes().withName(node).delete(); // between the hosts and the wait for Ready
            }
        });
        assertThat(deleted).isTrue();
        String node = r.journal().outputs().get("dallas-14/node");
        String why = node + " (dallas-14): Node " + node + " of host dallas-14 is not in the cluster (it never registered, or was "
                + "deleted). The last nodeadm output on dallas-14: sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig.yaml: "
                + "exit 0, ";
        assertThat(r.journal().status()).isEqualTo(OperationStatus.FAILED);
        assertThat(r.journal().error()).startsWith("Step 4 failed: Not Ready after 3 s: " + node + " (dallas-14): not in the "
                + "cluster. Why: " + why).contains("Fix: check the kubelet on dallas-14 (sudo systemctl status kubelet), then run "
                + "pool apply again");
        assertThat(r.journal().log()).anySatisfy(l -> assertThat(l.text()).startsWith("Not Ready: " + why));
        assertThat(lab.kube().v1().events().inNamespace(NS).list().getItems()).filteredOn(e -> "vanish".equals(
                e.getInvolvedObject().getName()) && "NodeNotRegistered".equals(e.getReason())).singleElement()
                .satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).startsWith(why);
                });

        Run again = run(lab.service(), p, null);
        assertThat(again.journal().status()).as(String.valueOf(again.journal().error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(again.journal().outputs().get("dallas-14/node")).as("the same registration, the same node").isEqualTo(node);
        assertThat(lab.kube().nodes().withName(node).get()).isNotNull();
        // the host kept its SSM registration: no new activation was needed, and nodeadm init re-used the registration
        assertThat(again.journal().steps().get(1).state()).as("the activation step").isEqualTo(StepState.ALREADY_DONE);
        assertThat(activations("vanish")).as("the first activation only, its one registration used by dallas-14")
                .singleElement().extracting(Activation::registrationsCount).isEqualTo(1);
        List<InstanceInformation> instances = new ArrayList<>();
        lab.clients.ssm("us-west-2").describeInstanceInformationPaginator(b -> b.maxResults(50)).instanceInformationList()
                .forEach(instances::add);
        assertThat(instances).filteredOn(i -> "dallas-14".equals(i.computerName())).singleElement()
                .extracting(InstanceInformation::instanceId).isEqualTo(node);
    }
}
