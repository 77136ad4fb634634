package dev.hybridpane.domain;

/**
 * How a refusal's message shows a value the user typed or imported: in single quotes, on one line, short. Line
 * breaks, tabs, other control characters, invisible format characters (zero-width, bidirectional overrides) and
 * lone surrogates are written as escapes ({@code \n}, {@code \t}, {@code \u202E}), so a hostile value can neither
 * break the message's line nor move a terminal's cursor; a value longer than {@link #MAX} characters is cut, with its
 * length told.
 */
public final class Shown {
    public static final int MAX = 80;

    private Shown() {
    }

    /** {@code 'value'}, escaped and cut as the class says. */
    public static String quoted(String value) {
        return "'" + plain(value) + "'";
    }

    /** The value escaped and cut, without quotes. */
    public static String plain(String value) {
        return escaped(value, MAX);
    }

    /**
     * A whole message that may hold a value read from a document (a field's name, say) made one line: escaped as the
     * class says, and cut after {@link #MAX_LINE} characters.
     */
    public static String line(String message) {
        return escaped(message, MAX_LINE);
    }

    public static final int MAX_LINE = 500;

    private static String escaped(String value, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int n = Math.min(value.length(), max);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (visible(value, i, max)) {
                        b.append(c);
                    } else {
                        b.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        if (value.length() > max) {
            b.append("… (").append(value.length()).append(" characters)");
        }
        return b.toString();
    }

    private static boolean visible(String s, int i, int max) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) && i + 1 < max;
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.UNASSIGNED && type != Character.PRIVATE_USE;
    }
}
