package dev.hybridpane.core.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A lock that every workstation sees, so that two administrators never run an operation on the same object at once
 * (in a cluster: a coordination.k8s.io Lease). A lock is held for {@code ttl} and renewed while held. A lock whose holder
 * stopped renewing it for its ttl is <em>stale</em>: its holder re-acquires it (a resumed run), anyone else must take it
 * over explicitly ({@link #takeOver}), a choice the caller records. Blocking calls.
 */
public interface OperationLock {

    /**
     * Takes the lock {@code name} for {@code holder} (who and where, never a secret), or fails with a
     * {@link LockedException} naming who holds it, since when, and whether it is live or stale. Taking a lock this holder
     * already holds renews it; a free (never taken or released) lock is taken; a stale lock of someone else is refused.
     */
    Held acquire(String name, String holder, Duration ttl) throws LockedException;

    /**
     * Takes the lock {@code name} from its holder when it is stale ({@link Held#takenOver()} then says from whom), or as
     * {@link #acquire} does when it is free or already this holder's. A live lock of someone else is refused with a
     * {@link LockedException}; so is a stale one another workstation took over first.
     */
    Held takeOver(String name, String holder, Duration ttl) throws LockedException;

    /** Who holds the lock now; empty when nobody does (never taken, or released). */
    Optional<LockState> state(String name);

    /**
     * A held lock as every workstation reads it: its holder, since when, when it was last renewed, for how long a renewal
     * holds it, and whether it is stale (not renewed for that long: its holder has likely stopped).
     */
    record LockState(String name, String holder, Instant since, Instant renewed, Duration ttl, boolean stale) {
        public LockState {
            since = since == null ? renewed : since;
        }
    }

    /** A lock held: it is renewed in the background until closed; closing releases it. */
    interface Held extends AutoCloseable {
        String name();

        /** False once a renewal found the lock taken by someone else (after an expiry): stop what runs under it. */
        boolean stillHeld();

        /** The stale lock this one took over ({@link #takeOver}); empty when it was free or already this holder's. */
        default Optional<LockState> takenOver() {
            return Optional.empty();
        }

        @Override
        void close();
    }

    /** The lock is held by someone else: live (an operation runs there) or stale (it may be taken over explicitly). */
    final class LockedException extends Exception {
        private final String holder;
        private final Instant until;
        private final LockState state;

        public LockedException(String name, String holder, Instant until) {
            super(name + " is locked by " + holder + " until " + until
                    + " (an operation is running there; it is released when it ends, or turns stale if that workstation stops).");
            this.holder = holder;
            this.until = until;
            this.state = null;
        }

        /** Refused because of {@code state}: live, or stale and not taken over. */
        public LockedException(LockState state) {
            super(message(state));
            this.holder = state.holder();
            this.until = state.renewed() == null ? null : state.renewed().plus(state.ttl());
            this.state = state;
        }

        private static String message(LockState s) {
            if (s.stale()) {
                return s.name() + " is locked by " + s.holder() + " since " + s.since() + ", but the lock is stale: not renewed since "
                        + s.renewed() + " (" + s.ttl().toSeconds() + " s without renewal). If that workstation has stopped, take the lock "
                        + "over explicitly (the console's Take over, or --take-over); its journal is resumed.";
            }
            return s.name() + " is locked by " + s.holder() + " since " + s.since() + ", last renewed " + s.renewed()
                    + " (an operation is running there; it is released when it ends, or turns stale if that workstation stops).";
        }

        public String holder() {
            return holder;
        }

        public Instant until() {
            return until;
        }

        /** The lock as it was read when refused; empty for a lost race with no state read. */
        public Optional<LockState> state() {
            return Optional.ofNullable(state);
        }

        /** True when the lock is stale: {@link OperationLock#takeOver} would take it. */
        public boolean stale() {
            return state != null && state.stale();
        }
    }
}
