package dev.hybridpane.domain.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain text of a diff for the CLI. A scalar: {@code kubernetes.version: 1.31 → 1.32}; list elements of one field
 * on one line: {@code os.packages: +htop -vim}; multi-line text (cloud-config, containerd TOML) as a line diff
 * under its field, {@code +} and {@code -} before added and removed lines.
 */
final class DiffText {
    static final String NONE = "(none)";

    private DiffText() {
    }

    static String render(List<FieldChange> changes) {
        if (changes.isEmpty()) {
            return "No differences.\n";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < changes.size()) {
            FieldChange c = changes.get(i);
            if (isElement(c)) {
                b.append(c.path()).append(':');
                int j = i;
                while (j < changes.size() && changes.get(j).path().equals(c.path()) && isElement(changes.get(j))) {
                    FieldChange e = changes.get(j);
                    b.append(' ').append(e.added() ? "+" + e.after() : "-" + e.before());
                    j++;
                }
                b.append('\n');
                i = j;
                continue;
            }
            if (multiline(c.before()) || multiline(c.after())) {
                b.append(c.path()).append(":\n");
                for (String line : lines(c.before(), c.after())) {
                    b.append("    ").append(line).append('\n');
                }
            } else {
                b.append(c.path()).append(": ").append(c.before() == null ? NONE : c.before())
                        .append(" → ").append(c.after() == null ? NONE : c.after()).append('\n');
            }
            i++;
        }
        return b.toString();
    }

    /** An added or removed element of a list field (its path is shared by its siblings). */
    private static boolean isElement(FieldChange c) {
        return isList(c.path()) && (c.added() || c.removed());
    }

    private static boolean isList(String path) {
        return path.equals("os.packages") || path.equals("os.ntpServers") || path.equals("kubernetes.kubeletFlags")
                || path.equals("network.podCidrs");
    }

    private static boolean multiline(String s) {
        return s != null && s.contains("\n");
    }

    /** A line diff (longest common subsequence): unchanged lines with two spaces, others with - or +. */
    static List<String> lines(String before, String after) {
        String[] a = split(before);
        String[] c = split(after);
        int[][] lcs = new int[a.length + 1][c.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = c.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(c[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < c.length) {
            if (i < a.length && j < c.length && a[i].equals(c[j])) {
                out.add("  " + a[i]);
                i++;
                j++;
            } else if (j < c.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add("+ " + c[j++]);
            } else {
                out.add("- " + a[i++]);
            }
        }
        return out;
    }

    private static String[] split(String s) {
        if (s == null || s.isEmpty()) {
            return new String[0];
        }
        String t = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return t.split("\\R", -1);
    }
}
