package dev.hybridpane.app.cli;

import dev.hybridpane.domain.ClusterRef;
import picocli.CommandLine.Option;

/** The cluster whose profiles a read-only profile command reads, and where AWS is (as {@link TargetOptions}, without a mode). */
class ProfileTarget {
    @Option(names = "--cluster", required = true, paramLabel = "NAME")
    String cluster;

    @Option(names = "--region", required = true, paramLabel = "REGION")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile (default: default).")
    String profile;

    @Option(names = "--lab", description = "Run against a freshly started embedded lab.")
    boolean lab;

    ClusterRef ref() {
        return new ClusterRef(region, cluster);
    }
}
