package dev.hybridpane.domain.edge;

import java.util.List;
/**
 * Files for hosts built from an image (appliance mode): the installer user-data that keeps the nodeadm
 * state across upgrades, and the image build's .arg file.
 */
public final class ApplianceFiles {
    /** Directories nodeadm and its credential providers write, bind-mounted so they persist. */
    public static final List<String> BIND_MOUNTS = List.of("/eks-hybrid", "/etc/aws",
            "/etc/containerd", "/etc/eks", "/etc/iam", "/etc/modules-load.d", "/var/lib/amazon");
    public static final List<String> EXTRA_DIRS_ROOTFS = List.of("/eks-hybrid");

    private ApplianceFiles() {
    }

    public static String userData() {
        StringBuilder b = new StringBuilder("#cloud-config\n");
        b.append("# EKS Hybrid Nodes appliance: keep nodeadm's files across upgrades and repaves.\n");
        b.append("install:\n  extra-dirs-rootfs:\n");
        EXTRA_DIRS_ROOTFS.forEach(d -> b.append("    - ").append(d).append('\n'));
        b.append("  bind_mounts:\n");
        BIND_MOUNTS.forEach(d -> b.append("    - ").append(d).append('\n'));
        return b.toString();
    }

    /** The image build's .arg file for a Kubernetes version from {@link SupportMatrix#KUBERNETES_VERSIONS}. */
    public static String argFile(String kubernetesVersion) {
        if (!SupportMatrix.KUBERNETES_VERSIONS.contains(kubernetesVersion)) {
            throw new IllegalArgumentException("Kubernetes " + kubernetesVersion + " is not offered; choose one of "
                    + String.join(", ", SupportMatrix.KUBERNETES_VERSIONS) + ".");
        }
        return "K8S_DISTRIBUTION=nodeadm\nK8S_VERSION=" + kubernetesVersion + "\n";
    }
}
