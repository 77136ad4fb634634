package dev.hybridpane.core.pool;

import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabHybridRole;
import dev.hybridpane.lab.world.LabWorld.LabPool;
import dev.hybridpane.lab.world.LabWorld.LabSite;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's world with retail-edge's IAM Roles Anywhere trust anchor holding another CA certificate: the lab's own CA
 * key was never kept, so a test that issues node certificates makes its own CA and puts its certificate there.
 */
public final class RaWorld {
    private RaWorld() {
    }

    public static LabWorld withCa(String caCertificatePem) {
        LabWorld w = LabWorld.load();
        List<LabCluster> clusters = new ArrayList<>();
        for (LabCluster c : w.clusters()) {
            if (!c.name().equals("retail-edge")) {
                clusters.add(c);
                continue;
            }
            List<LabHybridRole> roles = c.hybridRoles().stream().map(h -> "iam-ra".equals(h.credentialProvider())
                    ? new LabHybridRole(h.name(), h.credentialProvider(), h.trustAnchor(), h.profile(), caCertificatePem) : h)
                    .toList();
            // the seeded Roles Anywhere pool's certificates come from the lab's own CA, which this world no longer
            // trusts: its pool keeps no edge hosts, so its nodes are synthetic and its hosts stay out of the way
            List<LabSite> sites = c.sites().stream().map(s -> new LabSite(s.name(), s.description(), s.nodeCidr(),
                    s.pools().stream().map(p -> "iam-ra".equals(p.credentialProvider()) ? new LabPool(p.name(), p.nodes(),
                            p.credentialProvider(), p.architecture(), p.kubeletVersion(), p.osImage(), p.profile(), List.of(),
                            false) : p).toList())).toList();
            clusters.add(new LabCluster(c.name(), c.region(), c.version(), c.platformVersion(), c.status(),
                    c.authenticationMode(), c.ipFamily(), c.endpointPublic(), c.endpointPrivate(), c.serviceCidr(),
                    c.remoteNodeCidrs(), c.remotePodCidrs(), c.vpc(), c.accessEntries(), c.addons(), c.cni(), c.cloudNodes(),
                    c.nodeKubeletVersion(), sites, c.tags(), roles, c.profiles()));
        }
        return new LabWorld(w.accountId(), w.userName(), w.regions(), clusters);
    }
}
