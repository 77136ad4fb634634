package dev.hybridpane.ui.pools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A pool's ready nodes over the last hour, for the detail's chart: a sample whenever the count changes and on each
 * timer tick. Kept light: samples older than the hour are dropped (the last of them moves to the hour's start, so the
 * line begins with the value it had then), and a tick that repeats the last two values moves the last one instead of
 * adding a point, so a flat hour is two points. FX thread only.
 */
final class ReadySamples {
    static final Duration WINDOW = Duration.ofHours(1);
    static final int MAX_POINTS = 180;

    /** The ready and total nodes at an instant. */
    record Sample(Instant at, int ready, int total) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Records the count at {@code now}. */
    void record(Instant now, int ready, int total) {
        prune(now);
        Sample last = samples.peekLast();
        if (last != null && last.ready() == ready && last.total() == total) {
            Sample before = samples.size() > 1 ? secondLast() : null;
            if (before != null && before.ready() == ready && before.total() == total) {
                samples.pollLast();
            }
        }
        samples.addLast(new Sample(now, ready, total));
        while (samples.size() > MAX_POINTS) {
            samples.pollFirst();
        }
    }

    /** Records the count at {@code now} when it differs from the last sample (a change seen live). */
    void recordIfChanged(Instant now, int ready, int total) {
        Sample last = samples.peekLast();
        if (last == null || last.ready() != ready || last.total() != total) {
            record(now, ready, total);
        }
    }

    private Sample secondLast() {
        Sample last = samples.pollLast();
        Sample before = samples.peekLast();
        samples.addLast(last);
        return before;
    }

    private void prune(Instant now) {
        Instant start = now.minus(WINDOW);
        Sample dropped = null;
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(start)) {
            dropped = samples.pollFirst();
        }
        if (dropped != null && (samples.isEmpty() || samples.peekFirst().at().isAfter(start))) {
            samples.addFirst(new Sample(start, dropped.ready(), dropped.total()));
        }
    }

    /** The samples within the hour before {@code now}, oldest first. */
    List<Sample> within(Instant now) {
        prune(now);
        return List.copyOf(samples);
    }
}
