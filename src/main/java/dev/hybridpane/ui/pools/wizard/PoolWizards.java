package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.wizard.Wizard;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Opens the Create-pool wizard; the window shows it with {@code WizardView.modal(openProperty())}.
 */
public final class PoolWizards implements PoolWizardLauncher {
    private final PoolsServices services;
    private final Supplier<List<Cluster>> clusters;
    private final Function<Cluster, Optional<ClusterAccess>> access;
    private final TaskRunner runner;
    private final Executor fx;
    private final Consumer<Journal> journals;
    private final ReadOnlyObjectWrapper<Wizard> open = new ReadOnlyObjectWrapper<>(this, "open");

    /**
     * @param clusters the discovered clusters now
     * @param access   how to reach a cluster's API (empty while it is not connected)
     * @param fx       the FX thread
     * @param journals told of every journal change (the Activity view's operations)
     */
    public PoolWizards(PoolsServices services, Supplier<List<Cluster>> clusters, Function<Cluster, Optional<ClusterAccess>> access,
            TaskRunner runner, Executor fx, Consumer<Journal> journals) {
        this.services = Objects.requireNonNull(services, "services");
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.access = Objects.requireNonNull(access, "access");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.journals = Objects.requireNonNull(journals, "journals");
    }

    @Override
    public void newPool(Cluster preset, Consumer<String> created) {
        PoolWizardViewModel[] vm = new PoolWizardViewModel[1];
        vm[0] = new PoolWizardViewModel(services, clusters.get(), access, runner, fx, journals, created, () -> {
            if (open.get() == vm[0]) {
                open.set(null);
            }
        });
        open.set(vm[0]);
        vm[0].open(preset);
    }

    /** The open wizard, or null. */
    public ReadOnlyObjectProperty<Wizard> openProperty() {
        return open.getReadOnlyProperty();
    }
}
