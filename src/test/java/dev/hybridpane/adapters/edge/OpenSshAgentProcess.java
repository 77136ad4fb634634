package dev.hybridpane.adapters.edge;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * A real OpenSSH agent for tests: {@code ssh-agent -a <dir>/agent.sock -D} as a child process, keys made by
 * ssh-keygen and added with ssh-add. {@link #close()} stops the agent.
 */
public final class OpenSshAgentProcess implements AutoCloseable {
    private final Path socket;
    private final Process process;

    private OpenSshAgentProcess(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
    }

    /** Whether ssh-agent, ssh-add and ssh-keygen are installed (tests skip otherwise). */
    public static boolean installed() {
        return List.of("ssh-agent", "ssh-add", "ssh-keygen").stream().allMatch(OpenSshAgentProcess::onPath);
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, name)));
    }

    public static OpenSshAgentProcess start(Path dir) throws IOException, InterruptedException {
        Path socket = dir.resolve("agent.sock");
        Process p = new ProcessBuilder("ssh-agent", "-a", socket.toString(), "-D").redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile()).start();
        OpenSshAgentProcess agent = new OpenSshAgentProcess(socket, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                agent.close();
                throw new IOException("ssh-agent did not start: " + Files.readString(dir.resolve("agent.log")));
            }
            Thread.sleep(20);
        }
        return agent;
    }

    public Path socket() {
        return socket;
    }

    /** A new key pair written by ssh-keygen (no passphrase, mode 0600): the private key file; ".pub" beside it. */
    public static Path keygen(Path dir, String name, String type, int bits) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        run(new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-b", String.valueOf(bits), "-N", "", "-C", name, "-f",
                key.toString()));
        return key;
    }

    public static PublicKey publicKeyOf(Path privateKeyFile) throws Exception {
        String line = Files.readString(Path.of(privateKeyFile + ".pub"), StandardCharsets.UTF_8).strip();
        return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
    }

    /** ssh-add with SSH_AUTH_SOCK set to this agent. */
    public void add(Path privateKeyFile) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("ssh-add", privateKeyFile.toString());
        pb.environment().put("SSH_AUTH_SOCK", socket.toString());
        pb.environment().remove("SSH_ASKPASS");
        pb.environment().remove("DISPLAY");
        run(pb);
    }

    private static void run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", pb.command()) + " failed: " + out);
        }
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
