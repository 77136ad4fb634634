package dev.hybridpane.app.hybrid;

import dev.hybridpane.ui.common.AbstractTaskRunner;
import dev.hybridpane.ui.common.SyncTaskRunner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** Runs work at once like {@link SyncTaskRunner}, except tasks with one title, which wait until the test runs them. */
final class DeferringTaskRunner extends AbstractTaskRunner {
    private final String deferred;
    private final Deque<Runnable> pending = new ArrayDeque<>();

    DeferringTaskRunner(String deferredTitle) {
        this.deferred = deferredTitle;
    }

    @Override
    protected <T> void execute(String title, Callable<T> work, BiConsumer<T, Throwable> done) {
        Runnable run = () -> SyncTaskRunner.runNow(work, done);
        if (title.equals(deferred)) {
            pending.add(run);
        } else {
            run.run();
        }
    }

    @Override
    protected <T> void follow(CompletableFuture<T> future, BiConsumer<T, Throwable> done) {
        execute("", future::join, done);
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
}
