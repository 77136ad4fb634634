package dev.hybridpane.core.edge;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-workstation SSH choices (never shared through the cluster, never secrets): the default key file,
 * and a key file per host ("cluster-key/host" to path) where it differs.
 */
public record SshSettings(String defaultKeyFile, Map<String, String> keyFiles) {
    public static final SshSettings EMPTY = new SshSettings(null, Map.of());

    public SshSettings {
        keyFiles = Map.copyOf(keyFiles == null ? Map.of() : keyFiles);
    }

    public String keyFileFor(String hostKey) {
        return keyFiles.getOrDefault(hostKey, defaultKeyFile);
    }

    public SshSettings withKeyFile(String hostKey, String path) {
        Map<String, String> m = new HashMap<>(keyFiles);
        m.put(hostKey, path);
        return new SshSettings(defaultKeyFile == null ? path : defaultKeyFile, m);
    }

    public SshSettings withDefault(String path) {
        return new SshSettings(path, keyFiles);
    }
}
