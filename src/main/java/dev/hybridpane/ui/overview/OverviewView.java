package dev.hybridpane.ui.overview;

import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.fleet.ClusterRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.StringBinding;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** Tiles for the whole fleet, then one live section per cluster. */
public final class OverviewView extends BorderPane {
    private final OverviewViewModel vm;
    private final VBox sections = new VBox(14);
    private final Map<ClusterRef, ClusterSection> byRef = new LinkedHashMap<>();
    private final SortedList<ClusterRow> clusters;
    private final VBox empty;

    public OverviewView(OverviewViewModel vm) {
        this.vm = vm;
        getStyleClass().add("overview-view");
        setTop(Widgets.header("Overview", "Hybrid node pools across every cluster, live"));
        HBox tiles = new HBox(12,
                tile(Feather.SERVER, "Clusters", vm.clustersText(), vm.clustersDetail(), Styles.ACCENT),
                tile(Feather.CPU, "Hybrid nodes ready", vm.hybridText(), vm.hybridDetail(), Styles.SUCCESS),
                tile(Feather.BOX, "Pools healthy", vm.poolsText(), vm.poolsDetail(), Styles.WARNING),
                tile(Feather.ALERT_TRIANGLE, "Warnings", vm.warningsText(), vm.warningsDetail(), Styles.DANGER));
        tiles.getStyleClass().add("tiles");
        tiles.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        empty = Widgets.emptyState(Feather.CLOUD, "No clusters yet",
                "Clusters show here as discovery finds them in the selected regions.");
        VBox body = new VBox(16, tiles, empty, sections);
        body.getStyleClass().add("overview-body");
        ScrollPane scroll = Widgets.liveScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);
        clusters = vm.clusters();
        clusters.addListener((ListChangeListener<ClusterRow>) c -> sync());
        // a credential or region failure is the banner's to explain: no "no clusters yet" then
        vm.problems().anyProperty().addListener((o, a, b) -> sync());
        sync();
    }

    private void sync() {
        List<ClusterRef> order = new ArrayList<>();
        clusters.forEach(r -> order.add(r.ref()));
        boolean membershipChanged = !order.equals(new ArrayList<>(byRef.keySet()));
        if (membershipChanged) {
            Map<ClusterRef, ClusterSection> old = new LinkedHashMap<>(byRef);
            byRef.clear();
            for (ClusterRow r : clusters) {
                ClusterSection s = old.get(r.ref());
                byRef.put(r.ref(), s != null ? s : new ClusterSection(vm, r));
            }
            placeSections();
        }
        for (ClusterRow r : clusters) {
            byRef.get(r.ref()).update(r);
        }
        boolean none = clusters.isEmpty() && !vm.problems().anyProperty().get();
        empty.setVisible(none);
        empty.setManaged(none);
    }

    /**
     * Puts the sections in the clusters' order, moving only what changed: a section taken out of the scene and
     * put back has all its CSS applied again (costly with its tables), so one arriving cluster must not
     * re-add the others.
     */
    private void placeSections() {
        List<Node> kids = sections.getChildren();
        kids.removeIf(n -> !byRef.containsValue(n));
        int i = 0;
        for (ClusterSection s : byRef.values()) {
            if (i < kids.size() && kids.get(i) == s) {
                i++;
                continue;
            }
            kids.remove(s);
            kids.add(i++, s);
        }
    }

    /**
     * A fleet figure as a card: what it counts, the figure, its detail. Plain labels rather than AtlantaFX's Tile: the
     * figures and details change on every live batch, and a Tile's description is a text flow, much dearer than a
     * label to lay out again on each change. {@code kind} colours the icon.
     */
    private static VBox tile(Ikon ikon, String title, StringBinding value, StringBinding detail, String kind) {
        Label t = new Label(title, Widgets.icon(ikon, "tile-icon"));
        t.getStyleClass().addAll("tile-title", Styles.TEXT_MUTED);
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().add("tile-value");
        VBox box = new VBox(4, t, v);
        if (detail != null) {
            Label d = new Label();
            d.textProperty().bind(detail);
            d.getStyleClass().addAll("tile-detail", Styles.TEXT_MUTED);
            box.getChildren().add(d);
        }
        box.getStyleClass().addAll("metric-tile", kind);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }
}
