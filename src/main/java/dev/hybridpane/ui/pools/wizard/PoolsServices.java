package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshSettingsStore;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.profile.ProfileStore;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the Create-pool wizard needs from the composition root: the pool tools, the cluster's profiles and inventory,
 * this workstation's SSH key choices (the Edge Hosts view's), the key file the environment suggests, the AWS profile
 * open now, and who runs the operation (the caller's IAM ARN; blocking).
 */
public record PoolsServices(PoolTools tools, ProfileStore profiles, InventoryPort inventory, SshSettingsStore sshSettings,
        Supplier<String> suggestedKeyFile, Supplier<String> awsProfile, Supplier<String> caller, Clock clock) {
    public PoolsServices {
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(sshSettings, "sshSettings");
        Objects.requireNonNull(suggestedKeyFile, "suggestedKeyFile");
        Objects.requireNonNull(awsProfile, "awsProfile");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(clock, "clock");
    }

    /** The pool use case of the AWS profile open now (blocking: call it off the FX thread). */
    public PoolService service() {
        return tools.services().apply(awsProfile.get());
    }
}
