package dev.hybridpane.domain.edge;

import java.util.List;

/** A place where edge hosts live (Site custom resource). Groups hosts, and later pools. */
public record Site(String name, String description, List<String> nodeCidrs, List<String> podCidrs, String vpnGateway,
        List<String> ntpServers) {

    public Site {
        description = description == null ? "" : description;
        nodeCidrs = List.copyOf(nodeCidrs == null ? List.of() : nodeCidrs);
        podCidrs = List.copyOf(podCidrs == null ? List.of() : podCidrs);
        ntpServers = List.copyOf(ntpServers == null ? List.of() : ntpServers);
        vpnGateway = vpnGateway == null ? "" : vpnGateway;
    }
}
