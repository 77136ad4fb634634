package dev.hybridpane.domain.network;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What every report renderer says the same way: the areas in order, the counts sentence, the links and their checks. */
final class ReportParts {
    static final List<String> AREAS = List.of("aws", "cluster", "host");

    private ReportParts() {
    }

    /** The checks per area: aws, cluster, host first, then any other area in the order met; each in the report's order. */
    static Map<String, List<DoctorCheck>> byArea(DoctorReport r) {
        Map<String, List<DoctorCheck>> out = new LinkedHashMap<>();
        AREAS.forEach(a -> out.put(a, new ArrayList<>()));
        for (DoctorCheck c : r.checks()) {
            out.computeIfAbsent(c.area() == null ? "" : c.area(), k -> new ArrayList<>()).add(c);
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    static String areaTitle(String area) {
        return switch (area) {
            case "aws" -> "AWS";
            case "cluster" -> "Cluster";
            case "host" -> "Hosts";
            default -> area.isEmpty() ? "Other" : area;
        };
    }

    static Map<DoctorStatus, Integer> counts(DoctorReport r) {
        Map<DoctorStatus, Integer> n = new EnumMap<>(DoctorStatus.class);
        for (DoctorStatus s : DoctorStatus.values()) {
            n.put(s, 0);
        }
        r.checks().forEach(c -> n.merge(c.status(), 1, Integer::sum));
        return n;
    }

    /** "2 failed, 1 warning, 1 unknown, 17 passed". */
    static String countsSentence(DoctorReport r) {
        Map<DoctorStatus, Integer> n = counts(r);
        return n.get(DoctorStatus.FAIL) + " failed, " + n.get(DoctorStatus.WARN) + (n.get(DoctorStatus.WARN) == 1 ? " warning, "
                : " warnings, ") + n.get(DoctorStatus.UNKNOWN) + " unknown, " + n.get(DoctorStatus.PASS) + " passed";
    }

    static String status(DoctorStatus s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    /** The worst status of the checks that name a link or element, PASS when none does. */
    static DoctorStatus worstOf(DoctorReport r, String subject) {
        DoctorStatus w = DoctorStatus.PASS;
        for (DoctorCheck c : r.checksOf(subject)) {
            w = w.worst(c.status());
        }
        return w;
    }

    /** The ids of the failing checks on a subject (what a red link names). */
    static List<String> failing(DoctorReport r, String subject) {
        return r.checksOf(subject).stream().filter(c -> c.status() == DoctorStatus.FAIL).map(DoctorCheck::id).toList();
    }

    /** An element's label for a path line: its label, else its id. */
    static String label(Topology t, String id) {
        return t.elements().stream().filter(e -> e.id().equals(id)).map(e -> e.label() == null || e.label().isBlank() ? id : e.label())
                .findFirst().orElse(id);
    }

    static String fixKind(DoctorFix f) {
        return f.automatic() ? "automatic, " + f.action() : "manual";
    }
}
