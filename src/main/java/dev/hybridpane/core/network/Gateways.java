package dev.hybridpane.core.network;

import dev.hybridpane.core.network.NetworkReadPort.TgwAttachment;
import dev.hybridpane.core.network.NetworkReadPort.TgwRoute;
import dev.hybridpane.core.network.NetworkReadPort.VpnConnection;
import dev.hybridpane.core.network.NetworkReadPort.VpnGateway;
import dev.hybridpane.domain.edge.Site;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The gateways between the cluster's VPC and its sites, as the reads show them. */
final class Gateways {
    private Gateways() {
    }

    /** The transit gateways the VPC is attached to, or its route tables point at. */
    static List<String> transitGateways(DoctorReads reads) {
        Set<String> ids = new LinkedHashSet<>();
        reads.vpcAttachments().stream().map(TgwAttachment::transitGatewayId).forEach(ids::add);
        reads.clusterRouteTables().forEach(t -> t.routes().stream().filter(r -> "transitGateway".equals(r.targetKind()))
                .filter(r -> remote(reads, r.destination())).forEach(r -> ids.add(r.targetId())));
        return new ArrayList<>(ids);
    }

    /** The virtual private gateways attached to the VPC. */
    static List<VpnGateway> vpnGateways(DoctorReads reads) {
        return reads.vpnGateways().stream().filter(g -> g.attachedVpcIds().contains(reads.cluster().vpcId())).toList();
    }

    /** The VPN connections of the VPC's transit gateways or virtual private gateways (not deleted). */
    static List<VpnConnection> vpns(DoctorReads reads) {
        List<String> tgws = attachedOrEmpty(reads);
        List<String> vgws = vgwIdsOrEmpty(reads);
        return reads.vpnConnections().stream().filter(v -> !"deleted".equals(v.state()))
                .filter(v -> v.transitGatewayId() != null && tgws.contains(v.transitGatewayId())
                        || v.vpnGatewayId() != null && vgws.contains(v.vpnGatewayId()))
                .toList();
    }

    private static List<String> attachedOrEmpty(DoctorReads reads) {
        try {
            return transitGateways(reads);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static List<String> vgwIdsOrEmpty(DoctorReads reads) {
        try {
            return vpnGateways(reads).stream().map(VpnGateway::id).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The gateway a VPN hangs from: its transit gateway or virtual private gateway. */
    static String parentOf(VpnConnection v) {
        return v.transitGatewayId() != null && !v.transitGatewayId().isBlank() ? v.transitGatewayId() : v.vpnGatewayId();
    }

    /** The sites a VPN serves: whose VPN gateway address is the customer gateway's, or named in the VPN's name. */
    static List<Site> sitesOf(DoctorReads reads, VpnConnection v) {
        List<Site> sites;
        try {
            sites = reads.sites();
        } catch (RuntimeException e) {
            return List.of();
        }
        return sites.stream().filter(s -> !s.vpnGateway().isBlank() && s.vpnGateway().equals(v.customerGatewayIp())
                || v.name() != null && !v.name().isBlank() && v.name().contains(s.name())).toList();
    }

    /** The Direct Connect gateway attachments of the VPC's transit gateways (not deleted); throws when they are unread. */
    static List<TgwAttachment> directConnects(DoctorReads reads) {
        List<String> tgws = transitGateways(reads);
        return reads.tgwAttachments().stream().filter(a -> "direct-connect-gateway".equals(a.resourceType()))
                .filter(a -> tgws.contains(a.transitGatewayId()) && !"deleted".equals(a.state())).toList();
    }

    /**
     * The sites a Direct Connect gateway serves: those whose node CIDR the transit gateway route table of the VPC's
     * attachment sends, by its longest matching route, to this gateway's attachment (a Direct Connect gateway names no
     * site; the route table says which traffic takes it). Empty when the route table or the sites cannot be read.
     */
    static List<Site> sitesOf(DoctorReads reads, TgwAttachment dx) {
        try {
            TgwAttachment vpc = reads.vpcAttachments().stream().filter(a -> a.transitGatewayId().equals(dx.transitGatewayId()))
                    .findFirst().orElse(null);
            if (vpc == null) {
                return List.of();
            }
            Optional<String> rt = TransitChecks.routeTableOf(reads, dx.transitGatewayId(), vpc, reads.transitGateways());
            if (rt.isEmpty()) {
                return List.of();
            }
            List<TgwRoute> routes = reads.tgwRoutes(rt.get());
            return reads.sites().stream().filter(s -> s.nodeCidrs().stream().anyMatch(cidr -> TransitChecks.best(routes, cidr)
                    .filter(r -> !r.targets().isEmpty() && dx.id().equals(r.targets().get(0).attachmentId())).isPresent()))
                    .toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Whether a destination is (inside) one of the cluster's remote node or pod networks. */
    static boolean remote(DoctorReads reads, String destination) {
        List<String> all = new ArrayList<>(reads.cluster().remoteNodeCidrs());
        all.addAll(reads.cluster().remotePodCidrs());
        return all.stream().anyMatch(c -> Cidrs.overlap(c, destination));
    }

    static List<String> remoteCidrs(DoctorReads reads) {
        List<String> all = new ArrayList<>(reads.cluster().remoteNodeCidrs());
        all.addAll(reads.cluster().remotePodCidrs());
        return all;
    }
}
