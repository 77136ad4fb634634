package dev.hybridpane.ui.pools.day2;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A host certificate's expiry as the nodes table shows it: the date and the days left; a warning within
 * {@link #WARN_DAYS} days, an error once expired.
 */
public record CertificateExpiry(Instant notAfter, Instant now, String problem) {
    public static final int WARN_DAYS = 30;

    public CertificateExpiry(Instant notAfter, Instant now) {
        this(notAfter, now, null);
    }

    /** A certificate that could not be read: the cell says so and its tooltip says why. */
    public static CertificateExpiry unread(String problem, Instant now) {
        return new CertificateExpiry(null, now, problem);
    }
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    public enum Level { OK, WARNING, EXPIRED, UNREAD }

    public Level level() {
        if (problem != null) {
            return Level.UNREAD;
        }
        if (!notAfter.isAfter(now)) {
            return Level.EXPIRED;
        }
        return Duration.between(now, notAfter).compareTo(Duration.ofDays(WARN_DAYS)) <= 0 ? Level.WARNING : Level.OK;
    }

    /** For a narrow cell: "84 days", "13 days", "expired". */
    public String shortText() {
        if (problem != null) {
            return "not read";
        }
        long days = Duration.between(now, notAfter).toDays();
        return level() == Level.EXPIRED ? "expired" : days + (days == 1 ? " day" : " days");
    }

    /** "2027-03-01 (84 days)", "2026-12-20 (13 days: rotate soon)", "2026-11-30 (expired 7 days ago)". */
    public String text() {
        if (problem != null) {
            return "not read: " + problem;
        }
        long days = Duration.between(now, notAfter).toDays();
        return DAY.format(notAfter) + switch (level()) {
            case OK -> " (" + days + " days)";
            case WARNING -> " (" + days + (days == 1 ? " day" : " days") + ": rotate soon)";
            case EXPIRED -> " (expired " + (-days) + (-days == 1 ? " day" : " days") + " ago)";
            case UNREAD -> "";
        };
    }
}
