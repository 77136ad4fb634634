package dev.hybridpane.domain.network;

import java.util.List;
import java.util.Map;

/**
 * A doctor report as one self-contained HTML page (its own small stylesheet, no script, nothing fetched): the verdict,
 * the path with failing links marked, a table per area, and for every check that does not pass its evidence and fix.
 * Every text from the report is escaped, so a hostile label or evidence line stays text.
 */
public final class ReportHtml {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328}"
            + "table{border-collapse:collapse;width:100%;margin-bottom:1em}th,td{border:1px solid #d0d7de;padding:4px 8px;"
            + "text-align:left;vertical-align:top}code,pre{font-family:ui-monospace,monospace}pre{background:#f6f8fa;padding:8px;"
            + "overflow:auto}.pass{color:#1a7f37}.warn{color:#9a6700}.fail{color:#cf222e}.unknown{color:#656d76}"
            + ".badge{font-weight:600;text-transform:uppercase}";

    private ReportHtml() {
    }

    public static String render(DoctorReport r) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Network doctor: ")
                .append(esc(r.cluster())).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        b.append("<h1>Network doctor: ").append(esc(r.cluster())).append(" (").append(esc(r.region())).append(")</h1>\n");
        b.append("<p>").append(badge(r.worst())).append(": ").append(esc(ReportParts.countsSentence(r)));
        if (r.at() != null) {
            b.append(" <small>(").append(esc(r.at().toString())).append(")</small>");
        }
        b.append("</p>\n");
        if (!r.topology().elements().isEmpty()) {
            b.append("<h2>Topology</h2>\n<ul>\n");
            for (Topology.Element e : r.topology().elements()) {
                b.append("<li class=\"").append(ReportParts.status(ReportParts.worstOf(r, e.id()))).append("\"><b>")
                        .append(esc(ReportParts.label(r.topology(), e.id()))).append("</b> (").append(e.kind()).append(", <code>")
                        .append(esc(e.id())).append("</code>)");
                if (!e.details().isEmpty()) {
                    b.append(": ").append(esc(String.join("; ", e.details())));
                }
                b.append("</li>\n");
            }
            b.append("</ul>\n");
        }
        if (!r.topology().links().isEmpty()) {
            b.append("<h2>Path</h2>\n<ul>\n");
            for (Topology.Link l : r.topology().links()) {
                List<String> failing = ReportParts.failing(r, l.id());
                b.append("<li class=\"").append(failing.isEmpty() ? "pass" : "fail").append("\">")
                        .append(esc(ReportParts.label(r.topology(), l.from()))).append(" → ")
                        .append(esc(ReportParts.label(r.topology(), l.to())));
                if (l.label() != null && !l.label().isBlank()) {
                    b.append(" (").append(esc(l.label())).append(')');
                }
                if (!failing.isEmpty()) {
                    b.append(": ").append(String.join(", ", failing.stream().map(id -> "<code>" + esc(id) + "</code>").toList()));
                }
                b.append("</li>\n");
            }
            b.append("</ul>\n");
        }
        for (Map.Entry<String, List<DoctorCheck>> area : ReportParts.byArea(r).entrySet()) {
            b.append("<h2>").append(esc(ReportParts.areaTitle(area.getKey()))).append("</h2>\n<table>\n")
                    .append("<tr><th>Status</th><th>Check</th><th>Summary</th><th>Id</th></tr>\n");
            for (DoctorCheck c : area.getValue()) {
                b.append("<tr><td>").append(badge(c.status())).append("</td><td>").append(esc(c.title())).append("</td><td>")
                        .append(esc(c.summary())).append("</td><td><code>").append(esc(c.id())).append("</code></td></tr>\n");
            }
            b.append("</table>\n");
        }
        List<DoctorCheck> open = r.checks().stream().filter(c -> c.status() != DoctorStatus.PASS).toList();
        if (!open.isEmpty()) {
            b.append("<h2>Details</h2>\n");
            open.forEach(c -> details(b, c));
        }
        return b.append("</body>\n</html>\n").toString();
    }

    private static void details(StringBuilder b, DoctorCheck c) {
        b.append("<h3>").append(badge(c.status())).append(' ').append(esc(c.title())).append(" <code>").append(esc(c.id()))
                .append("</code></h3>\n<p>").append(esc(c.summary())).append("</p>\n");
        if (!c.evidence().isEmpty()) {
            b.append("<p>Evidence:</p>\n<pre>").append(esc(String.join("\n", c.evidence()))).append("</pre>\n");
        }
        DoctorFix f = c.fix();
        if (f.present() || f.automatic()) {
            b.append("<p>Fix (").append(esc(ReportParts.fixKind(f))).append("): ").append(esc(f.description())).append("</p>\n");
            if (!f.snippet().isBlank()) {
                b.append("<pre>").append(esc(f.snippet().strip())).append("</pre>\n");
            }
        }
    }

    private static String badge(DoctorStatus s) {
        String name = ReportParts.status(s);
        return "<span class=\"badge " + name + "\">" + name + "</span>";
    }

    /** HTML-escapes text for element content and attribute values: {@code & < > " '}. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
