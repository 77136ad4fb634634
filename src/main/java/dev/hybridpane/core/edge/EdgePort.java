package dev.hybridpane.core.edge;

import java.time.Duration;

/** SSH to edge hosts (MINA SSHD in production and against the lab). */
public interface EdgePort {

    /**
     * Connects and logs in. The host key is checked against the {@link KnownHostsStore}: an unknown key
     * fails with {@link ProbeResult.UnknownHostKey} (so the UI can show it and ask), a different key with
     * {@link ProbeResult.HostKeyChanged}.
     */
    EdgeSession connect(EdgeTarget target, Duration timeout) throws EdgeException;

    /**
     * Asks this workstation's ssh-agent (SSH_AUTH_SOCK) whether it answers and how many keys it holds. Blocks on
     * a socket: call it off the FX thread. Adapters without agent support keep the default.
     */
    default AgentStatus agentStatus() {
        return AgentStatus.unavailable("ssh-agent is not supported by this connection.");
    }

    /** An open SSH session. */
    interface EdgeSession extends AutoCloseable {
        /**
         * Runs one command; {@code stdin} (may be null) is sent and closed. Fails with TimedOut after the timeout
         * and with Unreachable when the connection drops.
         */
        CommandResult run(String command, byte[] stdin, Duration timeout) throws EdgeException;

        @Override
        void close();
    }

    record CommandResult(int exitCode, String stdout, String stderr) {
    }
}
