package dev.hybridpane.domain;

import java.util.Locale;

/**
 * ARNs in the caller's partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}…), never a hard-coded {@code arn:aws:}:
 * the partition is read from an ARN AWS gave (the caller's, as GetCallerIdentity reports it, or the cluster's), else told
 * by the region's prefix.
 */
public final class Arns {
    public static final String AWS = "aws";
    public static final String AWS_CN = "aws-cn";
    public static final String AWS_US_GOV = "aws-us-gov";

    private Arns() {
    }

    /** The partition of {@code arn} ("arn:PARTITION:service:region:account:resource"); empty when it is not an ARN. */
    public static String partitionOf(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return "";
        }
        int end = arn.indexOf(':', 4);
        return end > 4 ? arn.substring(4, end) : "";
    }

    /** The account of {@code arn}; empty when it names none. */
    public static String accountOf(String arn) {
        String[] p = arn == null ? new String[0] : arn.split(":", 6);
        return p.length > 4 && p[0].equals("arn") ? p[4] : "";
    }

    /** The partition a region belongs to: cn-* is aws-cn, us-gov-* is aws-us-gov, the rest aws. */
    public static String partitionOfRegion(String region) {
        String r = region == null ? "" : region.toLowerCase(Locale.ROOT);
        return r.startsWith("cn-") ? AWS_CN : r.startsWith("us-gov-") ? AWS_US_GOV : AWS;
    }

    /** The partition of the first of {@code arns} that is an ARN, else the region's. */
    public static String partition(String region, String... arns) {
        for (String a : arns) {
            String p = partitionOf(a);
            if (!p.isEmpty()) {
                return p;
            }
        }
        return partitionOfRegion(region);
    }

    /** arn:PARTITION:iam::ACCOUNT:role/NAME */
    public static String iamRole(String partition, String account, String name) {
        return "arn:" + partition + ":iam::" + account + ":role/" + name;
    }

    /** An AWS managed policy: arn:PARTITION:iam::aws:policy/NAME */
    public static String managedPolicy(String partition, String name) {
        return "arn:" + partition + ":iam::aws:policy/" + name;
    }

    /** arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE */
    public static String of(String partition, String service, String region, String account, String resource) {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
