package dev.hybridpane.ui.hosts;

import dev.hybridpane.ui.common.Widgets;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.feather.Feather;

/** Filled by a later issue; until then an honest empty state. */
public final class HostsView extends BorderPane {
    public HostsView() {
        getStyleClass().add("placeholder-view");
        setTop(Widgets.header("Edge Hosts", "Machines at your sites that run or will run hybrid nodes"));
        setCenter(Widgets.emptyState(Feather.HARD_DRIVE, "No edge hosts yet",
                "Edge hosts will be reached over SSH: their OS, architecture, CPU, memory and addresses checked against the EKS hybrid nodes requirements, then nodeadm installed, initialised and upgraded from here.",
                "Until then, the hybrid nodes that have already joined are listed per pool in Overview."));
    }
}
