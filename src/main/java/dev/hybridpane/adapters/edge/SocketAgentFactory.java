package dev.hybridpane.adapters.edge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;

/**
 * Gives MINA's public-key login an {@link OpenSshAgentClient} for the sessions that asked for the agent (the
 * {@link #AGENT_SOCKET} attribute, set before {@code auth()}), and none for the others: one client serves hosts
 * logged into with a key file and hosts logged into with the agent. No agent forwarding.
 */
final class SocketAgentFactory implements SshAgentFactory {
    /** The agent socket a session logs in with; absent means: no agent for this session. */
    static final AttributeKey<Path> AGENT_SOCKET = new AttributeKey<>();

    private final Duration timeout;

    SocketAgentFactory(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
        return List.of();
    }

    @Override
    public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
        Path socket = session == null ? null : session.getAttribute(AGENT_SOCKET);
        return socket == null ? null : OpenSshAgentClient.connect(socket, timeout);
    }

    @Override
    public SshAgentServer createServer(ConnectionService service) {
        throw new UnsupportedOperationException("HybridPane does not forward ssh-agent.");
    }
}
