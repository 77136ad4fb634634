package dev.hybridpane.ui.clusters;

import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * How the console reaches one cluster's Kubernetes API: its own EKS token made from the AWS profile (the
 * default), or a context from the user's kubeconfig. A change is remembered and the cluster reconnects.
 */
public final class ClusterAccessViewModel {
    /** The choice that means "HybridPane's own EKS token". */
    public static final String EKS_TOKEN = "EKS token from the AWS profile";

    private final ObservableList<String> choices = FXCollections.observableArrayList(EKS_TOKEN);
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>(EKS_TOKEN);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final TaskRunner runner;
    private final Supplier<List<String>> contexts;
    private final Function<ClusterRef, String> current;
    private final BiConsumer<ClusterRef, String> use;
    private ClusterRef ref;
    private boolean updating;

    /**
     * @param contexts reads the kubeconfig's context names (blocking: run off the FX thread)
     * @param current the context chosen for a cluster, or null for the EKS token
     * @param use remembers a choice (null: the EKS token) and reconnects the cluster
     */
    public ClusterAccessViewModel(TaskRunner runner, Supplier<List<String>> contexts, Function<ClusterRef, String> current,
            BiConsumer<ClusterRef, String> use) {
        this.runner = runner;
        this.contexts = contexts;
        this.current = current;
        this.use = use;
        selected.addListener((o, a, b) -> {
            if (!updating && ref != null && b != null && !b.equals(a)) {
                use.accept(ref, EKS_TOKEN.equals(b) ? null : b);
            }
        });
    }

    /** Shows the choice for a cluster and reads the kubeconfig's contexts in the background. */
    public void show(ClusterRef r) {
        ref = r;
        if (r == null) {
            return;
        }
        String chosen = current.apply(r);
        setQuietly(choices.isEmpty() ? List.of(EKS_TOKEN) : List.copyOf(choices), chosen);
        runner.task("Reading kubeconfig contexts", contexts::get)
                .onSuccess(list -> {
                    List<String> all = new ArrayList<>();
                    all.add(EKS_TOKEN);
                    all.addAll(list);
                    setQuietly(all, current.apply(r));
                    note.set(list.isEmpty() ? "No kubeconfig contexts on this workstation." : "");
                })
                .onError(e -> note.set("The kubeconfig could not be read: " + e.getMessage()))
                .start();
    }

    private void setQuietly(List<String> all, String chosen) {
        updating = true;
        try {
            List<String> next = new ArrayList<>(all);
            if (chosen != null && !next.contains(chosen)) {
                next.add(chosen);
            }
            choices.setAll(next);
            selected.set(chosen == null ? EKS_TOKEN : chosen);
        } finally {
            updating = false;
        }
    }

    public ObservableList<String> choices() {
        return choices;
    }

    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }
}
