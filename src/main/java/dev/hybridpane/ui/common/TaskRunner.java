package dev.hybridpane.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * The one way the UI runs blocking work. {@link #task} describes it, the returned {@link Task} takes the callbacks, and
 * {@link Task#start()} runs it: the work in the background, the callbacks on the FX thread ({@link FxTaskRunner}), or
 * everything at once on the caller's thread ({@link SyncTaskRunner}, for deterministic view-model tests).
 */
public interface TaskRunner {
    /** Work that returns nothing. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /** Work that returns a result. */
    <T> Task<T> task(String title, Callable<T> work);

    /** Work that returns nothing (no {@code return null}). */
    default Task<Void> task(String title, Action work) {
        return task(title, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Tracks work that is already running asynchronously (a CompletableFuture from a core service) without blocking a
     * thread on it; its callbacks run as a {@link #task}'s do.
     */
    <T> Task<T> await(String title, CompletableFuture<T> future);

    /** How many tasks are running now. */
    ReadOnlyIntegerProperty runningProperty();

    /** Title of the most recently started task still running, or empty. */
    ReadOnlyStringProperty currentTitleProperty();
}
