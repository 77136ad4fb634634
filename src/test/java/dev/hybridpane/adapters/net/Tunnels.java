package dev.hybridpane.adapters.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** Copies bytes both ways between two sockets, on daemon threads, until either side closes. */
final class Tunnels {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private Tunnels() {
    }

    static void join(Socket a, Socket b) {
        daemon(() -> pump(a, b), "test-tunnel").start();
        daemon(() -> pump(b, a), "test-tunnel").start();
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name + "-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            close(from);
            close(to);
        }
    }

    static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
