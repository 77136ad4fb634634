package dev.hybridpane.domain.network;

import java.time.Instant;
import java.util.List;

/** One doctor run on one cluster: every check (in a stable order) and the topology they are drawn on. */
public record DoctorReport(String cluster, String region, Instant at, List<DoctorCheck> checks, Topology topology) {
    public DoctorReport {
        checks = List.copyOf(checks == null ? List.of() : checks);
        topology = topology == null ? Topology.EMPTY : topology;
    }

    public DoctorStatus worst() {
        DoctorStatus w = DoctorStatus.PASS;
        for (DoctorCheck c : checks) {
            w = w.worst(c.status());
        }
        return w;
    }

    /** 0 when nothing fails, 1 when a check fails; strict: a warning or an unknown fails too. */
    public int exitCode(boolean strict) {
        return checks.stream().anyMatch(c -> c.status() == DoctorStatus.FAIL
                || strict && (c.status() == DoctorStatus.WARN || c.status() == DoctorStatus.UNKNOWN)) ? 1 : 0;
    }

    /** The checks that name an element or link, for the picture's detail pane and its red links. */
    public List<DoctorCheck> checksOf(String subjectId) {
        return checks.stream().filter(c -> c.subjects().contains(subjectId)).toList();
    }
}
