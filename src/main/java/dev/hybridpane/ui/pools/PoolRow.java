package dev.hybridpane.ui.pools;

import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.HealthStatus;
import dev.hybridpane.domain.PoolHealth;
import dev.hybridpane.domain.pool.ProfileRef;
import java.util.Locale;

/**
 * One line of the pools table: a pool of one cluster as the fleet rolls it up, the profile version it is made from
 * ({@code profile}: the pool object's, or for a pool that is only node labels the one its nodes name; null when
 * unknown) and the latest version of that profile in the cluster as last read ({@code latest}: null when not read or
 * no such profile). Replaced, never mutated.
 */
public record PoolRow(Cluster cluster, PoolHealth health, ProfileRef profile, Integer latest) {

    /** The key that finds the same pool again after a change. */
    public String key() {
        return key(cluster, health.pool());
    }

    static String key(Cluster cluster, String pool) {
        return cluster.region() + "/" + cluster.name() + "/" + pool;
    }

    public String name() {
        return health.pool();
    }

    public boolean managed() {
        return health.managed();
    }

    public String clusterText() {
        return cluster.name();
    }

    public String siteText() {
        return health.site().isEmpty() ? "—" : health.site();
    }

    /** healthy, degraded, down, or "no nodes" for a pool none of whose nodes has joined yet. */
    public String healthText() {
        return health.status() == HealthStatus.EMPTY ? "no nodes" : health.status().name().toLowerCase(Locale.ROOT);
    }

    /** The pool's phase (Provisioning, Running, Updating, Error), "unmanaged" for a pool that is only node labels. */
    public String statusText() {
        if (!health.managed()) {
            return "unmanaged";
        }
        return health.phase().isEmpty() ? "Pending" : health.phase();
    }

    public String readyText() {
        return health.ready() + "/" + health.total();
    }

    /** "gpu-ssm@2", or an em dash when the pool names no profile. */
    public String profileText() {
        return profile == null ? "—" : profile.name() + "@" + profile.version();
    }

    /** Whether the pool's profile has a newer version than the pool uses. */
    public boolean updateAvailable() {
        return profile != null && latest != null && latest > profile.version();
    }

    /** "v2 → v3 available", "up to date", or an em dash when the profile was not read (or there is none). */
    public String updateText() {
        if (profile == null || latest == null) {
            return "—";
        }
        return updateAvailable() ? "v" + profile.version() + " → v" + latest + " available" : "up to date";
    }

    /** Whether every word of the filter is in the cluster, pool, site, health, status, profile or update. */
    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String hay = String.join(" ", cluster.name(), cluster.region(), name(), siteText(), healthText(), statusText(),
                profileText(), updateText()).toLowerCase(Locale.ROOT);
        for (String word : filter.toLowerCase(Locale.ROOT).strip().split("\\s+")) {
            if (!hay.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
