package dev.hybridpane.domain.edge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EKS Hybrid Nodes host requirements, as data in one place: operating systems, architectures,
 * minimums, required packages and the Kubernetes versions offered for appliance images.
 */
public final class SupportMatrix {
    private SupportMatrix() {
    }

    /** One supported OS release. {@code rolesAnywhere} false: only SSM hybrid activations work. */
    public record SupportedOs(String id, String majorVersion, String label, boolean rolesAnywhere) {
    }

    public static final List<SupportedOs> OPERATING_SYSTEMS = List.of(
            new SupportedOs("ubuntu", "20.04", "Ubuntu 20.04", false),
            new SupportedOs("ubuntu", "22.04", "Ubuntu 22.04", true),
            new SupportedOs("ubuntu", "24.04", "Ubuntu 24.04", true),
            new SupportedOs("rhel", "8", "RHEL 8", false),
            new SupportedOs("rhel", "9", "RHEL 9", true),
            new SupportedOs("amzn", "2023", "Amazon Linux 2023", true));

    /** uname -m to the Kubernetes architecture name. */
    public static final Map<String, String> ARCHITECTURES = Map.of("x86_64", "amd64", "amd64", "amd64",
            "aarch64", "arm64", "arm64", "arm64");

    public static final int MIN_CPUS = 1;
    public static final long MIN_MEMORY_MIB = 1024;
    /** A package index older than this is a warning, older than {@link #INDEX_FAIL_HOURS} a failure. */
    public static final long INDEX_WARN_HOURS = 24;
    public static final long INDEX_FAIL_HOURS = 24 * 7;

    /** Command probed on the host to the package nodeadm needs (bash, jq, zstd, rsync, systemd, conntrack, iptables). */
    public static final Map<String, String> REQUIRED_COMMANDS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bash", "bash");
        m.put("jq", "jq");
        m.put("zstd", "zstd");
        m.put("rsync", "rsync");
        m.put("systemctl", "systemd");
        m.put("conntrack", "conntrack");
        m.put("iptables", "iptables");
        REQUIRED_COMMANDS = Collections.unmodifiableMap(m);
    }

    /** Kubernetes versions offered for nodeadm appliance images (recent nodeadm is tested on these). */
    public static final List<String> KUBERNETES_VERSIONS = List.of("1.35", "1.34", "1.33", "1.32", "1.31", "1.30");

    public static String supportedList() {
        return String.join(", ", OPERATING_SYSTEMS.stream().map(SupportedOs::label).toList());
    }

    /** The supported release for an os-release ID and VERSION_ID ("9.4" matches RHEL 9), if any. */
    public static Optional<SupportedOs> find(String id, String versionId) {
        if (id == null || versionId == null) {
            return Optional.empty();
        }
        for (SupportedOs os : OPERATING_SYSTEMS) {
            if (!os.id().equals(id)) {
                continue;
            }
            if (versionId.equals(os.majorVersion())
                    || !os.majorVersion().contains(".") && versionId.startsWith(os.majorVersion() + ".")) {
                return Optional.of(os);
            }
        }
        return Optional.empty();
    }
}
