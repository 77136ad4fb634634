package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.ops.OperationLock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link OperationLock} as coordination.k8s.io/v1 Leases in a namespace of the cluster, the object Kubernetes itself
 * uses for node heartbeats and leader election: {@code holderIdentity}, {@code leaseDurationSeconds},
 * {@code acquireTime}, {@code renewTime}, {@code leaseTransitions}. A lease is free when it has no holder; it is
 * stale when its {@code renewTime + leaseDurationSeconds} has passed: its holder re-acquires it, anyone else only
 * through {@link #takeOver}. Every write carries the resourceVersion it read, so of two
 * workstations taking the same lease at once the API server lets exactly one win (the other gets a 409). A held lease
 * is renewed every third of its duration; closing it clears the holder.
 */
public final class Fabric8LeaseLock implements OperationLock, AutoCloseable {
    private final KubernetesClient client;
    private final String namespace;
    private final Clock clock;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-renewal");
        t.setDaemon(true);
        return t;
    });

    /** @param client used, not owned */
    public Fabric8LeaseLock(KubernetesClient client, String namespace, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.clock = clock;
    }

    /** The lease's object name for a lock name: lowercase DNS-1123, prefixed. */
    static String leaseName(String name) {
        String n = "hybridpane-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        n = n.length() > 253 ? n.substring(0, 253) : n;
        return n.replaceAll("[^a-z0-9]+$", "");
    }

    @Override
    public Held acquire(String name, String holder, Duration ttl) throws LockedException {
        String leaseName = leaseName(name);
        int seconds = (int) Math.max(1, ttl.toSeconds());
        take(name, leaseName, holder, seconds, false);
        return new LeaseHeld(name, leaseName, holder, seconds, null);
    }

    @Override
    public Held takeOver(String name, String holder, Duration ttl) throws LockedException {
        String leaseName = leaseName(name);
        int seconds = (int) Math.max(1, ttl.toSeconds());
        LockState previous = take(name, leaseName, holder, seconds, true);
        return new LeaseHeld(name, leaseName, holder, seconds, previous);
    }

    @Override
    public Optional<LockState> state(String name) {
        return Optional.ofNullable(state(name, read(leaseName(name))));
    }

    private LockState state(String name, Lease lease) {
        if (lease == null || lease.getSpec() == null) {
            return null;
        }
        String owner = lease.getSpec().getHolderIdentity();
        if (owner == null || owner.isEmpty()) {
            return null;
        }
        ZonedDateTime acquired = lease.getSpec().getAcquireTime();
        ZonedDateTime renewed = lease.getSpec().getRenewTime() != null ? lease.getSpec().getRenewTime() : acquired;
        Integer d = lease.getSpec().getLeaseDurationSeconds();
        return new LockState(name, owner, acquired == null ? null : acquired.toInstant(),
                renewed == null ? Instant.EPOCH : renewed.toInstant(), Duration.ofSeconds(d == null ? 0 : d), expired(lease));
    }

    /**
     * Takes the lease for {@code holder}: created when missing; renewed when already the holder's; taken when free; a
     * stale one of someone else only when {@code takeOver} (its state is returned); otherwise refused. A 409 while the
     * lease is still as it was read (nobody else wrote it) takes it again; after another's write it is refused, naming
     * the holder.
     */
    private LockState take(String name, String leaseName, String holder, int seconds, boolean takeOver) throws LockedException {
        for (int attempt = 1; ; attempt++) {
            Lease current = read(leaseName);
            try {
                return takeFrom(current, name, leaseName, holder, seconds, takeOver);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                Lease winner = read(leaseName);
                if (attempt < KubeRetry.ATTEMPTS && unchanged(current, winner)) {
                    continue; // refused though nobody else wrote it since it was read: take it again
                }
                LockState won = state(name, winner);
                if (won != null) {
                    throw new LockedException(won);
                }
                throw new LockedException(name, "another workstation", clock.instant());
            }
        }
    }

    private Lease read(String leaseName) {
        return KubeRetry.throttled(() -> client.leases().inNamespace(namespace).withName(leaseName).get());
    }

    /** Whether a lease is still as it was read (both absent, or at the same resourceVersion). */
    private static boolean unchanged(Lease before, Lease now) {
        if (before == null || now == null) {
            return before == now;
        }
        return before.getMetadata().getResourceVersion() != null
                && before.getMetadata().getResourceVersion().equals(now.getMetadata().getResourceVersion());
    }

    private LockState takeFrom(Lease current, String name, String leaseName, String holder, int seconds, boolean takeOver)
            throws LockedException {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        if (current == null) {
            KubeRetry.throttled(() -> client.leases().inNamespace(namespace).resource(new LeaseBuilder().withNewMetadata()
                    .withName(leaseName).withNamespace(namespace).addToLabels("app.kubernetes.io/managed-by", "hybridpane").endMetadata()
                    .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(seconds).withAcquireTime(now)
                    .withRenewTime(now).withLeaseTransitions(0).endSpec().build()).create());
            return null;
        }
        LockState held = state(name, current);
        boolean mine = held != null && holder.equals(held.holder());
        LockState takenFrom = null;
        if (held != null && !mine) {
            if (!held.stale() || !takeOver) {
                throw new LockedException(held);
            }
            takenFrom = held;
        }
        Lease next = new LeaseBuilder(current).editSpec().withHolderIdentity(holder).withLeaseDurationSeconds(seconds)
                .withRenewTime(now).endSpec().build();
        if (!mine) {
            Integer transitions = current.getSpec().getLeaseTransitions();
            next.getSpec().setAcquireTime(now);
            next.getSpec().setLeaseTransitions(transitions == null ? 1 : transitions + 1);
        }
        // carries the resourceVersion it read
        KubeRetry.throttled(() -> client.leases().inNamespace(namespace).resource(next).update());
        return takenFrom;
    }

    private boolean expired(Lease lease) {
        return !expiry(lease).isAfter(clock.instant());
    }

    private static Instant expiry(Lease lease) {
        ZonedDateTime renewed = lease.getSpec().getRenewTime() != null ? lease.getSpec().getRenewTime()
                : lease.getSpec().getAcquireTime();
        Integer d = lease.getSpec().getLeaseDurationSeconds();
        return renewed == null ? Instant.EPOCH : renewed.toInstant().plusSeconds(d == null ? 0 : d);
    }

    private final class LeaseHeld implements Held {
        private final String name;
        private final String leaseName;
        private final String holder;
        private final AtomicBoolean held = new AtomicBoolean(true);
        private final ScheduledFuture<?> renewal;

        private final LockState takenOver;

        LeaseHeld(String name, String leaseName, String holder, int seconds, LockState takenOver) {
            this.name = name;
            this.takenOver = takenOver;
            this.leaseName = leaseName;
            this.holder = holder;
            long every = Math.max(200, seconds * 1000L / 3);
            this.renewal = renewals.scheduleWithFixedDelay(() -> renew(seconds), every, every, TimeUnit.MILLISECONDS);
        }

        private void renew(int seconds) {
            if (!held.get()) {
                return;
            }
            try {
                take(name, leaseName, holder, seconds, false);
            } catch (LockedException e) {
                held.set(false); // it expired and someone else took it: what runs under it must stop
                renewal.cancel(false);
            } catch (RuntimeException e) {
                // the API server is unreachable for now: try again at the next renewal; the lease may expire meanwhile
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<LockState> takenOver() {
            return Optional.ofNullable(takenOver);
        }

        @Override
        public boolean stillHeld() {
            return held.get();
        }

        @Override
        public void close() {
            renewal.cancel(false);
            if (!held.getAndSet(false)) {
                return;
            }
            try {
                // released only while it is this holder's: a 409 reads it again, and a lease taken meanwhile is left alone
                KubeRetry.rereading(() -> {
                    Lease current = client.leases().inNamespace(namespace).withName(leaseName).get();
                    if (current != null && current.getSpec() != null && holder.equals(current.getSpec().getHolderIdentity())) {
                        current.getSpec().setHolderIdentity(null);
                        current.getSpec().setRenewTime(null);
                        client.leases().inNamespace(namespace).resource(current).update();
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                // not released: it expires after its duration
            }
        }
    }

    @Override
    public void close() {
        renewals.shutdownNow();
    }
}
