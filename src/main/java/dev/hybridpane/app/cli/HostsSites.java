package dev.hybridpane.app.cli;

import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostFacts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The node CIDR of a site `hosts import` creates, when none was given: what its reached hosts' facts show. */
final class HostsSites {
    private HostsSites() {
    }

    /**
     * The networks ("10.200.1.0/24") of the node IPs of the site's reached hosts that lie inside the cluster's remote
     * node networks (a host outside them is the Node IP check's business, not the site's), in first-seen order.
     */
    static List<String> nodeNetworks(String site, List<EdgeHostSpec> hosts, Map<String, ProbeResult> results,
            List<String> remoteNodeCidrs) {
        List<Cidr> remote = remoteNodeCidrs.stream().map(Cidr::tryParse).flatMap(Optional::stream).toList();
        Set<String> out = new LinkedHashSet<>();
        for (EdgeHostSpec h : hosts) {
            if (h.site().equals(site) && results.get(h.name()) instanceof ProbeResult.Reached r) {
                network(r.facts()).filter(n -> remote.stream().anyMatch(c -> c.contains(n)))
                        .ifPresent(n -> out.add(n.toString()));
            }
        }
        return List.copyOf(out);
    }

    /** The network of the node IP, from the address with its prefix that the host reported. */
    static Optional<Cidr> network(HostFacts f) {
        if (f == null || f.nodeIp() == null) {
            return Optional.empty();
        }
        for (String a : f.addresses()) {
            int slash = a.indexOf('/');
            if (slash > 0 && a.substring(0, slash).equals(f.nodeIp())) {
                Optional<Long> addr = Cidr.parseAddress(f.nodeIp());
                int prefix;
                try {
                    prefix = Integer.parseInt(a.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                if (addr.isEmpty() || prefix < 0 || prefix > 32) {
                    return Optional.empty();
                }
                long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
                return Optional.of(new Cidr(addr.get() & mask, prefix));
            }
        }
        return Optional.empty();
    }
}
