package dev.hybridpane.lab.aws;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which faults the emulator answers with: queued ones (the next calls of an operation), sticky ones (every call of an
 * operation until cleared) and a run's {@link AwsFaultPlan} (a rate of calls), in that order; and how many it injected.
 */
final class FaultInjector {
    private final Map<String, Fault> sticky = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> next = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> drawn = new ConcurrentHashMap<>();
    private final Map<String, Map<Fault, AtomicLong>> injected = new ConcurrentHashMap<>();
    private volatile AwsFaultPlan plan = AwsFaultPlan.none();

    void failNext(String operation, Fault fault) {
        Deque<Fault> queue = next.computeIfAbsent(operation, k -> new ArrayDeque<>());
        synchronized (queue) {
            queue.add(fault);
        }
    }

    void setFault(String operation, Fault fault) {
        if (fault == null) {
            sticky.remove(operation);
        } else {
            sticky.put(operation, fault);
        }
    }

    /** Replaces the run's rate-based faults (the calls' draws start again from the first). */
    void arm(AwsFaultPlan p) {
        drawn.clear();
        plan = p;
    }

    AwsFaultPlan plan() {
        return plan;
    }

    void clear() {
        sticky.clear();
        next.clear();
        arm(AwsFaultPlan.none());
    }

    /** The fault this call of {@code operation} ("eks:DescribeCluster") is answered with, if any; counted. */
    Optional<Fault> take(String operation) {
        Optional<Fault> f = queued(operation).or(() -> Optional.ofNullable(sticky.get(operation)));
        AwsFaultPlan p = plan;
        if (f.isEmpty() && p.armed() && p.covers(operation)) {
            f = p.draw(operation, drawn.computeIfAbsent(operation, k -> new AtomicLong()).getAndIncrement());
        }
        f.ifPresent(fault -> injected.computeIfAbsent(operation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(fault, k -> new AtomicLong()).incrementAndGet());
        return f;
    }

    private Optional<Fault> queued(String operation) {
        Deque<Fault> queue = next.get(operation);
        if (queue == null) {
            return Optional.empty();
        }
        synchronized (queue) {
            return Optional.ofNullable(queue.poll());
        }
    }

    /** Faults injected so far per operation, by kind; sorted by operation. */
    Map<String, Map<Fault, Long>> injected() {
        Map<String, Map<Fault, Long>> out = new TreeMap<>();
        injected.forEach((op, kinds) -> {
            Map<Fault, Long> m = new EnumMap<>(Fault.class);
            kinds.forEach((k, n) -> m.put(k, n.get()));
            out.put(op, m);
        });
        return out;
    }
}
