package dev.hybridpane.core.hybrid;

import java.time.Instant;
import java.util.List;

/** The workstation's list of imported clusters (workspace.json in the config dir; no secrets). */
public interface WorkspaceStore {

    record ImportedCluster(String region, String name, String arn, Instant importedAt, String manifestVersion) {
    }

    List<ImportedCluster> list();

    /** Adds or replaces the cluster (same region and name). */
    void put(ImportedCluster cluster);
}
