package dev.hybridpane.app.startup;

import dev.hybridpane.app.Main;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit once, on its own thread, so that the console's JVM can begin it before the
 * command line is parsed and while the lab or the AWS profiles load ({@link Main} calls {@link #begin()}
 * when the command opens a window). The toolkit's native libraries and display connection are then ready
 * when the window is built.
 */
public final class FxStartup {
    private static CompletableFuture<Void> started;

    private FxStartup() {
    }

    /** Starts the toolkit on a daemon thread, if it was not started yet; returns at once. */
    public static synchronized void begin() {
        if (started != null) {
            return;
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        started = f;
        Thread t = new Thread(() -> {
            try {
                Platform.startup(() -> { });
                f.complete(null);
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        }, "hybridpane-fx-startup");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Waits until the toolkit runs (starting it first if {@link #begin()} was not called).
     *
     * @throws RuntimeException what {@link Platform#startup} threw, e.g. when there is no display
     */
    public static void await() {
        CompletableFuture<Void> f;
        synchronized (FxStartup.class) {
            begin();
            f = started;
        }
        try {
            f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
