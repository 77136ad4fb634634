package dev.hybridpane.ui.profiles;

import dev.hybridpane.ui.common.Widgets;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.feather.Feather;

/** Filled by a later issue; until then an honest note of what will come. */
public final class ProfilesView extends BorderPane {
    public ProfilesView() {
        getStyleClass().add("placeholder-view");
        setTop(Widgets.header("Profiles", "Versioned cluster profiles: nodeadm configuration layered per cluster and site"));
        setCenter(Widgets.placeholder(Feather.LAYERS, "No profiles yet",
                "Profiles will hold the NodeConfig each pool's nodes are initialised with (credential provider, kubelet settings, labels), versioned as layers in the cluster.",
                "Meanwhile, each hybrid node's credential provider and kubelet version show in Overview."));
    }
}
