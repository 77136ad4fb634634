package dev.hybridpane.app;

import dev.hybridpane.core.pool.CertRotation;
import dev.hybridpane.core.pool.HostCertificates;
import dev.hybridpane.core.pool.NodeRemovalService;
import dev.hybridpane.core.pool.PoolService;
import dev.hybridpane.core.pool.PoolUpgrade;
import dev.hybridpane.core.pool.SsmHygiene;
import java.util.Objects;

/**
 * The day-2 use cases of one AWS profile, on the same clients and SSH port as its pool creation: changing a pool's hosts
 * ({@link PoolService}), removing a node, upgrading, rotating Roles Anywhere certificates, SSM hygiene, reading host
 * certificates.
 */
public record Day2Core(PoolService pools, NodeRemovalService removals, PoolUpgrade upgrades, CertRotation rotation,
                SsmHygiene hygiene, HostCertificates certificates) {
    public Day2Core {
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(removals, "removals");
        Objects.requireNonNull(upgrades, "upgrades");
        Objects.requireNonNull(rotation, "rotation");
        Objects.requireNonNull(hygiene, "hygiene");
        Objects.requireNonNull(certificates, "certificates");
    }
}
