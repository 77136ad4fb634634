package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The state that operations share between workstations, in a lab cluster: journals as ConfigMaps (another
 * workstation reads and resumes them) and locks as Leases (one holder at a time; a stale one is taken over only explicitly).
 */
class KubeOperationStateTest {
    static final String NS = "default";
    static final String KEY = "us-west-2/retail-edge";
    static LabKube lab;
    static KubernetesClient one;
    static KubernetesClient two;

    @BeforeAll
    static void start() {
        lab = new LabKube(LabWorld.load());
        lab.start();
        one = lab.client(KEY);
        two = lab.client(KEY);
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
        lab.close();
    }

    @Test
    void aLeaseHasOneHolderAtATimeIsRenewedWhileHeldAndIsTakenOverOnlyExplicitlyOnceStale() throws Exception {
        try (Fabric8LeaseLock a = new Fabric8LeaseLock(one, NS, Clock.systemUTC());
             Fabric8LeaseLock b = new Fabric8LeaseLock(two, NS, Clock.systemUTC())) {
            OperationLock.Held held = a.acquire("pool/edge-gpu", "ana@ws-1", Duration.ofSeconds(6));
            assertThatThrownBy(() -> b.acquire("pool/edge-gpu", "bo@ws-2", Duration.ofSeconds(30)))
                    .isInstanceOf(OperationLock.LockedException.class).hasMessageContaining("ana@ws-1");
            // renewed while held (every third of its duration): its renewTime moves on, the holder stays
            String leaseName = Fabric8LeaseLock.leaseName("pool/edge-gpu");
            ZonedDateTime acquired = one.leases().inNamespace(NS).withName(leaseName).get().getSpec().getRenewTime();
            long deadline = System.currentTimeMillis() + 15_000;
            while (!one.leases().inNamespace(NS).withName(leaseName).get().getSpec().getRenewTime().isAfter(acquired)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            Lease renewed = one.leases().inNamespace(NS).withName(leaseName).get();
            assertThat(renewed.getSpec().getRenewTime()).isAfter(acquired);
            assertThat(renewed.getSpec().getHolderIdentity()).isEqualTo("ana@ws-1");
            assertThat(held.stillHeld()).isTrue();
            assertThatThrownBy(() -> b.acquire("pool/edge-gpu", "bo@ws-2", Duration.ofSeconds(30)))
                    .isInstanceOf(OperationLock.LockedException.class);
            held.close();
            Lease free = one.leases().inNamespace(NS).withName(leaseName).get();
            assertThat(free.getSpec().getHolderIdentity()).isNull();
            assertThat(b.state("pool/edge-gpu")).isEmpty();
            try (OperationLock.Held mine = b.acquire("pool/edge-gpu", "bo@ws-2", Duration.ofSeconds(30))) {
                assertThat(mine.stillHeld()).isTrue();
            }

            // a workstation that stopped: its lease was last renewed long ago, so it is stale; another is refused until it
            // takes it over explicitly, while the stopped holder itself resumes under it
            ZonedDateTime old = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
            String stale = Fabric8LeaseLock.leaseName("pool/store-pos");
            one.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata().withName(stale)
                    .endMetadata().withNewSpec().withHolderIdentity("cy@ws-3").withLeaseDurationSeconds(60)
                    .withAcquireTime(old).withRenewTime(old).withLeaseTransitions(4).endSpec().build()).create();
            OperationLock.LockState seen = a.state("pool/store-pos").orElseThrow();
            assertThat(seen.holder()).isEqualTo("cy@ws-3");
            assertThat(seen.stale()).isTrue();
            assertThat(seen.renewed()).isEqualTo(old.toInstant());
            assertThat(seen.ttl()).isEqualTo(Duration.ofSeconds(60));
            assertThatThrownBy(() -> a.acquire("pool/store-pos", "ana@ws-1", Duration.ofSeconds(30)))
                    .isInstanceOf(OperationLock.LockedException.class).hasMessageContaining("cy@ws-3")
                    .hasMessageContaining("stale").hasMessageContaining("take the lock over explicitly")
                    .satisfies(e -> assertThat(((OperationLock.LockedException) e).stale()).isTrue());
            assertThat(one.leases().inNamespace(NS).withName(stale).get().getSpec().getHolderIdentity()).isEqualTo("cy@ws-3");
            try (OperationLock.Held taken = a.takeOver("pool/store-pos", "ana@ws-1", Duration.ofSeconds(30))) {
                Lease now = one.leases().inNamespace(NS).withName(stale).get();
                assertThat(now.getSpec().getHolderIdentity()).isEqualTo("ana@ws-1");
                assertThat(now.getSpec().getLeaseTransitions()).isEqualTo(5);
                assertThat(taken.stillHeld()).isTrue();
                assertThat(taken.takenOver()).map(OperationLock.LockState::holder).contains("cy@ws-3");
                OperationLock.LockState live = b.state("pool/store-pos").orElseThrow();
                assertThat(live.holder()).isEqualTo("ana@ws-1");
                assertThat(live.stale()).isFalse();
                // a live lock is never taken over
                assertThatThrownBy(() -> b.takeOver("pool/store-pos", "bo@ws-2", Duration.ofSeconds(30)))
                        .isInstanceOf(OperationLock.LockedException.class).hasMessageContaining("ana@ws-1")
                        .satisfies(e -> assertThat(((OperationLock.LockedException) e).stale()).isFalse());
            }
            assertThat(a.state("pool/store-pos")).isEmpty();

            // the stopped holder, back, re-acquires its own stale lease without a take-over
            ZonedDateTime older = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5);
            Lease released = one.leases().inNamespace(NS).withName(stale).get();
            released.getSpec().setHolderIdentity("cy@ws-3");
            released.getSpec().setRenewTime(older);
            one.leases().inNamespace(NS).resource(released).update();
            try (OperationLock.Held again = b.acquire("pool/store-pos", "cy@ws-3", Duration.ofSeconds(30))) {
                assertThat(again.takenOver()).isEmpty();
                assertThat(b.state("pool/store-pos").orElseThrow().stale()).isFalse();
            }
        }
    }

    @Test
    void ofTwoWorkstationsTakingAFreeLeaseAtOnceExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Fabric8LeaseLock a = new Fabric8LeaseLock(one, NS, Clock.systemUTC());
             Fabric8LeaseLock b = new Fabric8LeaseLock(two, NS, Clock.systemUTC())) {
            for (int round = 0; round < 5; round++) {
                String name = "race-" + round;
                List<Callable<OperationLock.Held>> takers = List.of(() -> a.acquire(name, "ana", Duration.ofSeconds(30)),
                        () -> b.acquire(name, "bo", Duration.ofSeconds(30)));
                int won = 0;
                int refused = 0;
                for (Future<OperationLock.Held> f : pool.invokeAll(takers)) {
                    try {
                        f.get().close();
                        won++;
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(OperationLock.LockedException.class);
                        refused++;
                    }
                }
                assertThat(won).as("round " + round).isEqualTo(1);
                assertThat(refused).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aJournalInTheClusterIsReadAndResumedByAnotherWorkstation() throws Exception {
        AtomicInteger applied = new AtomicInteger();
        AtomicInteger failFirst = new AtomicInteger(1);
        List<String> created = new ArrayList<>();
        Operation op = new Operation("pool-create/us-west-2/retail-edge/edge-gpu", "pool-create", "Create pool edge-gpu",
                "retail-edge", List.of(
                Steps.of("activation", "ssm:CreateActivation", List.of("limit: 2"),
                        ctx -> ctx.get("activationId").isPresent(),
                        ctx -> {
                            applied.incrementAndGet();
                            created.add("activation");
                            ctx.put("activationId", "0c1f5d4e-1111-2222-3333-444455556666");
                        }),
                Steps.of("host-dallas-01", "nodeadm init on dallas-01", List.of(),
                        ctx -> created.contains("node"),
                        ctx -> {
                            if (failFirst.getAndDecrement() > 0) {
                                throw new IllegalStateException("the connection to dallas-01 dropped");
                            }
                            created.add("node");
                        })));
        try (Fabric8JournalStore ws1 = new Fabric8JournalStore(one, NS); Fabric8JournalStore ws2 = new Fabric8JournalStore(two, NS)) {
            Journal first = new OperationEngine(ws1, Clock.systemUTC()).run(op, new CancelToken(), j -> { });
            assertThat(first.status()).isEqualTo(OperationStatus.FAILED);

            // the second workstation sees the failed run, with the activation recorded
            Journal seen = ws2.load(op.id()).orElseThrow();
            assertThat(seen.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(seen.steps().get(0).state()).isEqualTo(StepState.DONE);
            assertThat(seen.outputs()).containsEntry("activationId", "0c1f5d4e-1111-2222-3333-444455556666");
            assertThat(ws2.list()).extracting(Journal::id).contains(op.id());

            // and resumes it: the activation is not created twice
            Journal second = new OperationEngine(ws2, Clock.systemUTC()).run(op, new CancelToken(), j -> { });
            assertThat(second.status()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(second.steps().get(0).state()).isEqualTo(StepState.ALREADY_DONE);
            assertThat(applied).hasValue(1);
            assertThat(created).containsExactly("activation", "node");
            assertThat(ws1.load(op.id()).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
            // the failed run is kept as history beside it
            assertThat(ws1.list()).filteredOn(j -> j.id().startsWith(op.id() + "-run-")).hasSize(1);
        }
    }

    @Test
    void logLinesAloneAreWrittenWithinASecondAndALongLogKeepsItsTail() throws Exception {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        Journal base = new Journal("log-test", "pool-create", "Create pool", "retail-edge", OperationStatus.RUNNING, t, null,
                List.of(new Journal.StepRecord("a", "step a", StepState.RUNNING, null)), Map.of(), List.of(), null);
        try (Fabric8JournalStore ws1 = new Fabric8JournalStore(one, NS); Fabric8JournalStore ws2 = new Fabric8JournalStore(two, NS)) {
            ws1.save(base);
            String name = Fabric8JournalStore.objectName(base.id());
            long before = Long.parseLong(one.configMaps().inNamespace(NS).withName(name).get().getMetadata().getResourceVersion());
            List<Journal.LogLine> lines = new ArrayList<>();
            for (int i = 0; i < Fabric8JournalStore.MAX_LOG_LINES + 50; i++) {
                lines.add(new Journal.LogLine(t.plusMillis(i), "line " + i));
                // one save per log line, as the engine does
                ws1.save(new Journal(base.id(), base.kind(), base.title(), base.target(), base.status(), t, null,
                        base.steps(), base.outputs(), lines, null));
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (ws2.load(base.id()).orElseThrow().log().size() < Fabric8JournalStore.MAX_LOG_LINES
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            long after = Long.parseLong(one.configMaps().inNamespace(NS).withName(name).get().getMetadata().getResourceVersion());
            // 450 log lines cost a write a second, not 450 writes (the lab's resourceVersion counts every write)
            assertThat(after - before).isBetween(1L, 60L);
            List<Journal.LogLine> stored = ws2.load(base.id()).orElseThrow().log();
            assertThat(stored).hasSize(Fabric8JournalStore.MAX_LOG_LINES);
            assertThat(stored.get(stored.size() - 1).text()).isEqualTo("line " + (Fabric8JournalStore.MAX_LOG_LINES + 49));
        }
    }
}
