package dev.hybridpane.core.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the network doctor's fixes would do for one report: the automatic changes (one line each, in the order they run),
 * the manual fixes for the network team grouped per site, and the automatic fixes that cannot run (why, per check).
 *
 * @param changes  one per distinct change; {@code checkIds} names every check it fixes
 * @param manual   instructions and snippets, in site order
 * @param problems automatic fixes with an unknown action or missing parameters: "aws.routes@…: …"
 */
public record FixPlan(String cluster, String region, List<Change> changes, List<Manual> manual, List<String> problems) {
    public FixPlan {
        changes = List.copyOf(changes);
        manual = List.copyOf(manual);
        problems = List.copyOf(problems);
    }

    /** One automatic change: {@code line} says it ("create route 10.81.0.0/16 → tgw-0a1b in rtb-0c2d"). */
    public record Change(String action, Map<String, String> params, String line, List<String> checkIds) {
        public Change {
            params = Map.copyOf(params);
            checkIds = List.copyOf(checkIds);
        }
    }

    /** A fix for the network team at one site ("site dallas", "host dallas-01", "cluster payments"). */
    public record Manual(String site, String checkId, String title, String description, String snippet) {
    }

    public boolean empty() {
        return changes.isEmpty() && manual.isEmpty() && problems.isEmpty();
    }

    /** The manual fixes per site, in order. */
    public Map<String, List<Manual>> manualBySite() {
        Map<String, List<Manual>> out = new LinkedHashMap<>();
        for (Manual m : manual) {
            out.computeIfAbsent(m.site(), k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    /** The plan as text: the numbered changes, then the manual fixes per site with their snippets, then what cannot run. */
    public String text() {
        StringBuilder b = new StringBuilder("Network fixes for " + cluster + " (" + region + "): ");
        b.append(changes.isEmpty() ? "no automatic change" : changes.size() + (changes.size() == 1 ? " change" : " changes")).append('\n');
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            b.append(String.format("%2d. %s%n", i + 1, c.line()));
            b.append("      fixes ").append(String.join(", ", c.checkIds())).append('\n');
        }
        if (!manual.isEmpty()) {
            b.append("\nManual fixes (for the network team), per site:\n");
            manualBySite().forEach((site, fixes) -> {
                b.append("  ").append(site).append(":\n");
                for (Manual m : fixes) {
                    b.append("    - ").append(m.title()).append(" (").append(m.checkId()).append("): ").append(m.description()).append('\n');
                    if (!m.snippet().isBlank()) {
                        m.snippet().strip().lines().forEach(l -> b.append("        ").append(l).append('\n'));
                    }
                }
            });
        }
        if (!problems.isEmpty()) {
            b.append("\nNot fixable automatically:\n");
            problems.forEach(p -> b.append("  - ").append(p).append('\n'));
        }
        return b.toString();
    }
}
