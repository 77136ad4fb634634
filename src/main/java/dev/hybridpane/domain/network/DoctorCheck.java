package dev.hybridpane.domain.network;

import java.util.List;

/**
 * One network requirement checked against one subject, with the evidence read and the fix.
 *
 * @param id       unique in a report: the check kind, then {@code @} and the subject when there are several
 *                 ({@code aws.routes@rtb-0a1b:10.80.0.0/16}, {@code host.firewall@dallas-01})
 * @param area     where it was read: {@code aws}, {@code cluster} or {@code host}
 * @param title    the requirement, in a few words ("Route to remote pod network")
 * @param subjects the ids of the topology elements or links it is about (a failing check turns them red)
 * @param summary  one sentence: what holds or what is wrong
 * @param evidence what was read, one line each ("rtb-0a1b: 10.80.0.0/16 → tgw-0c2d (active, propagated)")
 */
public record DoctorCheck(String id, String area, String title, List<String> subjects, DoctorStatus status,
        String summary, List<String> evidence, DoctorFix fix) {
    public DoctorCheck {
        subjects = List.copyOf(subjects == null ? List.of() : subjects);
        evidence = List.copyOf(evidence == null ? List.of() : evidence);
        fix = fix == null ? DoctorFix.NONE : fix;
    }

    /** The check whose evidence could not be read, e.g. "unknown: missing permission ec2:DescribeTransitGateways". */
    public static DoctorCheck unknown(String id, String area, String title, List<String> subjects, String why) {
        return new DoctorCheck(id, area, title, subjects, DoctorStatus.UNKNOWN, "unknown: " + why, List.of(), DoctorFix.NONE);
    }
}
