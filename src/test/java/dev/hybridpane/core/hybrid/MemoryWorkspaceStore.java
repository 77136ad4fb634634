package dev.hybridpane.core.hybrid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The workspace in memory only, for tests: one entry per region and name. */
public final class MemoryWorkspaceStore implements WorkspaceStore {
    private final Map<String, ImportedCluster> map = new LinkedHashMap<>();

    @Override
    public synchronized List<ImportedCluster> list() {
        return List.copyOf(map.values());
    }

    @Override
    public synchronized void put(ImportedCluster c) {
        map.put(c.region() + "/" + c.name(), c);
    }
}
