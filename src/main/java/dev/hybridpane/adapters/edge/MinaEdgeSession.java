package dev.hybridpane.adapters.edge;

import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgePort;
import dev.hybridpane.core.edge.ProbeResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** One logged-in SSH session; each command gets its own exec channel. */
final class MinaEdgeSession implements EdgePort.EdgeSession {
    private final ClientSession session;
    private final String hostPort;

    MinaEdgeSession(ClientSession session, String hostPort) {
        this.session = session;
        this.hostPort = hostPort;
    }

    @Override
    public EdgePort.CommandResult run(String command, byte[] stdin, Duration timeout) throws EdgeException {
        if (!session.isOpen()) {
            throw new EdgeException(new ProbeResult.Unreachable("The connection to " + hostPort + " is closed."));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec ch = session.createExecChannel(command)) {
            ch.setOut(out);
            ch.setErr(err);
            if (stdin != null) {
                ch.setIn(new ByteArrayInputStream(stdin));
            }
            ch.open().verify(timeout);
            Set<ClientChannelEvent> ev = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (ev.contains(ClientChannelEvent.TIMEOUT)) {
                ch.close(true);
                throw new EdgeException(new ProbeResult.TimedOut("'" + first(command) + "' did not finish on " + hostPort
                        + " within " + timeout.toSeconds() + " s."));
            }
            Integer exit = ch.getExitStatus();
            if (exit == null) {
                throw new EdgeException(new ProbeResult.Unreachable("The connection to " + hostPort
                        + " dropped while running '" + first(command) + "'."));
            }
            return new EdgePort.CommandResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (MinaEdgePort.isTimeout(e)) {
                throw new EdgeException(new ProbeResult.TimedOut("'" + first(command) + "' did not finish on " + hostPort
                        + " within " + timeout.toSeconds() + " s."));
            }
            throw new EdgeException(new ProbeResult.Unreachable("The connection to " + hostPort + " dropped while running '"
                    + first(command) + "': " + MinaEdgePort.cause(e)));
        }
    }

    private static String first(String command) {
        String c = command.length() > 40 ? command.substring(0, 40) + "…" : command;
        return c;
    }

    @Override
    public void close() {
        MinaEdgePort.closeQuietly(session);
    }
}
