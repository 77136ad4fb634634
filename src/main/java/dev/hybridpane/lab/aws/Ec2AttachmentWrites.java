package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.aws.Ec2Network.Ec2Error;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EC2's transit gateway VPC attachment changes on the query protocol, as the EC2 API reference gives them:
 * CreateTransitGatewayVpcAttachment (TransitGatewayId, VpcId, SubnetIds.N, all required; the answer's attachment is
 * {@code pending}, and the lab makes it available at once) and DeleteTransitGatewayVpcAttachment
 * (TransitGatewayAttachmentId; the answer's attachment is {@code deleting}, and it is gone from the reads at once).
 * Both answer {@code <XResponse><requestId/><transitGatewayVpcAttachment>}.
 */
final class Ec2AttachmentWrites {
    static final Set<String> ACTIONS = Set.of("CreateTransitGatewayVpcAttachment", "DeleteTransitGatewayVpcAttachment");
    private static final String NS = Ec2Service.NS;

    private final Ec2Network network;
    private final Ec2Inventory inv;
    private final String accountId;

    Ec2AttachmentWrites(Ec2Network network, Ec2Inventory inv, String accountId) {
        this.network = network;
        this.inv = inv;
        this.accountId = accountId;
    }

    /** The answer to a change; throws {@link Ec2Error} when EC2 would refuse it. */
    AwsResponse handle(String action, AwsRequest r) {
        Map<String, String> p = r.params();
        Ec2Inventory.TransitGatewayAttachment a;
        List<String> subnets;
        String state;
        if (action.equals("DeleteTransitGatewayVpcAttachment")) {
            a = network.deleteVpcAttachment(required(p, "TransitGatewayAttachmentId"));
            subnets = subnetsOf(a.resourceId());
            state = "deleting";
        } else {
            String tgw = required(p, "TransitGatewayId");
            String vpcId = required(p, "VpcId");
            subnets = Ec2Service.indexed(p, "SubnetIds.");
            if (subnets.isEmpty()) {
                throw new Ec2Error("MissingParameter", "The request must contain the parameter SubnetIds");
            }
            Ec2Inventory.TransitGateway gateway = inv.transitGateways.stream().filter(t -> t.id().equals(tgw)).findFirst()
                    .orElseThrow(() -> new Ec2Error("InvalidTransitGatewayID.NotFound", "Transit Gateway " + tgw
                            + " was deleted or does not exist."));
            Ec2Inventory.Vpc vpc = inv.vpcs.stream().filter(v -> v.id().equals(vpcId)).findFirst()
                    .orElseThrow(() -> new Ec2Error("InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist"));
            List<String> mine = subnetsOf(vpcId);
            for (String s : subnets) {
                if (!mine.contains(s)) {
                    throw new Ec2Error("InvalidSubnetID.NotFound", "The subnet ID '" + s + "' does not exist in " + vpcId);
                }
            }
            a = network.createVpcAttachment(tgw, vpc, gateway.routeTableId());
            state = "pending";
        }
        Xml x = new Xml().openNs(action + "Response", NS).leaf("requestId", r.requestId()).open("transitGatewayVpcAttachment")
                .leaf("transitGatewayAttachmentId", a.id()).leaf("transitGatewayId", a.transitGatewayId())
                .leaf("vpcId", a.resourceId()).leaf("vpcOwnerId", accountId).leaf("state", state).open("subnetIds");
        subnets.forEach(s -> x.leaf("item", s));
        x.close("subnetIds").leaf("creationTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .open("options").leaf("dnsSupport", "enable").leaf("securityGroupReferencingSupport", "disable")
                .leaf("ipv6Support", "disable").leaf("applianceModeSupport", "disable").close("options")
                .close("transitGatewayVpcAttachment").close(action + "Response");
        return AwsResponse.xml(200, x.toString());
    }

    private List<String> subnetsOf(String vpcId) {
        return inv.subnets.stream().filter(s -> s.vpcId().equals(vpcId)).map(Ec2Inventory.Subnet::id).toList();
    }

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            throw new Ec2Error("MissingParameter", "The request must contain the parameter " + name);
        }
        return v;
    }
}
