package dev.hybridpane.adapters.edge;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentKeyConstraint;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the OpenSSH agent protocol (draft-miller-ssh-agent) over the agent's Unix-domain socket, with
 * Java 17's own Unix sockets (no native library). Lists the agent's public keys and asks it to sign; private
 * keys stay in the agent. Adding or removing keys is the administrator's business (ssh-add), not ours.
 * Every answer must come within the timeout, else {@link SocketTimeoutException}. Logs fingerprints only.
 */
public final class OpenSshAgentClient implements SshAgent {
    static final byte SSH_AGENT_FAILURE = 5;
    static final byte SSH_AGENTC_REQUEST_IDENTITIES = 11;
    static final byte SSH_AGENT_IDENTITIES_ANSWER = 12;
    static final byte SSH_AGENTC_SIGN_REQUEST = 13;
    static final byte SSH_AGENT_SIGN_RESPONSE = 14;
    static final int SSH_AGENT_RSA_SHA2_256 = 2;
    static final int SSH_AGENT_RSA_SHA2_512 = 4;
    /** OpenSSH's own cap on a message (AGENT_MAX_LEN). */
    private static final int MAX_MESSAGE = 256 * 1024;
    private static final int MAX_KEYS = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(OpenSshAgentClient.class);

    private final Path socket;
    private final Duration timeout;
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;

    private OpenSshAgentClient(Path socket, Duration timeout, SocketChannel channel, Selector selector) throws IOException {
        this.socket = socket;
        this.timeout = timeout;
        this.channel = channel;
        this.selector = selector;
        this.key = channel.register(selector, 0);
    }

    /** Connects to the agent's socket; fails at once when nobody listens there. */
    public static OpenSshAgentClient connect(Path socket, Duration timeout) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector sel = null;
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            sel = Selector.open();
            return new OpenSshAgentClient(socket, timeout, ch, sel);
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (sel != null) {
                sel.close();
            }
            throw e;
        }
    }

    @Override
    public List<Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        Buffer answer = request(message(SSH_AGENTC_REQUEST_IDENTITIES));
        int type = answer.getUByte();
        if (type == SSH_AGENT_FAILURE) {
            throw new SshException("ssh-agent at " + socket + " refused to list its keys.");
        }
        if (type != SSH_AGENT_IDENTITIES_ANSWER) {
            throw new SshException("ssh-agent at " + socket + " answered " + type + " to a request for its keys.");
        }
        long count = answer.getUInt();
        if (count > MAX_KEYS) {
            throw new SshException("ssh-agent at " + socket + " claims " + count + " keys.");
        }
        List<Map.Entry<PublicKey, String>> keys = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            byte[] blob = answer.getBytes();
            String comment = answer.getString();
            try {
                PublicKey k = new ByteArrayBuffer(blob).getRawPublicKey();
                keys.add(new SimpleImmutableEntry<>(k, comment));
            } catch (SshException | RuntimeException e) {
                // e.g. a FIDO (sk-*) key or a certificate type MINA cannot use: skip it, the others may do
                LOG.debug("ssh-agent key {} skipped: {}", i, e.getMessage());
            }
        }
        return keys;
    }

    @Override
    public Map.Entry<String, byte[]> sign(SessionContext session, PublicKey publicKey, String algo, byte[] data)
            throws IOException {
        Buffer req = message(SSH_AGENTC_SIGN_REQUEST);
        req.putPublicKey(publicKey);
        req.putBytes(data);
        req.putUInt(flags(publicKey, algo));
        String fp = KeyUtils.getFingerPrint(publicKey);
        Buffer answer = request(req);
        int type = answer.getUByte();
        if (type == SSH_AGENT_FAILURE) {
            throw new SshException("ssh-agent at " + socket + " refused to sign with " + fp + ".");
        }
        if (type != SSH_AGENT_SIGN_RESPONSE) {
            throw new SshException("ssh-agent at " + socket + " answered " + type + " to a signature request.");
        }
        Buffer signature = new ByteArrayBuffer(answer.getBytes());
        String format = signature.getString();
        byte[] blob = signature.getBytes();
        LOG.debug("ssh-agent signed with {} ({})", fp, format);
        return new SimpleImmutableEntry<>(format, blob);
    }

    /** The SSH_AGENT_RSA_SHA2_* flag for an rsa-sha2-* algorithm; 0 otherwise (ssh-rsa means SHA-1). */
    static int flags(PublicKey key, String algo) {
        if (!(key instanceof RSAPublicKey) || algo == null) {
            return 0;
        }
        return switch (algo) {
            case KeyUtils.RSA_SHA256_KEY_TYPE_ALIAS, KeyUtils.RSA_SHA256_CERT_TYPE_ALIAS -> SSH_AGENT_RSA_SHA2_256;
            case KeyUtils.RSA_SHA512_KEY_TYPE_ALIAS, KeyUtils.RSA_SHA512_CERT_TYPE_ALIAS -> SSH_AGENT_RSA_SHA2_512;
            default -> 0;
        };
    }

    private static Buffer message(byte type) {
        Buffer b = new ByteArrayBuffer();
        b.putByte(type);
        return b;
    }

    /** Sends one message (uint32 length, then the bytes) and reads one answer, both within the timeout. */
    private synchronized Buffer request(Buffer payload) throws IOException {
        if (!channel.isOpen()) {
            throw new EOFException("The connection to ssh-agent at " + socket + " is closed.");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] body = payload.getCompactData();
        ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
        ByteBuffer header = ByteBuffer.allocate(4);
        readFully(header, deadline);
        int length = header.flip().getInt();
        if (length <= 0 || length > MAX_MESSAGE) {
            throw new SshException("ssh-agent at " + socket + " sent a message of " + Integer.toUnsignedString(length)
                    + " bytes.");
        }
        ByteBuffer in = ByteBuffer.allocate(length);
        readFully(in, deadline);
        return new ByteArrayBuffer(in.array());
    }

    private void readFully(ByteBuffer b, long deadline) throws IOException {
        while (b.hasRemaining()) {
            int n = channel.read(b);
            if (n < 0) {
                throw new EOFException("ssh-agent at " + socket + " closed the connection.");
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline);
            }
        }
    }

    private void await(int op, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        key.interestOps(op);
        int ready = left <= 0 ? 0 : selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        key.interestOps(0);
        if (ready == 0 && System.nanoTime() - deadline >= 0) {
            throw new SocketTimeoutException("ssh-agent at " + socket + " did not answer within "
                    + Math.max(1, timeout.toSeconds()) + " s.");
        }
    }

    @Override
    public void addIdentity(KeyPair key, String comment, SshAgentKeyConstraint... constraints) {
        throw new UnsupportedOperationException("HybridPane never adds keys to ssh-agent; use ssh-add.");
    }

    @Override
    public void removeIdentity(PublicKey key) {
        throw new UnsupportedOperationException("HybridPane never removes keys from ssh-agent; use ssh-add -d.");
    }

    @Override
    public void removeAllIdentities() {
        throw new UnsupportedOperationException("HybridPane never removes keys from ssh-agent; use ssh-add -D.");
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
