package dev.hybridpane.core.edge;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-workstation SSH choices (never shared through the cluster, never secrets): the default key file,
 * and a key file per host ("cluster-key/host" to path) where it differs; {@link #AGENT} in place of a path
 * means the host is logged into with this workstation's ssh-agent.
 */
public record SshSettings(String defaultKeyFile, Map<String, String> keyFiles) {
    public static final SshSettings EMPTY = new SshSettings(null, Map.of());
    /** The "key file" of a host logged into with ssh-agent. */
    public static final String AGENT = "agent";

    public static boolean isAgent(String keyFile) {
        return AGENT.equals(keyFile);
    }

    public SshSettings {
        keyFiles = Map.copyOf(keyFiles == null ? Map.of() : keyFiles);
    }

    public String keyFileFor(String hostKey) {
        return keyFiles.getOrDefault(hostKey, defaultKeyFile);
    }

    public SshSettings withKeyFile(String hostKey, String path) {
        Map<String, String> m = new HashMap<>(keyFiles);
        m.put(hostKey, path);
        return new SshSettings(defaultKeyFile == null && !isAgent(path) ? path : defaultKeyFile, m);
    }

    public SshSettings withDefault(String path) {
        return new SshSettings(path, keyFiles);
    }
}
