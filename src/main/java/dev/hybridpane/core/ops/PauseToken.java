package dev.hybridpane.core.ops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Pause, resume and cancel of a {@link Rolling} step, asked for by the administrator (a button, Ctrl-C) and honoured at a
 * target boundary: while paused no new target starts and the targets in flight finish their steps; a cancel starts no
 * new target either, lets those in flight finish, and ends the step as cancelled. Thread-safe; listeners hear each change
 * on the thread that made it.
 */
public final class PauseToken {
    /** Where a rolling step stands. */
    public enum State { RUNNING, PAUSED, CANCELLED }

    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    private State state = State.RUNNING;

    /** No new target starts until {@link #resume}. A cancelled token stays cancelled. */
    public void pause() {
        change(State.PAUSED);
    }

    public void resume() {
        change(State.RUNNING);
    }

    /** No new target starts; the step ends as cancelled once the targets in flight have finished. */
    public void cancel() {
        change(State.CANCELLED);
    }

    private void change(State to) {
        synchronized (this) {
            if (state == State.CANCELLED || state == to) {
                return;
            }
            state = to;
            notifyAll();
        }
        listeners.forEach(l -> l.accept(to));
    }

    public synchronized State state() {
        return state;
    }

    public synchronized boolean paused() {
        return state == State.PAUSED;
    }

    public synchronized boolean cancelled() {
        return state == State.CANCELLED;
    }

    /** Hears every change of state (the UI's Pause/Resume button). */
    public void onChange(Consumer<State> listener) {
        listeners.add(listener);
    }

    /**
     * Blocks while paused. Returns true when running, false when cancelled (this token, or {@code also}, the operation's
     * own cancel flag, which is looked at every {@code slice}).
     */
    boolean awaitRunning(CancelToken also, Duration slice) throws InterruptedException {
        synchronized (this) {
            while (true) {
                if (state == State.CANCELLED || also.cancelled()) {
                    return false;
                }
                if (state == State.RUNNING) {
                    return true;
                }
                wait(Math.max(1, slice.toMillis()));
            }
        }
    }
}
