package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.Orphan;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.SpentActivation;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.SsmHygiene;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "SSM hygiene…" (SSM pools): the hybrid managed instances with no Node (orphans of failed runs) and the activations
 * the console made that are used up or expired, read off the FX thread; "Clean up" (after a confirmation) deregisters
 * the orphans and deletes the activations, then reads the lists again.
 */
public final class SsmHygieneViewModel {
    private final Day2Context ctx;
    private final ObservableList<Orphan> orphans = FXCollections.observableArrayList();
    private final ObservableList<SpentActivation> activations = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");

    SsmHygieneViewModel(Day2Context ctx) {
        this.ctx = ctx;
    }

    public void load() {
        busy.set(true);
        error.set("");
        ctx.runner().task("Reading SSM registrations of " + ctx.target().pool(), () -> ctx.port().hygiene(ctx.target()))
                .onSuccess(h -> {
                    orphans.setAll(h.orphans());
                    activations.setAll(h.activations());
                    loaded.set(true);
                })
                .onError(e -> error.set(Errors.sentence(e)))
                .andFinally(() -> busy.set(false))
                .start();
    }

    /** Whether there is anything to clean up. */
    public boolean anything() {
        return !orphans.isEmpty() || !activations.isEmpty();
    }

    /** What the confirmation says will be done. */
    public String confirmation() {
        return "Deregister " + orphans.size() + (orphans.size() == 1 ? " managed instance" : " managed instances")
                + " (" + String.join(", ", orphans.stream().map(Orphan::managedInstanceId).toList()) + ") and delete "
                + activations.size() + (activations.size() == 1 ? " activation" : " activations")
                + ". A deregistered instance cannot come back: its host must be registered again to rejoin.";
    }

    /** Cleans up what is listed (the administrator confirmed), then reads the lists again. */
    public void cleanUp() {
        if (!anything() || busy.get()) {
            return;
        }
        SsmHygiene chosen = new SsmHygiene(orphans, activations);
        busy.set(true);
        error.set("");
        ctx.runner().task("Cleaning up SSM registrations of " + ctx.target().pool(),
                        () -> ctx.port().cleanUp(ctx.target(), chosen))
                .onSuccess(text -> {
                    result.set(text);
                    load();
                })
                .onError(e -> {
                    error.set(Errors.sentence(e));
                    busy.set(false);
                })
                .start();
    }

    public ObservableList<Orphan> orphans() { return orphans; }
    public ObservableList<SpentActivation> activations() { return activations; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadedProperty() { return loaded.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** What the last clean-up did, one sentence. */
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
    String pool() { return ctx.target().pool(); }
}
