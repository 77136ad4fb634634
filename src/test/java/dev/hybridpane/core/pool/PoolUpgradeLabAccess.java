package dev.hybridpane.core.pool;

import java.util.List;

/** For tests in other packages: a pool on upg-ssm v1 (Kubernetes 1.30) created on a {@link PoolLab}. */
public final class PoolUpgradeLabAccess {
    private PoolUpgradeLabAccess() {
    }

    public static void createOnV1(PoolLab lab, String pool, String site, List<String> hosts) throws Exception {
        PoolUpgradeLab.profile(lab);
        PoolUpgradeLab.create(lab, PoolUpgradeLab.pool(pool, site, hosts));
    }
}
