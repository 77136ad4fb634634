package dev.hybridpane.core.pool;

import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabHybridRole;
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
            clusters.add(new LabCluster(c.name(), c.region(), c.version(), c.platformVersion(), c.status(),
                    c.authenticationMode(), c.ipFamily(), c.endpointPublic(), c.endpointPrivate(), c.serviceCidr(),
                    c.remoteNodeCidrs(), c.remotePodCidrs(), c.vpc(), c.accessEntries(), c.addons(), c.cni(), c.cloudNodes(),
                    c.nodeKubeletVersion(), c.sites(), c.tags(), roles, c.profiles()));
        }
        return new LabWorld(w.accountId(), w.userName(), w.regions(), clusters);
    }
}
