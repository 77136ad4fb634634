package dev.hybridpane.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** Runs work at once on the calling thread: deterministic view-model tests. */
public final class SyncTaskRunner extends AbstractTaskRunner {
    @Override
    protected <T> void execute(String title, Callable<T> work, BiConsumer<T, Throwable> done) {
        runNow(work, done);
    }

    /** Runs the work on the calling thread and gives {@code done} its result or its failure (test runners use it). */
    public static <T> void runNow(Callable<T> work, BiConsumer<T, Throwable> done) {
        T result;
        try {
            result = work.call();
        } catch (Throwable e) {
            done.accept(null, e);
            return;
        }
        done.accept(result, null);
    }

    @Override
    protected <T> void follow(CompletableFuture<T> future, BiConsumer<T, Throwable> done) {
        execute("", future::join, done);
    }
}
