package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationLock.LockState;
import dev.hybridpane.core.ops.OperationLock.LockedException;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two consoles (two clients, two lock instances) on the lab's API server, taking one pool's lock through {@link PoolLocks}:
 * one wins a race and the other is told who holds it; a lock its holder stopped renewing is stale, refused to others
 * until they take it over explicitly, and the take-over is an Event on the pool.
 */
class PoolLocksLabTest {
    static final String NS = PoolStore.NAMESPACE;
    @TempDir
    static Path dir;
    static PoolLab lab;
    static KubernetesClient one;
    static KubernetesClient two;

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
        one = lab.lab.kube().client("us-west-2/retail-edge");
        two = lab.lab.kube().client("us-west-2/retail-edge");
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
        lab.close();
    }

    @Test
    void twoConsolesRacingForAPoolOneRunsAndTheOtherIsRefusedNamingTheHolder() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (PoolStore.Pools pools = lab.pools();
             Fabric8LeaseLock a = new Fabric8LeaseLock(one, NS, Clock.systemUTC());
             Fabric8LeaseLock b = new Fabric8LeaseLock(two, NS, Clock.systemUTC())) {
            for (int round = 0; round < 4; round++) {
                String pool = "race-pool-" + round;
                boolean takeOver = round % 2 == 0; // asking to take over changes nothing while the lock is free or live
                List<Callable<OperationLock.Held>> consoles = List.of(
                        () -> PoolLocks.acquire(pools, a, pool, "ana on ws-1", false),
                        () -> PoolLocks.acquire(pools, b, pool, "bo on ws-2", takeOver));
                List<OperationLock.Held> won = new ArrayList<>();
                List<LockedException> refused = new ArrayList<>();
                for (Future<OperationLock.Held> f : threads.invokeAll(consoles)) {
                    try {
                        won.add(f.get());
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(LockedException.class);
                        refused.add((LockedException) e.getCause());
                    }
                }
                assertThat(won).as("round " + round).hasSize(1);
                assertThat(refused).hasSize(1);
                LockState state = PoolLocks.state(a, pool).orElseThrow();
                String winner = state.holder();
                assertThat(winner).isIn("ana on ws-1", "bo on ws-2");
                assertThat(state.stale()).isFalse();
                assertThat(refused.get(0).getMessage()).startsWith("pool-" + pool + " is locked by " + winner);
                assertThat(refused.get(0).stale()).isFalse();
                assertThat(PoolLocks.text(PoolLocks.state(b, pool).orElseThrow())).startsWith("Updating, held by " + winner + " since ");
                // and a console that starts later, even asking to take over, is refused while the lock is live
                assertThatThrownBy(() -> PoolLocks.acquire(pools, b, pool, "cy on ws-3", true))
                        .isInstanceOf(LockedException.class).hasMessageContaining(winner);
                won.get(0).close();
                assertThat(PoolLocks.state(a, pool)).isEmpty();
            }
            assertThat(events("race-pool-0")).as("no take-over happened").isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aStaleLockIsRefusedUntilTakenOverExplicitlyAndTheTakeOverIsAnEventOnThePool() throws Exception {
        String pool = "stale-pool";
        try (PoolStore.Pools pools = lab.pools()) {
            // ws-1 takes the lock and stops (its renewals end, the lease keeps its holder)
            Fabric8LeaseLock ws1 = new Fabric8LeaseLock(one, NS, Clock.systemUTC());
            PoolLocks.acquire(pools, ws1, pool, "ana on ws-1", false);
            LockState live = PoolLocks.state(ws1, pool).orElseThrow();
            ws1.close();
            // ws-2 looks PoolLocks.TTL and a minute later
            Clock later = Clock.offset(Clock.systemUTC(), PoolLocks.TTL.plusMinutes(1));
            try (Fabric8LeaseLock ws2 = new Fabric8LeaseLock(two, NS, later)) {
                LockState stale = PoolLocks.state(ws2, pool).orElseThrow();
                assertThat(stale.stale()).isTrue();
                assertThat(stale.holder()).isEqualTo("ana on ws-1");
                assertThat(stale.renewed()).isEqualTo(live.renewed());
                assertThat(PoolLocks.text(stale)).startsWith("Stale lock, held by ana on ws-1 since ")
                        .contains("take it over");
                assertThatThrownBy(() -> PoolLocks.acquire(pools, ws2, pool, "bo on ws-2", false))
                        .isInstanceOf(LockedException.class).hasMessageContaining("ana on ws-1").hasMessageContaining("stale")
                        .hasMessageContaining("take the lock over explicitly");
                assertThat(events(pool)).isEmpty();

                try (OperationLock.Held taken = PoolLocks.acquire(pools, ws2, pool, "bo on ws-2", true)) {
                    assertThat(taken.stillHeld()).isTrue();
                    assertThat(taken.takenOver()).map(LockState::holder).contains("ana on ws-1");
                    LockState now = PoolLocks.state(ws2, pool).orElseThrow();
                    assertThat(now.holder()).isEqualTo("bo on ws-2");
                    assertThat(now.stale()).isFalse();
                    List<Event> recorded = events(pool);
                    assertThat(recorded).hasSize(1);
                    Event e = recorded.get(0);
                    assertThat(e.getReason()).isEqualTo("LeaseTakenOver");
                    assertThat(e.getInvolvedObject().getKind()).isEqualTo("HybridNodePool");
                    assertThat(e.getMessage()).isEqualTo("bo on ws-2 took over the pool's lease from ana on ws-1, last renewed "
                            + PoolLocks.time(live.renewed()) + ".");
                }
            }
        }
    }

    private static List<Event> events(String pool) {
        return one.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> pool.equals(e.getInvolvedObject().getName())).toList();
    }
}
