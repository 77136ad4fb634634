package dev.hybridpane.core.edge;

import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostStatus;

/** An EdgeHost custom resource: spec and status. */
public record StoredHost(EdgeHostSpec spec, HostStatus status) {
    public StoredHost {
        status = status == null ? HostStatus.UNCHECKED : status;
    }
}
