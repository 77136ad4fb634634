package dev.hybridpane.ui.pools.day2;

import java.util.Locale;

/**
 * One node's (or host's) progress in a running day-2 operation, from its journal output {@code progress/TARGET}:
 * "waiting", "3/6 nodeadm upgrade…" (its current step), "done", "cancelled" or "failed: reason".
 */
public record TargetProgress(String target, String detail, String text) {
    public enum State { WAITING, RUNNING, DONE, FAILED, CANCELLED }

    public State state() {
        if (text == null || text.isEmpty() || text.equals("waiting")) {
            return State.WAITING;
        }
        if (text.equals("done")) {
            return State.DONE;
        }
        if (text.startsWith("failed")) {
            return State.FAILED;
        }
        if (text.equals("cancelled")) {
            return State.CANCELLED;
        }
        return State.RUNNING;
    }

    /** "Waiting", "Running", "Done", "Failed", "Cancelled". */
    public String stateText() {
        String n = state().name();
        return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }

    /** The current step without its "3/6 " count, or the outcome. */
    public String stepText() {
        return switch (state()) {
            case WAITING -> "—";
            case FAILED -> text.startsWith("failed: ") ? text.substring(8) : text;
            case RUNNING -> text.replaceFirst("^\\d+/\\d+ ", "");
            default -> text;
        };
    }
}
