package dev.hybridpane.domain.profile;

import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.Shown;
import dev.hybridpane.domain.edge.SupportMatrix;
import dev.hybridpane.domain.edge.SupportMatrix.SupportedOs;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.hybrid.RemoteNetworkRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a profile version must pass before it is stored, per field with the reason. At profile time the hosts
 * are unknown, so what depends on their OS (containerd source, credential provider) is a WARNING naming the
 * operating systems concerned; at pool time ({@link #forPool}) the same rules are ERRORs naming the hosts.
 */
public final class ProfileRules {
    /** nodeadm (and the Kubernetes skew policy) allow a kubelet at most this many minors older than the API server. */
    public static final int MAX_MINOR_SKEW = 3;
    private static final Pattern MINOR = Pattern.compile("v?(\\d+)\\.(\\d+)(\\.\\d+)?([-+].*)?");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern CNI_VERSION = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");

    private ProfileRules() {
    }

    /** A profile's name is its ClusterProfile object's name: a DNS-1123 subdomain. The problem, or empty. */
    public static Optional<String> name(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("Enter a profile name.");
        }
        if (name.length() > 253 || !NAME.matcher(name).matches()) {
            return Optional.of(Shown.quoted(name) + " must be lower-case letters, digits, '-' and '.', starting and ending with "
                    + "a letter or digit.");
        }
        return Optional.empty();
    }

    /** Profile time, no cluster known: every field rule; OS-dependent rules as warnings. */
    public static List<ProfileProblem> validate(ProfileLayers layers) {
        return validate(layers, Map.of());
    }

    /**
     * Profile time, for the clusters the profile is used with ({@code controlPlanes}: cluster name to its control
     * plane version, "1.31" or "v1.31.7-eks-…"): also the version skew against each.
     */
    public static List<ProfileProblem> validate(ProfileLayers layers, Map<String, String> controlPlanes) {
        List<ProfileProblem> out = fieldRules(layers, controlPlanes);
        out.addAll(osWarnings(layers.kubernetes()));
        return out;
    }

    /**
     * Pool time: every field rule and the skew, and the OS-dependent rules as errors for the pool's hosts
     * ({@code hostOs}: host name to the supported OS it runs, in the order to report them).
     */
    public static List<ProfileProblem> forPool(ProfileLayers layers, Map<String, String> controlPlanes,
                                               Map<String, SupportedOs> hostOs) {
        List<ProfileProblem> out = fieldRules(layers, controlPlanes);
        hostOs.forEach((host, os) -> out.addAll(hostOs(layers.kubernetes(), host, os)));
        return out;
    }

    /**
     * The errors of one host's OS against the Kubernetes layer: a containerd source invalid there, IAM Roles Anywhere
     * where it is not supported. Fields {@code kubernetes.containerdSource} and {@code kubernetes.credentialProvider}.
     */
    public static List<ProfileProblem> hostOs(KubernetesLayer k, String host, SupportedOs os) {
        List<ProfileProblem> out = new ArrayList<>();
        if (!k.containerdSource().supportedOn(os)) {
            out.add(ProfileProblem.error("kubernetes.containerdSource", "Host " + host + " runs " + os.label()
                    + ", where containerd source " + k.containerdSource().id() + " is invalid: "
                    + k.containerdSource().reason() + "."));
        }
        if (k.credentialProvider() == CredentialProvider.IAM_RA && !os.rolesAnywhere()) {
            out.add(ProfileProblem.error("kubernetes.credentialProvider", "Host " + host + " runs " + os.label()
                    + ", where IAM Roles Anywhere (iam-ra) is not supported; use ssm."));
        }
        return out;
    }

    public static boolean hasErrors(List<ProfileProblem> problems) {
        return problems.stream().anyMatch(ProfileProblem::isError);
    }

    private static List<ProfileProblem> fieldRules(ProfileLayers layers, Map<String, String> controlPlanes) {
        List<ProfileProblem> out = new ArrayList<>(OsRules.check(layers.os()));
        KubernetesLayer k = layers.kubernetes();
        Optional<String> version = kubernetesVersion(k.version());
        version.ifPresent(p -> out.add(ProfileProblem.error("kubernetes.version", p)));
        if (version.isEmpty()) {
            out.addAll(versionSkew(k.version(), controlPlanes));
        }
        out.addAll(KubeletFlagRules.check(k.kubeletFlags()));
        TextFormats.tomlProblem(k.containerdConfig()).ifPresent(p -> out.add(ProfileProblem.error("kubernetes.containerdConfig", p)));
        out.addAll(network(layers.network()));
        return out;
    }

    /** The version must be one of nodeadm's ({@link SupportMatrix#KUBERNETES_VERSIONS}); the problem, or empty. */
    public static Optional<String> kubernetesVersion(String version) {
        String supported = String.join(", ", SupportMatrix.KUBERNETES_VERSIONS);
        if (version == null || version.isBlank()) {
            return Optional.of("Choose a Kubernetes version: " + supported + ".");
        }
        if (SupportMatrix.KUBERNETES_VERSIONS.contains(version)) {
            return Optional.empty();
        }
        Matcher m = MINOR.matcher(version);
        if (m.matches() && SupportMatrix.KUBERNETES_VERSIONS.contains(m.group(1) + "." + m.group(2))) {
            return Optional.of("Write the minor version, " + m.group(1) + "." + m.group(2) + ": nodeadm installs its "
                    + "latest patch.");
        }
        return Optional.of("Kubernetes " + Shown.plain(version) + " is not a version nodeadm supports; choose one of " + supported + ".");
    }

    /**
     * Against each cluster's control plane: not newer, and at most {@link #MAX_MINOR_SKEW} minors older. Each problem
     * names the cluster and both versions.
     */
    public static List<ProfileProblem> versionSkew(String version, Map<String, String> controlPlanes) {
        List<ProfileProblem> out = new ArrayList<>();
        int[] node = minor(version);
        if (node == null) {
            return out;
        }
        controlPlanes.forEach((cluster, cp) -> {
            int[] api = minor(cp);
            if (api == null) {
                out.add(ProfileProblem.warning("kubernetes.version", "The control plane version of cluster " + cluster
                        + " (" + Shown.quoted(cp) + ") cannot be read, so the version skew against it is not checked."));
                return;
            }
            String cpMinor = api[0] + "." + api[1];
            int diff = (api[0] - node[0]) * 1000 + api[1] - node[1];
            if (diff < 0) {
                out.add(ProfileProblem.error("kubernetes.version", "Kubernetes " + version + " is newer than the control "
                        + "plane of cluster " + cluster + " (" + cpMinor + "): nodeadm refuses a kubelet newer than the "
                        + "API server. Choose " + cpMinor + " or older."));
            } else if (diff > MAX_MINOR_SKEW) {
                out.add(ProfileProblem.error("kubernetes.version", "Kubernetes " + version + " is " + diff + " minor "
                        + "versions older than the control plane of cluster " + cluster + " (" + cpMinor + "): nodeadm "
                        + "allows at most " + MAX_MINOR_SKEW + ". Choose " + api[0] + "." + (api[1] - MAX_MINOR_SKEW)
                        + " or newer."));
            }
        });
        return out;
    }

    /** Profile time: the operating systems on which the containerd source or the credential provider cannot work. */
    static List<ProfileProblem> osWarnings(KubernetesLayer k) {
        List<ProfileProblem> out = new ArrayList<>();
        List<String> noContainerd = SupportMatrix.OPERATING_SYSTEMS.stream()
                .filter(os -> !k.containerdSource().supportedOn(os)).map(SupportedOs::label).toList();
        if (!noContainerd.isEmpty()) {
            out.add(ProfileProblem.warning("kubernetes.containerdSource", "Containerd source " + k.containerdSource().id()
                    + " is invalid on " + String.join(", ", noContainerd) + " (" + k.containerdSource().reason()
                    + "); a pool with such hosts will be refused."));
        }
        if (k.credentialProvider() == CredentialProvider.IAM_RA) {
            List<String> noRa = SupportMatrix.OPERATING_SYSTEMS.stream().filter(os -> !os.rolesAnywhere())
                    .map(SupportedOs::label).toList();
            out.add(ProfileProblem.warning("kubernetes.credentialProvider", "IAM Roles Anywhere is not supported on "
                    + String.join(", ", noRa) + "; a pool with such hosts will be refused."));
        }
        return out;
    }

    static List<ProfileProblem> network(NetworkLayer n) {
        List<ProfileProblem> out = new ArrayList<>();
        if (n.cni() != CniKind.CUSTOM) {
            if (n.version().isEmpty()) {
                out.add(ProfileProblem.error("network.version", "Enter the " + n.cni().label() + " version, such as 1.17.6."));
            } else if (!CNI_VERSION.matcher(n.version()).matches()) {
                out.add(ProfileProblem.error("network.version", Shown.quoted(n.version()) + " is not a version such as 1.17.6."));
            }
            if (!n.hybridAffinity()) {
                out.add(ProfileProblem.warning("network.hybridAffinity", "Without the hybrid node affinity "
                        + n.cni().label() + " also runs on cloud nodes, beside the VPC CNI."));
            }
        }
        if (n.cni() == CniKind.CILIUM && n.podCidrs().isEmpty()) {
            out.add(ProfileProblem.error("network.podCidrs", "Cilium's cluster-pool IPAM needs the pod CIDRs: the "
                    + "cluster's remote pod networks."));
        }
        List<Cidr> parsed = new ArrayList<>();
        for (int i = 0; i < n.podCidrs().size(); i++) {
            String field = "network.podCidrs[" + i + "]";
            String problem = RemoteNetworkRules.entryProblem(n.podCidrs().get(i));
            if (problem != null) {
                out.add(ProfileProblem.error(field, problem));
                continue;
            }
            Cidr c = Cidr.parse(n.podCidrs().get(i));
            for (Cidr p : parsed) {
                if (p.overlaps(c)) {
                    out.add(ProfileProblem.error(field, c + " overlaps " + p + "."));
                }
            }
            parsed.add(c);
        }
        return out;
    }

    /** The IPAM pod CIDRs must lie within the cluster's remote pod networks. */
    public static List<ProfileProblem> podCidrsAgainstCluster(NetworkLayer n, String cluster, List<String> remotePodCidrs) {
        List<ProfileProblem> out = new ArrayList<>();
        List<Cidr> remote = remotePodCidrs.stream().map(Cidr::tryParse).flatMap(Optional::stream).toList();
        for (int i = 0; i < n.podCidrs().size(); i++) {
            Optional<Cidr> c = Cidr.tryParse(n.podCidrs().get(i));
            if (c.isPresent() && remote.stream().noneMatch(r -> r.contains(c.get()))) {
                out.add(ProfileProblem.error("network.podCidrs[" + i + "]", c.get() + " is not within the remote pod "
                        + "networks of cluster " + cluster + (remote.isEmpty() ? " (it has none)"
                        : " (" + String.join(", ", remote.stream().map(Cidr::toString).toList()) + ")") + "."));
            }
        }
        return out;
    }

    /** {major, minor} of "1.31", "v1.31.7-eks-473151a"; null when it is not a version. */
    static int[] minor(String v) {
        if (v == null) {
            return null;
        }
        Matcher m = MINOR.matcher(v.strip());
        return m.matches() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }
}
