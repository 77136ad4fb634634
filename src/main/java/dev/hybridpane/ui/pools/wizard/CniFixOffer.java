package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.pool.CniFix;
import dev.hybridpane.core.pool.NotReadyDiagnosis;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * After a run that failed, the explicit fix for a CNI that does not run on the pool's nodes (the cluster's Cilium or
 * Calico DaemonSet without the hybrid affinity, or without tolerations for the pool's taints): the patch is read and
 * shown first ({@link CniFix#plan}), and applied only when the administrator presses the button. Retry then finishes
 * the pool. Nothing is offered when the CNI already runs there or no patch can fix it.
 */
public final class CniFixOffer {
    private final PoolStore store;
    private final TaskRunner runner;
    private final ReadOnlyStringWrapper patch = new ReadOnlyStringWrapper(this, "patch");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private CniFix.Plan plan;
    private ClusterRef ref;
    private ClusterAccess access;

    public CniFixOffer(PoolStore store, TaskRunner runner) {
        this.store = store;
        this.runner = runner;
    }

    /** Forgets any offer (a new run starts). */
    public void clear() {
        plan = null;
        patch.set(null);
        result.set(null);
    }

    /** Reads whether a patch would let the CNI run on the pool's nodes, and offers it. */
    public void check(ClusterRef ref, ClusterAccess access, String pool) {
        clear();
        this.ref = ref;
        this.access = access;
        busy.set(true);
        runner.task("Reading the CNI of " + ref.name(), () -> {
            try (PoolStore.Pools pools = store.open(ref, access)) {
                return CniFix.plan(pools, pool);
            }
        }).onSuccess(p -> {
            if (!p.patches().isEmpty()) {
                plan = p;
                patch.set(text(p));
            }
        }).onError(e -> result.set("Could not read the cluster's CNI: " + Errors.sentence(e)))
                .andFinally(() -> busy.set(false)).start();
    }

    /** Applies the offered patch, then reads again: what it says is in {@link #resultProperty()}. */
    public void apply() {
        CniFix.Plan p = plan;
        if (p == null || busy.get()) {
            return;
        }
        busy.set(true);
        runner.task("Patching the CNI of " + ref.name(), () -> {
            try (PoolStore.Pools pools = store.open(ref, access)) {
                return CniFix.apply(pools, p);
            }
        }).onSuccess(after -> {
            plan = after.patches().isEmpty() ? null : after;
            patch.set(plan == null ? null : text(after));
            result.set(after.runs() ? "Patched " + String.join(", ", p.patches().stream().map(x -> x.namespace() + "/" + x.name())
                    .toList()) + ": the CNI now runs on the pool's nodes, which turn Ready within a minute. Retry finishes the pool."
                    : "After the patch the CNI still does not run on the pool's nodes: " + String.join(" ", after.notes()));
        }).onError(e -> result.set("Could not patch the CNI: " + Errors.sentence(e)))
                .andFinally(() -> busy.set(false)).start();
    }

    private static String text(CniFix.Plan p) {
        List<String> lines = new ArrayList<>(p.notes());
        for (NotReadyDiagnosis.CniPatch x : p.patches()) {
            lines.add(x.command());
        }
        return String.join("\n", lines);
    }

    /** The patch on offer (notes, then each patch as a kubectl command), or null. */
    public ReadOnlyStringProperty patchProperty() {
        return patch.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
