package dev.hybridpane.app.cli;

import dev.hybridpane.core.ops.CancelToken;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a CLI operation: the JVM runs its shutdown hooks, and this one cancels the operation (it stops at its
 * next safe point: between steps, between a host's steps, in a wait), then waits at most {@link #GRACE} for the command to
 * finish (the journal says cancelled and is written, the lock's lease is released, the one-line outcome is printed),
 * and ends the process with the command's exit code (1 when cancelled). A re-run resumes from the journal.
 */
final class CliInterrupt implements AutoCloseable {
    static final Duration GRACE = Duration.ofSeconds(30);

    /** Where the hook goes: the JVM's shutdown hooks; a test installs its own and runs the hook itself. */
    interface Hooks {
        Object add(Runnable hook);

        void remove(Object handle);
    }

    static final Hooks JVM = new Hooks() {
        @Override
        public Object add(Runnable hook) {
            Thread t = new Thread(hook, "hybridpane-cancel");
            Runtime.getRuntime().addShutdownHook(t);
            return t;
        }

        @Override
        public void remove(Object handle) {
            try {
                Runtime.getRuntime().removeShutdownHook((Thread) handle);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook is running
            }
        }
    };

    /** Tests only: replaced to run the hook without a signal. */
    static volatile Hooks hooks = JVM;

    private final CancelToken cancel;
    private final Hooks installedOn;
    private final Object handle;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = 1;

    private CliInterrupt(CancelToken cancel, Hooks on) {
        this.cancel = cancel;
        this.installedOn = on;
        this.handle = on.add(this::interrupted);
    }

    /** Installs the hook for this operation; close it when the command has finished. */
    static CliInterrupt cancelling(CancelToken cancel) {
        return new CliInterrupt(cancel, hooks);
    }

    /** The hook: cancel, wait for the command, end the process with its code (when the JVM is shutting down). */
    private void interrupted() {
        cancel.cancel();
        try {
            finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (installedOn == JVM) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(exitCode);
        }
    }

    /** The command finished with this exit code: the hook, if running, may end the process. */
    void finished(int code) {
        exitCode = code;
        installedOn.remove(handle);
        finished.countDown();
    }

    @Override
    public void close() {
        finished(exitCode);
    }
}
