package dev.hybridpane.domain.hybrid;

import dev.hybridpane.domain.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * The EKS rules for remoteNetworkConfig, field by field: each entry a valid IPv4 CIDR, inside RFC 1918,
 * prefix /8 to /32, no overlap with the VPC CIDRs, the service CIDR or any other entry (node or pod).
 * An empty pod list is a warning: webhooks on hybrid nodes will not be reachable.
 */
public final class RemoteNetworkRules {
    public enum ListKind { NODES, PODS }

    public static final int MIN_PREFIX = 8;
    public static final int MAX_PREFIX = 32;

    private RemoteNetworkRules() {
    }

    /** The problem with one entry on its own (syntax, RFC 1918, prefix), or null when it is fine. */
    public static String entryProblem(String text) {
        if (text == null || text.isBlank()) {
            return "Enter a CIDR such as 10.200.0.0/16.";
        }
        Cidr c;
        try {
            c = Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            return capital(e.getMessage()) + ".";
        }
        if (c.prefix() < MIN_PREFIX || c.prefix() > MAX_PREFIX) {
            return "The prefix /" + c.prefix() + " is outside /" + MIN_PREFIX + " to /" + MAX_PREFIX + ".";
        }
        if (!c.isRfc1918()) {
            return c + " is outside RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16).";
        }
        return null;
    }

    /** Every issue of both lists against the cluster's VPC CIDRs and service CIDR (either may be empty/null). */
    public static List<CidrIssue> validate(List<String> nodes, List<String> pods, List<String> vpcCidrs, String serviceCidr) {
        List<CidrIssue> issues = new ArrayList<>();
        List<Cidr> reserved = new ArrayList<>();
        List<String> reservedNames = new ArrayList<>();
        for (String v : vpcCidrs) {
            Cidr.tryParse(v).ifPresent(c -> {
                reserved.add(c);
                reservedNames.add("the VPC CIDR " + c);
            });
        }
        if (serviceCidr != null) {
            Cidr.tryParse(serviceCidr).ifPresent(c -> {
                reserved.add(c);
                reservedNames.add("the service CIDR " + c);
            });
        }
        record Seen(ListKind list, int index, Cidr cidr) {
        }
        List<Seen> seen = new ArrayList<>();
        for (ListKind kind : ListKind.values()) {
            List<String> entries = kind == ListKind.NODES ? nodes : pods;
            for (int i = 0; i < entries.size(); i++) {
                String text = entries.get(i);
                String problem = entryProblem(text);
                if (problem != null) {
                    issues.add(new CidrIssue(kind, i, problem, true));
                    continue;
                }
                Cidr c = Cidr.parse(text);
                String clash = null;
                for (int r = 0; r < reserved.size() && clash == null; r++) {
                    if (reserved.get(r).overlaps(c)) {
                        clash = c + " overlaps " + reservedNames.get(r) + ".";
                    }
                }
                for (int s = 0; s < seen.size() && clash == null; s++) {
                    Seen o = seen.get(s);
                    if (o.cidr().overlaps(c)) {
                        String where = o.list() == ListKind.NODES ? "remote node CIDR" : "remote pod CIDR";
                        clash = o.cidr().equals(c) ? c + " is already listed as a " + where + "."
                                : c + " overlaps the " + where + " " + o.cidr() + ".";
                    }
                }
                if (clash != null) {
                    issues.add(new CidrIssue(kind, i, clash, true));
                }
                seen.add(new Seen(kind, i, c));
            }
        }
        if (nodes.isEmpty()) {
            issues.add(new CidrIssue(ListKind.NODES, -1, "Add at least one remote node CIDR: it is what enables hybrid nodes.", true));
        }
        if (pods.isEmpty()) {
            issues.add(new CidrIssue(ListKind.PODS, -1, "No remote pod CIDR: webhooks running on hybrid nodes will not be "
                    + "reachable from the control plane.", false));
        }
        return List.copyOf(issues);
    }

    public static boolean hasErrors(List<CidrIssue> issues) {
        return issues.stream().anyMatch(CidrIssue::error);
    }

    /** Trims entries and drops blank ones, keeping order. */
    public static List<String> normalise(List<String> raw) {
        return raw.stream().map(s -> s == null ? "" : s.strip()).filter(s -> !s.isEmpty()).toList();
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
