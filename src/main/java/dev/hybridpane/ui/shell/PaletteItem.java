package dev.hybridpane.ui.shell;

import dev.hybridpane.domain.ClusterRef;
import java.util.Locale;

/**
 * An entry of the command palette: a view, a cluster (then target is CLUSTERS), or a command (then {@code action}
 * runs when it is chosen, e.g. "Import cluster…").
 */
public record PaletteItem(String title, String subtitle, NavTarget target, ClusterRef cluster, Runnable action) {
    public PaletteItem(String title, String subtitle, NavTarget target, ClusterRef cluster) {
        this(title, subtitle, target, cluster, null);
    }

    public static PaletteItem command(String title, String subtitle, Runnable action) {
        return new PaletteItem(title, subtitle, null, null, action);
    }

    public String searchText() {
        return (title + " " + subtitle).toLowerCase(Locale.ROOT);
    }
}
