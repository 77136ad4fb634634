package dev.hybridpane.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.MemoryJournalStore;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationLock.LockState;
import dev.hybridpane.core.ops.OperationLock.LockedException;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An apply holds the cluster's network-fix lock for its run: refused naming another live holder, released however it ends. */
class NetworkFixLockTest {
    static final Instant T = Instant.parse("2026-12-07T14:00:00Z");

    /** One cluster's locks in memory, as every workstation would read them; {@code stale} marks a holder that stopped. */
    static final class MemoryLock implements OperationLock {
        final Map<String, LockState> held = new HashMap<>();
        final List<String> log = new ArrayList<>();
        boolean stale;

        @Override
        public synchronized Held acquire(String name, String holder, Duration ttl) throws LockedException {
            LockState s = held.get(name);
            if (s != null && !s.holder().equals(holder)) {
                throw new LockedException(s);
            }
            return take(name, holder, ttl);
        }

        @Override
        public synchronized Held takeOver(String name, String holder, Duration ttl) throws LockedException {
            LockState s = held.get(name);
            if (s != null && !s.holder().equals(holder) && !s.stale()) {
                throw new LockedException(s);
            }
            return take(name, holder, ttl);
        }

        private Held take(String name, String holder, Duration ttl) {
            held.put(name, new LockState(name, holder, T, T, ttl, false));
            log.add("take " + name + " " + holder);
            return new Held() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public boolean stillHeld() {
                    return true;
                }

                @Override
                public void close() {
                    synchronized (MemoryLock.this) {
                        held.remove(name);
                        log.add("release " + name + " " + holder);
                    }
                }
            };
        }

        @Override
        public synchronized Optional<LockState> state(String name) {
            return Optional.ofNullable(held.get(name));
        }
    }

    private final FakeNetworkWrites net = new FakeNetworkWrites();
    private final OperationEngine engine = new OperationEngine(new MemoryJournalStore(), Clock.systemUTC());
    private final NetworkFixes fixes = new NetworkFixes(net, net);
    private final MemoryLock lock = new MemoryLock();

    private static FixPlan plan() {
        DoctorCheck route = new DoctorCheck("aws.routes@rtb-1:10.211.0.0/16", "aws", "Routes", List.of(), DoctorStatus.FAIL, "s",
                List.of(), DoctorFix.automatic("create-route", Map.of("routeTableId", "rtb-1", "destinationCidr", "10.211.0.0/16",
                "targetKind", "transitGateway", "targetId", "tgw-1"), ""));
        return NetworkFixes.plan(new DoctorReport("warehouse-edge", "eu-central-1", T, List.of(route), null));
    }

    @Test
    void anApplyHoldsTheLockForItsRunAndReleasesIt() throws Exception {
        List<Optional<LockState>> during = new ArrayList<>();
        Journal j = fixes.apply(plan(), engine, lock, "arn:aws:iam::1:user/ana on ws-1", new CancelToken(),
                x -> during.add(lock.state(NetworkFixes.LOCK)));
        assertThat(j.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(during).isNotEmpty().allSatisfy(s -> assertThat(s).map(LockState::holder)
                .contains("arn:aws:iam::1:user/ana on ws-1"));
        assertThat(lock.state(NetworkFixes.LOCK)).as("released at the end").isEmpty();
        assertThat(lock.log).containsExactly("take network-fix arn:aws:iam::1:user/ana on ws-1",
                "release network-fix arn:aws:iam::1:user/ana on ws-1");
    }

    @Test
    void anotherLiveHolderRefusesTheApplyNamingItAndNothingChanges() throws Exception {
        try (OperationLock.Held other = lock.acquire(NetworkFixes.LOCK, "arn:aws:iam::1:user/bo on ws-2", NetworkFixes.LOCK_TTL)) {
            assertThatThrownBy(() -> fixes.apply(plan(), engine, lock, "arn:aws:iam::1:user/ana on ws-1", new CancelToken(), x -> { }))
                    .isInstanceOfSatisfying(LockedException.class, e -> {
                        assertThat(e.holder()).isEqualTo("arn:aws:iam::1:user/bo on ws-2");
                        assertThat(NetworkFixes.refusal("warehouse-edge", e)).startsWith("The network of warehouse-edge is being "
                                + "fixed from another workstation: network-fix is locked by arn:aws:iam::1:user/bo on ws-2 since ")
                                .doesNotContain("\n");
                    });
            assertThat(net.writes).isEmpty();
            assertThat(lock.state(NetworkFixes.LOCK)).map(LockState::holder).contains("arn:aws:iam::1:user/bo on ws-2");
        }
        // once the other workstation is done, the same plan applies
        assertThat(fixes.apply(plan(), engine, lock, "arn:aws:iam::1:user/ana on ws-1", new CancelToken(), x -> { }).status())
                .isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(net.writes).containsExactly("CreateRoute rtb-1 10.211.0.0/16 transitGateway tgw-1");
    }

    @Test
    void aFailedOrCancelledApplyReleasesTheLockToo() throws Exception {
        net.failNext = "ec2:CreateRoute was denied";
        Journal failed = fixes.apply(plan(), engine, lock, "ana on ws-1", new CancelToken(), x -> { });
        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(lock.state(NetworkFixes.LOCK)).isEmpty();

        CancelToken cancel = new CancelToken();
        cancel.cancel();
        Journal cancelled = fixes.apply(plan(), engine, lock, "ana on ws-1", cancel, x -> { });
        assertThat(cancelled.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(lock.state(NetworkFixes.LOCK)).isEmpty();
        assertThat(lock.log).hasSize(4).allMatch(l -> l.endsWith("network-fix ana on ws-1"));
    }

    @Test
    void aStaleLockOfAStoppedWorkstationIsTakenOver() throws Exception {
        lock.held.put(NetworkFixes.LOCK, new LockState(NetworkFixes.LOCK, "bo on ws-2", T, T, NetworkFixes.LOCK_TTL, true));
        assertThat(fixes.apply(plan(), engine, lock, "ana on ws-1", new CancelToken(), x -> { }).status())
                .isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(lock.log).first().isEqualTo("take network-fix ana on ws-1");
        assertThat(lock.state(NetworkFixes.LOCK)).isEmpty();
    }
}
