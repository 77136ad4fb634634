package dev.hybridpane.core.network;

import dev.hybridpane.core.network.NetworkReadPort.TgwAttachment;
import dev.hybridpane.core.network.NetworkReadPort.TgwRoute;
import dev.hybridpane.core.network.NetworkReadPort.TgwRouteTable;
import dev.hybridpane.core.network.NetworkReadPort.TransitGateway;
import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Transit gateway: the VPC attachment exists and is available, and the route table it is associated with sends every
 * remote node and pod CIDR to a VPN or Direct Connect attachment. When the VPC has no transit gateway and no virtual
 * private gateway, that is one failing check.
 */
final class TransitChecks {
    static final Set<String> SITE_ATTACHMENTS = Set.of("vpn", "direct-connect-gateway", "connect");

    private TransitChecks() {
    }

    static List<DoctorCheck> run(DoctorReads reads) {
        Cluster c = reads.cluster();
        List<String> tgws = Gateways.transitGateways(reads);
        List<DoctorCheck> out = new ArrayList<>();
        if (tgws.isEmpty()) {
            if (Gateways.vpnGateways(reads).isEmpty()) {
                out.add(new DoctorCheck("aws.gateway@" + c.vpcId(), "aws", "Gateway to the sites", List.of(c.vpcId()),
                        DoctorStatus.FAIL, c.vpcId() + " has no transit gateway attachment and no virtual private gateway:"
                                + " nothing carries traffic to the remote networks.", List.of(),
                        DoctorFix.manual("Attach the VPC to a transit gateway (or a virtual private gateway) with a VPN or"
                                + " Direct Connect to each site.", "aws ec2 create-transit-gateway-vpc-attachment"
                                + " --transit-gateway-id TGW_ID --vpc-id " + c.vpcId() + " --subnet-ids "
                                + String.join(" ", c.subnetIds()))));
            }
            return out;
        }
        List<TransitGateway> known = reads.transitGateways();
        for (String tgw : tgws) {
            out.add(attachment(reads, tgw, known));
            reads.vpcAttachments().stream().filter(a -> a.transitGatewayId().equals(tgw)).findFirst()
                    .ifPresent(a -> out.addAll(routes(reads, tgw, a, known)));
        }
        return out;
    }

    private static DoctorCheck attachment(DoctorReads reads, String tgw, List<TransitGateway> known) {
        Cluster c = reads.cluster();
        String id = "aws.tgw-attachment@" + tgw;
        List<String> subjects = List.of(tgw, c.vpcId() + "->" + tgw);
        List<String> evidence = new ArrayList<>();
        known.stream().filter(t -> t.id().equals(tgw)).forEach(t -> evidence.add(t.id() + ": " + t.state()));
        List<TgwAttachment> mine = reads.tgwAttachments().stream().filter(a -> a.transitGatewayId().equals(tgw)).toList();
        mine.forEach(a -> evidence.add(a.id() + ": " + a.resourceType() + " " + a.resourceId() + " (" + a.state() + ")"));
        Optional<TgwAttachment> vpc = reads.vpcAttachments().stream().filter(a -> a.transitGatewayId().equals(tgw)).findFirst();
        if (vpc.isEmpty()) {
            return new DoctorCheck(id, "aws", "Transit gateway VPC attachment", subjects, DoctorStatus.FAIL,
                    "The route tables send remote traffic to " + tgw + ", but " + c.vpcId() + " is not attached to it.",
                    evidence, DoctorFix.manual("Attach " + c.vpcId() + " to " + tgw + ".",
                            "aws ec2 create-transit-gateway-vpc-attachment --transit-gateway-id " + tgw + " --vpc-id "
                                    + c.vpcId() + " --subnet-ids " + String.join(" ", c.subnetIds())));
        }
        TgwAttachment a = vpc.get();
        if (!"available".equals(a.state())) {
            return new DoctorCheck(id, "aws", "Transit gateway VPC attachment", subjects,
                    "pending".equals(a.state()) ? DoctorStatus.WARN : DoctorStatus.FAIL,
                    "The attachment " + a.id() + " of " + c.vpcId() + " to " + tgw + " is " + a.state() + ", not available.",
                    evidence, DoctorFix.manual("Accept or recreate the attachment " + a.id() + ".",
                            "aws ec2 describe-transit-gateway-vpc-attachments --transit-gateway-attachment-ids " + a.id()));
        }
        return new DoctorCheck(id, "aws", "Transit gateway VPC attachment", subjects, DoctorStatus.PASS,
                c.vpcId() + " is attached to " + tgw + " (" + a.id() + ", available).", evidence, DoctorFix.NONE);
    }

    /** The route table associated with the VPC attachment, else the transit gateway's default association table. */
    static Optional<String> routeTableOf(DoctorReads reads, String tgw, TgwAttachment a, List<TransitGateway> known) {
        if (a.routeTableId() != null && !a.routeTableId().isBlank()) {
            return Optional.of(a.routeTableId());
        }
        Optional<String> dflt = known.stream().filter(t -> t.id().equals(tgw)).map(TransitGateway::defaultRouteTableId)
                .filter(s -> s != null && !s.isBlank()).findFirst();
        if (dflt.isPresent()) {
            return dflt;
        }
        return reads.tgwRouteTables(tgw).stream().filter(TgwRouteTable::defaultAssociation).map(TgwRouteTable::id).findFirst();
    }

    private static List<DoctorCheck> routes(DoctorReads reads, String tgw, TgwAttachment a, List<TransitGateway> known) {
        List<DoctorCheck> out = new ArrayList<>();
        Optional<String> rt = routeTableOf(reads, tgw, a, known);
        if (rt.isEmpty()) {
            out.add(new DoctorCheck("aws.tgw-routes@" + tgw, "aws", "Transit gateway routes", List.of(tgw),
                    DoctorStatus.FAIL, "The VPC attachment " + a.id() + " is associated with no route table of " + tgw + ".",
                    List.of(), DoctorFix.manual("Associate " + a.id() + " with a route table of " + tgw + ".",
                    "aws ec2 associate-transit-gateway-route-table --transit-gateway-route-table-id TGW_RTB_ID"
                            + " --transit-gateway-attachment-id " + a.id())));
            return out;
        }
        List<TgwRoute> routes = reads.tgwRoutes(rt.get());
        List<String> evidence = new ArrayList<>();
        routes.forEach(r -> evidence.add(rt.get() + ": " + r.destination() + " → " + (r.targets().isEmpty() ? "(none)"
                : r.targets().get(0).attachmentId() + " " + r.targets().get(0).resourceType() + " "
                + r.targets().get(0).resourceId()) + " (" + r.type() + ", " + r.state() + ")"));
        for (String cidr : Gateways.remoteCidrs(reads)) {
            out.add(route(reads, tgw, rt.get(), routes, evidence, cidr));
        }
        return out;
    }

    private static DoctorCheck route(DoctorReads reads, String tgw, String rt, List<TgwRoute> routes, List<String> evidence,
            String cidr) {
        String id = "aws.tgw-routes@" + rt + ":" + cidr;
        List<String> subjects = new ArrayList<>(List.of(tgw));
        Sites.of(reads, cidr).ifPresent(s -> subjects.add("site:" + s));
        Optional<TgwRoute> best = best(routes, cidr);
        String vpnAttachment = routes.stream().filter(r -> !r.targets().isEmpty()
                && SITE_ATTACHMENTS.contains(r.targets().get(0).resourceType())).map(r -> r.targets().get(0).attachmentId())
                .findFirst().orElse(reads.tgwAttachments().stream().filter(x -> x.transitGatewayId().equals(tgw)
                        && "vpn".equals(x.resourceType())).map(TgwAttachment::id).findFirst().orElse("VPN_ATTACHMENT_ID"));
        DoctorFix add = DoctorFix.manual("Add a static route for " + cidr + " in " + rt
                + " to the site's VPN or Direct Connect attachment (or propagate the VPN's BGP routes into it).",
                "aws ec2 create-transit-gateway-route --transit-gateway-route-table-id " + rt + " --destination-cidr-block "
                        + cidr + " --transit-gateway-attachment-id " + vpnAttachment);
        if (best.isEmpty()) {
            return new DoctorCheck(id, "aws", "Transit gateway route", subjects, DoctorStatus.FAIL,
                    rt + " of " + tgw + " has no route for " + cidr + ": traffic from the VPC to it is dropped.", evidence, add);
        }
        TgwRoute r = best.get();
        if (!"active".equals(r.state()) || r.targets().isEmpty()) {
            return new DoctorCheck(id, "aws", "Transit gateway route", subjects, DoctorStatus.FAIL,
                    rt + " routes " + cidr + " as " + r.state() + " (" + r.destination() + "): traffic to it is dropped.",
                    evidence, add);
        }
        String type = r.targets().get(0).resourceType();
        if (!SITE_ATTACHMENTS.contains(type)) {
            return new DoctorCheck(id, "aws", "Transit gateway route", subjects, DoctorStatus.FAIL,
                    rt + " sends " + cidr + " to " + r.targets().get(0).attachmentId() + " (" + type
                            + "), not to a VPN or Direct Connect attachment.", evidence, add);
        }
        subjects.add(tgw + "->" + r.targets().get(0).resourceId());
        return new DoctorCheck(id, "aws", "Transit gateway route", subjects, DoctorStatus.PASS,
                rt + " sends " + cidr + " to " + r.targets().get(0).resourceId() + " (" + type + ", " + r.type() + ").",
                evidence, DoctorFix.NONE);
    }

    /** The route of the table that carries {@code cidr}: the longest whose destination contains it. */
    static Optional<TgwRoute> best(List<TgwRoute> routes, String cidr) {
        TgwRoute best = null;
        int prefix = -1;
        for (TgwRoute r : routes) {
            Optional<Cidr> d = Cidr.tryParse(r.destination());
            if (d.isPresent() && Cidrs.contains(r.destination(), cidr) && d.get().prefix() > prefix) {
                best = r;
                prefix = d.get().prefix();
            }
        }
        return Optional.ofNullable(best);
    }
}
