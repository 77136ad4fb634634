package dev.hybridpane.adapters.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** A TLS listener on loopback that forwards each connection's plain bytes to a loopback port (an HTTP server). */
public final class LoopbackTlsFront implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    public LoopbackTlsFront(SSLContext context, int targetPort) throws IOException {
        this.target = targetPort;
        this.server = context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Tunnels.daemon(this::accept, "test-tls-front").start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far (before or without a handshake). */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Tunnels.join(client, new Socket(InetAddress.getLoopbackAddress(), target));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
