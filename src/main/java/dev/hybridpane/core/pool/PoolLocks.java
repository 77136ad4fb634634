package dev.hybridpane.core.pool;

import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationLock.LockState;
import dev.hybridpane.core.ops.OperationLock.LockedException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one way a pool operation takes its pool's lock (a Lease {@code hybridpane-pool-NAME}, holder "user on host",
 * renewed while the operation runs) and the one way a view reads it. A lock not renewed for {@link #TTL} is stale: its
 * holder resumes under it again, anyone else only by an explicit take-over, which is recorded as an Event on the pool.
 */
public final class PoolLocks {
    /** How long a renewal holds a pool's lock; a lock not renewed for this long is stale. */
    public static final Duration TTL = Duration.ofMinutes(2);
    /** The Event reason of a take-over. */
    public static final String TAKEN_OVER = "LeaseTakenOver";

    private PoolLocks() {
    }

    /** The lock's name for a pool ("pool-NAME"; the Lease is hybridpane-pool-NAME). */
    public static String lockName(String pool) {
        return "pool-" + pool;
    }

    /**
     * Takes the pool's lock for {@code holder}. A live lock of someone else is refused (the exception names the holder and
     * since when); so is a stale one unless {@code takeOver}, in which case it is taken and an Event
     * "LeaseTakenOver: HOLDER took over the pool's lease from PREVIOUS, last renewed T" is written on the pool.
     *
     * @throws PoolStoreException the take-over could not be recorded (the lock is then released again)
     */
    public static OperationLock.Held acquire(PoolStore.Pools pools, OperationLock lock, String pool, String holder,
                                             boolean takeOver) throws LockedException {
        if (!takeOver) {
            return lock.acquire(lockName(pool), holder, TTL);
        }
        OperationLock.Held held = lock.takeOver(lockName(pool), holder, TTL);
        Optional<LockState> from = held.takenOver();
        if (from.isPresent()) {
            try {
                pools.event(pool, PoolStore.EventType.Warning, TAKEN_OVER, holder + " took over the pool's lease from "
                        + from.get().holder() + ", last renewed " + time(from.get().renewed()) + ".");
            } catch (RuntimeException e) {
                held.close();
                throw e;
            }
        }
        return held;
    }

    /** Who holds the pool's lock now (live or stale); empty when nobody does. */
    public static Optional<LockState> state(OperationLock lock, String pool) {
        return lock.state(lockName(pool));
    }

    /**
     * For a view: "Updating, held by X since T" for a live lock, or for a stale one "Stale lock, held by X since T, last
     * renewed T2: take it over to run an operation".
     */
    public static String text(LockState s) {
        if (s.stale()) {
            return "Stale lock, held by " + s.holder() + " since " + time(s.since()) + ", last renewed " + time(s.renewed())
                    + ": take it over to run an operation";
        }
        return "Updating, held by " + s.holder() + " since " + time(s.since());
    }

    /** An instant to the second, ISO-8601 UTC. */
    static String time(Instant t) {
        return t == null ? "an unknown time" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
