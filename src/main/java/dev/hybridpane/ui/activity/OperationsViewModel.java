package dev.hybridpane.ui.activity;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The operations the console ran (import, enable hybrid): the journals in the config dir, read at start, plus the
 * live ones as their journals change. Selecting one shows its steps and log. FX thread only.
 */
public final class OperationsViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final JournalStore store;
    private final TaskRunner runner;
    private final Clock clock;
    private final Map<String, Journal> journals = new HashMap<>();
    private final Set<String> live = new HashSet<>();
    private final ObservableList<OperationRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<OperationRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<Journal.StepRecord> steps = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(this, "detailTitle", "");
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError");

    public OperationsViewModel(JournalStore store, TaskRunner runner, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.clock = clock;
        selected.addListener((o, a, b) -> showSelected());
    }

    /** Reads the journals of earlier sessions off the FX thread. */
    public void load() {
        runner.task("Reading operations", store::list)
                .onSuccess(list -> {
                    loadError.set(null);
                    for (Journal j : list) {
                        journals.putIfAbsent(j.id(), j);
                    }
                    rebuild();
                })
                .onError(e -> loadError.set("Could not read the operations: " + Errors.sentence(e)))
                .start();
    }

    /** A journal changed (an operation of this session runs); call on the FX thread. */
    public void onJournal(Journal j) {
        journals.put(j.id(), j);
        if (j.status() == OperationStatus.RUNNING) {
            live.add(j.id());
        } else {
            live.remove(j.id());
        }
        rebuild();
    }

    private void rebuild() {
        String keep = selected.get() == null ? null : selected.get().id();
        List<OperationRow> next = journals.values().stream()
                .sorted(Comparator.comparing(Journal::started, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(j -> OperationRow.of(j, live.contains(j.id()), clock.instant())).toList();
        rows.setAll(next);
        if (keep != null) {
            selected.set(next.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(null));
            showSelected();
        }
    }

    private void showSelected() {
        OperationRow r = selected.get();
        Journal j = r == null ? null : journals.get(r.id());
        if (j == null) {
            steps.clear();
            log.clear();
            detailTitle.set("");
            return;
        }
        detailTitle.set(r.kind() + " · " + r.cluster() + " · " + r.statusLabel());
        steps.setAll(j.steps());
        log.setAll(j.log().stream().map(l -> TIME.format(l.time()) + "  " + l.text()).toList());
    }

    public static String stateLabel(StepState s) {
        return switch (s) {
            case PENDING -> "pending";
            case RUNNING -> "running";
            case ALREADY_DONE -> "already done";
            case DONE -> "done";
            case FAILED -> "failed";
            case SKIPPED -> "skipped";
        };
    }

    public ObservableList<OperationRow> rows() {
        return rows;
    }

    public ObjectProperty<OperationRow> selectedProperty() {
        return selected;
    }

    /** The selected operation's steps with their states. */
    public ObservableList<Journal.StepRecord> steps() {
        return steps;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }
}
