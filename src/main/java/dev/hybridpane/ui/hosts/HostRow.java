package dev.hybridpane.ui.hosts;

import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.HostPhase;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.SupportMatrix;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One line of the hosts table: the stored host and, while something happens on this workstation, a note
 * ("Checking…", "Host key not trusted"). Replaced, never mutated.
 */
public record HostRow(EdgeHostSpec spec, HostStatus status, String note) {
    public HostRow {
        status = status == null ? HostStatus.UNCHECKED : status;
    }

    public String name() {
        return spec.name();
    }

    public HostRow withStatus(HostStatus s) {
        return new HostRow(spec, s, null);
    }

    public HostRow withNote(String n) {
        return new HostRow(spec, status, n);
    }

    public String addressText() {
        return spec.port() == 22 ? spec.address() : spec.address() + ":" + spec.port();
    }

    /** "Ubuntu 22.04", "RHEL 9", "Amazon Linux 2023", "debian 12": short enough for a column. */
    public String osText() {
        HostFacts f = status.facts();
        if (f == null) {
            return "—";
        }
        return SupportMatrix.find(f.osId(), f.osVersion())
                .map(SupportMatrix.SupportedOs::label)
                .orElse(f.osId() == null ? "unknown" : f.osId() + " " + (f.osVersion() == null ? "" : f.osVersion()));
    }

    /** "amd64" or "arm64" (the Kubernetes names), else what uname said. */
    public String archText() {
        HostFacts f = status.facts();
        if (f == null || f.arch() == null) {
            return "—";
        }
        return SupportMatrix.ARCHITECTURES.getOrDefault(f.arch(), f.arch());
    }

    public String capacityText() {
        HostFacts f = status.facts();
        if (f == null || f.cpus() == null || f.memoryMiB() == null) {
            return "—";
        }
        return f.cpus() + " · " + String.format(Locale.ROOT, "%.1f GiB", f.memoryMiB() / 1024.0);
    }

    public String statusText() {
        return note != null ? note : status.phase().label();
    }

    /** Pill kind for the status. */
    public String statusKind() {
        if (note != null) {
            return "accent";
        }
        return switch (status.phase()) {
            case AVAILABLE -> "success";
            case IN_POOL -> "accent";
            case UNREACHABLE, INCOMPATIBLE -> "danger";
            case UNKNOWN -> "neutral";
        };
    }

    public boolean inPool() {
        return status.pool() != null && !status.pool().isBlank();
    }

    public String poolText() {
        return inPool() ? status.pool() : "—";
    }

    public String lastSeenText(Instant now) {
        Instant seen = status.lastSeen();
        if (seen == null) {
            return status.phase() == HostPhase.UNKNOWN ? "—" : "never";
        }
        long s = Math.max(0, Duration.between(seen, now).toSeconds());
        if (s < 60) {
            return "just now";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86400) {
            return s / 3600 + " h ago";
        }
        return s / 86400 + " d ago";
    }

    /** Whether the row matches a filter text (name, address, site, OS, architecture, status, pool). */
    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String f = filter.strip().toLowerCase(Locale.ROOT);
        return String.join(" ", spec.name(), spec.address(), spec.site(), osText(), archText(), statusText(), poolText())
                .toLowerCase(Locale.ROOT).contains(f);
    }
}
