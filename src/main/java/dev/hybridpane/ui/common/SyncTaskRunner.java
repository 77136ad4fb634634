package dev.hybridpane.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work at once on the calling thread: deterministic view-model tests. */
public final class SyncTaskRunner extends AbstractTaskRunner {
    @Override
    public <T> void await(String title, java.util.concurrent.CompletableFuture<T> future, Consumer<? super T> onSuccess,
            Consumer<Throwable> onError) {
        run(title, future::join, onSuccess, e -> onError.accept(
                e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e));
    }

    @Override
    public <T> void run(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        started(title);
        T result;
        try {
            result = work.call();
        } catch (Throwable e) {
            finished(title);
            onError.accept(e);
            return;
        }
        finished(title);
        onSuccess.accept(result);
    }
}
