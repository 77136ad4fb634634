package dev.hybridpane.ui.pools;

import dev.hybridpane.ui.common.Widgets;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.feather.Feather;

/** Filled by a later issue; until then an honest note of what will come. */
public final class PoolsView extends BorderPane {
    public PoolsView() {
        getStyleClass().add("placeholder-view");
        setTop(Widgets.header("Node Pools", "Groups of hybrid nodes rolled out, upgraded and repaved together"));
        setCenter(Widgets.placeholder(Feather.BOX, "Pools are node labels for now",
                "A pool is the hybridpane.dev/pool label on a node. Creating pools, adding or removing nodes and rolling upgrades will live here.",
                "See each pool's health, site and nodes in Overview."));
    }
}
