package dev.hybridpane.ui.shell;

import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.hybrid.HybridActions;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableList;

/** The palette's hybrid commands: "Import cluster…" and "Enable hybrid mode on &lt;cluster&gt;…" per discovered cluster. */
public final class HybridCommands {
    private HybridCommands() {
    }

    public static List<PaletteItem> of(HybridActions hybrid, ObservableList<ClusterRow> clusters) {
        List<PaletteItem> out = new ArrayList<>();
        out.add(PaletteItem.command("Import cluster…", "Command · check the requirements, install HybridPane's footprint",
                () -> hybrid.importCluster(clusters, null)));
        for (ClusterRow row : clusters) {
            out.add(PaletteItem.command("Enable hybrid mode on " + row.cluster().name() + "…", "Command · "
                    + row.cluster().region() + (row.cluster().hybridEnabled() ? " · hybrid mode is on; review or change it" : ""),
                    () -> hybrid.enableHybrid(row.ref())));
        }
        return out;
    }
}
