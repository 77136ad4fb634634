package dev.hybridpane.core;

/** Per-user settings on the workstation. Implementations write atomically. */
public interface SettingsStore {
    Settings load();

    void save(Settings settings);
}
