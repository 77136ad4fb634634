package dev.hybridpane.lab.aws;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Faults at a rate, for a whole run: each call of a covered operation is throttled with probability
 * {@code throttleRate} and answered with a 5xx ({@link Fault#INTERNAL_ERROR} or {@link Fault#SERVICE_UNAVAILABLE},
 * half each) with probability {@code serverErrorRate}, in the spelling of the service called. The draw of the n-th
 * call of an operation depends only on the seed, the operation and n, so a run is repeatable whatever the order in
 * which concurrent calls of different operations arrive.
 *
 * @param operations which calls: "eks:DescribeCluster" (one service's), "DescribeCluster" (any service's), or none
 *                   for every call the emulator serves
 */
public record AwsFaultPlan(double throttleRate, double serverErrorRate, Set<String> operations, long seed) {

    public AwsFaultPlan {
        if (!(throttleRate >= 0 && throttleRate <= 1) || !(serverErrorRate >= 0 && serverErrorRate <= 1)
                || throttleRate + serverErrorRate > 1) {
            throw new IllegalArgumentException("fault rates must be 0 to 1 and together at most 1, not " + throttleRate
                    + " and " + serverErrorRate);
        }
        operations = Set.copyOf(operations);
    }

    /** No faults. */
    public static AwsFaultPlan none() {
        return new AwsFaultPlan(0, 0, Set.of(), 0);
    }

    /** {@code rate} of every call throttled. */
    public static AwsFaultPlan throttling(double rate, long seed) {
        return new AwsFaultPlan(rate, 0, Set.of(), seed);
    }

    /** {@code rate} of every call answered with a 500 or a 503. */
    public static AwsFaultPlan serverErrors(double rate, long seed) {
        return new AwsFaultPlan(0, rate, Set.of(), seed);
    }

    /** The same rates on these operations only (empty: all). */
    public AwsFaultPlan on(Collection<String> names) {
        return new AwsFaultPlan(throttleRate, serverErrorRate, Set.copyOf(names), seed);
    }

    public boolean armed() {
        return throttleRate > 0 || serverErrorRate > 0;
    }

    /** Whether calls of {@code operation} ("eks:DescribeCluster") may be faulted. */
    public boolean covers(String operation) {
        if (operations.isEmpty()) {
            return true;
        }
        int colon = operation.indexOf(':');
        return operations.contains(operation) || colon >= 0 && operations.contains(operation.substring(colon + 1));
    }

    /** The fault of the {@code n}-th (0-based) call of {@code operation}, if it draws one. */
    public Optional<Fault> draw(String operation, long n) {
        if (!armed() || !covers(operation)) {
            return Optional.empty();
        }
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ operation.hashCode() * 0xC2B2AE3D27D4EB4FL ^ n);
        double u = r.nextDouble();
        if (u < throttleRate) {
            return Optional.of(Fault.THROTTLING);
        }
        if (u < throttleRate + serverErrorRate) {
            return Optional.of(r.nextBoolean() ? Fault.INTERNAL_ERROR : Fault.SERVICE_UNAVAILABLE);
        }
        return Optional.empty();
    }

    /** e.g. "30% throttled, 5% 5xx on all AWS calls (seed 7)". */
    public String describe() {
        String on = operations.isEmpty() ? "all AWS calls" : String.join(",", operations.stream().sorted().toList());
        return String.format(Locale.ROOT, "%s%% throttled, %s%% 5xx on %s (seed %d)", pct(throttleRate),
                pct(serverErrorRate), on, seed);
    }

    private static String pct(double rate) {
        double p = rate * 100;
        return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p);
    }
}
