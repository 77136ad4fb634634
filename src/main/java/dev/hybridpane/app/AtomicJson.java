package dev.hybridpane.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hybridpane.adapters.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * JSON files written to a temporary file and renamed atomically, as settings.json is. The temporary file is named
 * for HybridPane and its process ({@link AtomicFiles}, {@link StaleTempFiles}) and deleted when the write fails; one left by a killed
 * process is swept when a store next opens its directory.
 */
final class AtomicJson {
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

    private AtomicJson() {
    }

    static void write(Path file, Object value) {
        try {
            AtomicFiles.write(file, tmp -> MAPPER.writeValue(tmp.toFile(), value));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    /** The file's value, or {@code fallback} when it is missing or unreadable (a warning says which). */
    static <T> T readOr(Path file, Class<T> type, T fallback, Logger log) {
        if (!Files.isRegularFile(file)) {
            return fallback;
        }
        try {
            T value = read(file, type);
            return value == null ? fallback : value;
        } catch (IOException e) {
            log.warn("Ignoring unreadable {}: {}", file, e.getMessage());
            return fallback;
        }
    }

    /** Writes atomically; a failure is logged as a warning (the app keeps working with what it has in memory). */
    static void writeOrWarn(Path file, Object value, Logger log) {
        try {
            write(file, value);
        } catch (UncheckedIOException e) {
            log.warn("{}", e.getMessage());
        }
    }
}
