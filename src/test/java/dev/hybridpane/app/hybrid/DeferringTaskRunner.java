package dev.hybridpane.app.hybrid;

import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.common.TaskRunner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** Runs work at once like {@link SyncTaskRunner}, except tasks with one title, which wait until the test runs them. */
final class DeferringTaskRunner implements TaskRunner {
    private final SyncTaskRunner sync = new SyncTaskRunner();
    private final String deferred;
    private final Deque<Runnable> pending = new ArrayDeque<>();

    DeferringTaskRunner(String deferredTitle) {
        this.deferred = deferredTitle;
    }

    @Override
    public <T> void run(String title, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        if (title.equals(deferred)) {
            pending.add(() -> sync.run(title, work, onSuccess, onError));
        } else {
            sync.run(title, work, onSuccess, onError);
        }
    }

    @Override
    public <T> void await(String title, CompletableFuture<T> future, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        sync.await(title, future, onSuccess, onError);
    }

    /** Runs the tasks queued so far (not those they queue); returns how many ran. */
    int runPending() {
        int n = pending.size();
        for (int i = 0; i < n; i++) {
            pending.poll().run();
        }
        return n;
    }

    int pendingCount() {
        return pending.size();
    }

    @Override
    public ReadOnlyIntegerProperty runningProperty() {
        return sync.runningProperty();
    }

    @Override
    public ReadOnlyStringProperty currentTitleProperty() {
        return sync.currentTitleProperty();
    }
}
