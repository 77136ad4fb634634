package dev.hybridpane.ui.profiles.wizard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The errors and warnings of one step's fields, each shown under its field: {@link #clear()}, then add what the
 * rules found, then {@link #publish()} sets every field's text (its messages one a line) or null. A message for a
 * field the step has no control for goes to {@link #OTHER}, so it is shown rather than lost.
 */
final class FieldMessages {
    static final String OTHER = "other";

    private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();
    private final Map<String, ReadOnlyStringWrapper> warnings = new LinkedHashMap<>();
    private final Map<String, List<String>> pendingErrors = new LinkedHashMap<>();
    private final Map<String, List<String>> pendingWarnings = new LinkedHashMap<>();
    private boolean hasErrors;

    FieldMessages(String... fields) {
        for (String f : fields) {
            errors.put(f, new ReadOnlyStringWrapper(this, f + "Error"));
            warnings.put(f, new ReadOnlyStringWrapper(this, f + "Warning"));
        }
        errors.put(OTHER, new ReadOnlyStringWrapper(this, "otherError"));
        warnings.put(OTHER, new ReadOnlyStringWrapper(this, "otherWarning"));
    }

    void clear() {
        pendingErrors.clear();
        pendingWarnings.clear();
    }

    void error(String field, String message) {
        pendingErrors.computeIfAbsent(known(field), k -> new ArrayList<>()).add(message);
    }

    void warning(String field, String message) {
        pendingWarnings.computeIfAbsent(known(field), k -> new ArrayList<>()).add(message);
    }

    private String known(String field) {
        return errors.containsKey(field) ? field : OTHER;
    }

    void publish() {
        errors.forEach((f, p) -> p.set(text(pendingErrors.get(f))));
        warnings.forEach((f, p) -> p.set(text(pendingWarnings.get(f))));
        hasErrors = !pendingErrors.isEmpty();
    }

    private static String text(List<String> messages) {
        return messages == null || messages.isEmpty() ? null : String.join("\n", messages);
    }

    /** Whether the last publish had any error. */
    boolean hasErrors() {
        return hasErrors;
    }

    ReadOnlyStringProperty error(String field) {
        return property(errors, field);
    }

    ReadOnlyStringProperty warning(String field) {
        return property(warnings, field);
    }

    private static ReadOnlyStringProperty property(Map<String, ReadOnlyStringWrapper> map, String field) {
        ReadOnlyStringWrapper p = map.get(field);
        if (p == null) {
            throw new IllegalArgumentException("no field " + field);
        }
        return p.getReadOnlyProperty();
    }
}
