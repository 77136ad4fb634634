package dev.hybridpane.core.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The persisted record of an operation: its steps and their states, outputs (no secrets) and the log.
 * Immutable; each change makes a new journal, which the store writes atomically.
 */
public record Journal(String id, String kind, String title, String target, OperationStatus status, Instant started,
        Instant finished, List<StepRecord> steps, Map<String, String> outputs, List<LogLine> log, String error) {

    public Journal {
        steps = List.copyOf(steps);
        outputs = Map.copyOf(outputs == null ? Map.of() : outputs);
        log = List.copyOf(log);
    }

    public record StepRecord(String id, String title, StepState state, String message) {
    }

    public record LogLine(Instant time, String text) {
    }

    public static Journal planned(Operation op, Instant now) {
        List<StepRecord> steps = op.steps().stream().map(s -> new StepRecord(s.id(), s.title(), StepState.PENDING, null)).toList();
        return new Journal(op.id(), op.kind(), op.title(), op.target(), OperationStatus.PLANNED, now, null, steps, Map.of(),
                List.of(), null);
    }

    Journal withStep(int index, StepState state, String message) {
        List<StepRecord> s = new ArrayList<>(steps);
        StepRecord r = s.get(index);
        s.set(index, new StepRecord(r.id(), r.title(), state, message));
        return new Journal(id, kind, title, target, status, started, finished, s, outputs, log, error);
    }

    Journal withLog(LogLine line) {
        List<LogLine> l = new ArrayList<>(log);
        l.add(line);
        return new Journal(id, kind, title, target, status, started, finished, steps, outputs, l, error);
    }

    Journal withStatus(OperationStatus s, Instant at, String err) {
        return new Journal(id, kind, title, target, s, started, s.finished() ? at : null, steps, outputs, log, err);
    }

    Journal withOutputs(Map<String, String> o) {
        return new Journal(id, kind, title, target, status, started, finished, steps, o, log, error);
    }

    public int doneCount() {
        return (int) steps.stream().filter(s -> s.state() == StepState.DONE || s.state() == StepState.ALREADY_DONE).count();
    }

    /** The same journal under another id (history: a finished run kept when the operation runs again). */
    public Journal withId(String newId) {
        return new Journal(newId, kind, title, target, status, started, finished, steps, outputs, log, error);
    }
}
