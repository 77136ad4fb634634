package dev.hybridpane.domain.pool;

import java.util.Objects;

/**
 * One SSH exec request on a host: the command line and, for a file written with {@code install /dev/stdin}, the
 * content sent on stdin ("" for none). {@code shown} is what a plan or a log may show of that content: the same, the
 * NodeConfig with its activation code masked, or a note for a private key. {@code toString} never shows a secret.
 */
public record HostCommand(String command, String stdin, String shown) {
    public HostCommand {
        Objects.requireNonNull(command, "command");
        stdin = stdin == null ? "" : stdin;
        shown = shown == null ? "" : shown;
    }

    public static HostCommand of(String command) {
        return new HostCommand(command, "", "");
    }

    public boolean hasStdin() {
        return !stdin.isEmpty();
    }

    /** The command line, and what may be shown of its stdin below it. */
    public String display() {
        return shown.isEmpty() ? command : command + "\n" + shown.indent(4).stripTrailing();
    }

    @Override
    public String toString() {
        return display();
    }
}
