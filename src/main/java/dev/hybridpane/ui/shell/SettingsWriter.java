package dev.hybridpane.ui.shell;

import dev.hybridpane.core.Settings;
import dev.hybridpane.core.SettingsStore;
import dev.hybridpane.ui.activity.ActivityRow.Level;
import dev.hybridpane.ui.activity.ActivityViewModel;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * The workstation's personal settings as the window has them now, and their writes: each write runs on an I/O thread
 * after the one before (the last one wins), so the FX thread never waits for the disk. A failed write shows in the
 * activity log. Called on the FX thread.
 */
public final class SettingsWriter {
    private final SettingsStore store;
    private final Executor io;
    private final TaskRunner runner;
    private final ActivityViewModel activity;
    private Settings settings;
    /** The latest write (each one starts after the one before). */
    private CompletableFuture<Void> saving = CompletableFuture.completedFuture(null);

    public SettingsWriter(SettingsStore store, Executor io, TaskRunner runner, ActivityViewModel activity, Settings initial) {
        this.store = store;
        this.io = io;
        this.runner = runner;
        this.activity = activity;
        this.settings = initial;
    }

    public Settings settings() {
        return settings;
    }

    /** Changes the settings in memory; {@link #save()} writes them. */
    public void update(UnaryOperator<Settings> change) {
        settings = change.apply(settings);
    }

    /**
     * Writes the settings as they are now, after any earlier write.
     *
     * @return completes when this write is done (or failed)
     */
    public CompletableFuture<Void> save() {
        Settings snapshot = settings;
        // an earlier write that failed does not hold this one back
        CompletableFuture<Void> write = saving.handle((v, e) -> (Void) null).thenRunAsync(() -> store.save(snapshot), io);
        saving = write;
        runner.await("Saving settings", write)
                .onError(e -> activity.log(Level.ERROR, "", "Could not save settings: " + Errors.sentence(e)))
                .start();
        return write.handle((v, e) -> (Void) null);
    }
}
