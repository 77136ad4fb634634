package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.domain.Cluster;
import java.util.function.Consumer;

/**
 * Opens the Create-pool wizard over the window (a "New pool" button or the command palette calls it on the FX
 * thread). {@code created} runs on the FX thread with the pool's name once its operation succeeded.
 */
public interface PoolWizardLauncher {
    /** A new pool; {@code preset} is the cluster chosen at first (null: the administrator chooses). */
    void newPool(Cluster preset, Consumer<String> created);
}
