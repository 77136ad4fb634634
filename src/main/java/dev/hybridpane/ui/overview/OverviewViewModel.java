package dev.hybridpane.ui.overview;

import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.PoolHealth;
import dev.hybridpane.ui.common.LiveRows;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.EventRow;
import dev.hybridpane.ui.fleet.FleetProblems;
import dev.hybridpane.ui.fleet.FleetViewModel;
import java.util.Comparator;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/** The fleet at a glance: tile texts and, per cluster, pools, hybrid nodes and hybrid-node events. */
public final class OverviewViewModel {
    private final FleetViewModel fleet;
    private final Consumer<ClusterRef> openCluster;
    private final StringBinding clustersText;
    private final StringBinding clustersDetail;
    private final StringBinding hybridText;
    private final StringBinding poolsText;
    private final StringBinding poolsDetail;
    private final StringBinding warningsText;
    private final StringBinding hybridDetail;
    private final StringBinding warningsDetail;

    public OverviewViewModel(FleetViewModel fleet, Consumer<ClusterRef> openCluster) {
        this.fleet = fleet;
        this.openCluster = openCluster;
        ObservableList<ClusterRow> rows = fleet.clusterRows();
        clustersText = Bindings.createStringBinding(() -> String.valueOf(rows.size()), rows);
        clustersDetail = Bindings.createStringBinding(() -> {
            long connected = rows.stream().filter(ClusterRow::connected).count();
            long failed = rows.stream().filter(ClusterRow::failed).count();
            long hybrid = rows.stream().filter(r -> r.cluster().hybridEnabled()).count();
            return connected + " connected" + (failed > 0 ? " · " + failed + " failed" : "") + " · " + hybrid + " hybrid";
        }, rows);
        hybridText = Bindings.createStringBinding(() -> fleet.hybridReadyProperty().get() + " / "
                + fleet.hybridTotalProperty().get(), fleet.hybridReadyProperty(), fleet.hybridTotalProperty());
        poolsText = Bindings.createStringBinding(() -> fleet.poolsHealthyProperty().get() + " / "
                + (fleet.poolsHealthyProperty().get() + fleet.poolsDegradedProperty().get() + fleet.poolsDownProperty().get()),
                fleet.poolsHealthyProperty(), fleet.poolsDegradedProperty(), fleet.poolsDownProperty());
        poolsDetail = Bindings.createStringBinding(() -> "healthy · " + fleet.poolsDegradedProperty().get() + " degraded · "
                + fleet.poolsDownProperty().get() + " down", fleet.poolsDegradedProperty(), fleet.poolsDownProperty());
        hybridDetail = Bindings.createStringBinding(() -> {
            int notReady = fleet.hybridTotalProperty().get() - fleet.hybridReadyProperty().get();
            return notReady == 0 ? "all ready" : notReady + " not ready";
        }, fleet.hybridReadyProperty(), fleet.hybridTotalProperty());
        warningsText = Bindings.createStringBinding(() -> String.valueOf(fleet.warningsProperty().get()),
                fleet.warningsProperty());
        warningsDetail = Bindings.createStringBinding(() -> "in the last " + fleet.recentEvents().size() + " events",
                fleet.recentEvents());
    }

    public StringBinding hybridDetail() {
        return hybridDetail;
    }

    public StringBinding warningsDetail() {
        return warningsDetail;
    }

    /** Clusters in name order (hybrid-enabled first). */
    /** What kept clusters from being listed (then there is no "no clusters yet" to say). */
    public FleetProblems problems() {
        return fleet.problems();
    }

    public SortedList<ClusterRow> clusters() {
        return new SortedList<>(fleet.clusterRows(), Comparator
                .comparing((ClusterRow r) -> !(r.cluster().hybridEnabled() || r.counts().hybridTotal() > 0))
                .thenComparing(ClusterRow::ref));
    }

    /** Hybrid nodes of a cluster as live rows (one per node name), by pool then name unless a comparator is set. */
    public LiveRows<String, ClusterNode> nodes(ClusterRef ref) {
        return new LiveRows<>(fleet.hybridNodes(ref), ClusterNode::name,
                Comparator.comparing(ClusterNode::pool).thenComparing(ClusterNode::name));
    }

    public ObservableList<PoolHealth> pools(ClusterRef ref) {
        return fleet.pools(ref);
    }

    /** Latest events about hybrid nodes of a cluster, newest first. */
    public FilteredList<EventRow> events(ClusterRef ref) {
        return new FilteredList<>(fleet.recentEvents(), e -> e.hybridNode() && e.ref().equals(ref));
    }

    public void open(ClusterRef ref) {
        openCluster.accept(ref);
    }

    public boolean downPools() {
        return fleet.poolsDownProperty().get() > 0;
    }

    public FleetViewModel fleet() {
        return fleet;
    }

    public StringBinding clustersText() {
        return clustersText;
    }

    public StringBinding clustersDetail() {
        return clustersDetail;
    }

    public StringBinding hybridText() {
        return hybridText;
    }

    public StringBinding poolsText() {
        return poolsText;
    }

    public StringBinding poolsDetail() {
        return poolsDetail;
    }

    public StringBinding warningsText() {
        return warningsText;
    }
}
