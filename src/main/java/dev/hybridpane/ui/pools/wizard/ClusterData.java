package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.profile.ClusterProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the wizard read from a cluster: its sites and edge hosts, its pools and its profiles. */
record ClusterData(List<Site> sites, List<StoredHost> hosts, List<PoolStore.Stored> pools, List<ClusterProfile> profiles) {
    ClusterData {
        sites = List.copyOf(sites);
        hosts = List.copyOf(hosts);
        pools = List.copyOf(pools);
        profiles = List.copyOf(profiles);
    }

    /** Which pool holds each host: the pools' own host lists, and the hosts' status where no pool names them. */
    Map<String, String> poolOfHost() {
        Map<String, String> m = new HashMap<>();
        hosts.forEach(h -> {
            if (h.status().pool() != null && !h.status().pool().isBlank()) {
                m.put(h.spec().name(), h.status().pool());
            }
        });
        pools.forEach(p -> p.pool().hostNames().forEach(h -> m.put(h, p.pool().name())));
        return m;
    }

    Site site(String name) {
        return sites.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
