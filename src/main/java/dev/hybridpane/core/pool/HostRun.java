package dev.hybridpane.core.pool;

import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.EdgePort.CommandResult;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.ProbeResult;
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
    /** How long a host that answered may be away (a reboot) while a read is retried; property in ms overrides it. */
    static final Duration RECONNECT = Duration.ofSeconds(180);
    /** Caps every SSH timeout of pool operations (ms): for tests and demos that meet a hung host. */
    static final String TIMEOUT_CAP_PROPERTY = "hybridpane.ssh.timeout.cap.ms";
    static final String RECONNECT_PROPERTY = "hybridpane.ssh.reconnect.ms";
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final EdgePort edge;
    private final EdgeTarget target;
    private EdgePort.EdgeSession session;
    /** The host answered once in this run: a refusal later is a host that is away (a reboot), not one that is down. */
    private boolean answered;
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

    /**
     * Runs one command. A host that answered before and is away now (it reboots: connection refused or dropped) is
     * connected to again with backoff, within {@link #RECONNECT}; a command is sent again after a drop only when it reads
     * (cat, test, systemctl is-active, sudo -n true): one that changes something fails, and its step, which observes
     * before it applies, decides on the re-run. A changed host key, a refused login and a timeout are never retried.
     */
    synchronized CommandResult run(HostCommand c, Duration timeout) throws EdgeException {
        long deadline = System.nanoTime() + bound(RECONNECT_PROPERTY, RECONNECT).toNanos();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            boolean sent = false;
            try {
                if (session == null) {
                    session = edge.connect(target, bound(TIMEOUT_CAP_PROPERTY, CONNECT));
                    answered = true;
                }
                sent = true;
                CommandResult r = session.run(c.command(), c.hasStdin() ? c.stdin().getBytes(StandardCharsets.UTF_8) : null,
                        bound(TIMEOUT_CAP_PROPERTY, timeout));
                if (c.command().contains("nodeadm ")) {
                    lastNodeadm = scrub(c.display() + ": exit " + r.exitCode() + ", " + reason(r));
                }
                return r;
            } catch (EdgeException e) {
                // a dropped connection: the next command (or a re-run) connects again
                closeSession();
                boolean away = answered && e.failure() instanceof ProbeResult.Unreachable;
                if (!away || sent && !reads(c) || System.nanoTime() + backoff.toNanos() > deadline) {
                    throw named(e, c, sent);
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Whether the command only reads: sending it again after a drop changes nothing on the host. */
    static boolean reads(HostCommand c) {
        String cmd = c.command().startsWith("sudo -n ") ? c.command().substring("sudo -n ".length()) : c.command();
        return !c.hasStdin() && (cmd.equals("true") || cmd.startsWith("cat ") || cmd.startsWith("test ")
                || cmd.startsWith("systemctl is-active ") || cmd.startsWith("systemctl is-enabled "));
    }

    /** The failure with the host's name and what it was doing, in one line. */
    private EdgeException named(EdgeException e, HostCommand c, boolean sent) {
        ProbeResult.Failure f = e.failure();
        if (f instanceof ProbeResult.TimedOut t) {
            return new EdgeException(new ProbeResult.TimedOut(scrub("Host " + name() + ": " + t.reason())));
        }
        if (f instanceof ProbeResult.Unreachable u) {
            String dropped = sent && !u.reason().contains("dropped") ? " The connection dropped while running '"
                    + shortly(c.command()) + "'." : "";
            return new EdgeException(new ProbeResult.Unreachable(scrub("Host " + name() + ": " + u.reason() + dropped
                    + (sent && !reads(c) ? " Its result is unknown: run the operation again, it checks what was done." : ""))));
        }
        return e;
    }

    private static String shortly(String command) {
        return command.length() > 40 ? command.substring(0, 40) + "…" : command;
    }

    /** {@code d}, or less when the property (ms) caps it. */
    static Duration bound(String property, Duration d) {
        Long ms = Long.getLong(property);
        return ms == null || ms <= 0 || ms >= d.toMillis() ? d : Duration.ofMillis(ms);
    }

    private static void sleep(Duration d) throws EdgeException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgeException(new ProbeResult.Cancelled());
        }
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
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
        closeSession();
    }
}
