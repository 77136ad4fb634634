package dev.hybridpane.core.edge;

/** Where this workstation keeps its {@link SshSettings}; implementations write atomically. */
public interface SshSettingsStore {
    SshSettings load();

    void save(SshSettings settings);
}
