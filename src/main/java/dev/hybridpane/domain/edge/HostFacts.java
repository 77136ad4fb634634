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
 */
public record HostFacts(String hostname, String osId, String osVersion, String osName, String kernel, String arch,
        Integer cpus, Long memoryMiB, Double diskFreeGiB, List<String> addresses, String defaultRoute, String nodeIp,
        Boolean timeSynced, Boolean swapOn, Map<String, Boolean> packages, Long packageIndexAgeHours,
        String nodeadmVersion, String kubeletVersion, String existingNode, Boolean sudoOk) {

    public HostFacts {
        addresses = List.copyOf(addresses == null ? List.of() : addresses);
        packages = Map.copyOf(packages == null ? Map.of() : packages);
    }

    /** "Ubuntu 22.04", "RHEL 9.4", or the id. */
    public String osLabel() {
        if (osName != null && !osName.isBlank()) {
            return osName;
        }
        return osId == null ? "unknown" : osId + " " + (osVersion == null ? "" : osVersion);
    }
}
