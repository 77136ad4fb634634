package dev.hybridpane.ui.clusters;

import dev.hybridpane.core.hybrid.HybridStatusItem;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The "Hybrid configuration" section of the detail pane: one line per part, read off the FX thread. */
public final class HybridConfigViewModel {
    private final TaskRunner runner;
    private final Function<ClusterRef, List<HybridStatusItem>> loader;
    private final ObservableList<HybridStatusItem> items = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private ClusterRef ref;
    private int request;

    public HybridConfigViewModel(TaskRunner runner, Function<ClusterRef, List<HybridStatusItem>> loader) {
        this.runner = runner;
        this.loader = loader;
    }

    public void show(ClusterRef r) {
        ref = r;
        items.clear();
        reload();
    }

    public void reload() {
        ClusterRef r = ref;
        if (r == null) {
            return;
        }
        int id = ++request;
        loading.set(true);
        error.set(null);
        runner.task("Reading hybrid configuration of " + r.name(), () -> loader.apply(r))
                .onSuccess(list -> {
                    if (id == request) {
                        loading.set(false);
                        items.setAll(list);
                    }
                })
                .onError(e -> {
                    if (id == request) {
                        loading.set(false);
                        error.set(Errors.sentence(e));
                    }
                })
                .start();
    }

    public ClusterRef cluster() {
        return ref;
    }

    public ObservableList<HybridStatusItem> items() {
        return items;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
