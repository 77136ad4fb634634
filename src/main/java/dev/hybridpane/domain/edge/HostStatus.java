package dev.hybridpane.domain.edge;

import dev.hybridpane.domain.Check;
import java.time.Instant;
import java.util.List;

/** EdgeHost.status: the outcome of the last probe. Facts are null when the host was never reached. */
public record HostStatus(HostPhase phase, String reason, HostFacts facts, List<Check> checks, String pool,
        Instant lastSeen) {
    public HostStatus {
        checks = List.copyOf(checks == null ? List.of() : checks);
        reason = reason == null ? "" : reason;
    }

    public static final HostStatus UNCHECKED = new HostStatus(HostPhase.UNKNOWN, "Not checked yet", null, List.of(),
            null, null);
}
