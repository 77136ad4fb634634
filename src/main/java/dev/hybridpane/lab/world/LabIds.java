package dev.hybridpane.lab.world;

import java.util.SplittableRandom;

/** Ids the lab's AWS and Kubernetes sides must agree on, derived from the world so both compute the same. */
public final class LabIds {
    private LabIds() {
    }

    /** Deterministic SSM managed-instance id: "mi-" and 17 lower-case hex characters, the first "0". */
    public static String managedInstanceId(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("mi-0");
        while (sb.length() < 3 + 17) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }
}
