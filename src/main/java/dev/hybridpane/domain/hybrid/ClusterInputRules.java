package dev.hybridpane.domain.hybrid;

import dev.hybridpane.domain.Shown;
import java.util.regex.Pattern;

/**
 * What a typed region and EKS cluster name must look like, as sentences for the field: null when valid.
 * Cluster names: 1 to 100 characters, a letter or digit first, then letters, digits, hyphens and underscores.
 */
public final class ClusterInputRules {
    public static final int MAX_NAME = 100;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+){1,2}-\\d{1,2}");
    private static final Pattern NAME_REST = Pattern.compile("[A-Za-z0-9_-]*");

    private ClusterInputRules() {
    }

    public static String regionProblem(String region) {
        String r = region == null ? "" : region.strip();
        if (r.isEmpty()) {
            return "Enter the cluster's region, such as us-west-2.";
        }
        if (!REGION.matcher(r).matches()) {
            return Shown.quoted(r) + " is not a region code; region codes look like us-west-2 or eu-central-1.";
        }
        return null;
    }

    public static String nameProblem(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return "Enter the cluster's name.";
        }
        if (n.length() > MAX_NAME) {
            return "EKS cluster names have at most " + MAX_NAME + " characters; this one has " + n.length() + ".";
        }
        if (!Character.isLetterOrDigit(n.charAt(0)) || n.charAt(0) > 127) {
            return "EKS cluster names start with a letter or a digit, not " + Shown.quoted(String.valueOf(n.charAt(0))) + ".";
        }
        if (!NAME_REST.matcher(n.substring(1)).matches()) {
            char bad = n.substring(1).chars().filter(ch -> !(ch < 128 && (Character.isLetterOrDigit(ch) || ch == '-' || ch == '_')))
                    .mapToObj(ch -> (char) ch).findFirst().orElse('?');
            return "EKS cluster names hold only letters, digits, hyphens and underscores; " + Shown.quoted(String.valueOf(bad)) + " is not allowed.";
        }
        return null;
    }
}
