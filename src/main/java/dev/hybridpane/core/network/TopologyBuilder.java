package dev.hybridpane.core.network;

import dev.hybridpane.domain.network.Topology;
import java.util.ArrayList;
import java.util.List;

/** The picture of a run: VPC → transit gateway / virtual private gateway → VPN / Direct Connect → sites → pools. */
final class TopologyBuilder {
    private TopologyBuilder() {
    }

    static Topology build(DoctorReads reads) {
        List<Topology.Element> elements = new ArrayList<>();
        List<Topology.Link> links = new ArrayList<>();
        return new Topology(elements, links);
    }
}
