package dev.hybridpane.app;

import dev.hybridpane.lab.aws.AwsFaultPlan;
import dev.hybridpane.lab.aws.Fault;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** `hybridpane lab`'s AWS fault flags: throttling and 5xx on a share of the emulator's calls, seeded. */
final class LabAwsFaults {
    @Option(names = "--aws-throttle-rate", paramLabel = "RATE", description = "Throttle this share of AWS calls (0 to 1), "
            + "as each service spells it: ThrottlingException, Throttling (STS, IAM), RequestLimitExceeded (EC2).")
    double throttleRate;

    @Option(names = "--aws-5xx-rate", paramLabel = "RATE", description = "Answer this share of AWS calls (0 to 1) with "
            + "HTTP 500 or 503 (InternalFailure, ServiceUnavailable... as each service spells them).")
    double serverErrorRate;

    @Option(names = "--aws-fault-calls", paramLabel = "OPS", split = ",", description = "Fault only these calls, e.g. "
            + "ListClusters,eks:DescribeCluster (default: all).")
    List<String> calls = List.of();

    @Option(names = "--fault-seed", paramLabel = "N", description = "Seed of the faults' draws (default: random, printed).")
    Long seed;

    /** The plan these flags ask for (disarmed when both rates are 0). */
    AwsFaultPlan plan(CommandLine cmd) {
        if (!(throttleRate >= 0 && throttleRate <= 1) || !(serverErrorRate >= 0 && serverErrorRate <= 1)) {
            throw new ParameterException(cmd, "--aws-throttle-rate and --aws-5xx-rate must be 0 to 1, not "
                    + throttleRate + " and " + serverErrorRate);
        }
        if (throttleRate + serverErrorRate > 1) {
            throw new ParameterException(cmd, "--aws-throttle-rate and --aws-5xx-rate must add up to at most 1");
        }
        Set<String> ops = calls.stream().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        if (ops.stream().anyMatch(s -> !s.matches("([a-z0-9-]+:)?[A-Za-z0-9]+"))) {
            throw new ParameterException(cmd, "--aws-fault-calls: operation names such as ListClusters or "
                    + "eks:DescribeCluster, not \"" + String.join(",", calls) + "\"");
        }
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1_000_000);
        return new AwsFaultPlan(throttleRate, serverErrorRate, ops, s);
    }

    /** The banner's line: which faults are armed, or nothing when none are. */
    static String banner(AwsFaultPlan plan) {
        return plan.armed() ? "AWS faults armed: " + plan.describe() + ". The console's SDK retries must ride through them.\n"
                : "";
    }

    /** The injected faults per operation, for the figures printed when the lab stops. */
    static String figures(Map<String, Map<Fault, Long>> injected, Map<String, Integer> requests) {
        StringBuilder b = new StringBuilder("AWS faults injected (operation: faults / requests):\n");
        long total = 0;
        for (Map.Entry<String, Map<Fault, Long>> e : injected.entrySet()) {
            long n = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            total += n;
            b.append(String.format("  %-45s %5d / %5d  %s%n", e.getKey(), n, requests.getOrDefault(e.getKey(), 0),
                    e.getValue()));
        }
        long all = requests.values().stream().mapToLong(Integer::longValue).sum();
        return b.append(String.format("  total %d faults in %d requests%n", total, all)).toString();
    }
}
