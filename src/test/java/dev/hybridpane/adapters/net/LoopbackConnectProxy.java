package dev.hybridpane.adapters.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on loopback that answers CONNECT only, as corporate proxies do for HTTPS: it records each target
 * ({@code host:port}) and its Proxy-Authorization header, and tunnels every target to one loopback port, whatever host
 * the client named (so a test can name a host that resolves nowhere).
 */
public final class LoopbackConnectProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public LoopbackConnectProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Tunnels.daemon(this::accept, "test-connect-proxy").start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The CONNECT targets, in order. */
    public List<String> targets() {
        return List.copyOf(targets);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Tunnels.daemon(() -> serve(client), "test-connect").start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] request = lines[0].split(" ");
            if (request.length < 2 || !request[0].equals("CONNECT")) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                Tunnels.close(client);
                return;
            }
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")) {
                    authorizations.add(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            targets.add(request[1]);
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Tunnels.join(client, upstream);
        } catch (IOException e) {
            Tunnels.close(client);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while (state < 4 && (c = in.read()) >= 0) {
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
