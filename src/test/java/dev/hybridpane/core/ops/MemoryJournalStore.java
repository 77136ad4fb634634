package dev.hybridpane.core.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Journals in memory only, for tests. */
public final class MemoryJournalStore implements JournalStore {
    private final Map<String, Journal> journals = new LinkedHashMap<>();

    @Override
    public synchronized void save(Journal journal) {
        journals.put(journal.id(), journal);
    }

    @Override
    public synchronized Optional<Journal> load(String id) {
        return Optional.ofNullable(journals.get(id));
    }

    @Override
    public synchronized List<Journal> list() {
        List<Journal> out = new ArrayList<>(journals.values());
        out.sort(Comparator.comparing(Journal::started).reversed());
        return out;
    }
}
