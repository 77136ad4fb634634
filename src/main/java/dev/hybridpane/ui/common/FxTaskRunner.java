package dev.hybridpane.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/** Runs work on the I/O executor and delivers results through the FX executor. */
public final class FxTaskRunner extends AbstractTaskRunner {
    private final Executor io;
    private final Executor fx;

    public FxTaskRunner(Executor io, Executor fx) {
        this.io = io;
        this.fx = fx;
    }

    @Override
    public <T> void run(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        started(title);
        try {
            io.execute(() -> execute(title, work, onSuccess, onError));
        } catch (RejectedExecutionException e) {
            finished(title);
            onError.accept(e);
        }
    }

    @Override
    public <T> void await(String title, java.util.concurrent.CompletableFuture<T> future, Consumer<? super T> onSuccess,
            Consumer<Throwable> onError) {
        started(title);
        future.whenComplete((result, e) -> fx.execute(() -> {
            finished(title);
            if (e != null) {
                onError.accept(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            } else {
                onSuccess.accept(result);
            }
        }));
    }

    private <T> void execute(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        T result;
        try {
            result = work.call();
        } catch (Throwable e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            fx.execute(() -> {
                finished(title);
                onError.accept(cause);
            });
            return;
        }
        fx.execute(() -> {
            finished(title);
            onSuccess.accept(result);
        });
    }
}
