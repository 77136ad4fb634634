package dev.hybridpane.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * The one way the UI runs blocking work: the callable runs in the background, and exactly one of the
 * callbacks runs afterwards on the FX thread (or on the caller's thread for {@link SyncTaskRunner}).
 */
public interface TaskRunner {
    <T> void run(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError);

    /**
     * Tracks work that is already running asynchronously (a CompletableFuture from a core service)
     * without blocking a thread on it; the callbacks run like those of {@link #run}.
     */
    <T> void await(String title, java.util.concurrent.CompletableFuture<T> future, Consumer<? super T> onSuccess,
            Consumer<Throwable> onError);

    /** How many tasks are running now. */
    ReadOnlyIntegerProperty runningProperty();

    /** Title of the most recently started task still running, or empty. */
    ReadOnlyStringProperty currentTitleProperty();
}
