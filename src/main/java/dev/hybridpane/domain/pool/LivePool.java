package dev.hybridpane.domain.pool;

import java.util.Objects;

/**
 * A HybridNodePool object as a live watch delivers it: the desired state and the phase its status says (Provisioning,
 * Running, Updating, Error; "" before any status was written).
 */
public record LivePool(HybridNodePool pool, String phase) {
    public LivePool {
        Objects.requireNonNull(pool, "pool");
        phase = phase == null ? "" : phase;
    }

    public String name() {
        return pool.name();
    }
}
