package dev.hybridpane.ui.shell;

import dev.hybridpane.domain.ClusterRef;

/** An entry of the command palette: a view, or a cluster (then target is CLUSTERS). */
public record PaletteItem(String title, String subtitle, NavTarget target, ClusterRef cluster) {
    public String searchText() {
        return (title + " " + subtitle).toLowerCase(java.util.Locale.ROOT);
    }
}
