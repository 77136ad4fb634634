package dev.hybridpane.app.cli;

import dev.hybridpane.domain.ClusterRef;
import picocli.CommandLine.Option;

/** The cluster whose pools a pool command works on, and where AWS is. */
class PoolTarget {
    @Option(names = "--cluster", required = true, paramLabel = "NAME")
    String cluster;

    @Option(names = "--region", required = true, paramLabel = "REGION")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile (default: default).")
    String profile;

    @Option(names = "--lab", description = "Run against a freshly started embedded lab. Its edge hosts' login key is the "
            + "lab's own throwaway key, LabEdgeHosts.loginKeyPath() (`hybridpane lab` prints it as \"key file\"); pass it "
            + "with --ssh-key. The hosts must be in the cluster's inventory (hosts import) first.")
    boolean lab;

    ClusterRef ref() {
        return new ClusterRef(region, cluster);
    }
}
