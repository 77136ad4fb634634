package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.KnownHostsStore;
import dev.hybridpane.core.edge.SshSettingsStore;
import java.util.Objects;

/**
 * What the Edge Hosts view needs from the composition root.
 *
 * @param labKeyFile the lab's login key, offered as the default key file on the lab (null elsewhere)
 * @param labCsv the lab's 12 hosts as CSV, offered by Import CSV on the lab (null elsewhere)
 */
public record HostsServices(EdgePort edge, InventoryPort inventory, KnownHostsStore knownHosts,
        SshSettingsStore sshSettings, String labKeyFile, String labCsv) {
    public HostsServices {
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(sshSettings, "sshSettings");
    }
}
