package dev.hybridpane.domain.profile;

import dev.hybridpane.domain.Shown;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Extra kubelet flags as nodeadm and the kubelet take them. nodeadm refuses {@code --hostname-override} (it names
 * the node itself); {@code --node-labels} and {@code --register-with-taints} must be in Kubernetes syntax
 * (qualified names, label values, the three taint effects), and the kubelet refuses labels it may not set on its
 * own node in the kubernetes.io and k8s.io namespaces.
 */
public final class KubeletFlagRules {
    /** nodeadm's own words (internal/node/hybrid/validator.go), with the value found in place of %s. */
    static final String NODEADM_HOSTNAME_OVERRIDE = "hostname-override kubelet flag is not supported for hybrid nodes "
            + "but found override: %s";
    public static final Set<String> TAINT_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    /** Labels the kubelet may set on its own Node in the kubernetes.io / k8s.io namespaces (k8s.io/kubelet). */
    public static final Set<String> KUBELET_LABELS = Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone",
            "topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/zone",
            "failure-domain.beta.kubernetes.io/region", "beta.kubernetes.io/instance-type",
            "node.kubernetes.io/instance-type", "kubernetes.io/os", "kubernetes.io/arch", "beta.kubernetes.io/os",
            "beta.kubernetes.io/arch");
    public static final List<String> KUBELET_LABEL_NAMESPACES = List.of("kubelet.kubernetes.io", "node.kubernetes.io");

    private static final Pattern FLAG = Pattern.compile("--?([A-Za-z0-9][A-Za-z0-9-]*)(=(.*))?", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private KubeletFlagRules() {
    }

    public static List<ProfileProblem> check(List<String> flags) {
        List<ProfileProblem> out = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            String field = "kubernetes.kubeletFlags[" + i + "]";
            String flag = flags.get(i).strip();
            var m = FLAG.matcher(flag);
            if (!m.matches()) {
                out.add(ProfileProblem.error(field, Shown.quoted(flag) + " is not a kubelet flag: write --name=value."));
                continue;
            }
            String name = m.group(1);
            String value = m.group(3);
            if (value != null && value.chars().anyMatch(Character::isWhitespace)) {
                out.add(ProfileProblem.error(field, "--" + name + " holds white space: nodeadm passes the kubelet its "
                        + "flags separated by spaces, so the value would be cut there."));
                continue;
            }
            switch (name) {
                case "hostname-override" -> out.add(ProfileProblem.error(field, "nodeadm refuses --hostname-override: \""
                        + String.format(NODEADM_HOSTNAME_OVERRIDE, value == null ? "" : Shown.plain(value)) + "\". nodeadm names the "
                        + "node itself (the SSM managed instance ID or the IAM Roles Anywhere nodeName)."));
                case "node-labels" -> {
                    if (value == null || value.isEmpty()) {
                        out.add(ProfileProblem.error(field, "--node-labels needs labels: --node-labels=key=value,key2=value2."));
                    } else {
                        nodeLabels(value).forEach(p -> out.add(ProfileProblem.error(field, p)));
                    }
                }
                case "register-with-taints" -> {
                    if (value == null || value.isEmpty()) {
                        out.add(ProfileProblem.error(field, "--register-with-taints needs taints: "
                                + "--register-with-taints=key=value:NoSchedule."));
                    } else {
                        for (String t : value.split(",", -1)) {
                            taint(t).ifPresent(p -> out.add(ProfileProblem.error(field, p)));
                        }
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    /** The problems of a --node-labels value: comma-separated key=value pairs. */
    public static List<String> nodeLabels(String value) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> refused = new ArrayList<>();
        for (String pair : value.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                out.add(Shown.quoted(pair) + " is not a label: write key=value.");
                continue;
            }
            String key = pair.substring(0, eq);
            String v = pair.substring(eq + 1);
            qualifiedName(key).ifPresent(p -> out.add("Label key " + p));
            labelValue(v).ifPresent(p -> out.add("Label " + Shown.plain(key) + ": value " + p));
            if (!seen.add(key)) {
                out.add("Label " + Shown.plain(key) + " is given twice.");
            }
            if (kubeletRefuses(key)) {
                refused.add(Shown.plain(key));
            }
        }
        if (!refused.isEmpty()) {
            out.add("The kubelet refuses " + String.join(", ", refused) + ": in the kubernetes.io and k8s.io namespaces "
                    + "it may only set labels beginning with kubelet.kubernetes.io/ or node.kubernetes.io/, or one of "
                    + String.join(", ", KUBELET_LABELS.stream().sorted().toList()) + ". Set such labels on the pool "
                    + "after the node joins.");
        }
        return out;
    }

    /** The problem of one taint, {@code key[=value]:Effect}, or empty. */
    public static Optional<String> taint(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon < 0 || spec.indexOf(':') != colon) {
            return Optional.of(Shown.quoted(spec) + " is not a taint: write key=value:Effect or key:Effect.");
        }
        String effect = spec.substring(colon + 1);
        String kv = spec.substring(0, colon);
        int eq = kv.indexOf('=');
        String key = eq < 0 ? kv : kv.substring(0, eq);
        Optional<String> k = qualifiedName(key);
        if (k.isPresent()) {
            return Optional.of("Taint key " + k.get());
        }
        if (eq >= 0) {
            Optional<String> v = labelValue(kv.substring(eq + 1));
            if (v.isPresent()) {
                return Optional.of("Taint " + Shown.plain(key) + ": value " + v.get());
            }
        }
        if (!TAINT_EFFECTS.contains(effect)) {
            return Optional.of("Taint " + Shown.plain(key) + ": effect " + Shown.quoted(effect) + " is not NoSchedule, PreferNoSchedule or NoExecute.");
        }
        return Optional.empty();
    }

    /** A Kubernetes qualified name ({@code [prefix/]name}); the problem, starting with the key, or empty. */
    public static Optional<String> qualifiedName(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("'' is empty: a key needs a name.");
        }
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return Optional.of(Shown.quoted(key) + ": the prefix before '/' must be a DNS subdomain (lower-case letters, "
                        + "digits, '-' and '.', at most 253 characters).");
            }
            name = parts[1];
        } else {
            return Optional.of(Shown.quoted(key) + " has more than one '/': write prefix/name.");
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            return Optional.of(Shown.quoted(key) + ": the name must be at most 63 letters, digits, '-', '_' or '.', "
                    + "starting and ending with a letter or digit.");
        }
        return Optional.empty();
    }

    /** A label value: empty, or at most 63 letters, digits, '-', '_', '.', starting and ending alphanumeric. */
    public static Optional<String> labelValue(String v) {
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.length() > 63 || !NAME.matcher(v).matches()) {
            return Optional.of(Shown.quoted(v) + " must be at most 63 letters, digits, '-', '_' or '.', starting and ending "
                    + "with a letter or digit.");
        }
        return Optional.empty();
    }

    /**
     * Whether the kubelet may not set this label on its own Node (the NodeRestriction admission plugin): a key in the
     * kubernetes.io or k8s.io namespaces other than {@link #KUBELET_LABELS} and {@link #KUBELET_LABEL_NAMESPACES}.
     */
    public static boolean kubeletRefuses(String key) {
        return restrictedNamespace(key) && !kubeletLabel(key);
    }

    private static boolean restrictedNamespace(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String ns = key.substring(0, slash);
        return ns.equals("kubernetes.io") || ns.endsWith(".kubernetes.io") || ns.equals("k8s.io") || ns.endsWith(".k8s.io");
    }

    private static boolean kubeletLabel(String key) {
        if (KUBELET_LABELS.contains(key)) {
            return true;
        }
        String ns = key.substring(0, key.indexOf('/'));
        return KUBELET_LABEL_NAMESPACES.stream().anyMatch(allowed -> ns.equals(allowed) || ns.endsWith("." + allowed));
    }
}
