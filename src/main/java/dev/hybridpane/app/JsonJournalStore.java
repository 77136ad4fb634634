package dev.hybridpane.app;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** operations/&lt;id&gt;.json in the config dir, one journal per operation, written atomically. Journals hold no secrets. */
public final class JsonJournalStore implements JournalStore {
    private static final Logger LOG = LoggerFactory.getLogger(JsonJournalStore.class);

    private final Path dir;

    public JsonJournalStore(Path configDir) {
        this.dir = configDir.resolve("operations");
        StaleTempFiles.sweep(dir);
    }

    private Path file(String id) {
        return dir.resolve(id.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    @Override
    public void save(Journal journal) {
        AtomicJson.write(file(journal.id()), journal);
    }

    @Override
    public Optional<Journal> load(String id) {
        Path f = file(id);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(AtomicJson.read(f, Journal.class));
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable journal {}: {}", f, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public List<Journal> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Journal> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".json")).forEach(p -> {
                try {
                    out.add(AtomicJson.read(p, Journal.class));
                } catch (IOException e) {
                    LOG.warn("Ignoring unreadable journal {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", dir, e.getMessage());
        }
        out.sort(Comparator.comparing(Journal::started, Comparator.nullsLast(Comparator.reverseOrder())));
        return out;
    }
}
