package dev.hybridpane.lab.kube;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Wraps the CRUD store's watch listener so that its close and failure handling runs off the server's event
 * loop. fabric8's mock (7.8.0) waits in {@code onClosed} for the watch's send executor to finish, while that
 * executor may be waiting for the same event loop to write an event: when a client closes a watch as events
 * flow (an informer stopped while the simulation runs), the API server froze until the write timed out.
 * Before it shuts down, the listener is taken out of the store's open watches, so that no write hands it an
 * event it would reject.
 * Everything else is passed through unchanged, on the thread it arrives on.
 */
final class WatchCloseOffLoop extends WebSocketListener {
    /** Daemon threads, made on demand and dropped after a minute idle: watch closes are rare. */
    private static final ExecutorService CLOSERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "lab-watch-close");
                t.setDaemon(true);
                return t;
            });

    private final WebSocketListener store;
    private final Consumer<Object> forget;
    private final LabKubeFaults faults;

    /**
     * @param forget takes the store's listener out of the store's open watches, before it shuts down
     * @param faults told of the watch's socket while it is open (it may end it)
     */
    WatchCloseOffLoop(WebSocketListener store, Consumer<Object> forget, LabKubeFaults faults) {
        this.store = store;
        this.forget = forget;
        this.faults = faults;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
        store.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        store.onOpen(webSocket, response);
        faults.watchOpened(webSocket);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        store.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
        store.onMessage(webSocket, bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        store.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        faults.watchClosed(webSocket);
        offLoop(() -> store.onClosed(webSocket, code, reason));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
        faults.watchClosed(webSocket);
        offLoop(() -> store.onFailure(webSocket, error, response));
    }

    /** On a closer thread: the store forgets the watch, then shuts it down. */
    private void offLoop(Runnable closing) {
        CLOSERS.execute(() -> {
            forget.accept(store);
            afterStop(closing);
        });
    }

    /**
     * Runs the store's close handling. When the lab stops while its watches fail, that handling comes after the
     * server's event loop has ended and is refused by it: the socket went with the loop, so there is nothing left to
     * close (before, the refusal escaped as an uncaught exception on this thread).
     */
    static void afterStop(Runnable closing) {
        try {
            closing.run();
        } catch (RejectedExecutionException e) {
            // the server's event loop has stopped
        }
    }
}
