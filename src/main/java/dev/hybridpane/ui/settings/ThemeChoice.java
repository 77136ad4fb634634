package dev.hybridpane.ui.settings;

import java.util.Locale;

/** The theme setting: follow the OS, or a fixed light or dark theme. */
public enum ThemeChoice {
    SYSTEM("System"), LIGHT("Light"), DARK("Dark");

    private final String label;

    ThemeChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ThemeChoice parse(String s) {
        if (s == null) {
            return SYSTEM;
        }
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return SYSTEM;
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
