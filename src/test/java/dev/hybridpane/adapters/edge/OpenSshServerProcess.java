package dev.hybridpane.adapters.edge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private OpenSSH server for tests: {@code /usr/sbin/sshd -D -e -f DIR/sshd_config} as a child process on a loopback
 * port, with its own config, host key, authorized_keys and pid file in {@code dir}; nothing global is touched (no
 * /etc, no users). It logs in the user running the tests. The exec channel gets Debian's default PATH for users other
 * than root ({@code SetEnv}), as a Debian 12 host gives an administrator's account, and HOME is an empty directory
 * there, as a new account's is.
 */
public final class OpenSshServerProcess implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    /** OpenSSH's compiled-in default PATH on Debian for users other than root. */
    public static final String DEBIAN_USER_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/games";

    private final Process process;
    private final int port;

    private OpenSshServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(SSHD);
    }

    /** Starts sshd with {@code hostKey} (a private key file) on {@code port} (0: a free one); waits until it listens. */
    public static OpenSshServerProcess start(Path dir, Path hostKey, Path authorizedKeys, int port)
            throws IOException, InterruptedException {
        int p = port != 0 ? port : freePort();
        Path config = dir.resolve("sshd_config");
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(config, String.join("\n",
                "ListenAddress 127.0.0.1",
                "Port " + p,
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeys,
                "UsePAM no",
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                // a fresh account's home: the test user's own ~/.bashrc (which bash reads for SSH commands) stays out
                "SetEnv PATH=" + DEBIAN_USER_PATH + " HOME=" + home,
                "LogLevel VERBOSE",
                ""), StandardCharsets.UTF_8);
        Path log = dir.resolve("sshd-" + p + ".log");
        Process proc = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        OpenSshServerProcess server = new OpenSshServerProcess(proc, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p), 200);
                return server;
            } catch (IOException notYet) {
                if (!proc.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new IOException("sshd did not start: " + Files.readString(log));
                }
                Thread.sleep(25);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
