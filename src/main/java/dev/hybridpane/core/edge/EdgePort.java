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

    /** Whether ssh-agent can be used on this platform with the libraries at hand. */
    boolean agentSupported();

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
