package dev.hybridpane.ui.network;

import dev.hybridpane.ui.common.Widgets;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.feather.Feather;

/** Filled by a later issue; until then an honest note of what will come. */
public final class NetworkView extends BorderPane {
    public NetworkView() {
        getStyleClass().add("placeholder-view");
        setTop(Widgets.header("Network", "Routes, security groups and reachability between the VPC and your sites"));
        setCenter(Widgets.placeholder(Feather.SHARE_2, "Network doctor is coming",
                "This view will check that remote node and pod networks are routed, that security groups admit them, and that the API endpoint resolves from your sites.",
                "Meanwhile, open a cluster in Clusters: its detail shows the VPC, subnets, routes to remote networks and security group rules."));
    }
}
