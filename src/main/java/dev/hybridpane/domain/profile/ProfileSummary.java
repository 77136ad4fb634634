package dev.hybridpane.domain.profile;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of the profile list: the latest version and what it holds, and the pools that use each version
 * ({@code poolsByVersion}: version number to pool names). {@code updateAvailable}: pools on an older version.
 */
public record ProfileSummary(String name, int latestVersion, String kubernetesVersion, String credentialProvider,
                             String cni, Map<Integer, List<String>> poolsByVersion) {

    public ProfileSummary {
        Map<Integer, List<String>> m = new TreeMap<>();
        (poolsByVersion == null ? Map.<Integer, List<String>>of() : poolsByVersion)
                .forEach((k, v) -> m.put(k, List.copyOf(v)));
        poolsByVersion = Collections.unmodifiableMap(m);
    }

    public static ProfileSummary of(ClusterProfile p, Map<Integer, List<String>> poolsByVersion) {
        ProfileVersion latest = p.latest();
        return new ProfileSummary(p.name(), latest.number(), latest.kubernetes().version(),
                latest.kubernetes().credentialProvider().id(), latest.network().cni().id(), poolsByVersion);
    }

    /** The pools on a version older than the latest: "eligible for an update". */
    public List<String> updateAvailable() {
        return poolsByVersion.entrySet().stream().filter(e -> e.getKey() < latestVersion)
                .flatMap(e -> e.getValue().stream()).toList();
    }
}
