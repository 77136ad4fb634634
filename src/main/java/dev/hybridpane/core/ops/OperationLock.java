package dev.hybridpane.core.ops;

import java.time.Duration;
import java.time.Instant;

/**
 * A lock that every workstation sees, so that two administrators never run an operation on the same object at once
 * (in a cluster: a coordination.k8s.io Lease). A lock is held for {@code ttl} and renewed while held; a workstation
 * that dies lets it expire, and another may then take it and resume the operation from its journal. Blocking calls.
 */
public interface OperationLock {

    /**
     * Takes the lock {@code name} for {@code holder} (who and where, never a secret), or fails with a
     * {@link LockedException} naming who holds it and until when. Taking a lock this holder already holds renews it.
     */
    Held acquire(String name, String holder, Duration ttl) throws LockedException;

    /** A lock held: it is renewed in the background until closed; closing releases it. */
    interface Held extends AutoCloseable {
        String name();

        /** False once a renewal found the lock taken by someone else (after an expiry): stop what runs under it. */
        boolean stillHeld();

        @Override
        void close();
    }

    /** The lock is held by someone else. */
    final class LockedException extends Exception {
        private final String holder;
        private final Instant until;

        public LockedException(String name, String holder, Instant until) {
            super(name + " is locked by " + holder + " until " + until
                    + " (an operation is running there; it is released when it ends, or expires if that workstation stops).");
            this.holder = holder;
            this.until = until;
        }

        public String holder() {
            return holder;
        }

        public Instant until() {
            return until;
        }
    }
}
