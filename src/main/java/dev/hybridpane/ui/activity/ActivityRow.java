package dev.hybridpane.ui.activity;

import java.time.Instant;

/** One line of the session log. {@code cluster} is empty for fleet-wide entries. */
public record ActivityRow(Instant time, String cluster, String message, Level level) {
    public enum Level {
        INFO, WARNING, ERROR
    }
}
