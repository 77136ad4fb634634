package dev.hybridpane.domain.pool;

import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.domain.Shown;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostChecks;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.HostInputRules;
import dev.hybridpane.domain.edge.SupportMatrix;
import dev.hybridpane.domain.profile.KubeletFlagRules;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.domain.profile.ProfileRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a pool must pass, per field with the reason ({@link ProfileProblem}: field path such as
 * {@code hosts[1].vpnServerIp}, a sentence, a severity). {@link #validate} holds the field rules that need nothing
 * but the pool; {@link #hosts} the pool-time checks of each host against its gathered facts, where the Edge Hosts
 * view's OS, architecture and network checks and the profile's OS-dependent rules become errors.
 */
public final class PoolRules {
    public static final Set<String> ARCHITECTURES = Set.of("amd64", "arm64");
    /** Labels nodeadm sets itself on a hybrid node. */
    public static final Set<String> NODEADM_LABELS = Set.of(NodeLabels.COMPUTE_TYPE, NodeLabels.CREDENTIAL_PROVIDER);
    /** The host checks that are errors when a host joins a pool; its other failed checks are warnings. */
    public static final Set<String> BLOCKING_CHECKS = Set.of("os", "arch", "node-ip", "site-cidr");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final String OWN_PREFIX = "hybridpane.dev/";

    private PoolRules() {
    }

    /** A pool's name is its object's name and a node label value: a DNS-1123 label. The problem, or empty. */
    public static Optional<String> name(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("Enter a pool name.");
        }
        if (name.length() > 63 || !LABEL.matcher(name).matches()) {
            return Optional.of(Shown.quoted(name) + " must be at most 63 lower-case letters, digits and '-', starting and "
                    + "ending with a letter or digit.");
        }
        return Optional.empty();
    }

    /** The field rules. {@code creating}: a new pool needs at least one host (day-2 removals may empty one). */
    public static List<ProfileProblem> validate(HybridNodePool pool, boolean creating) {
        List<ProfileProblem> out = new ArrayList<>();
        name(pool.name()).ifPresent(p -> out.add(ProfileProblem.error("name", p)));
        if (pool.site().isEmpty()) {
            out.add(ProfileProblem.error("site", "Choose the site the pool's hosts are at."));
        } else {
            HostInputRules.name(pool.site()).ifPresent(p -> out.add(ProfileProblem.error("site", p)));
        }
        labelValue("site", pool.site(), NodeLabels.SITE, out);
        Optional<String> profileName = ProfileRules.name(pool.profile().name());
        profileName.ifPresent(p -> out.add(ProfileProblem.error("profile.name", p)));
        if (profileName.isEmpty()) {
            labelValue("profile.name", pool.profile().name(), NodeLabels.PROFILE, out);
        }
        if (pool.profile().version() < 1) {
            out.add(ProfileProblem.error("profile.version", "A profile version is a number from 1, not "
                    + pool.profile().version() + "."));
        }
        labels(pool, out);
        taints(pool, out);
        if (!pool.architecture().isEmpty() && !ARCHITECTURES.contains(pool.architecture())) {
            out.add(ProfileProblem.error("architecture", Shown.quoted(pool.architecture()) + " is not amd64 or arm64."));
        }
        Set<String> ntp = new HashSet<>();
        for (int i = 0; i < pool.ntpServers().size(); i++) {
            String s = pool.ntpServers().get(i).strip();
            String field = "ntpServers[" + i + "]";
            Optional<String> bad = HostInputRules.address(s);
            if (bad.isPresent()) {
                out.add(ProfileProblem.error(field, "NTP server: " + bad.get()));
            } else if (!ntp.add(s)) {
                out.add(ProfileProblem.error(field, s + " is listed twice."));
            }
        }
        if (creating && pool.hosts().isEmpty()) {
            out.add(ProfileProblem.error("hosts", "Choose at least one edge host for the pool."));
        }
        Set<String> hosts = new HashSet<>();
        for (int i = 0; i < pool.hosts().size(); i++) {
            PoolHost h = pool.hosts().get(i);
            String field = "hosts[" + i + "]";
            Optional<String> bad = HostInputRules.name(h.host());
            if (bad.isPresent()) {
                out.add(ProfileProblem.error(field + ".host", bad.get()));
            } else if (!hosts.add(h.host())) {
                out.add(ProfileProblem.error(field + ".host", "Host " + h.host() + " is listed twice."));
            }
            if (!h.vpnServerIp().isEmpty() && Cidr.parseAddress(h.vpnServerIp()).isEmpty()) {
                out.add(ProfileProblem.error(field + ".vpnServerIp", Shown.quoted(h.vpnServerIp())
                        + " is not an IPv4 address (four numbers 0-255 separated by dots)."));
            }
        }
        return out;
    }

    /** A name that becomes a node label's value has at most 63 characters. */
    private static void labelValue(String field, String value, String label, List<ProfileProblem> out) {
        if (value.length() > 63 && out.stream().noneMatch(p -> p.field().equals(field))) {
            out.add(ProfileProblem.error(field, Shown.quoted(value) + " has " + value.length() + " characters; as the value of "
                    + "the node label " + label + " it may have at most 63."));
        }
    }

    /**
     * The profile version's Kubernetes version against this cluster's control plane ({@code controlPlane}: "1.31" or
     * "v1.31.7-eks-…"), as {@link ProfileRules#versionSkew} says, on the field {@code profile.version}.
     */
    public static List<ProfileProblem> versionSkew(KubernetesLayer k, String cluster, String controlPlane) {
        return ProfileRules.versionSkew(k.version(), Map.of(cluster, controlPlane)).stream()
                .map(p -> new ProfileProblem("profile.version", p.message(), p.severity())).toList();
    }

    private static void labels(HybridNodePool pool, List<ProfileProblem> out) {
        pool.labels().forEach((key, value) -> {
            String field = "labels[" + Shown.plain(key) + "]";
            Optional<String> k = KubeletFlagRules.qualifiedName(key);
            if (k.isPresent()) {
                out.add(ProfileProblem.error(field, "Label key " + k.get()));
                return;
            }
            KubeletFlagRules.labelValue(value).ifPresent(p -> out.add(ProfileProblem.error(field, "Label " + key
                    + ": value " + p)));
            if (key.startsWith(OWN_PREFIX)) {
                out.add(ProfileProblem.error(field, "Label " + key + " is HybridPane's own: it sets " + NodeLabels.POOL
                        + ", " + NodeLabels.SITE + ", " + NodeLabels.PROFILE + " and " + NodeLabels.PROFILE_VERSION
                        + " itself."));
            } else if (NODEADM_LABELS.contains(key)) {
                out.add(ProfileProblem.error(field, "Label " + key + " is set by nodeadm on every hybrid node."));
            } else if (KubeletFlagRules.kubeletRefuses(key)) {
                out.add(ProfileProblem.error(field, "The kubelet may not set " + key + " on its own node (NodeRestriction): "
                        + "in the kubernetes.io and k8s.io namespaces only labels beginning with kubelet.kubernetes.io/ "
                        + "or node.kubernetes.io/, or one of " + String.join(", ", KubeletFlagRules.KUBELET_LABELS.stream()
                        .sorted().toList()) + ", are allowed."));
            }
        });
    }

    private static void taints(HybridNodePool pool, List<ProfileProblem> out) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < pool.taints().size(); i++) {
            Taint t = pool.taints().get(i);
            String field = "taints[" + i + "]";
            KubeletFlagRules.qualifiedName(t.key()).ifPresent(p -> out.add(ProfileProblem.error(field + ".key",
                    "Taint key " + p)));
            KubeletFlagRules.labelValue(t.value()).ifPresent(p -> out.add(ProfileProblem.error(field + ".value",
                    "Taint " + Shown.plain(t.key()) + ": value " + p)));
            if (!KubeletFlagRules.TAINT_EFFECTS.contains(t.effect())) {
                out.add(ProfileProblem.error(field + ".effect", "Taint " + Shown.plain(t.key()) + ": effect " + Shown.quoted(t.effect())
                        + " is not NoSchedule, PreferNoSchedule or NoExecute."));
            } else if (!seen.add(t.key() + ":" + t.effect())) {
                out.add(ProfileProblem.error(field, "Taint " + t.key() + " with effect " + t.effect()
                        + " is given twice; Kubernetes allows one taint per key and effect."));
            }
        }
    }

    /**
     * Pool time: each host against the inventory and its facts. Errors: unknown host, host at another site, facts
     * not gathered, OS and architecture, the architecture the pool asks for, credential provider and containerd
     * source against the OS, node IP outside the remote node networks or the site's CIDRs, a host in another pool,
     * a VPN server IP outside the site's CIDRs or equal to the host's own address. The host's other failed checks
     * are warnings.
     */
    public static List<ProfileProblem> hosts(HybridNodePool pool, PoolFacts facts) {
        List<ProfileProblem> out = new ArrayList<>();
        if (facts.site() == null && !pool.site().isEmpty()) {
            out.add(ProfileProblem.error("site", "There is no site named " + Shown.plain(pool.site()) + " in the inventory."));
        }
        for (int i = 0; i < pool.hosts().size(); i++) {
            host(pool, i, facts, out);
        }
        return out;
    }

    private static void host(HybridNodePool pool, int i, PoolFacts facts, List<ProfileProblem> out) {
        PoolHost ph = pool.hosts().get(i);
        String field = "hosts[" + i + "].host";
        String name = ph.host();
        EdgeHostSpec spec = facts.inventory().get(name);
        if (spec == null) {
            out.add(ProfileProblem.error(field, "There is no edge host named " + Shown.plain(name) + " in the inventory."));
            return;
        }
        if (!spec.site().equals(pool.site())) {
            out.add(ProfileProblem.error(field, "Host " + name + " is at " + (spec.site().isEmpty() ? "no site"
                    : "site " + spec.site()) + ", not at the pool's site " + Shown.plain(pool.site()) + "."));
        }
        String other = facts.poolOfHost().get(name);
        if (other != null && !other.isBlank() && !other.equals(pool.name())) {
            out.add(ProfileProblem.error(field, "Host " + name + " is already in pool " + other + "."));
        }
        HostFacts f = facts.facts().get(name);
        if (f == null) {
            out.add(ProfileProblem.error(field, "Host " + name + " has not been probed: gather its facts first."));
            return;
        }
        for (Check c : HostChecks.evaluate(f, facts.remoteNodeCidrs(), facts.site())) {
            if (c.status() == CheckStatus.FAIL) {
                String sentence = "Host " + name + ": " + c.title() + ": " + c.reason();
                out.add(BLOCKING_CHECKS.contains(c.id()) ? ProfileProblem.error(field, sentence)
                        : ProfileProblem.warning(field, sentence));
            }
        }
        String arch = f.arch() == null ? null : SupportMatrix.ARCHITECTURES.get(f.arch().toLowerCase(Locale.ROOT));
        if (arch != null && !pool.architecture().isEmpty() && !arch.equals(pool.architecture())) {
            out.add(ProfileProblem.error(field, "Host " + name + " is " + arch + ", but the pool is " + pool.architecture()
                    + "."));
        }
        SupportMatrix.find(f.osId(), f.osVersion()).ifPresent(os -> ProfileRules.hostOs(facts.kubernetes(), name, os)
                .forEach(p -> out.add(ProfileProblem.error(field, p.message()))));
        ph.vpn().filter(ip -> Cidr.parseAddress(ip).isPresent()).ifPresent(ip -> vpn(name, ip, f, facts, i, out));
    }

    private static void vpn(String host, String ip, HostFacts f, PoolFacts facts, int i, List<ProfileProblem> out) {
        String field = "hosts[" + i + "].vpnServerIp";
        if (ip.equals(f.nodeIp()) || f.addresses().stream().anyMatch(a -> a.split("/")[0].equals(ip))) {
            out.add(ProfileProblem.error(field, ip + " is host " + host + "'s own address; the VPN server is another "
                    + "machine that routes to the VPC."));
        }
        if (facts.site() != null) {
            List<Cidr> own = facts.site().nodeCidrs().stream().map(Cidr::tryParse).flatMap(Optional::stream).toList();
            if (!own.isEmpty() && own.stream().noneMatch(c -> c.containsAddress(ip))) {
                out.add(ProfileProblem.error(field, "VPN server " + ip + " is outside site " + facts.site().name() + " ("
                        + String.join(", ", own.stream().map(Cidr::toString).toList()) + "): the host must reach it "
                        + "directly."));
            }
        }
    }

    public static boolean hasErrors(List<ProfileProblem> problems) {
        return ProfileRules.hasErrors(problems);
    }
}
