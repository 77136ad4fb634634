package dev.hybridpane.ui;

import dev.hybridpane.core.Settings;
import dev.hybridpane.core.SettingsStore;

public final class MemorySettingsStore implements SettingsStore {
    public Settings saved;
    public int saves;

    public MemorySettingsStore(Settings initial) {
        this.saved = initial;
    }

    @Override
    public Settings load() {
        return saved == null ? Settings.DEFAULTS : saved;
    }

    @Override
    public void save(Settings settings) {
        saved = settings;
        saves++;
    }
}
