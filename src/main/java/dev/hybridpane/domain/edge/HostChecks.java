package dev.hybridpane.domain.edge;

import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The compatibility checks of one host against the EKS Hybrid Nodes requirements ({@link SupportMatrix}). */
public final class HostChecks {
    private HostChecks() {
    }

    /**
     * @param remoteNodeCidrs the cluster's remote node networks
     * @param site the host's site, or null when it has none
     */
    public static List<Check> evaluate(HostFacts f, List<String> remoteNodeCidrs, Site site) {
        List<Check> out = new ArrayList<>();
        Optional<SupportMatrix.SupportedOs> os = SupportMatrix.find(f.osId(), f.osVersion());
        if (f.osId() == null) {
            out.add(Check.fail("os", "Operating system", because("Could not read /etc/os-release", f, FactCommands.OS_RELEASE)));
        } else if (os.isPresent()) {
            out.add(Check.pass("os", "Operating system", os.get().label() + " is supported."));
        } else {
            out.add(Check.fail("os", "Operating system", f.osLabel() + " is not supported. Supported: "
                    + SupportMatrix.supportedList() + "."));
        }
        String arch = f.arch() == null ? null : SupportMatrix.ARCHITECTURES.get(f.arch().toLowerCase(Locale.ROOT));
        out.add(arch != null ? Check.pass("arch", "Architecture", f.arch() + " (" + arch + ") is supported.")
                : f.arch() == null && f.unknownReason(FactCommands.UNAME) != null
                        ? Check.fail("arch", "Architecture", because("Could not read the architecture", f, FactCommands.UNAME))
                        : Check.fail("arch", "Architecture", (f.arch() == null ? "Unknown architecture" : f.arch())
                                + " is not supported; hybrid nodes run on x86_64 and arm64."));
        if (os.isPresent()) {
            out.add(os.get().rolesAnywhere()
                    ? Check.pass("credentials", "Credential provider", "SSM and IAM Roles Anywhere are both supported.")
                    : Check.warn("credentials", "Credential provider", "IAM Roles Anywhere is not supported on "
                            + os.get().label() + ": use SSM hybrid activations for this host."));
        }
        out.add(resources(f));
        out.addAll(network(f, remoteNodeCidrs, site));
        out.add(f.timeSynced() == null ? Check.warn("clock", "Clock in sync", f.unknownReason(FactCommands.TIMEDATECTL) != null
                ? because("Could not read the clock's state", f, FactCommands.TIMEDATECTL)
                : "timedatectl gave no NTPSynchronized value.")
                : f.timeSynced() ? Check.pass("clock", "Clock in sync", "NTP synchronised.")
                        : Check.fail("clock", "Clock in sync", "The clock is not NTP-synchronised; credentials and "
                                + "certificates fail with clock skew. Enable NTP (timedatectl set-ntp true)."));
        out.add(f.swapOn() == null ? Check.warn("swap", "Swap off", because("Could not read the swap state", f, FactCommands.SWAPS))
                : f.swapOn() ? Check.fail("swap", "Swap off", "Swap is on; the kubelet refuses to start with swap. "
                        + "Run swapoff -a and remove it from /etc/fstab.")
                        : Check.pass("swap", "Swap off", "No swap."));
        out.add(packageIndex(f));
        out.add(packages(f));
        if (f.sudoOk() != null) {
            String why = f.unknownReason(FactCommands.SUDO_NOPASSWD, FactCommands.SUDO_STDIN);
            out.add(f.sudoOk() ? Check.pass("sudo", "Root access", "sudo works as configured.")
                    : Check.fail("sudo", "Root access", "sudo failed; nodeadm needs root. Check the sudo setting and password."
                            + (why == null ? "" : " " + why + (why.endsWith(".") ? "" : "."))));
        }
        if (f.existingNode() == null && f.unknownReason(FactCommands.EXISTING_NODE) != null) {
            out.add(Check.warn("existing", "Not already a node",
                    because("Could not tell whether a kubelet is joined", f, FactCommands.EXISTING_NODE)));
        } else if (f.existingNode() != null) {
            out.add(Check.warn("existing", "Not already a node", "A kubelet on this host is joined to " + f.existingNode()
                    + "; run nodeadm uninstall before reusing it."));
        } else {
            out.add(Check.pass("existing", "Not already a node", "No kubelet kubeconfig found."));
        }
        return out;
    }

    private static Check resources(HostFacts f) {
        if (f.cpus() == null || f.memoryMiB() == null) {
            return Check.warn("resources", "Minimum resources",
                    because("Could not read the CPU count or memory", f, FactCommands.NPROC, FactCommands.MEMINFO));
        }
        String have = f.cpus() + " vCPU, " + f.memoryMiB() + " MiB";
        if (f.cpus() < SupportMatrix.MIN_CPUS || f.memoryMiB() < SupportMatrix.MIN_MEMORY_MIB) {
            return Check.fail("resources", "Minimum resources", have + " is below the minimum of "
                    + SupportMatrix.MIN_CPUS + " vCPU and 1 GiB memory.");
        }
        return Check.pass("resources", "Minimum resources", have + " meets the minimum of 1 vCPU and 1 GiB.");
    }

    private static List<Check> network(HostFacts f, List<String> remoteNodeCidrs, Site site) {
        List<Check> out = new ArrayList<>();
        String ip = f.nodeIp();
        if (ip == null) {
            out.add(Check.fail("node-ip", "Node IP in remote node networks",
                    f.unknownReason(FactCommands.IP_ADDR, FactCommands.IP_ROUTE) != null
                            ? because("Could not read the host's addresses", f, FactCommands.IP_ADDR, FactCommands.IP_ROUTE)
                            : "The host has no IPv4 address."));
            return out;
        }
        List<Cidr> remote = remoteNodeCidrs.stream().map(Cidr::tryParse).flatMap(Optional::stream).toList();
        if (remote.isEmpty()) {
            out.add(Check.fail("node-ip", "Node IP in remote node networks",
                    "The cluster has no remote node networks: enable hybrid mode first."));
        } else if (remote.stream().anyMatch(c -> c.containsAddress(ip))) {
            out.add(Check.pass("node-ip", "Node IP in remote node networks", ip + " is inside " + join(remote) + "."));
        } else {
            out.add(Check.fail("node-ip", "Node IP in remote node networks", ip + " is outside the cluster's remote node "
                    + "networks " + join(remote) + "; nodeadm init would refuse this node."));
        }
        if (site != null) {
            List<Cidr> own = site.nodeCidrs().stream().map(Cidr::tryParse).flatMap(Optional::stream).toList();
            if (own.isEmpty()) {
                out.add(Check.warn("site-cidr", "Node IP in site network", "Site " + site.name() + " has no node CIDR."));
            } else if (own.stream().anyMatch(c -> c.containsAddress(ip))) {
                out.add(Check.pass("site-cidr", "Node IP in site network", ip + " is inside site " + site.name() + " ("
                        + join(own) + ")."));
            } else {
                out.add(Check.fail("site-cidr", "Node IP in site network", ip + " is outside site " + site.name()
                        + " (" + join(own) + ")."));
            }
        }
        return out;
    }

    private static Check packageIndex(HostFacts f) {
        Long hours = f.packageIndexAgeHours();
        String t = "Package index fresh";
        if (hours == null && f.unknownReason(FactCommands.PACKAGE_INDEX) != null) {
            return Check.warn("pkg-index", t, because("Could not read the package index's age", f, FactCommands.PACKAGE_INDEX));
        }
        if (hours == null) {
            return Check.warn("pkg-index", t, "No apt or dnf package index found; run apt-get update or dnf makecache.");
        }
        if (hours > SupportMatrix.INDEX_FAIL_HOURS) {
            return Check.fail("pkg-index", t, "The package index is " + hours / 24 + " days old; nodeadm install needs a "
                    + "fresh one (apt-get update or dnf makecache).");
        }
        if (hours > SupportMatrix.INDEX_WARN_HOURS) {
            return Check.warn("pkg-index", t, "The package index is " + hours + " hours old; refresh it before installing.");
        }
        return Check.pass("pkg-index", t, "Updated " + hours + " hours ago.");
    }

    private static Check packages(HostFacts f) {
        Map<String, Boolean> present = f.packages();
        String t = "Required packages";
        if (present.isEmpty()) {
            return Check.warn("packages", t, because("Could not list the installed packages", f, FactCommands.PACKAGES));
        }
        List<String> missing = SupportMatrix.REQUIRED_COMMANDS.values().stream()
                .filter(p -> !Boolean.TRUE.equals(present.get(p))).toList();
        return missing.isEmpty() ? Check.pass("packages", t, "All present: " + String.join(", ", present.keySet()) + ".")
                : Check.fail("packages", t, "Missing: " + String.join(", ", missing) + ".");
    }

    /** "Could not read the swap state: `cat /proc/swaps` ended with exit 1: cat: ...", or the sentence alone. */
    private static String because(String sentence, HostFacts f, String... commands) {
        String why = f.unknownReason(commands);
        return sentence + (why == null ? "." : ": " + why + (why.endsWith(".") ? "" : "."));
    }

    private static String join(List<Cidr> cidrs) {
        return String.join(", ", cidrs.stream().map(Cidr::toString).toList());
    }

    /** The phase a reachable host is in: in a pool, incompatible (any failed check) or available. */
    public static HostPhase phase(List<Check> checks, String pool) {
        if (pool != null && !pool.isBlank()) {
            return HostPhase.IN_POOL;
        }
        return checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL) ? HostPhase.INCOMPATIBLE : HostPhase.AVAILABLE;
    }

    /** One sentence: the failed checks' titles, or "". */
    public static String summary(List<Check> checks) {
        List<String> failed = checks.stream().filter(c -> c.status() == CheckStatus.FAIL).map(Check::title).toList();
        return failed.isEmpty() ? "" : "Failed: " + String.join(", ", failed);
    }
}
