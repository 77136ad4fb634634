package dev.hybridpane.core.pool;

import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgePort.CommandResult;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.domain.pool.HostCommand;
import dev.hybridpane.domain.pool.HostCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One host's SSH session during a pool operation (opened on first use, one exec request per command), and what the
 * operation learnt about the host: whether its node is already in the cluster (then every later step of the host is done).
 */
final class HostRun implements AutoCloseable {
    static final Duration CONNECT = Duration.ofSeconds(20);
    static final Duration COMMAND = Duration.ofSeconds(60);
    static final Duration NODEADM = Duration.ofMinutes(15);
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final EdgePort edge;
    private final EdgeTarget target;
    private EdgePort.EdgeSession session;
    volatile boolean done;
    volatile String node;
    /** A secret this host's commands may echo (the activation code): never let it into a failure message. */
    volatile String secret;
    /** The last nodeadm command run on this host and what it said (its last error or line), for a diagnosis. */
    volatile String lastNodeadm;

    HostRun(EdgePort edge, EdgeTarget target) {
        this.edge = edge;
        this.target = target;
    }

    String name() {
        return target.spec().name();
    }

    synchronized CommandResult run(HostCommand c, Duration timeout) throws EdgeException {
        if (session == null) {
            session = edge.connect(target, CONNECT);
        }
        try {
            CommandResult r = session.run(c.command(), c.hasStdin() ? c.stdin().getBytes(StandardCharsets.UTF_8) : null, timeout);
            if (c.command().contains("nodeadm ")) {
                lastNodeadm = scrub(c.display() + ": exit " + r.exitCode() + ", " + reason(r));
            }
            return r;
        } catch (EdgeException e) {
            // a dropped connection: the next command (a re-run) connects again
            session.close();
            session = null;
            throw e;
        }
    }

    CommandResult run(HostCommand c) throws EdgeException {
        return run(c, COMMAND);
    }

    /** Runs a command that must succeed; otherwise fails with what it printed (nodeadm: its last "error" field). */
    CommandResult require(HostCommand c, Duration timeout, String what) throws EdgeException {
        CommandResult r = run(c, timeout);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(scrub(what + " failed on " + name() + " (exit " + r.exitCode() + "): " + reason(r)));
        }
        return r;
    }

    String scrub(String text) {
        String s = secret;
        return s == null || s.isEmpty() ? text : text.replace(s, "****");
    }

    /** nodeadm logs JSON lines: the last "error" field; else the last non-empty line of stderr or stdout. */
    static String reason(CommandResult r) {
        String text = r.stderr() == null ? "" : r.stderr();
        String found = null;
        Matcher m = ERROR.matcher(text);
        while (m.find()) {
            found = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (found != null) {
            return found;
        }
        Optional<String> last = lastLine(text).or(() -> lastLine(r.stdout()));
        return last.orElse("no output");
    }

    private static Optional<String> lastLine(String s) {
        if (s == null) {
            return Optional.empty();
        }
        List<String> lines = s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
    }

    /** The file's content, or empty when it does not exist (or cannot be read). */
    Optional<String> cat(String path) throws EdgeException {
        CommandResult r = run(HostCommands.cat(path));
        return r.exitCode() == 0 ? Optional.of(r.stdout()) : Optional.empty();
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
