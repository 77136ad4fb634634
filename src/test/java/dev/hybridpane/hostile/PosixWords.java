package dev.hybridpane.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * A test-only reading of a command line as POSIX sh (XCU 2.2, 2.3) splits it: words separated by unquoted blanks,
 * single quotes (nothing inside is special), double quotes and backslashes. Anything the shell would interpret
 * unquoted (an operator, an expansion, a glob, a comment, a tilde at a word's start, a newline) is not a plain word:
 * {@link #split} refuses the whole line, so a value that reaches it unquoted fails the property.
 */
final class PosixWords {
    private PosixWords() {
    }

    static final class Interpreted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interpreted(String line, int at) {
            super("the shell would interpret character " + at + " of: " + line);
        }
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (cur != null) {
                    words.add(cur.toString());
                    cur = null;
                }
                continue;
            }
            boolean start = cur == null;
            if (cur == null) {
                cur = new StringBuilder();
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new Interpreted(line, i);
                }
                cur.append(line, i + 1, end);
                i = end;
            } else if (c == '\\') {
                if (i + 1 >= line.length() || line.charAt(i + 1) == '\n') {
                    throw new Interpreted(line, i);
                }
                cur.append(line.charAt(++i));
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '$' || d == '`') {
                        throw new Interpreted(line, j);
                    }
                    if (d == '\\' && j + 1 < line.length() && "$`\"\\\n".indexOf(line.charAt(j + 1)) >= 0) {
                        j++;
                    }
                    cur.append(line.charAt(j));
                }
                if (j >= line.length()) {
                    throw new Interpreted(line, i);
                }
                i = j;
            } else if (";&|<>()$`*?[]{}#\n\r".indexOf(c) >= 0 || (c == '~' && start)) {
                throw new Interpreted(line, i);
            } else {
                cur.append(c);
            }
        }
        if (cur != null) {
            words.add(cur.toString());
        }
        return words;
    }
}
