package dev.hybridpane.app;

import dev.hybridpane.adapters.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

/**
 * The temporary files of HybridPane's atomic writes of settings and journals, and the sweep of those a killed process left
 * behind: {@link AtomicFiles}' naming ({@code .NAME.PID-RANDOM.hybridpane-tmp}), and those that versions before it left
 * ({@code NAME.jsonDIGITS.tmp}, from {@code Files.createTempFile(dir, NAME, ".tmp")}) once they are old.
 */
final class StaleTempFiles {
    static final String SUFFIX = AtomicFiles.SUFFIX;
    static final Duration STALE_AFTER = AtomicFiles.STALE_AFTER;

    private static final Pattern EARLIER = Pattern.compile(".+\\.json\\d+\\.tmp");

    private StaleTempFiles() {
    }

    /** A new, empty temporary file for {@code file}, in its directory, readable by its owner only where POSIX allows. */
    static Path create(Path file) throws IOException {
        return AtomicFiles.create(file);
    }

    /** Deletes the stale temporary files in {@code dir} (not in its subdirectories); returns those deleted. */
    static List<Path> sweep(Path dir) {
        return AtomicFiles.sweep(dir, EARLIER);
    }

    static List<Path> sweep(Path dir, Instant now, LongPredicate alive) {
        return AtomicFiles.sweep(dir, EARLIER, now, alive);
    }

    static boolean isOurs(String name) {
        return AtomicFiles.isOurs(name, EARLIER);
    }

    /** Whether a temporary file named so is no longer written: its process is gone, or it is older than any write. */
    static boolean stale(String name, Optional<Instant> modified, Instant now, LongPredicate alive) {
        return AtomicFiles.stale(name, EARLIER, modified, now, alive);
    }
}
