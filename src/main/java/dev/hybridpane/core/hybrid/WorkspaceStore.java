package dev.hybridpane.core.hybrid;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The workstation's list of imported clusters (workspace.json in the config dir; no secrets). */
public interface WorkspaceStore {

    record ImportedCluster(String region, String name, String arn, Instant importedAt, String manifestVersion) {
    }

    List<ImportedCluster> list();

    /** Adds or replaces the cluster (same region and name). */
    void put(ImportedCluster cluster);

    static WorkspaceStore inMemory() {
        return new WorkspaceStore() {
            private final Map<String, ImportedCluster> map = new LinkedHashMap<>();

            @Override
            public synchronized List<ImportedCluster> list() {
                return List.copyOf(map.values());
            }

            @Override
            public synchronized void put(ImportedCluster c) {
                map.put(c.region() + "/" + c.name(), c);
            }
        };
    }
}
