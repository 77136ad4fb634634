package dev.hybridpane.ui.activity;

import atlantafx.base.theme.Styles;
import dev.hybridpane.core.hybrid.EnableHybridPlanner;
import dev.hybridpane.core.hybrid.HybridSetupService;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** One operation in the Activity view: what it was, on which cluster, how it went and how long it took. */
public record OperationRow(String id, String kind, String cluster, OperationStatus status, Instant started, Duration took,
        String error) {

    /** {@code live}: the console runs it now (a journal left RUNNING by an earlier session was interrupted). */
    static OperationRow of(Journal j, boolean live, Instant now) {
        OperationStatus s = j.status() == OperationStatus.RUNNING && !live ? OperationStatus.INTERRUPTED : j.status();
        Instant end = j.finished() != null ? j.finished() : s == OperationStatus.RUNNING ? now : null;
        Duration took = j.started() == null || end == null ? null : Duration.between(j.started(), end);
        return new OperationRow(j.id(), kindLabel(j.kind()), j.target(), s, j.started(), took, j.error());
    }

    static String kindLabel(String kind) {
        return switch (kind == null ? "" : kind) {
            case HybridSetupService.IMPORT_KIND -> "Import";
            case EnableHybridPlanner.KIND -> "Enable hybrid";
            default -> kind;
        };
    }

    public String statusLabel() {
        return switch (status) {
            case PLANNED -> "planned";
            case RUNNING -> "running";
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            case INTERRUPTED -> "interrupted";
        };
    }

    public String statusKind() {
        return switch (status) {
            case SUCCEEDED -> Styles.SUCCESS;
            case FAILED -> Styles.DANGER;
            case CANCELLED, INTERRUPTED -> Styles.WARNING;
            case RUNNING -> Styles.ACCENT;
            case PLANNED -> "neutral";
        };
    }

    public String durationText() {
        if (took == null) {
            return "—";
        }
        long ms = took.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return took.toMinutes() + " min " + took.toSecondsPart() + " s";
    }
}
