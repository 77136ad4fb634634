package dev.hybridpane.lab.aws;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * The Kubernetes versions of Amazon EKS, as the EKS user guide's release calendar ("Understand the Kubernetes version
 * lifecycle on EKS") dates them: standard support for 14 months from the EKS release, then extended support for 12
 * more. Kept as data (1.28 to 1.35, the versions hybrid nodes and nodeadm have been tested on); a version's status is
 * read from its dates against the emulator's clock, so the answer ages as AWS's does. The default version (the one
 * CreateCluster uses without a version) is, in the lab, the newest version in standard support. Platform versions are
 * the latest the lab knows of each (none for 1.28).
 */
final class EksClusterVersions {

    record Version(String version, LocalDate released, LocalDate endOfStandard, LocalDate endOfExtended,
            String defaultPlatformVersion) {

        /** STANDARD_SUPPORT, EXTENDED_SUPPORT or UNSUPPORTED at {@code now}. */
        String versionStatus(Instant now) {
            if (now.isBefore(start(endOfStandard))) {
                return "STANDARD_SUPPORT";
            }
            return now.isBefore(start(endOfExtended)) ? "EXTENDED_SUPPORT" : "UNSUPPORTED";
        }

        /** The deprecated lower-case spelling of the same status (the {@code status} member). */
        String status(Instant now) {
            return versionStatus(now).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        boolean releasedBy(Instant now) {
            return !now.isBefore(start(released));
        }

        static Instant start(LocalDate day) {
            return day.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** Newest first, as EKS lists them. */
    static final List<Version> ALL = List.of(
            v("1.35", "2026-01-27", "2027-03-27", "2028-03-27", "eks.3"),
            v("1.34", "2025-10-02", "2026-12-02", "2027-12-02", "eks.13"),
            v("1.33", "2025-05-29", "2026-07-29", "2027-07-29", "eks.27"),
            v("1.32", "2025-01-23", "2026-03-23", "2027-03-23", "eks.34"),
            v("1.31", "2024-09-26", "2025-11-26", "2026-11-26", "eks.50"),
            v("1.30", "2024-05-23", "2025-07-23", "2026-07-23", "eks.58"),
            v("1.29", "2024-01-23", "2025-03-23", "2026-03-23", "eks.61"),
            v("1.28", "2023-09-26", "2024-11-26", "2025-11-26", null));

    private EksClusterVersions() {
    }

    private static Version v(String version, String released, String endOfStandard, String endOfExtended, String platform) {
        return new Version(version, LocalDate.parse(released), LocalDate.parse(endOfStandard), LocalDate.parse(endOfExtended),
                platform);
    }

    /** The versions EKS offers at {@code now}: released ones, newest first. */
    static List<Version> released(Instant now) {
        return ALL.stream().filter(v -> v.releasedBy(now)).sorted(Comparator.comparing(Version::released).reversed()).toList();
    }

    /** The default version at {@code now}: the newest released version in standard support, if any. */
    static String defaultVersion(Instant now) {
        return released(now).stream().filter(v -> "STANDARD_SUPPORT".equals(v.versionStatus(now))).map(Version::version)
                .findFirst().orElse(null);
    }
}
