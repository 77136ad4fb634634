package dev.hybridpane.lab.world;

import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabPool;
import dev.hybridpane.lab.world.LabWorld.LabProfileRef;
import dev.hybridpane.lab.world.LabWorld.LabSite;
import java.util.ArrayList;
import java.util.List;

/** The sites and pools of a cluster grown for performance work ({@link LabWorld#scaled(int)}). */
final class WorldScale {
    private WorldScale() {
    }

    static List<LabSite> sites(LabCluster c, int hybridNodes) {
        int perPool = 50;
        int poolsPerSite = 10;
        int pools = (hybridNodes + perPool - 1) / perPool;
        List<LabSite> sites = new ArrayList<>();
        int remaining = hybridNodes;
        int site = 0;
        for (int p = 0; p < pools; site++) {
            List<LabPool> sitePools = new ArrayList<>();
            for (int i = 0; i < poolsPerSite && p < pools; i++, p++) {
                int n = Math.min(perPool, remaining);
                remaining -= n;
                String provider = p % 2 == 0 ? "ssm" : "iam-ra";
                sitePools.add(new LabPool(String.format("pool-%03d", p), n, provider,
                        p % 5 == 4 ? "arm64" : "amd64", c.nodeKubeletVersion(), "Ubuntu 22.04.5 LTS", profileFor(c, provider)));
            }
            // 10.200.0.0/16 is carved into /24s: one per site at this scale (up to 10 x 50 = 500 nodes fit a /23)
            String cidr = "10." + (200 + site / 128) + "." + ((site % 128) * 2) + ".0/23";
            sites.add(new LabSite(String.format("site-%02d", site), "Scaled lab site " + site, cidr, sitePools));
        }
        return sites;
    }

    /** The profile the cluster's seeded pools of this credential provider use, for the scaled pools (null when none). */
    private static LabProfileRef profileFor(LabCluster c, String provider) {
        return c.sites().stream().flatMap(s -> s.pools().stream())
                .filter(p -> provider.equals(p.credentialProvider()) && p.profile() != null)
                .map(LabPool::profile).findFirst().orElse(null);
    }
}
