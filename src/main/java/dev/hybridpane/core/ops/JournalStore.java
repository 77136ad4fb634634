package dev.hybridpane.core.ops;

import java.util.List;
import java.util.Optional;

/** Where operation journals live (operations/&lt;id&gt;.json in the config dir). Writes are atomic. */
public interface JournalStore {
    void save(Journal journal);

    Optional<Journal> load(String id);

    /** Newest first. */
    List<Journal> list();
}
