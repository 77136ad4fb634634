package dev.hybridpane.ui.hybrid;

import dev.hybridpane.core.hybrid.FootprintStatus;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Waits while the administrator applies the manifest with kubectl or GitOps: reads the footprint off the FX thread
 * every interval (through the TaskRunner; the worker sleeps between reads) until every object is there.
 */
public final class FootprintWaitViewModel {
    /** The title of every poll task (tests recognise them). */
    public static final String POLL_TITLE = "Checking the HybridPane footprint";

    private final TaskRunner runner;
    private final Duration interval;
    private final ReadOnlyBooleanWrapper waiting = new ReadOnlyBooleanWrapper(this, "waiting");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper missing = new ReadOnlyStringWrapper(this, "missing", "");
    private int generation;
    private int polls;

    public FootprintWaitViewModel(TaskRunner runner, Duration interval) {
        this.runner = runner;
        this.interval = interval;
    }

    /** Starts waiting; {@code onComplete} runs on the FX thread once every object is present. */
    public void start(Callable<FootprintStatus> read, Runnable onComplete) {
        int gen = ++generation;
        polls = 0;
        waiting.set(true);
        status.set("Waiting for hybridpane-system and the CRDs…");
        poll(gen, read, onComplete);
    }

    private void poll(int gen, Callable<FootprintStatus> read, Runnable onComplete) {
        runner.task(POLL_TITLE, () -> {
            Thread.sleep(interval.toMillis());
            return read.call();
        }).onSuccess(s -> {
            if (gen != generation) {
                return;
            }
            polls++;
            int total = s.present().size() + s.missing().size();
            if (s.complete()) {
                waiting.set(false);
                missing.set("");
                status.set("All " + total + " objects are in the cluster.");
                onComplete.run();
                return;
            }
            status.set("Waiting for hybridpane-system and the CRDs… " + s.present().size() + " of " + total
                    + " objects present (checked " + polls + (polls == 1 ? " time" : " times") + ", every "
                    + interval.toSeconds() + " s).");
            missing.set("Still missing: " + String.join(", ", s.missing()));
            poll(gen, read, onComplete);
        }).onError(e -> {
            if (gen != generation) {
                return;
            }
            polls++;
            status.set("Could not read the cluster (" + Errors.sentence(e) + "); trying again.");
            poll(gen, read, onComplete);
        }).start();
    }

    /** Stops waiting; a poll in flight is ignored when it returns. */
    public void cancel() {
        if (waiting.get()) {
            generation++;
            waiting.set(false);
            status.set("Stopped waiting. Apply the manifest, then press Next to check again.");
        }
    }

    public ReadOnlyBooleanProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty missingProperty() {
        return missing.getReadOnlyProperty();
    }
}
