package dev.hybridpane.adapters.edge;

import dev.hybridpane.core.edge.AgentStatus;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.ProbeResult;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Finds this workstation's ssh-agent (SSH_AUTH_SOCK, injectable for tests) and checks that it answers, with a
 * sentence the administrator can act on when it does not.
 */
final class SshAgentAccess {
    static final String ENV = "SSH_AUTH_SOCK";

    private final Supplier<String> authSock;
    private final Duration timeout;

    SshAgentAccess(Supplier<String> authSock, Duration timeout) {
        this.authSock = authSock;
        this.timeout = timeout;
    }

    /** The agent's socket; fails with a KeyProblem when SSH_AUTH_SOCK is not set or names no socket. */
    Path socket() throws EdgeException {
        String s = authSock.get();
        if (s == null || s.isBlank()) {
            throw problem("No ssh-agent: SSH_AUTH_SOCK is not set. Start ssh-agent and ssh-add your key, or choose a key file.");
        }
        Path p;
        try {
            p = Path.of(s.strip());
        } catch (InvalidPathException e) {
            throw problem("No ssh-agent: SSH_AUTH_SOCK (" + s + ") is not a path.");
        }
        if (!Files.exists(p)) {
            throw problem("ssh-agent at " + p + " did not answer: there is no such socket (agent stopped?).");
        }
        return p;
    }

    /** Connects and lists the agent's keys; the number of keys MINA can use, or a KeyProblem saying why not. */
    int keys(Path socket) throws EdgeException {
        try (OpenSshAgentClient agent = OpenSshAgentClient.connect(socket, timeout)) {
            return agent.getIdentities().size();
        } catch (SocketTimeoutException e) {
            throw problem("ssh-agent at " + socket + " did not answer within " + Math.max(1, timeout.toSeconds()) + " s.");
        } catch (IOException | RuntimeException e) {
            throw problem("ssh-agent at " + socket + " did not answer: " + MinaEdgePort.cause(e));
        }
    }

    /** Fails unless the agent answers and holds at least one key; returns the socket to log in with. */
    Path usableSocket() throws EdgeException {
        Path socket = socket();
        if (keys(socket) == 0) {
            throw problem("ssh-agent at " + socket + " holds no keys: add yours with ssh-add.");
        }
        return socket;
    }

    AgentStatus status() {
        try {
            return AgentStatus.answered(keys(socket()));
        } catch (EdgeException e) {
            return AgentStatus.unavailable(e.failure().reason());
        }
    }

    private static EdgeException problem(String reason) {
        return new EdgeException(new ProbeResult.KeyProblem(reason, false));
    }
}
