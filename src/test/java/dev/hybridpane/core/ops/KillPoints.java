package dev.hybridpane.core.ops;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Random kill points for the chaos tests, seeded and printed: the console "dies" at the Nth journal update of a run, N
 * drawn from 1..(the updates an undisturbed run of the same operation made), so a point is always one that happens.
 * {@code -Dchaos.points} sets how many points per operation (the bench: 10; CI: a few), {@code -Dchaos.seed} replays a run.
 *
 * <p>{@link Dying} is the in-process kill: a journal store that, at its Nth save, does not write it and throws (the
 * console died between an effect and its journal), and throws at every save after it (a dead console writes nothing
 * more). {@link Counting} counts the saves of an undisturbed run.
 */
public final class KillPoints {
    private final String name;
    private final long seed;
    private final Random random;
    private final int points;

    /** {@code ciPoints}: how many points when {@code -Dchaos.points} is not set. */
    public KillPoints(String name, int ciPoints) {
        this.name = name;
        this.seed = Long.getLong("chaos.seed", System.nanoTime() ^ name.hashCode());
        this.random = new Random(seed);
        this.points = Integer.getInteger("chaos.points", ciPoints);
        System.out.println("CHAOS-SEED " + name + " seed=" + seed + " points=" + points
                + " (replay: -Dchaos.seed=" + seed + " -Dchaos.points=" + points + ")");
    }

    public int points() {
        return points;
    }

    public long seed() {
        return seed;
    }

    /** A journal update in 1..updates (an undisturbed run's count), printed. */
    public int next(int updates) {
        if (updates < 1) {
            throw new IllegalArgumentException("an undisturbed run of " + name + " made no journal update");
        }
        int n = 1 + random.nextInt(updates);
        System.out.println("CHAOS-KILL " + name + " at journal update " + n + " of " + updates);
        return n;
    }

    /** A number in 0..bound-1 from the same seeded sequence (delays, orders). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** One run of the operation by a fresh console, its journal store wrapped by {@code wrap}. */
    public interface Run {
        Journal run(UnaryOperator<JournalStore> wrap) throws Exception;
    }

    /**
     * What a chain of killed runs and the last, undisturbed one came to. A run that does not run the operation (it
     * never asks for the journal store) found nothing left to do and ends the chain early: {@code last} is what it
     * returned, the journal it closed or null.
     */
    public record Chain(int kills, int clamped, Journal last) {
        public boolean finished() {
            return last != null && last.status() == OperationStatus.SUCCEEDED;
        }
    }

    /**
     * {@link #points()} runs, each killed at a random journal update (1..{@code updates}, an undisturbed run's count), each
     * resuming what the one before left; then one run undisturbed. A kill point that is not reached fails the chain.
     */
    public Chain chain(int updates, Run run) throws Exception {
        int clamped = 0;
        int kills = 0;
        for (int i = 0; i < points; i++) {
            int at = next(updates);
            AtomicReference<Dying> dying = new AtomicReference<>();
            Journal ran = null;
            try {
                ran = run.run(s -> {
                    Dying d = new Dying(s, at);
                    dying.set(d);
                    return d;
                });
            } catch (Exception e) {
                if (!killed(e)) {
                    throw e;
                }
            }
            if (dying.get() == null) {
                // a run killed after the operation's last change left nothing to run (the run closed its journal, or
                // returned null without touching the store)
                System.out.println("CHAOS-KILL " + name + ": nothing left to run after " + kills + " kills");
                return new Chain(kills, clamped, ran);
            }
            if (!dying.get().died()) {
                throw new AssertionError(name + ": kill point " + at + " was not reached");
            }
            kills++;
            clamped += dying.get().clamped() ? 1 : 0;
        }
        return new Chain(kills, clamped, run.run(s -> s));
    }

    /** Thrown where the console died. */
    public static final class ConsoleKilled extends RuntimeException {
        public ConsoleKilled(String message) {
            super(message);
        }
    }

    /** True when {@code e} or one of its causes is the kill. */
    public static boolean killed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConsoleKilled) {
                return true;
            }
        }
        return false;
    }

    /** Counts the saves that reach the store (an undisturbed run). */
    public static final class Counting implements JournalStore {
        private final JournalStore store;
        private final AtomicInteger saves = new AtomicInteger();

        public Counting(JournalStore store) {
            this.store = store;
        }

        public int saves() {
            return saves.get();
        }

        @Override
        public void save(Journal journal) {
            saves.incrementAndGet();
            store.save(journal);
        }

        @Override
        public Optional<Journal> load(String id) {
            return store.load(id);
        }

        @Override
        public List<Journal> list() {
            return store.list();
        }
    }

    /**
     * Dies at its {@code at}th save: that journal is not written, it and every later save throw {@link ConsoleKilled}. A run
     * that ends before (a resumed run has less to do; a wait logs as long as it waits) dies at its last save instead, the
     * one that would record the end, so every point is reached ({@link #clamped} says so).
     */
    public static final class Dying implements JournalStore {
        private final JournalStore store;
        private final int at;
        private final AtomicInteger saves = new AtomicInteger();
        private volatile Journal lastWritten;
        private volatile boolean dead;
        private volatile boolean clamped;

        public Dying(JournalStore store, int at) {
            this.store = store;
            this.at = at;
        }

        /** Whether the kill point was reached. */
        public boolean died() {
            return dead;
        }

        /** Whether it died at the run's last save because the run ended before update {@code at}. */
        public boolean clamped() {
            return clamped;
        }

        public int at() {
            return at;
        }

        /** The last journal written before the kill (what a resuming console finds). */
        public Journal lastWritten() {
            return lastWritten;
        }

        @Override
        public void save(Journal journal) {
            int n = saves.incrementAndGet();
            boolean end = journal.status().finished() && !journal.id().contains("-run-"); // not an earlier run kept as history
            if (!dead && n < at && end) {
                clamped = true;
                System.out.println("CHAOS-KILL the run ended at update " + n + " before " + at + ": killed there");
            }
            if (dead || n >= at || end) {
                dead = true;
                throw new ConsoleKilled("the console died at journal update " + Math.min(n, at));
            }
            store.save(journal);
            lastWritten = journal;
        }

        @Override
        public Optional<Journal> load(String id) {
            if (died()) {
                throw new ConsoleKilled("the console died at journal update " + at + " (a read refused)");
            }
            return store.load(id);
        }

        @Override
        public List<Journal> list() {
            return store.list();
        }
    }
}
