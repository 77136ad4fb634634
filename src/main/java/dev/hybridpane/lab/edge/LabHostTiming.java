package dev.hybridpane.lab.edge;

import java.time.Duration;

/**
 * How long a simulated host's nodeadm takes: realistic but short (a real install downloads for minutes), so demos look
 * like work is being done and tests stay fast with {@link #fast()}.
 */
public record LabHostTiming(Duration install, Duration init, Duration upgrade, Duration uninstall) {

    /** The lab's default: an install of about 2.5 s. System property {@code hybridpane.lab.nodeadm.ms} overrides it. */
    public static LabHostTiming realistic() {
        long install = Long.getLong("hybridpane.lab.nodeadm.ms", 2500);
        return new LabHostTiming(Duration.ofMillis(install), Duration.ofMillis(install / 2), Duration.ofMillis(install * 4 / 5),
                Duration.ofMillis(install * 2 / 5));
    }

    /** For tests: about 100 ms per install. */
    public static LabHostTiming fast() {
        return new LabHostTiming(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(80), Duration.ofMillis(40));
    }
}
