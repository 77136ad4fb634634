package dev.hybridpane.app.startup;

import dev.hybridpane.app.ConfigDirs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The class-data-sharing archive of HybridPane's own classes, one per build and JDK, in the per-user cache directory.
 * Parsed and verified classes load from it, and the console's start is dominated by loading and initialising classes.
 * The first start after an install or update writes it ({@code -XX:ArchiveClassesAtExit}) and the {@link Launcher}
 * keeps it only when that start got as far as a populated first view; later starts map it
 * ({@code -XX:SharedArchiveFile}). Like the launcher, this class uses the JDK only and no lambdas or streams.
 */
public final class CdsArchive {
    /**
     * Set in a child that writes the archive: the file it creates, as it ends, when its first view was populated
     * ({@link #firstViewPopulated}). The archive holds the classes loaded by the time the JVM exits, so one from a start
     * that was closed sooner would leave later starts loading the rest from the jars.
     */
    static final String COMPLETE_PROPERTY = "hybridpane.cds.complete";

    /**
     * What the child does with the archive: the JVM options that say it, and the files {@link #keep} looks at once the
     * child has ended (null when they do not apply).
     */
    record Use(List<String> options, Path archiveToKeep, Path writtenArchive, Path failedMarker, Path completeMarker) {
        /** No archive: the class path cannot have one, or there is no cache directory. */
        static final Use NONE = new Use(List.of(), null, null, null, null);
    }

    private CdsArchive() {
    }

    /**
     * The child maps the archive kept for this build and JDK; or, if there is none and this JVM has not failed to write
     * one before, writes it; or runs without.
     */
    static Use choose(String javaHome, String classPath, String osName, Map<String, String> env, String userHome) {
        try {
            if (!allJars(classPath)) {
                // archives hold classes from jars only; a JVM asked to dump one with a class directory on its path (a
                // build from an IDE) fails at exit
                return Use.NONE;
            }
            Path dir = cacheDir(osName, env, userHome).resolve("cds");
            Files.createDirectories(dir);
            String name = "hybridpane-".concat(key(javaHome, System.getProperty("java.vm.version", ""), classPath));
            Path finalArchive = dir.resolve(name.concat(".jsa"));
            Path failed = dir.resolve(name.concat(".failed"));
            List<String> options = new ArrayList<>();
            Path keep = null;
            Path written = null;
            Path complete = null;
            if (Files.isRegularFile(finalArchive)) {
                options.add("-XX:SharedArchiveFile=".concat(finalArchive.toString()));
            } else if (!Files.exists(failed)) {
                String pid = Long.toString(ProcessHandle.current().pid());
                written = dir.resolve(name.concat(".jsa.").concat(pid).concat(".tmp"));
                complete = written.resolveSibling(written.getFileName().toString().concat(".complete"));
                keep = finalArchive;
                options.add("-XX:ArchiveClassesAtExit=".concat(written.toString()));
                options.add(Launcher.systemProperty(COMPLETE_PROPERTY, complete.toString()));
            }
            // the archive's notes (classes it skips, e.g. from signed jars) are not for the user's terminal
            options.add("-Xlog:cds*=off");
            options.add("-Xlog:class+path=off");
            return new Use(options, keep, written, failed, complete);
        } catch (IOException | RuntimeException e) {
            return Use.NONE; // no cache directory: run without the archive
        }
    }

    /**
     * Keeps the archive the child wrote, if it ran to a normal end after its first view was populated: a run that
     * failed early (no display, a bad option) or was closed sooner saw only part of the classes, and its archive
     * would serve every later start poorly.
     */
    static void keep(Launcher.Plan plan, int exitCode) {
        if (plan.writtenArchive() == null) {
            return;
        }
        try {
            if (exitCode != 0 || (plan.completeMarker() != null && !Files.exists(plan.completeMarker()))) {
                return; // the next start writes one
            }
            if (Files.isRegularFile(plan.writtenArchive()) && Files.size(plan.writtenArchive()) > 0) {
                Files.move(plan.writtenArchive(), plan.archiveToKeep(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                // archives for older builds or JDKs are of no further use
                try (var old = Files.newDirectoryStream(plan.archiveToKeep().getParent(), "hybridpane-*")) {
                    for (Path p : old) {
                        String name = p.getFileName().toString();
                        // another start's archive and marker, being written, stay
                        if (!p.equals(plan.archiveToKeep()) && !name.endsWith(".tmp") && !name.endsWith(".complete")) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            } else {
                // this JVM cannot write archives (e.g. no base CDS archive): do not try on every start
                Files.writeString(plan.failedMarker(), "the JVM wrote no class-data-sharing archive\n");
            }
        } catch (IOException e) {
            // the next start tries again
        } finally {
            try {
                Files.deleteIfExists(plan.writtenArchive());
                if (plan.completeMarker() != null) {
                    Files.deleteIfExists(plan.completeMarker());
                }
            } catch (IOException e) {
                // left for the next successful write to clean up
            }
        }
    }

    /**
     * Tells the launcher that this console's first view was populated, so that the archive this JVM writes at exit
     * is worth keeping (see {@link #COMPLETE_PROPERTY}). Does nothing when this JVM writes no archive. Call it off the
     * FX thread: it creates a file.
     */
    public static void firstViewPopulated() {
        String marker = System.getProperty(COMPLETE_PROPERTY);
        if (marker == null) {
            return;
        }
        try {
            Files.write(Path.of(marker), new byte[0]);
        } catch (IOException | RuntimeException e) {
            // no marker: the next start writes the archive again
        }
    }

    /** The OS's usual per-user cache directory for HybridPane (HYBRIDPANE_CACHE_DIR overrides it). */
    static Path cacheDir(String osName, Map<String, String> env, String userHome) {
        return ConfigDirs.cache(osName, env, userHome);
    }

    /**
     * Names the archive after everything it depends on: the JDK, the class path, and the size and time of
     * every jar on it or beside it in lib/ (a new build or JDK gets a new archive). Two CRC-32s, not a
     * cryptographic digest: the name only tells builds apart, and a digest would load the JDK's security
     * providers into the launcher JVM at every start.
     */
    static String key(String javaHome, String vmVersion, String classPath) {
        try {
            StringBuilder stamps = new StringBuilder().append(javaHome).append('\n').append(vmVersion).append('\n')
                    .append(classPath).append('\n');
            for (String entry : classPath.split(File.pathSeparator)) {
                Path p = Path.of(entry).toAbsolutePath();
                stamp(stamps, p);
                Path lib = p.getParent() == null ? null : p.getParent().resolve("lib");
                if (entry.endsWith(".jar") && lib != null && Files.isDirectory(lib)) {
                    try (var jars = Files.newDirectoryStream(lib, "*.jar")) {
                        List<Path> sorted = new ArrayList<>();
                        for (Path j : jars) {
                            sorted.add(j);
                        }
                        sorted.sort(null);
                        for (Path j : sorted) {
                            stamp(stamps, j);
                        }
                    }
                }
            }
            byte[] bytes = stamps.toString().getBytes(StandardCharsets.UTF_8);
            CRC32 forward = new CRC32();
            forward.update(bytes);
            CRC32 backward = new CRC32();
            for (int i = bytes.length - 1; i >= 0; i--) {
                backward.update(bytes[i]);
            }
            return hex8(forward.getValue()) + hex8(backward.getValue());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean allJars(String classPath) {
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    private static String hex8(long crc) {
        String hex = Long.toHexString(crc);
        return "00000000".substring(hex.length()).concat(hex);
    }

    private static void stamp(StringBuilder stamps, Path p) throws IOException {
        stamps.append(p).append('|');
        if (Files.isRegularFile(p)) {
            stamps.append(Files.size(p)).append('|').append(Files.getLastModifiedTime(p).toMillis());
        } else {
            stamps.append('-');
        }
        stamps.append('\n');
    }
}
