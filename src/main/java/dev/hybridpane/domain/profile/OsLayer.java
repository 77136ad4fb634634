package dev.hybridpane.domain.profile;

import dev.hybridpane.domain.edge.ApplianceFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The OS layer of a profile version. In {@link OsMode#AGENT agent mode} the host keeps its own OS and the layer
 * lists what to ensure on it (packages, NTP servers, sysctl values, extra files and a {@code #cloud-config}
 * customization); {@code imageReference} is empty. In {@link OsMode#APPLIANCE appliance mode} the host is built
 * from the provider image {@code imageReference}; the image's build arguments and the installer user-data with
 * the bind mounts nodeadm needs are generated ({@link #applianceArgs}, {@link #installerUserData}), not stored.
 */
public record OsLayer(OsMode mode, List<String> packages, List<String> ntpServers, Map<String, String> sysctl,
                      List<ExtraFile> files, String cloudConfig, String imageReference) {

    public OsLayer {
        Objects.requireNonNull(mode, "mode");
        packages = Frozen.strings(packages, "os.packages");
        ntpServers = Frozen.strings(ntpServers, "os.ntpServers");
        sysctl = Frozen.stringMap(sysctl, "os.sysctl");
        files = files == null ? List.of() : List.copyOf(files);
        cloudConfig = cloudConfig == null ? "" : cloudConfig;
        imageReference = imageReference == null ? "" : imageReference.strip();
    }

    public static OsLayer agent(List<String> packages, List<String> ntpServers, Map<String, String> sysctl,
                                List<ExtraFile> files, String cloudConfig) {
        return new OsLayer(OsMode.AGENT, packages, ntpServers, sysctl, files, cloudConfig, "");
    }

    public static OsLayer appliance(String imageReference) {
        return new OsLayer(OsMode.APPLIANCE, List.of(), List.of(), Map.of(), List.of(), "", imageReference);
    }

    /** An agent-mode layer that ensures nothing. */
    public static OsLayer emptyAgent() {
        return agent(List.of(), List.of(), Map.of(), List.of(), "");
    }

    /** The provider image's build arguments (its {@code .arg} file) for a Kubernetes version. */
    public static Map<String, String> applianceArgs(String kubernetesVersion) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("K8S_DISTRIBUTION", "nodeadm");
        m.put("K8S_VERSION", kubernetesVersion);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The {@code .arg} file text: one KEY=value a line. */
    public static String applianceArgFile(String kubernetesVersion) {
        StringBuilder b = new StringBuilder();
        applianceArgs(kubernetesVersion).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    /**
     * The installer user-data an appliance host needs: {@code extra-dirs-rootfs: [/eks-hybrid]} and the bind mounts
     * that keep nodeadm's, containerd's and the credential providers' files across upgrades and repaves.
     */
    public static String installerUserData() {
        return ApplianceFiles.userData();
    }
}
