package dev.hybridpane.domain.network;

import java.util.List;

/**
 * The path between a cluster's VPC and its sites: VPC → transit gateway or virtual private gateway → VPN connections
 * or Direct Connect → sites → pools. Checks name elements and links by id in {@link DoctorCheck#subjects()}.
 */
public record Topology(List<Element> elements, List<Link> links) {
    public static final Topology EMPTY = new Topology(List.of(), List.of());

    public enum Kind { VPC, TRANSIT_GATEWAY, VPN_GATEWAY, VPN_CONNECTION, DIRECT_CONNECT, SITE, POOL }

    /**
     * @param details short lines shown under the label (CIDRs, tunnel states "tunnel 1 UP", node counts)
     */
    public record Element(String id, Kind kind, String label, List<String> details) {
        public Element {
            details = List.copyOf(details == null ? List.of() : details);
        }
    }

    /** A link's id is {@code from->to}. */
    public record Link(String from, String to, String label) {
        public String id() {
            return from + "->" + to;
        }
    }

    public Topology {
        elements = List.copyOf(elements == null ? List.of() : elements);
        links = List.copyOf(links == null ? List.of() : links);
    }
}
