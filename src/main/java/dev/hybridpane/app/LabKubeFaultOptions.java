package dev.hybridpane.app;

import dev.hybridpane.lab.kube.LabKubeFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** `hybridpane lab`'s Kubernetes API faults: the flags, checked, and set on the lab's API servers. */
final class LabKubeFaultOptions {
    @Option(names = "--kube-watch-drop-seconds", paramLabel = "S", description = "End every watch S seconds after it "
            + "opened, as an API server ends one at its timeout (0: never, the default).")
    int watchDropSeconds;

    @Option(names = "--kube-conflict-rate", paramLabel = "RATE", description = "Refuse this share (0 to 1) of updates "
            + "(PUT, and PATCH with a resourceVersion) with 409 Conflict, as a stale resourceVersion is refused.")
    double conflictRate;

    @Option(names = "--kube-conflict-kinds", paramLabel = "PLURAL", split = ",", description = "Only these resources "
            + "get 409s, e.g. configmaps,leases,hybridnodepools (default: all).")
    List<String> conflictKinds = new ArrayList<>();

    @Option(names = "--kube-429-rate", paramLabel = "RATE", description = "Refuse this share (0 to 1) of requests with "
            + "429 Too Many Requests (Retry-After: 1), as API Priority and Fairness does.")
    double tooManyRate;

    @Option(names = "--kube-latency-ms", paramLabel = "MS", description = "Answer every request MS milliseconds late "
            + "(a slow API server).")
    int latencyMs;

    @Option(names = "--kube-fault-seed", paramLabel = "SEED", description = "Seed of the fault draws (default: "
            + LabKubeFaults.DEFAULT_SEED + ").")
    long seed = LabKubeFaults.DEFAULT_SEED;

    /** Checks the flags; a bad one is a one-line parameter error. */
    void check(CommandSpec spec) {
        if (watchDropSeconds < 0 || latencyMs < 0) {
            throw new ParameterException(spec.commandLine(), "--kube-watch-drop-seconds and --kube-latency-ms must be 0 or more");
        }
        for (double rate : new double[] {conflictRate, tooManyRate}) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new ParameterException(spec.commandLine(), "--kube-conflict-rate and --kube-429-rate must be from 0 to 1, "
                        + "not " + rate);
            }
        }
    }

    /** Sets the faults; returns a line saying what is armed, or "" when nothing is. */
    String applyTo(LabKubeFaults faults) {
        faults.seed(seed).conflicts(conflictRate, conflictKinds.toArray(String[]::new)).tooManyRequests(tooManyRate)
                .latency(Duration.ofMillis(latencyMs)).dropWatchesEvery(Duration.ofSeconds(watchDropSeconds));
        if (!faults.armed()) {
            return "";
        }
        return String.format("Kubernetes API faults (seed %d): watches ended every %s, 409 on %s of updates%s, 429 on %s "
                + "of requests, %d ms latency%n%n", seed, watchDropSeconds == 0 ? "never" : watchDropSeconds + " s",
                percent(conflictRate), conflictKinds.isEmpty() ? "" : " of " + String.join(",", conflictKinds),
                percent(tooManyRate), latencyMs);
    }

    private static String percent(double rate) {
        return Math.round(rate * 100) + "%";
    }
}
