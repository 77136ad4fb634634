package dev.hybridpane.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The temporary files of HybridPane's atomic writes, and the sweep of those a killed process left behind.
 *
 * <p>A write goes to {@code .NAME.PID-RANDOM.hybridpane-tmp} beside {@code NAME}, then is renamed over it. A process
 * killed between the two (kill -9, a power cut) leaves that file; the next store that opens the directory deletes it
 * when its process is gone, or when it is older than any write takes (a PID may be reused). Only files of this naming
 * are touched, and those that versions before it left ({@code NAME.jsonDIGITS.tmp}, from
 * {@code Files.createTempFile(dir, NAME, ".tmp")}) once they are as old.
 */
final class StaleTempFiles {
    private static final Logger LOG = LoggerFactory.getLogger(StaleTempFiles.class);

    static final String SUFFIX = ".hybridpane-tmp";
    /** Older than this, no write is still in flight: a JSON file of a few kilobytes takes milliseconds. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private static final Pattern OURS = Pattern.compile("\\..+\\.(\\d{1,19})-[0-9a-z]+" + Pattern.quote(SUFFIX));
    private static final Pattern EARLIER = Pattern.compile(".+\\.json\\d+\\.tmp");
    private static final SecureRandom RANDOM = new SecureRandom();

    private StaleTempFiles() {
    }

    /** A new, empty temporary file for {@code file}, in its directory, readable by its owner only where POSIX allows. */
    static Path create(Path file) throws IOException {
        String name = "." + file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36) + SUFFIX;
        Path tmp = file.resolveSibling(name);
        try {
            return Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(tmp);
        }
    }

    /** Deletes the stale temporary files in {@code dir} (not in its subdirectories); returns those deleted. */
    static List<Path> sweep(Path dir) {
        return sweep(dir, Instant.now(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    static List<Path> sweep(Path dir, Instant now, LongPredicate alive) {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return deleted;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> isOurs(p.getFileName().toString()))) {
            for (Path p : files) {
                if (stale(p.getFileName().toString(), modified(p), now, alive) && Files.deleteIfExists(p)) {
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

    static boolean isOurs(String name) {
        return OURS.matcher(name).matches() || EARLIER.matcher(name).matches();
    }

    /** Whether a temporary file named so is no longer written: its process is gone, or it is older than any write. */
    static boolean stale(String name, Optional<Instant> modified, Instant now, LongPredicate alive) {
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
        return EARLIER.matcher(name).matches() && old;
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
