package dev.hybridpane.domain.network;

import java.util.List;
import java.util.Map;

/**
 * A doctor report as Markdown (GitHub's dialect): the verdict, the path, a table of checks per area, then the details of
 * every check that does not pass: evidence and fix, a manual fix's snippet in a fenced block that copies as it is.
 * Text from the report is escaped where Markdown would read it (table cells, inline code).
 */
public final class ReportMarkdown {
    private ReportMarkdown() {
    }

    public static String render(DoctorReport r) {
        StringBuilder b = new StringBuilder();
        b.append("# Network doctor: ").append(text(r.cluster())).append(" (").append(text(r.region())).append(")\n\n");
        b.append("**").append(r.worst()).append("**: ").append(ReportParts.countsSentence(r));
        if (r.at() != null) {
            b.append(" (").append(r.at()).append(')');
        }
        b.append("\n");
        if (!r.topology().elements().isEmpty()) {
            b.append("\n## Topology\n\n");
            for (Topology.Element e : r.topology().elements()) {
                DoctorStatus s = ReportParts.worstOf(r, e.id());
                b.append("- ").append(s == DoctorStatus.PASS ? "" : badge(s) + " ").append("**").append(text(ReportParts.label(
                        r.topology(), e.id()))).append("** (").append(e.kind()).append(", ").append(code(e.id())).append(')');
                if (!e.details().isEmpty()) {
                    b.append(": ").append(text(String.join("; ", e.details())));
                }
                b.append('\n');
            }
        }
        if (!r.topology().links().isEmpty()) {
            b.append("\n## Path\n\n");
            for (Topology.Link l : r.topology().links()) {
                List<String> failing = ReportParts.failing(r, l.id());
                b.append("- ").append(failing.isEmpty() ? "" : "❌ ").append(text(ReportParts.label(r.topology(), l.from())))
                        .append(" → ").append(text(ReportParts.label(r.topology(), l.to())));
                if (l.label() != null && !l.label().isBlank()) {
                    b.append(" (").append(text(l.label())).append(')');
                }
                if (!failing.isEmpty()) {
                    b.append(": ").append(String.join(", ", failing.stream().map(ReportMarkdown::code).toList()));
                }
                b.append('\n');
            }
        }
        for (Map.Entry<String, List<DoctorCheck>> area : ReportParts.byArea(r).entrySet()) {
            b.append("\n## ").append(text(ReportParts.areaTitle(area.getKey()))).append("\n\n");
            b.append("| Status | Check | Summary | Id |\n|---|---|---|---|\n");
            for (DoctorCheck c : area.getValue()) {
                b.append("| ").append(badge(c.status())).append(" | ").append(cell(c.title())).append(" | ").append(cell(c.summary()))
                        .append(" | ").append(code(c.id()).replace("|", "\\|")).append(" |\n");
            }
        }
        List<DoctorCheck> open = r.checks().stream().filter(c -> c.status() != DoctorStatus.PASS).toList();
        if (!open.isEmpty()) {
            b.append("\n## Details\n");
            open.forEach(c -> details(b, c));
        }
        return b.toString();
    }

    private static void details(StringBuilder b, DoctorCheck c) {
        b.append("\n### ").append(badge(c.status())).append(' ').append(text(c.title())).append(" (").append(code(c.id())).append(")\n\n");
        b.append(text(c.summary())).append("\n");
        if (!c.evidence().isEmpty()) {
            b.append("\nEvidence:\n\n").append(fenced(String.join("\n", c.evidence()), ""));
        }
        DoctorFix f = c.fix();
        if (f.present() || f.automatic()) {
            b.append("\nFix (").append(text(ReportParts.fixKind(f))).append("): ").append(text(f.description())).append('\n');
            if (!f.snippet().isBlank()) {
                b.append('\n').append(fenced(f.snippet().strip(), "sh"));
            }
        }
    }

    static String badge(DoctorStatus s) {
        return switch (s) {
            case PASS -> "✅ pass";
            case UNKNOWN -> "❔ unknown";
            case WARN -> "⚠️ warn";
            case FAIL -> "❌ fail";
        };
    }

    /** Text in a table cell: one line, pipes escaped, and the characters Markdown would read as markup. */
    static String cell(String s) {
        return text(s).replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /** Plain text: Markdown's markup characters and raw HTML escaped. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\', '`', '*', '_', '[', ']', '#', '|' -> b.append('\\').append(ch);
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** Inline code that holds any backticks of the text: a longer run of backticks around it. */
    static String code(String s) {
        String t = s == null ? "" : s.replace("\n", " ");
        String fence = "`".repeat(longestRun(t, '`') + 1);
        String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
        return fence + pad + t + pad + fence;
    }

    /** A fenced block longer than any run of backticks inside, so the text copies as it is. */
    static String fenced(String s, String lang) {
        String fence = "`".repeat(Math.max(3, longestRun(s, '`') + 1));
        return fence + lang + "\n" + s + "\n" + fence + "\n";
    }

    private static int longestRun(String s, char ch) {
        int best = 0;
        int run = 0;
        for (char c : s.toCharArray()) {
            run = c == ch ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }
}
