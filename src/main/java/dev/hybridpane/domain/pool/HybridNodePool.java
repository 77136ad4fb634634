package dev.hybridpane.domain.pool;

import dev.hybridpane.domain.NodeLabels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A hybrid node pool, the desired state stored as a HybridNodePool object in the cluster: a name, the site its hosts
 * are at, the profile version its nodes are made from, the labels and taints its nodes register with, optionally
 * the one architecture its hosts must have, the NTP servers set on its hosts, and its hosts. Field values are kept
 * as given (checked by {@link PoolRules}, not here, so that a typed value can be shown with its problem).
 *
 * @param architecture amd64, arm64, or "" for any
 */
public record HybridNodePool(String name, String site, ProfileRef profile, Map<String, String> labels, List<Taint> taints,
                             String architecture, List<String> ntpServers, List<PoolHost> hosts) {
    public static final String NAMESPACE = "hybridpane-system";

    public HybridNodePool {
        name = Objects.requireNonNull(name, "name").strip();
        site = site == null ? "" : site.strip();
        Objects.requireNonNull(profile, "profile");
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        taints = taints == null ? List.of() : List.copyOf(taints);
        architecture = architecture == null ? "" : architecture.strip();
        ntpServers = ntpServers == null ? List.of() : List.copyOf(ntpServers);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    public Optional<String> arch() {
        return architecture.isEmpty() ? Optional.empty() : Optional.of(architecture);
    }

    public List<String> hostNames() {
        return hosts.stream().map(PoolHost::host).toList();
    }

    public Optional<PoolHost> host(String host) {
        return hosts.stream().filter(h -> h.host().equals(host)).findFirst();
    }

    /** The same pool with these hosts (day-2 adds and removals). */
    public HybridNodePool withHosts(List<PoolHost> newHosts) {
        return new HybridNodePool(name, site, profile, labels, taints, architecture, ntpServers, newHosts);
    }

    /** The same pool on another profile version (an update). */
    public HybridNodePool withProfile(ProfileRef ref) {
        return new HybridNodePool(name, site, ref, labels, taints, architecture, ntpServers, hosts);
    }

    /**
     * Every label the pool's nodes register with, in this order: HybridPane's own (pool, site, profile, profile
     * version), then the pool's.
     */
    public Map<String, String> nodeLabels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(NodeLabels.POOL, name);
        m.put(NodeLabels.SITE, site);
        m.put(NodeLabels.PROFILE, profile.name());
        m.put(NodeLabels.PROFILE_VERSION, Integer.toString(profile.version()));
        labels.forEach(m::putIfAbsent);
        return Collections.unmodifiableMap(m);
    }
}
