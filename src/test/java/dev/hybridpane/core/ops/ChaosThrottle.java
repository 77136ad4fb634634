package dev.hybridpane.core.ops;

import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.aws.AwsFaultPlan;
import dev.hybridpane.lab.aws.Fault;

/**
 * The chaos suite's AWS throttling ({@code -Dchaos.throttle=0.3}, bench/chaos.sh's {@code THROTTLE}): every lab a chaos
 * test starts has that share of its AWS calls throttled (the emulator's rate-based faults, as {@code hybridpane lab
 * --aws-throttle-rate} arms them), after the lab's own seeding, so only the console's calls are. The seed is
 * {@code -Dchaos.seed} when given, printed either way.
 */
public final class ChaosThrottle {
    private ChaosThrottle() {
    }

    /** The share of AWS calls to throttle, 0 when none was asked for. */
    public static double rate() {
        String r = System.getProperty("chaos.throttle", "");
        return r.isBlank() ? 0 : Double.parseDouble(r);
    }

    /** Throttles the asked share of {@code lab}'s AWS calls (nothing when none was asked for) and says so. */
    public static void arm(Lab lab, String where) {
        if (rate() <= 0) {
            return;
        }
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        lab.awaitSeeded();
        lab.aws().armFaults(AwsFaultPlan.throttling(rate(), seed));
        System.out.println("CHAOS-THROTTLE " + where + ": " + Math.round(rate() * 100) + "% of AWS calls throttled (seed "
                + seed + ")");
    }

    /** Says how many of {@code lab}'s AWS calls were throttled (nothing when none was asked for). */
    public static void report(Lab lab, String where) {
        if (rate() > 0) {
            System.out.println("CHAOS-THROTTLE " + where + ": " + lab.aws().inspect().injectedFaultCount(Fault.THROTTLING)
                    + " AWS calls throttled");
        }
    }
}
