package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.FanOut;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.ui.wizard.StepRow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Apply step of the pool wizard: the pool operation's journal as it changes (FX thread), as step rows, one
 * progress row per host ({@code progress/HOST}), the log and the outcome. Cancel stops each host before its next step
 * and the operation before its next step; a re-run resumes.
 */
public final class PoolRunViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Consumer<Journal> journals;
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<HostProgress> hosts = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObjectProperty<String> logHost = new SimpleObjectProperty<>(this, "logHost");
    private final FilteredList<String> shownLog = new FilteredList<>(log);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyObjectWrapper<OperationStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private CancelToken cancel;

    /** @param journals told of every journal change (the Activity view's operations) */
    PoolRunViewModel(Consumer<Journal> journals) {
        this.journals = journals;
        logHost.addListener((o, a, h) -> shownLog.setPredicate(h == null ? null : line -> line.contains("[" + h + "]")));
    }

    /** A run begins on these hosts; returns its cancel token. */
    CancelToken starting(List<String> hostNames) {
        cancel = new CancelToken();
        running.set(true);
        status.set(OperationStatus.RUNNING);
        steps.clear();
        log.clear();
        hosts.setAll(hostNames.stream().map(h -> new HostProgress(h, "waiting")).toList());
        progress.set(0);
        summary.set("Starting…");
        return cancel;
    }

    /** A journal change (FX thread). */
    void show(Journal j) {
        List<Journal.StepRecord> s = j.steps();
        for (int i = 0; i < s.size(); i++) {
            StepRow row = new StepRow(i + 1, s.get(i).title(), s.get(i).state(), s.get(i).message());
            if (i < steps.size()) {
                if (!steps.get(i).equals(row)) {
                    steps.set(i, row);
                }
            } else {
                steps.add(row);
            }
        }
        for (int i = 0; i < hosts.size(); i++) {
            String p = j.outputs().get(FanOut.progressKey(hosts.get(i).host()));
            if (p != null && !p.equals(hosts.get(i).text())) {
                hosts.set(i, new HostProgress(hosts.get(i).host(), p));
            }
        }
        for (int i = log.size(); i < j.log().size(); i++) {
            log.add(TIME.format(j.log().get(i).time()) + "  " + j.log().get(i).text());
        }
        long finished = s.stream().filter(r -> r.state() != StepState.PENDING && r.state() != StepState.RUNNING).count();
        long hostsDone = hosts.stream().filter(h -> h.state() == HostProgress.State.DONE).count();
        progress.set(s.isEmpty() ? 0 : (finished + (hosts.isEmpty() ? 0 : (double) hostsDone / hosts.size())) / (s.size() + 1));
        status.set(j.status());
        summary.set(switch (j.status()) {
            case SUCCEEDED -> "Finished: " + j.doneCount() + " of " + s.size() + " steps in place; " + hostsDone + " of "
                    + hosts.size() + " hosts joined.";
            case FAILED -> j.error();
            case CANCELLED -> "Cancelled. " + j.error() + ". Retry resumes where it stopped.";
            case INTERRUPTED -> "Interrupted; Retry resumes where it stopped.";
            default -> "Step " + Math.min(finished + 1, s.size()) + " of " + s.size() + " · " + hostsDone + " of "
                    + hosts.size() + " hosts done…";
        });
        journals.accept(j);
    }

    /** The run ended (FX thread): with its journal, or with a failure sentence (the lock is held elsewhere…). */
    void finished(Journal j, String failure) {
        if (j != null) {
            show(j);
        } else {
            status.set(OperationStatus.FAILED);
            summary.set(failure);
        }
        running.set(false);
        progress.set(j != null && j.status() == OperationStatus.SUCCEEDED ? 1 : progress.get());
    }

    /** Asks the operation to stop: each host before its next step, the operation before its next step. */
    public void cancel() {
        if (cancel != null && running.get()) {
            cancel.cancel();
            summary.set("Cancelling: each host stops after its current step…");
        }
    }

    public ObservableList<StepRow> steps() {
        return steps;
    }

    public ObservableList<HostProgress> hosts() {
        return hosts;
    }

    public ObservableList<String> log() {
        return log;
    }

    /** The host whose log lines {@link #shownLog()} keeps; null: every line. */
    public ObjectProperty<String> logHostProperty() {
        return logHost;
    }

    /** The log as shown: every line, or one host's. */
    public ObservableList<String> shownLog() {
        return shownLog;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<OperationStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
