package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.KnownHostsStore;
import dev.hybridpane.core.edge.SshSettingsStore;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the Edge Hosts view needs from the composition root.
 *
 * @param labKeyFileSource the lab's login key, offered as the default key file on the lab (gives null elsewhere,
 *        and while the lab is still starting); it never blocks
 * @param labCsvSource the lab's 12 hosts as CSV, offered by Import CSV on the lab (same)
 */
public record HostsServices(EdgePort edge, InventoryPort inventory, KnownHostsStore knownHosts,
        SshSettingsStore sshSettings, Supplier<String> labKeyFileSource, Supplier<String> labCsvSource) {
    public HostsServices {
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(sshSettings, "sshSettings");
        labKeyFileSource = labKeyFileSource == null ? () -> null : labKeyFileSource;
        labCsvSource = labCsvSource == null ? () -> null : labCsvSource;
    }

    /** With the lab's key file and CSV known up front (or null). */
    public HostsServices(EdgePort edge, InventoryPort inventory, KnownHostsStore knownHosts,
            SshSettingsStore sshSettings, String labKeyFile, String labCsv) {
        this(edge, inventory, knownHosts, sshSettings, () -> labKeyFile, () -> labCsv);
    }

    /** The lab's login key file, or null. */
    public String labKeyFile() {
        return labKeyFileSource.get();
    }

    /** The lab's hosts as CSV, or null. */
    public String labCsv() {
        return labCsvSource.get();
    }
}
