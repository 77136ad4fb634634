package dev.hybridpane.domain;

import java.util.regex.Pattern;

/**
 * One value made one word of a POSIX shell command line (sshd runs every exec request through the user's shell). A
 * value of only safe characters stays as it is; any other is put in single quotes, inside which the shell interprets
 * nothing, with each single quote written as {@code '\''}. A NUL cannot be passed in a command line: it is refused.
 */
public final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    /** {@code value} as one shell word. */
    public static String word(String value) {
        if (value == null || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command line cannot hold a NUL character or nothing");
        }
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
