package dev.hybridpane.core.edge;

import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.edge.HostChecks;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.Site;
import java.time.Instant;
import java.util.List;

/** Turns a probe result into the status stored on the EdgeHost. */
public final class HostStatuses {
    private HostStatuses() {
    }

    /**
     * @param previous the stored status (its pool, and its facts and last-seen time when unreachable now)
     */
    public static HostStatus of(ProbeResult result, HostStatus previous, List<String> remoteNodeCidrs, Site site,
            Instant now) {
        String pool = previous == null ? null : previous.pool();
        if (result instanceof ProbeResult.Reached r) {
            List<Check> checks = HostChecks.evaluate(r.facts(), remoteNodeCidrs, site);
            HostPhase phase = HostChecks.phase(checks, pool);
            return new HostStatus(phase, HostChecks.summary(checks), r.facts(), checks, pool, now);
        }
        ProbeResult.Failure f = (ProbeResult.Failure) result;
        HostPhase phase = HostPhase.UNREACHABLE;
        return new HostStatus(phase, f.reason(), previous == null ? null : previous.facts(),
                previous == null ? List.of() : previous.checks(), pool, previous == null ? null : previous.lastSeen());
    }
}
