package dev.hybridpane.ui.clusters;

import dev.hybridpane.core.ClusterDetail;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ComputeType;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.fleet.NodeCounts;
import java.util.EnumMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;

/** The selected cluster: its live row, node counts by compute type, and the detail loaded off-thread. */
public final class ClusterDetailViewModel {
    private final FleetViewModel fleet;
    private final TaskRunner runner;
    private final Function<Cluster, CompletableFuture<ClusterDetail>> loader;
    private final ReadOnlyObjectWrapper<ClusterRow> row = new ReadOnlyObjectWrapper<>(this, "row");
    private final ReadOnlyObjectWrapper<ClusterDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyObjectWrapper<EnumMap<ComputeType, NodeCounts>> byType = new ReadOnlyObjectWrapper<>(this, "byType");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper otherAccount = new ReadOnlyBooleanWrapper(this, "otherAccount");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ClusterAccessViewModel access;
    private final HybridConfigViewModel hybrid;
    private final Consumer<ClusterRef> enableHybrid;
    private ClusterRef ref;
    private int request;

    /**
     * @param loader       loads a cluster's detail (VPC, subnets, routes, access entries) in the background
     * @param access       how the console reaches the shown cluster's API (token or kubeconfig context)
     * @param hybrid       the shown cluster's hybrid configuration
     * @param enableHybrid opens the enable-hybrid wizard on a cluster
     */
    public ClusterDetailViewModel(FleetViewModel fleet, TaskRunner runner,
            Function<Cluster, CompletableFuture<ClusterDetail>> loader, ClusterAccessViewModel access,
            HybridConfigViewModel hybrid, Consumer<ClusterRef> enableHybrid) {
        this.fleet = fleet;
        this.runner = runner;
        this.loader = loader;
        this.access = access;
        this.hybrid = hybrid;
        this.enableHybrid = enableHybrid;
        fleet.clusterRows().addListener((ListChangeListener<ClusterRow>) c -> refreshRow());
    }

    public HybridConfigViewModel hybrid() {
        return hybrid;
    }

    /** Opens the enable-hybrid wizard on the shown cluster (not on another account's: it is read only). */
    public void enableHybrid() {
        if (ref != null && !ref.inOtherAccount()) {
            enableHybrid.accept(ref);
        }
    }

    /** How the console reaches the selected cluster's API (token or kubeconfig context). */
    public ClusterAccessViewModel access() {
        return access;
    }

    /** Shows a cluster (null clears) and loads its detail in the background. */
    public void show(ClusterRef r) {
        ref = r;
        detail.set(null);
        error.set(null);
        refreshRow();
        reload();
        hybrid.show(r);
        access.show(r);
    }

    public void reload() {
        ClusterRow current = row.get();
        if (current == null) {
            loading.set(false);
            return;
        }
        int id = ++request;
        loading.set(true);
        CompletableFuture<ClusterDetail> future;
        try {
            future = loader.apply(current.cluster());
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        runner.await("Loading " + current.cluster().name(), future)
                .onSuccess(d -> {
                    if (id == request) {
                        detail.set(d);
                    }
                })
                .onError(e -> {
                    if (id == request) {
                        error.set(Errors.sentence(e));
                    }
                })
                .andFinally(() -> {
                    if (id == request) {
                        loading.set(false);
                    }
                })
                .start();
    }

    private void refreshRow() {
        ClusterRow r = ref == null ? null : fleet.row(ref).orElse(null);
        boolean first = row.get() == null && r != null;
        // the cluster was read again (after an import or enable): its checks come from the new record
        boolean changed = row.get() != null && r != null && row.get().ref().equals(r.ref())
                && !row.get().cluster().equals(r.cluster());
        if (r == null || !r.equals(row.get())) {
            otherAccount.set(r != null && r.ref().inOtherAccount());
            row.set(r);
            byType.set(r == null ? null : fleet.countsByType(ref));
        }
        if (first && detail.get() == null && !loading.get() || changed) {
            reload();
        }
    }

    public ReadOnlyObjectProperty<ClusterRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ClusterDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** For each compute type: how many nodes, and how many of them are Ready. */
    public ReadOnlyObjectProperty<EnumMap<ComputeType, NodeCounts>> byTypeProperty() {
        return byType.getReadOnlyProperty();
    }

    /**
     * Whether the shown cluster is in another account than the profile's own (found through a picked account/role
     * pair): it is read with that role, and nothing is changed on it from here.
     */
    public ReadOnlyBooleanProperty otherAccountProperty() {
        return otherAccount.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
