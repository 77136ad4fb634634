package dev.hybridpane.ui.profiles.wizard;

import java.util.ArrayList;
import java.util.List;

/**
 * A text area holding one entry a line: the entries (stripped, blank lines skipped) and the line number (1-based) of
 * each, so that a problem of entry {@code i} is reported on the line the administrator typed it on.
 */
record TextLines(List<String> values, List<Integer> lineNumbers) {
    static TextLines of(String text) {
        List<String> values = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String v = lines[i].strip();
            if (!v.isEmpty()) {
                values.add(v);
                numbers.add(i + 1);
            }
        }
        return new TextLines(List.copyOf(values), List.copyOf(numbers));
    }

    /** "Line 3: " for entry {@code index}, or nothing when there is no such entry. */
    String at(int index) {
        return index >= 0 && index < lineNumbers.size() ? "Line " + lineNumbers.get(index) + ": " : "";
    }

    static String join(List<String> values) {
        return String.join("\n", values);
    }
}
