package dev.hybridpane.core.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What steps share while an operation runs: outputs (ARNs, update ids; never secrets, they go to the
 * journal), a log line sink, and the cancellation flag that long waits should check.
 */
public final class StepContext {
    private final Map<String, String> outputs;
    private final Consumer<String> log;
    private final CancelToken cancel;

    public StepContext(Map<String, String> outputs, Consumer<String> log, CancelToken cancel) {
        this.outputs = new LinkedHashMap<>(outputs);
        this.log = log;
        this.cancel = cancel;
    }

    public synchronized void put(String key, String value) {
        outputs.put(key, value);
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(outputs.get(key));
    }

    public synchronized String require(String key) {
        String v = outputs.get(key);
        if (v == null) {
            throw new IllegalStateException("an earlier step did not record " + key);
        }
        return v;
    }

    public synchronized Map<String, String> outputs() {
        return Map.copyOf(outputs);
    }

    public void log(String line) {
        log.accept(line);
    }

    public CancelToken cancel() {
        return cancel;
    }

    /** Sleeps in small slices, returning early (with an exception) when the operation is cancelled. */
    public void pause(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            if (cancel.cancelled()) {
                throw new OperationCancelledException();
            }
            Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
        }
    }
}
