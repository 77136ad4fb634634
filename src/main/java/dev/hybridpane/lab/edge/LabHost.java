package dev.hybridpane.lab.edge;

import java.time.Clock;

/**
 * One simulated host as its commands see it: what it is, what it keeps, what its nodeadm reaches beyond it (null: the
 * hosts were started without AWS) and how long nodeadm takes.
 */
record LabHost(LabHostProfile profile, LabHostState state, NodeadmBackend backend, LabHostTiming timing, Clock clock) {

    static final String TRACKER = "/opt/nodeadm/tracker";
    static final String KUBELET_BIN = "/usr/bin/kubelet";
    static final String KUBECONFIG = "/var/lib/kubelet/kubeconfig";
    static final String KUBELET_CONFIG = "/etc/kubernetes/kubelet/config.json";
    static final String SSM_REGISTRATION = "/var/lib/amazon/ssm/registration";
    static final String NODEADM_VERSION = "v1.0.6";

    boolean ubuntuLike() {
        return profile.distro().startsWith("ubuntu") || profile.distro().startsWith("debian");
    }

    boolean ubuntu() {
        return profile.distro().startsWith("ubuntu");
    }

    String osId() {
        return profile.distro().startsWith("al2023") ? "amzn" : profile.distro().replaceFirst("-.*", "");
    }

    String ssmAgentUnit() {
        return ubuntu() ? "snap.amazon-ssm-agent.amazon-ssm-agent.service" : "amazon-ssm-agent.service";
    }

    /** The installed kubelet's version ("v1.31.7-eks-473151a"), null when none is installed. */
    String kubeletVersion() {
        String bin = state.text(KUBELET_BIN);
        if (bin == null) {
            return null;
        }
        for (String line : bin.split("\n")) {
            if (line.startsWith("Kubernetes ")) {
                return line.substring("Kubernetes ".length()).strip();
            }
        }
        return null;
    }

    static String kubeletBinary(String version) {
        return "#!/lab/kubelet (a simulated binary)\nKubernetes " + version + "\n";
    }

    /** A new host's disk and units, as its distribution (and, for a host that is already a node, nodeadm) left them. */
    static LabHost create(LabHostProfile p, NodeadmBackend backend, LabHostTiming timing, Clock clock, String osRelease) {
        LabHostState s = new LabHostState();
        LabHost h = new LabHost(p, s, backend, timing, clock);
        s.network(LabHostNetwork.forDistro(p.distro()));
        s.write("/etc/os-release", osRelease, "0644");
        s.write("/etc/hostname", p.name() + "\n", "0644");
        s.write("/etc/hosts", "127.0.0.1 localhost\n127.0.1.1 " + p.name() + "\n", "0644");
        s.unit(h.ubuntuLike() ? "ssh" : "sshd", true, true);
        if (!p.missing().contains("chrony")) {
            s.unit(h.ubuntuLike() ? "chrony" : "chronyd", true, true);
        }
        s.unit("systemd-journald", true, true);
        if (p.kubelet() != null) {
            s.write(KUBELET_BIN, kubeletBinary(p.kubelet()), "0755");
            s.write("/etc/systemd/system/kubelet.service", LabNodeadmFiles.kubeletUnit(), "0644");
            s.write("/usr/bin/containerd", "#!/lab/containerd (a simulated binary)\n", "0755");
            s.write("/usr/lib/systemd/system/containerd.service", LabNodeadmFiles.containerdUnit(), "0644");
            s.write(TRACKER, LabNodeadmFiles.tracker("distro", true, false), "0644");
            s.write(KUBECONFIG, LabNodeadmFiles.kubeconfig("https://4F1C8E2D9A7B3C5E.gr7.us-west-2.eks.amazonaws.com",
                    "retail-edge", "us-west-2", false), "0600");
            s.unit("containerd", true, true);
            s.unit("kubelet", true, true);
        }
        return h;
    }
}
