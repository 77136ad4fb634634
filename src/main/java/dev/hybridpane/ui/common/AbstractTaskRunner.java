package dev.hybridpane.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The runners' shared part: builds the {@link Task}s, keeps the running titles (on the callbacks' thread only), and
 * sends failures that no {@code onError} takes to the system logger.
 */
public abstract class AbstractTaskRunner implements TaskRunner {
    private static final System.Logger LOG = System.getLogger(TaskRunner.class.getName());

    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running");
    private final ReadOnlyStringWrapper currentTitle = new ReadOnlyStringWrapper(this, "currentTitle", "");
    private final Deque<String> titles = new ArrayDeque<>();

    @Override
    public final <T> Task<T> task(String title, Callable<T> work) {
        return new Task<>(title, done -> {
            started(title);
            execute(title, work, (r, e) -> {
                finished(title);
                done.accept(r, e);
            });
        }, e -> unhandled(title, e));
    }

    @Override
    public final <T> Task<T> await(String title, CompletableFuture<T> future) {
        return new Task<>(title, done -> {
            started(title);
            follow(future, (r, e) -> {
                finished(title);
                done.accept(r, e);
            });
        }, e -> unhandled(title, e));
    }

    /** Runs the work in the background and calls {@code done} on the callbacks' thread. */
    protected abstract <T> void execute(String title, Callable<T> work, BiConsumer<T, Throwable> done);

    /** Calls {@code done} on the callbacks' thread once the future completes. */
    protected abstract <T> void follow(CompletableFuture<T> future, BiConsumer<T, Throwable> done);

    private void unhandled(String title, Throwable e) {
        LOG.log(System.Logger.Level.WARNING, () -> title + " failed: " + Errors.sentence(e));
    }

    private void started(String title) {
        titles.push(title);
        running.set(titles.size());
        currentTitle.set(title);
    }

    private void finished(String title) {
        titles.remove(title);
        running.set(titles.size());
        currentTitle.set(titles.isEmpty() ? "" : titles.peek());
    }

    @Override
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty currentTitleProperty() {
        return currentTitle.getReadOnlyProperty();
    }
}
