package dev.hybridpane.ui.pools.wizard;

/**
 * One host's progress in a running pool operation, from its journal output {@code progress/HOST}: "waiting",
 * "2/6 nodeadm install…", "done", "cancelled" or "failed: reason".
 */
public record HostProgress(String host, String text) {
    public enum State { WAITING, RUNNING, DONE, FAILED, CANCELLED }

    public State state() {
        if (text == null || text.equals("waiting")) {
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
}
