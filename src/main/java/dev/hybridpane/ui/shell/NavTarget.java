package dev.hybridpane.ui.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The views the sidebar leads to. */
public enum NavTarget {
    OVERVIEW("overview", "Overview", Feather.GRID),
    CLUSTERS("clusters", "Clusters", Feather.SERVER),
    HOSTS("hosts", "Edge Hosts", Feather.HARD_DRIVE),
    PROFILES("profiles", "Profiles", Feather.LAYERS),
    POOLS("pools", "Node Pools", Feather.BOX),
    NETWORK("network", "Network", Feather.SHARE_2),
    ACTIVITY("activity", "Activity", Feather.ACTIVITY),
    SETTINGS("settings", "Settings", Feather.SETTINGS);

    private final String id;
    private final String title;
    private final Ikon icon;

    NavTarget(String id, String title, Ikon icon) {
        this.id = id;
        this.title = title;
        this.icon = icon;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    public static NavTarget byId(String id) {
        for (NavTarget t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return OVERVIEW;
    }
}
