package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabPool;
import dev.hybridpane.lab.world.LabWorld.LabSite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The hybridpane.dev objects of the world's managed pools of synthetic nodes ({@link LabPool#managedSynthetic()}: made
 * through HybridPane, but on no lab edge host), in the shape {@code dev.hybridpane.lab.LabSeededPools} stores a hosted
 * pool's: the Site (description, node CIDR, pod CIDRs), and the HybridNodePool (site, profile version, architecture,
 * hosts) with the status a finished create leaves, whose members pair each host with its Node. A synthetic node has no
 * edge host behind it: its host is the name its kubelet reports as the node's hostname (the node name), and no EdgeHost is
 * stored for it (an EdgeHost holds facts gathered over SSH by {@code hosts import}; no lab host answers for these).
 */
final class LabSyntheticPools {
    private LabSyntheticPools() {
    }

    static void store(LabApiServer server, LabCluster c, LabNodeFactory nodes, Instant at) {
        List<ObjectNode> sites = new ArrayList<>();
        List<ObjectNode> pools = new ArrayList<>();
        List<List<LabPoolObjects.Member>> members = new ArrayList<>();
        for (LabSite site : c.sites()) {
            List<LabPool> managed = site.pools().stream().filter(LabPool::managedSynthetic).toList();
            if (managed.isEmpty()) {
                continue;
            }
            sites.add(site(site));
            for (LabPool pool : managed) {
                List<String> names = nodes.poolNodeNames(site, pool);
                pools.add(pool(site, pool, names));
                members.add(names.stream().map(n -> new LabPoolObjects.Member(n, n)).toList());
            }
        }
        if (sites.isEmpty()) {
            return;
        }
        LabPoolObjects.storeInventory(server, sites, List.of(), at);
        for (int i = 0; i < pools.size(); i++) {
            LabPoolObjects.storePool(server, pools.get(i), members.get(i), at);
        }
    }

    /** The Site as {@code hosts import} writes it. */
    static ObjectNode site(LabSite site) {
        ObjectNode o = LabPoolObjects.object("Site", site.name());
        ObjectNode spec = o.putObject("spec").put("description", site.description());
        spec.putArray("nodeCidrs").add(site.nodeCidr());
        ArrayNode pods = spec.putArray("podCidrs");
        site.podCidrs().forEach(pods::add);
        spec.putArray("ntpServers");
        return o;
    }

    private static ObjectNode pool(LabSite site, LabPool pool, List<String> hosts) {
        ObjectNode o = LabPoolObjects.object("HybridNodePool", pool.name());
        ObjectNode spec = o.putObject("spec").put("site", site.name());
        spec.putObject("profile").put("name", pool.profile().name()).put("version", pool.profile().version());
        if (pool.architecture() != null) {
            spec.put("architecture", pool.architecture());
        }
        ArrayNode list = spec.putArray("hosts");
        hosts.forEach(h -> list.addObject().put("host", h));
        return o;
    }
}
