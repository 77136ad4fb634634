package dev.hybridpane.domain.edge;

import java.util.List;
import java.util.Map;

/**
 * What the console learned from a host. Values it could not learn are null (numbers) or empty.
 *
 * @param addresses IPv4 addresses with prefix ("10.200.1.11/24"), loopback excluded
 * @param defaultRoute "via 10.200.1.1 dev eth0 src 10.200.1.11", or null without one
 * @param nodeIp the address the kubelet would pick: the default route's source, else the first address
 * @param packages required command name to present
 * @param existingNode the API server a kubelet on the host is already joined to, or null
 * @param sudoOk whether the user could become root the configured way (null: not tried)
 * @param unknown fact command to why it told nothing (it failed: {@link FactOutput#reason(String)}); its facts are
 *        null or empty, never a guess
 */
public record HostFacts(String hostname, String osId, String osVersion, String osName, String kernel, String arch,
        Integer cpus, Long memoryMiB, Double diskFreeGiB, List<String> addresses, String defaultRoute, String nodeIp,
        Boolean timeSynced, Boolean swapOn, Map<String, Boolean> packages, Long packageIndexAgeHours,
        String nodeadmVersion, String kubeletVersion, String existingNode, Boolean sudoOk, Map<String, String> unknown) {

    public HostFacts {
        addresses = List.copyOf(addresses == null ? List.of() : addresses);
        packages = Map.copyOf(packages == null ? Map.of() : packages);
        unknown = Map.copyOf(unknown == null ? Map.of() : unknown);
    }

    /** Facts whose commands all answered (or facts read back from where they were stored, without the reasons). */
    public HostFacts(String hostname, String osId, String osVersion, String osName, String kernel, String arch,
            Integer cpus, Long memoryMiB, Double diskFreeGiB, List<String> addresses, String defaultRoute, String nodeIp,
            Boolean timeSynced, Boolean swapOn, Map<String, Boolean> packages, Long packageIndexAgeHours,
            String nodeadmVersion, String kubeletVersion, String existingNode, Boolean sudoOk) {
        this(hostname, osId, osVersion, osName, kernel, arch, cpus, memoryMiB, diskFreeGiB, addresses, defaultRoute, nodeIp,
                timeSynced, swapOn, packages, packageIndexAgeHours, nodeadmVersion, kubeletVersion, existingNode, sudoOk,
                Map.of());
    }

    /** These facts with the reasons why some are unknown. */
    public HostFacts withUnknown(Map<String, String> reasons) {
        return new HostFacts(hostname, osId, osVersion, osName, kernel, arch, cpus, memoryMiB, diskFreeGiB, addresses,
                defaultRoute, nodeIp, timeSynced, swapOn, packages, packageIndexAgeHours, nodeadmVersion, kubeletVersion,
                existingNode, sudoOk, reasons);
    }

    /** Why the first of these fact commands that failed told nothing, or null when none failed. */
    public String unknownReason(String... commands) {
        for (String c : commands) {
            String r = unknown.get(c);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** "Ubuntu 22.04", "RHEL 9.4", or the id. */
    public String osLabel() {
        if (osName != null && !osName.isBlank()) {
            return osName;
        }
        return osId == null ? "unknown" : osId + " " + (osVersion == null ? "" : osVersion);
    }
}
