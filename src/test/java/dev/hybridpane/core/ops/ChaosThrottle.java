package dev.hybridpane.core.ops;

/**
 * HOOK for the chaos suite's 30% AWS throttling ({@code -Dchaos.throttle=0.3}, bench/chaos.sh's {@code THROTTLE}): the
 * lab has no rate-based AWS faults yet (another slice adds them, with {@code hybridpane lab --aws-throttle-rate}). Once it
 * does, {@link #rate()} is what the chaos tests hand the lab they start (for example
 * {@code lab.aws().setThrottleRate(ChaosThrottle.rate())}); until then a rate asked for is reported as not applied.
 */
public final class ChaosThrottle {
    private ChaosThrottle() {
    }

    /** The share of AWS calls to throttle, 0 when none was asked for. */
    public static double rate() {
        String r = System.getProperty("chaos.throttle", "");
        return r.isBlank() ? 0 : Double.parseDouble(r);
    }

    /** Says whether the rate asked for is applied; the lab cannot apply one yet. */
    public static void report(String where) {
        if (rate() > 0) {
            System.out.println("CHAOS-THROTTLE " + where + ": " + Math.round(rate() * 100)
                    + "% asked, NOT applied: the lab has no rate-based AWS faults yet (hook: ChaosThrottle)");
        }
    }
}
