package dev.hybridpane.adapters.edge;

import dev.hybridpane.adapters.files.AtomicFiles;
import dev.hybridpane.core.edge.KnownHost;
import dev.hybridpane.core.edge.KnownHostsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * HybridPane's own known_hosts, in OpenSSH's format ({@code [host]:port type base64}), so it can be read
 * with ssh-keygen -F. Public keys only; written to a temporary file and renamed ({@link AtomicFiles}).
 */
public final class FileKnownHostsStore implements KnownHostsStore {
    /** The temporary files of versions before {@link AtomicFiles} ({@code Files.createTempFile(dir, ".known_hosts", ".tmp")}). */
    static final Pattern EARLIER = Pattern.compile("\\.known_hosts\\d+\\.tmp");
    private final Path file;
    private final Object lock = new Object();

    /** The file; the temporary files that interrupted writes left beside it are deleted ({@link AtomicFiles}). */
    public FileKnownHostsStore(Path file) {
        this.file = file;
        AtomicFiles.sweep(file.toAbsolutePath().getParent(), EARLIER);
    }

    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toAbsolutePath().toString();
    }

    @Override
    public Optional<KnownHost> find(String hostPort) {
        synchronized (lock) {
            return Optional.ofNullable(read().get(hostPort));
        }
    }

    @Override
    public void trust(KnownHost host) {
        synchronized (lock) {
            Map<String, KnownHost> all = read();
            all.put(host.hostPort(), host);
            write(all);
        }
    }

    @Override
    public void forget(String hostPort) {
        synchronized (lock) {
            Map<String, KnownHost> all = read();
            if (all.remove(hostPort) != null) {
                write(all);
            }
        }
    }

    /** "[host]:port" as OpenSSH writes a non-default port, "host" for 22. */
    static String pattern(String hostPort) {
        int i = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, i);
        String port = hostPort.substring(i + 1);
        return "22".equals(port) ? host : "[" + host + "]:" + port;
    }

    static String hostPort(String pattern) {
        if (pattern.startsWith("[")) {
            int close = pattern.indexOf("]:");
            return pattern.substring(1, close) + ":" + pattern.substring(close + 2);
        }
        return pattern + ":22";
    }

    private Map<String, KnownHost> read() {
        Map<String, KnownHost> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] f = l.split("\\s+", 3);
                if (f.length < 3) {
                    continue;
                }
                String keyLine = f[1] + " " + f[2].split("\\s+")[0];
                try {
                    PublicKey key = AuthorizedKeyEntry.parseAuthorizedKeyEntry(keyLine)
                            .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
                    String hp = hostPort(f[0]);
                    out.put(hp, new KnownHost(hp, f[1], keyLine, KeyUtils.getFingerPrint(key)));
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    // an unreadable line is skipped, never trusted
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private void write(Map<String, KnownHost> all) {
        List<String> lines = new ArrayList<>();
        lines.add("# HybridPane known hosts (public host keys only)");
        all.values().forEach(h -> lines.add(pattern(h.hostPort()) + " " + h.publicKey()));
        try {
            AtomicFiles.write(file, tmp -> Files.write(tmp, lines, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
