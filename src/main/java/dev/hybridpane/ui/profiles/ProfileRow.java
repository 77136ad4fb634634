package dev.hybridpane.ui.profiles;

import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ProfileSummary;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of the profiles table: a profile of one cluster as read ({@code profile}, every version) and its summary
 * (latest version, pools per version). Replaced, never mutated.
 */
public record ProfileRow(Cluster cluster, ClusterProfile profile, ProfileSummary summary) {

    public String name() {
        return profile.name();
    }

    /** The key that finds the same profile again after a reload. */
    public String key() {
        return key(cluster, profile.name());
    }

    static String key(Cluster cluster, String name) {
        return cluster.region() + "/" + cluster.name() + "/" + name;
    }

    public String clusterText() {
        return cluster.name();
    }

    public String latestText() {
        return "v" + summary.latestVersion();
    }

    public String kubernetesText() {
        return dash(summary.kubernetesVersion());
    }

    public String credentialText() {
        return dash(summary.credentialProvider());
    }

    public String cniText() {
        return dash(summary.cni());
    }

    /** The pools that use each version, e.g. "v1: dallas-gpu · v2: —". */
    public String poolsText() {
        List<String> parts = new ArrayList<>();
        for (ProfileVersion v : profile.versions()) {
            List<String> pools = summary.poolsByVersion().getOrDefault(v.number(), List.of());
            parts.add("v" + v.number() + ": " + (pools.isEmpty() ? "—" : String.join(", ", pools)));
        }
        return String.join(" · ", parts);
    }

    /** The pools on an older version than the latest: "eligible for an update". */
    public List<String> updateAvailable() {
        return summary.updateAvailable();
    }

    /** "Update available" with the pools, or empty when every pool is on the latest version. */
    public String updateText() {
        List<String> pools = updateAvailable();
        return pools.isEmpty() ? "" : "Update available: " + String.join(", ", pools);
    }

    /** Whether every word of the filter is in the cluster, name, versions, credential provider, CNI or pools. */
    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String hay = String.join(" ", cluster.name(), cluster.region(), name(), latestText(), kubernetesText(),
                credentialText(), cniText(), poolsText(), updateText()).toLowerCase(Locale.ROOT);
        for (String word : filter.toLowerCase(Locale.ROOT).strip().split("\\s+")) {
            if (!hay.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
