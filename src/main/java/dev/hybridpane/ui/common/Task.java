package dev.hybridpane.ui.common;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One piece of background work, described fluently and then started:
 * <pre>{@code
 * runner.task("Reading " + name, () -> service.read(name))
 *       .onSuccess(rows::setAll)
 *       .onError(e -> error.set(Errors.sentence(e)))
 *       .andFinally(() -> busy.set(false))
 *       .start();
 * }</pre>
 * The work runs in the background; afterwards exactly one of {@link #onSuccess}/{@link #onError} runs, then
 * {@link #andFinally}, all on the FX thread (on the caller's thread with {@link SyncTaskRunner}). Without an
 * {@code onError} a failure goes to the runner's handler for unhandled failures. A task starts once.
 *
 * @param <T> what the work returns ({@link Void} for work that returns nothing)
 */
public final class Task<T> {
    /** Starts the work; calls {@code done} once, on the thread the callbacks run on, with the result or the failure. */
    @FunctionalInterface
    interface Launch<T> {
        void launch(BiConsumer<T, Throwable> done);
    }

    private final String title;
    private final Launch<T> launch;
    private final Consumer<Throwable> unhandled;
    private Consumer<? super T> onSuccess = r -> { };
    private Consumer<Throwable> onError;
    private Runnable andFinally = () -> { };
    private boolean started;

    Task(String title, Launch<T> launch, Consumer<Throwable> unhandled) {
        this.title = Objects.requireNonNull(title, "title");
        this.launch = launch;
        this.unhandled = unhandled;
    }

    /** What the user sees while it runs (the status bar's busy text). */
    public String title() {
        return title;
    }

    /** Runs with the work's result when it succeeded. */
    public Task<T> onSuccess(Consumer<? super T> handler) {
        this.onSuccess = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** Runs with the failure (a {@link CompletionException}'s cause, not the wrapper) when the work failed. */
    public Task<T> onError(Consumer<Throwable> handler) {
        this.onError = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** Runs after the success or the error handler, whichever ran, even when that handler threw. */
    public Task<T> andFinally(Runnable handler) {
        this.andFinally = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** Starts the work. */
    public void start() {
        if (started) {
            throw new IllegalStateException("Task '" + title + "' was started already");
        }
        started = true;
        launch.launch(this::finish);
    }

    private void finish(T result, Throwable failure) {
        try {
            if (failure == null) {
                onSuccess.accept(result);
            } else {
                Throwable cause = unwrap(failure);
                (onError != null ? onError : unhandled).accept(cause);
            }
        } finally {
            andFinally.run();
        }
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
