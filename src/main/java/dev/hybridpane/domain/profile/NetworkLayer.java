package dev.hybridpane.domain.profile;

import java.util.List;
import java.util.Objects;

/**
 * The Network layer: the CNI that runs the hybrid nodes and its version, and the cluster-side settings it needs:
 * the hybrid node affinity, the IPAM pod CIDR list (the cluster's remote pod networks) and BGP on or off. On the
 * node side it is mostly a placeholder; the console compares it with the CNI the cluster runs.
 */
public record NetworkLayer(CniKind cni, String version, boolean hybridAffinity, List<String> podCidrs, boolean bgp) {

    public NetworkLayer {
        Objects.requireNonNull(cni, "cni");
        version = version == null ? "" : version.strip();
        podCidrs = Frozen.strings(podCidrs, "network.podCidrs").stream().map(String::strip).toList();
    }
}
