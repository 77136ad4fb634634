package dev.hybridpane.domain.network;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A doctor report as plain text for a terminal: the verdict and counts, the path (a link marked ✗ where a check on it fails, ! where one warns, ? where one is unknown, naming them),
 * then per area one line per check; a check that does not pass adds its evidence and its fix (a manual fix's snippet
 * in full, ready to copy).
 */
public final class ReportText {
    private ReportText() {
    }

    public static String render(DoctorReport r) {
        StringBuilder b = new StringBuilder();
        b.append("Network doctor: ").append(r.cluster()).append(" (").append(r.region()).append(")");
        if (r.at() != null) {
            b.append(", ").append(r.at());
        }
        b.append('\n').append(r.worst()).append(": ").append(ReportParts.countsSentence(r)).append('\n');
        if (!r.topology().links().isEmpty()) {
            b.append("\nPath\n");
            for (Topology.Link l : r.topology().links()) {
                DoctorStatus worst = ReportParts.worstOf(r, l.id());
                List<String> failing = r.checksOf(l.id()).stream().filter(c -> c.status() == worst && worst != DoctorStatus.PASS)
                        .map(DoctorCheck::id).toList();
                b.append(switch (worst) {
                    case PASS -> "  ok ";
                    case UNKNOWN -> "  ?  ";
                    case WARN -> "  !  ";
                    case FAIL -> "  ✗  ";
                }).append(ReportParts.label(r.topology(), l.from())).append(" → ")
                        .append(ReportParts.label(r.topology(), l.to()));
                if (l.label() != null && !l.label().isBlank()) {
                    b.append(" (").append(l.label()).append(')');
                }
                if (!failing.isEmpty()) {
                    b.append(": ").append(String.join(", ", failing));
                }
                b.append('\n');
            }
        }
        for (Map.Entry<String, List<DoctorCheck>> area : ReportParts.byArea(r).entrySet()) {
            b.append('\n').append(ReportParts.areaTitle(area.getKey())).append('\n');
            for (DoctorCheck c : area.getValue()) {
                b.append(String.format("  %-7s %s: %s%n", c.status().name(), c.title(), c.summary()));
                b.append("          ").append(c.id()).append('\n');
                if (c.status() != DoctorStatus.PASS) {
                    details(b, c);
                }
            }
        }
        return b.toString();
    }

    private static void details(StringBuilder b, DoctorCheck c) {
        for (String e : c.evidence()) {
            b.append("          | ").append(e).append('\n');
        }
        DoctorFix f = c.fix();
        if (f.present() || f.automatic()) {
            b.append("          fix (").append(ReportParts.fixKind(f).toLowerCase(Locale.ROOT)).append("): ").append(f.description())
                    .append('\n');
            if (!f.snippet().isBlank()) {
                f.snippet().strip().lines().forEach(l -> b.append("            ").append(l).append('\n'));
            }
        }
    }
}
