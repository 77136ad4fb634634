package dev.hybridpane.core.ops;

import java.util.concurrent.atomic.AtomicBoolean;

/** Cancellation asked for by the user; the engine checks it between steps. */
public final class CancelToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean cancelled() {
        return cancelled.get();
    }
}
