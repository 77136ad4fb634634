package dev.hybridpane.ui.hybrid;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.HybridTools;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.wizard.OperationRunViewModel;
import dev.hybridpane.ui.wizard.Wizard;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;

/**
 * Opens the hybrid wizards for the current profile and reads a cluster's hybrid configuration. The window shows
 * whichever wizard is open; finished operations are reported so the detail pane refreshes.
 */
public final class HybridActions {
    /** How often the import wizard reads the footprint while the administrator applies it. */
    public static final Duration POLL = Duration.ofSeconds(2);

    private final HybridTools tools;
    private final Supplier<String> profile;
    private final TaskRunner runner;
    private final Executor fx;
    private final OperationEngine engine;
    private final Consumer<Journal> journals;
    private final Consumer<ClusterRef> onFinished;
    private final ReadOnlyObjectWrapper<Wizard> open = new ReadOnlyObjectWrapper<>(this, "open");

    /**
     * @param journals   told of every journal change (the Activity view lists the operations)
     * @param onFinished called on the FX thread after an operation on a cluster succeeded
     */
    public HybridActions(HybridTools tools, Supplier<String> profile, TaskRunner runner, Executor fx, Clock clock,
            Consumer<Journal> journals, Consumer<ClusterRef> onFinished) {
        this.tools = tools;
        this.profile = profile;
        this.runner = runner;
        this.fx = fx;
        this.engine = new OperationEngine(tools.journals(), clock);
        this.journals = journals;
        this.onFinished = onFinished;
    }

    /** Opens the import wizard over the discovered clusters, with {@code preset} chosen (or none). */
    public ImportClusterViewModel importCluster(ObservableList<ClusterRow> discovered, ClusterRef preset) {
        ImportClusterViewModel vm = new ImportClusterViewModel(tools, profile, runner, newRun(), discovered, POLL,
                r -> onFinished.accept(r), () -> open.set(null));
        open.set(vm);
        vm.open(preset);
        return vm;
    }

    public EnableHybridViewModel enableHybrid(ClusterRef ref) {
        EnableHybridViewModel vm = new EnableHybridViewModel(tools, profile, runner, newRun(), r -> onFinished.accept(r),
                () -> open.set(null));
        open.set(vm);
        vm.open(ref);
        return vm;
    }

    OperationRunViewModel newRun() {
        return new OperationRunViewModel(runner, fx, engine, journals);
    }

    /** The open wizard, or null; the window shows it with {@code WizardView.modal}. */
    public ReadOnlyObjectProperty<Wizard> openProperty() {
        return open.getReadOnlyProperty();
    }
}
