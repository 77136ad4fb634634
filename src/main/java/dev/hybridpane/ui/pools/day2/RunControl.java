package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ops.CancelToken;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the administrator asks of a running day-2 operation: cancel (a {@link CancelToken}, checked by core between
 * steps) and pause/resume (a rolling run stops at the next node boundary while {@link #pauseRequested()}). The UI
 * calls {@link #pause()}, {@link #resume()}, {@link #cancel()} on the FX thread; the port's implementation reads it
 * from its worker (thread-safe), or follows {@link #onPauseChanged} to drive core's own pause token.
 */
public final class RunControl {
    private final CancelToken cancel = new CancelToken();
    private volatile boolean paused;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

    public CancelToken cancelToken() {
        return cancel;
    }

    public boolean cancelled() {
        return cancel.cancelled();
    }

    public boolean pauseRequested() {
        return paused;
    }

    public void pause() {
        set(true);
    }

    public void resume() {
        set(false);
    }

    /** Cancels; a paused run is let go so it can reach its safe point and stop. */
    public void cancel() {
        cancel.cancel();
        set(false);
    }

    /** Told of every pause (true) and resume (false), on the caller's thread. */
    public void onPauseChanged(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    private void set(boolean p) {
        if (paused != p) {
            paused = p;
            listeners.forEach(l -> l.accept(p));
        }
    }
}
