package dev.hybridpane.domain.pool;

import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.profile.KubernetesLayer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the pool-time checks of {@link PoolRules#hosts} read: the pool's site (null when it is not in the inventory),
 * the cluster's remote node networks, the Kubernetes layer of the profile version the pool uses, the inventory
 * (host name to its spec), the facts gathered from each host, and which pool holds each host already (host name to
 * pool name, this pool included or not).
 */
public record PoolFacts(Site site, List<String> remoteNodeCidrs, KubernetesLayer kubernetes,
                        Map<String, EdgeHostSpec> inventory, Map<String, HostFacts> facts, Map<String, String> poolOfHost) {
    public PoolFacts {
        remoteNodeCidrs = remoteNodeCidrs == null ? List.of() : List.copyOf(remoteNodeCidrs);
        Objects.requireNonNull(kubernetes, "kubernetes");
        inventory = inventory == null ? Map.of() : Map.copyOf(inventory);
        facts = facts == null ? Map.of() : Map.copyOf(facts);
        poolOfHost = poolOfHost == null ? Map.of() : Map.copyOf(poolOfHost);
    }
}
