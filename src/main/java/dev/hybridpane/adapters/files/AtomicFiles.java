package dev.hybridpane.adapters.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HybridPane's atomic file writes and the sweep of the temporary files a killed process left behind (settings and journals,
 * known_hosts, the aws CLI's SSO token cache).
 *
 * <p>A write goes to {@code .NAME.PID-RANDOM.hybridpane-tmp} beside {@code NAME}, readable by its owner only where POSIX
 * allows, then is renamed over it; the temporary file is deleted when the write fails. A process killed between the two
 * (kill -9, a power cut) leaves that file: the next store that opens the directory deletes it when its process is gone, or
 * when it is older than any write takes (a PID may be reused). Only files of this naming are touched, and those of an
 * earlier naming that the caller names, once they are as old. The leading dot keeps them out of the way of other programs
 * that read the directory (the aws CLI reads only {@code SHA1.json} in its cache).
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    public static final String SUFFIX = ".hybridpane-tmp";
    /** Older than this, no write is still in flight: a file of a few kilobytes takes milliseconds. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private static final Pattern OURS = Pattern.compile("\\..+\\.(\\d{1,19})-[0-9a-z]+" + Pattern.quote(SUFFIX));
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** A new, empty temporary file for {@code file}, in its directory, readable by its owner only where POSIX allows. */
    public static Path create(Path file) throws IOException {
        String name = "." + file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36) + SUFFIX;
        Path tmp = file.resolveSibling(name);
        try {
            return Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(tmp);
        }
    }

    /** What fills the temporary file. */
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    /** Writes {@code file} through a temporary file renamed over it (atomically where the file system can). */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = create(target);
        try {
            content.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes the stale temporary files in {@code dir} (not in its subdirectories); returns those deleted. */
    public static List<Path> sweep(Path dir, Pattern earlier) {
        return sweep(dir, earlier, Instant.now(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /**
     * As {@link #sweep(Path, Pattern)} at {@code now}, with {@code alive} telling the processes still running.
     *
     * @param earlier the names an earlier version's writes gave their temporary files (deleted once they are old), or null
     */
    public static List<Path> sweep(Path dir, Pattern earlier, Instant now, LongPredicate alive) {
        List<Path> deleted = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return deleted;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> isOurs(p.getFileName().toString(), earlier))) {
            for (Path p : files) {
                if (stale(p.getFileName().toString(), earlier, modified(p), now, alive) && Files.deleteIfExists(p)) {
                    deleted.add(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not sweep the temporary files of {}: {}", dir, e.getMessage());
        }
        if (!deleted.isEmpty()) {
            LOG.info("Deleted {} temporary file(s) that an interrupted write left in {}", deleted.size(), dir);
        }
        return deleted;
    }

    public static boolean isOurs(String name, Pattern earlier) {
        return OURS.matcher(name).matches() || earlier != null && earlier.matcher(name).matches();
    }

    /** Whether a temporary file named so is no longer written: its process is gone, or it is older than any write. */
    public static boolean stale(String name, Pattern earlier, Optional<Instant> modified, Instant now, LongPredicate alive) {
        boolean old = modified.map(m -> m.plus(STALE_AFTER).isBefore(now)).orElse(false);
        Matcher m = OURS.matcher(name);
        if (m.matches()) {
            long pid;
            try {
                pid = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return old;
            }
            return old || !alive.test(pid);
        }
        return earlier != null && earlier.matcher(name).matches() && old;
    }

    private static Optional<Instant> modified(Path p) {
        try {
            FileTime t = Files.getLastModifiedTime(p);
            return Optional.of(t.toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
