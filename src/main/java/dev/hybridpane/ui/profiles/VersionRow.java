package dev.hybridpane.ui.profiles;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One line of a profile's history: the version, when and by whom it was saved, and the pools that use it. */
public record VersionRow(int number, Instant createdAt, String createdBy, List<String> pools) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public VersionRow {
        pools = List.copyOf(pools);
    }

    public String versionText() {
        return "v" + number;
    }

    public String whenText() {
        return createdAt == null ? "—" : WHEN.format(createdAt);
    }

    /** The IAM identity's last part (role session or user), which is what a person recognises. */
    public String byText() {
        if (createdBy == null || createdBy.isBlank()) {
            return "—";
        }
        int slash = createdBy.lastIndexOf('/');
        return slash >= 0 && slash < createdBy.length() - 1 ? createdBy.substring(slash + 1) : createdBy;
    }

    public String poolsText() {
        return pools.isEmpty() ? "—" : String.join(", ", pools);
    }
}
