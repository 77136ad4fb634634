package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.KnownHostsStore;
import dev.hybridpane.core.edge.SshSettingsStore;
import java.util.Objects;

/** What the Edge Hosts view needs from the composition root: SSH, the inventory, known hosts and key file choices. */
public record HostsServices(EdgePort edge, InventoryPort inventory, KnownHostsStore knownHosts,
        SshSettingsStore sshSettings) {
    public HostsServices {
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(sshSettings, "sshSettings");
    }
}
