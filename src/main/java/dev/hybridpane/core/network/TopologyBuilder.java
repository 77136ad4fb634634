package dev.hybridpane.core.network;

import dev.hybridpane.core.network.NetworkReadPort.TgwAttachment;
import dev.hybridpane.core.network.NetworkReadPort.Tunnel;
import dev.hybridpane.core.network.NetworkReadPort.VpnConnection;
import dev.hybridpane.core.network.NetworkReadPort.VpnGateway;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.network.Topology;
import dev.hybridpane.domain.network.Topology.Element;
import dev.hybridpane.domain.network.Topology.Kind;
import dev.hybridpane.domain.network.Topology.Link;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The picture of a run: VPC → transit gateway / virtual private gateway → VPN connections or Direct Connect gateways →
 * sites → pools. Only what was read is drawn (an unreadable part leaves its elements out; its checks say why). A Direct
 * Connect gateway (its element's id the gateway's id, its details the BGP status of each virtual interface) is drawn
 * from its transit gateway to the sites whose node CIDR the transit gateway route table sends to its attachment
 * ({@link Gateways#sitesOf(DoctorReads, TgwAttachment)}); such a site is not also hung from a lone VPN by default.
 */
final class TopologyBuilder {
    private final Map<String, Element> elements = new LinkedHashMap<>();
    private final Map<String, Link> links = new LinkedHashMap<>();

    private TopologyBuilder() {
    }

    static Topology build(DoctorReads reads) {
        TopologyBuilder b = new TopologyBuilder();
        b.draw(reads);
        return new Topology(new ArrayList<>(b.elements.values()), new ArrayList<>(b.links.values()));
    }

    private static <T> List<T> orEmpty(Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private void element(String id, Kind kind, String label, List<String> details) {
        elements.putIfAbsent(id, new Element(id, kind, label, details));
    }

    private void link(String from, String to, String label) {
        if (elements.containsKey(from) && elements.containsKey(to)) {
            links.putIfAbsent(from + "->" + to, new Link(from, to, label));
        }
    }

    private void draw(DoctorReads reads) {
        Cluster c = reads.cluster();
        String vpc = c.vpcId();
        element(vpc, Kind.VPC, "VPC " + vpc, orEmpty(reads::vpcCidrs));
        List<String> gateways = new ArrayList<>();
        for (String tgw : orEmpty(() -> Gateways.transitGateways(reads))) {
            element(tgw, Kind.TRANSIT_GATEWAY, "Transit gateway " + tgw, List.of());
            String attachment = orEmpty(reads::vpcAttachments).stream().filter(a -> a.transitGatewayId().equals(tgw))
                    .map(a -> a.id() + " (" + a.state() + ")").findFirst().orElse("not attached");
            link(vpc, tgw, attachment);
            gateways.add(tgw);
        }
        for (VpnGateway g : orEmpty(() -> Gateways.vpnGateways(reads))) {
            element(g.id(), Kind.VPN_GATEWAY, "Virtual private gateway " + g.id(), List.of(g.state()));
            link(vpc, g.id(), "attached");
            gateways.add(g.id());
        }
        List<VpnConnection> vpns = orEmpty(() -> Gateways.vpns(reads));
        for (VpnConnection v : vpns) {
            List<String> details = new ArrayList<>();
            for (int i = 0; i < v.tunnels().size(); i++) {
                Tunnel t = v.tunnels().get(i);
                details.add("tunnel " + (i + 1) + " " + (t.up() ? "UP" : "DOWN"));
            }
            details.add(v.staticRoutesOnly() ? "static routes" : "BGP");
            element(v.id(), Kind.VPN_CONNECTION, "VPN " + v.id(), details);
            link(Gateways.parentOf(v), v.id(), v.state());
        }
        Map<String, List<TgwAttachment>> dxBySite = new LinkedHashMap<>();
        for (TgwAttachment dx : orEmpty(() -> Gateways.directConnects(reads))) {
            List<String> details = new ArrayList<>();
            orEmpty(reads::dxGateways).stream().filter(g -> g.id().equals(dx.resourceId())).findFirst()
                    .ifPresent(g -> details.add(g.name()));
            DirectConnectChecks.vifsOf(reads, dx.resourceId()).forEach(v -> details.addAll(DirectConnectChecks.bgpLines(v)));
            element(dx.resourceId(), Kind.DIRECT_CONNECT, "Direct Connect " + dx.resourceId(), details);
            link(dx.transitGatewayId(), dx.resourceId(), dx.id() + " (" + dx.state() + ")");
            Gateways.sitesOf(reads, dx).forEach(s -> dxBySite.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(dx));
        }
        List<Site> sites = orEmpty(reads::sites);
        for (Site s : sites) {
            List<String> details = new ArrayList<>(s.nodeCidrs());
            s.podCidrs().forEach(p -> details.add("pods " + p));
            element("site:" + s.name(), Kind.SITE, s.name(), details);
            List<TgwAttachment> dxServing = dxBySite.getOrDefault(s.name(), List.of());
            dxServing.forEach(dx -> link(dx.resourceId(), "site:" + s.name(), "Direct Connect"));
            List<VpnConnection> serving = vpns.stream().filter(v -> Gateways.sitesOf(reads, v).contains(s)).toList();
            if (serving.isEmpty() && vpns.size() == 1 && dxServing.isEmpty()) {
                serving = vpns;
            }
            serving.forEach(v -> link(v.id(), "site:" + s.name(), v.customerGatewayIp() == null ? "" : v.customerGatewayIp()));
            if (vpns.isEmpty() && dxServing.isEmpty()) {
                gateways.forEach(g -> link(g, "site:" + s.name(), "Direct Connect or other"));
            }
        }
        for (PoolStore.Stored p : orEmpty(reads::pools)) {
            String id = "pool:" + p.pool().name();
            List<String> details = new ArrayList<>();
            details.add(p.status().total() > 0 ? p.status().readyText() + " nodes ready" : p.pool().hosts().size() + " hosts");
            sites.stream().filter(s -> s.name().equals(p.pool().site())).findFirst()
                    .ifPresent(s -> s.podCidrs().forEach(x -> details.add("pods " + x)));
            element(id, Kind.POOL, p.pool().name(), details);
            link("site:" + p.pool().site(), id, "");
        }
    }
}
