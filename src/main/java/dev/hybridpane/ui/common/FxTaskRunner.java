package dev.hybridpane.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

/** Runs work on the I/O executor and delivers results through the FX executor. */
public final class FxTaskRunner extends AbstractTaskRunner {
    private final Executor io;
    private final Executor fx;

    public FxTaskRunner(Executor io, Executor fx) {
        this.io = io;
        this.fx = fx;
    }

    @Override
    protected <T> void execute(String title, Callable<T> work, BiConsumer<T, Throwable> done) {
        try {
            io.execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable e) {
                    fx.execute(() -> done.accept(null, e));
                    return;
                }
                fx.execute(() -> done.accept(result, null));
            });
        } catch (RejectedExecutionException e) {
            done.accept(null, e);
        }
    }

    @Override
    protected <T> void follow(CompletableFuture<T> future, BiConsumer<T, Throwable> done) {
        future.whenComplete((r, e) -> fx.execute(() -> done.accept(r, e)));
    }
}
