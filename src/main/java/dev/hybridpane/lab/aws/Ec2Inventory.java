package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabSubnet;
import dev.hybridpane.lab.world.LabWorld.LabVpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The EC2 resources of one region, derived from the clusters' VPCs: each VPC has one main route table
 * associated with all its subnets (a local route, plus a route to the transit gateway for every remote
 * node and pod CIDR of a hybrid cluster), the cluster security group, and the additional security
 * groups (inbound 443 from the remote node and pod CIDRs when hybrid nodes are enabled).
 */
final class Ec2Inventory {

    record Vpc(String id, String name, List<String> cidrs) {
        Map<String, List<String>> filterValues() {
            return Map.of("vpc-id", List.of(id), "cidr", cidrs.subList(0, 1), "cidr-block-association.cidr-block", cidrs,
                    "tag:Name", List.of(name), "state", List.of("available"), "is-default", List.of("false"));
        }
    }

    record Subnet(String id, String vpcId, String cidr, String availabilityZone, String name) {
        Map<String, List<String>> filterValues() {
            return Map.of("subnet-id", List.of(id), "vpc-id", List.of(vpcId), "cidr-block", List.of(cidr),
                    "availability-zone", List.of(availabilityZone), "tag:Name", List.of(name), "state", List.of("available"));
        }
    }

    /** gatewayId is "local" or null; transitGatewayId is set for routes to the TGW. */
    record Route(String destination, String gatewayId, String transitGatewayId, String origin) {
    }

    record RouteTable(String id, String vpcId, List<Route> routes, List<String> subnetIds, String name) {
        Map<String, List<String>> filterValues() {
            List<String> tgws = routes.stream().map(Route::transitGatewayId).filter(t -> t != null).toList();
            return Map.of("route-table-id", List.of(id), "vpc-id", List.of(vpcId), "association.subnet-id", subnetIds,
                    "association.main", List.of("true"), "route.transit-gateway-id", tgws,
                    "route.destination-cidr-block", routes.stream().map(Route::destination).toList(), "tag:Name", List.of(name));
        }
    }

    /** protocol "-1" means all traffic; sourceGroupIds are security-group-to-security-group grants. */
    record Permission(String protocol, Integer fromPort, Integer toPort, List<String> cidrs, List<String> sourceGroupIds,
            String description) {
    }

    record SecurityGroup(String id, String name, String description, String vpcId, List<Permission> ingress) {
        Map<String, List<String>> filterValues() {
            return Map.of("group-id", List.of(id), "group-name", List.of(name), "vpc-id", List.of(vpcId),
                    "tag:Name", List.of(name));
        }
    }

    /**
     * A network interface. EKS's cross-account ENIs (description "Amazon EKS <cluster>", created by EKS's service
     * role, attached at device index 1 to an instance in an account EKS owns) have {@code instanceId} null; a cloud
     * node's primary ENI is attached at index 0 to its instance in this account and has no requester.
     */
    record NetworkInterface(String id, String subnetId, String vpcId, String availabilityZone, String privateIp, String mac,
            String description, List<String> groupIds, String requesterId, String instanceId, String instanceOwnerId,
            int deviceIndex, String region) {
        String attachmentId() {
            return "eni-attach-" + suffix(id);
        }

        String privateDnsName() {
            return "ip-" + privateIp.replace('.', '-') + "." + region + ".compute.internal";
        }

        Map<String, List<String>> filterValues(String accountId) {
            Map<String, List<String>> m = new java.util.HashMap<>();
            m.put("network-interface-id", List.of(id));
            m.put("subnet-id", List.of(subnetId));
            m.put("vpc-id", List.of(vpcId));
            m.put("availability-zone", List.of(availabilityZone));
            m.put("description", List.of(description));
            m.put("group-id", groupIds);
            m.put("interface-type", List.of("interface"));
            m.put("status", List.of("in-use"));
            m.put("owner-id", List.of(accountId));
            m.put("requester-id", requesterId == null ? List.of() : List.of(requesterId));
            m.put("requester-managed", List.of("false"));
            m.put("private-ip-address", List.of(privateIp));
            m.put("addresses.private-ip-address", List.of(privateIp));
            m.put("private-dns-name", List.of(privateDnsName()));
            m.put("mac-address", List.of(mac));
            m.put("source-dest-check", List.of("true"));
            m.put("attachment.attachment-id", List.of(attachmentId()));
            m.put("attachment.instance-id", instanceId == null ? List.of() : List.of(instanceId));
            m.put("attachment.instance-owner-id", List.of(instanceOwnerId == null ? accountId : instanceOwnerId));
            m.put("attachment.device-index", List.of(String.valueOf(deviceIndex)));
            m.put("attachment.status", List.of("attached"));
            return m;
        }
    }

    /** A transit gateway a cluster's VPC routes its remote networks through (world: vpc.transitGatewayId). */
    record TransitGateway(String id, List<String> vpcNames) {
        String routeTableId() {
            return "tgw-rtb-" + suffix(id);
        }

        /** Its Name tag: after the first VPC routed through it ("retail-edge-tgw"). */
        String name() {
            return vpcNames.isEmpty() ? id : vpcNames.get(0).replace("-vpc", "") + "-tgw";
        }

        Map<String, List<String>> filterValues(String accountId) {
            Map<String, List<String>> m = new java.util.HashMap<>();
            m.put("transit-gateway-id", List.of(id));
            m.put("state", List.of("available"));
            m.put("owner-id", List.of(accountId));
            m.put("options.amazon-side-asn", List.of(String.valueOf(AMAZON_SIDE_ASN)));
            m.put("options.association-default-route-table-id", List.of(routeTableId()));
            m.put("options.propagation-default-route-table-id", List.of(routeTableId()));
            m.put("options.default-route-table-association", List.of("enable"));
            m.put("options.default-route-table-propagation", List.of("enable"));
            m.put("options.dns-support", List.of("enable"));
            m.put("options.vpn-ecmp-support", List.of("enable"));
            m.put("options.auto-accept-shared-attachments", List.of("disable"));
            m.put("tag:Name", List.of(name()));
            return m;
        }
    }

    /** The attachment of a cluster's VPC (its subnets) to its transit gateway. */
    record TransitGatewayAttachment(String id, String transitGatewayId, String vpcId, String name, String routeTableId) {
        Map<String, List<String>> filterValues(String accountId) {
            return Map.of("transit-gateway-attachment-id", List.of(id), "transit-gateway-id", List.of(transitGatewayId),
                    "transit-gateway-owner-id", List.of(accountId), "resource-owner-id", List.of(accountId),
                    "resource-type", List.of("vpc"), "resource-id", List.of(vpcId), "state", List.of("available"),
                    "association.state", List.of("associated"), "association.transit-gateway-route-table-id",
                    List.of(routeTableId), "tag:Name", List.of(name));
        }
    }

    /** The default private ASN of a transit gateway ("Amazon side ASN ... default 64512"). */
    static final long AMAZON_SIDE_ASN = 64512;
    /** Stands for the account EKS owns, where its control plane's instances are (AWS does not publish it). */
    static final String EKS_OWNER_ACCOUNT = "921234567890";
    /** Stands for the unique id of EKS's service role that creates the cross-account ENIs; the session is AmazonEKS. */
    static final String EKS_REQUESTER = "AROAVLABEKSCONTROLPL:AmazonEKS";

    final List<Vpc> vpcs = new ArrayList<>();
    final List<Subnet> subnets = new ArrayList<>();
    final List<RouteTable> routeTables = new ArrayList<>();
    final List<SecurityGroup> securityGroups = new ArrayList<>();
    final List<NetworkInterface> networkInterfaces = new ArrayList<>();
    final List<TransitGateway> transitGateways = new ArrayList<>();
    final List<TransitGatewayAttachment> transitGatewayAttachments = new ArrayList<>();

    Ec2Inventory(List<LabCluster> clusters) {
        for (LabCluster c : clusters) {
            add(c);
            addNetworkInterfaces(c);
            addTransitGateway(c);
        }
    }

    /**
     * EKS's cross-account ENIs, one in each of the cluster's subnets (EKS places them in at least two of them), with the
     * cluster security group and the additional ones; then each cloud node's primary ENI, at the address and with the
     * instance id the lab's Kubernetes side gives that node ({@link LabMachines}).
     */
    private void addNetworkInterfaces(LabCluster c) {
        LabVpc v = c.vpc();
        List<String> groups = new ArrayList<>();
        groups.add(v.clusterSecurityGroupId());
        groups.addAll(v.additionalSecurityGroupIds());
        for (int i = 0; i < v.subnets().size(); i++) {
            LabSubnet s = v.subnets().get(i);
            String seed = c.region() + "/" + c.name() + "/eks-eni/" + i;
            networkInterfaces.add(new NetworkInterface(LabMachines.hexId("eni-0", seed, 17), s.id(), v.id(),
                    s.availabilityZone(), LabMachines.address(s.cidr(), 200 + i), LabMachines.mac(seed),
                    "Amazon EKS " + c.name(), List.copyOf(groups), EKS_REQUESTER, null, EKS_OWNER_ACCOUNT, 1, c.region()));
        }
        for (LabMachines.CloudNode n : LabMachines.cloudNodes(c)) {
            String seed = c.region() + "/" + c.name() + "/node-eni/" + n.instanceId();
            networkInterfaces.add(new NetworkInterface(LabMachines.hexId("eni-0", seed, 17), n.subnet().id(), v.id(),
                    n.subnet().availabilityZone(), n.ip(), LabMachines.mac(seed), "",
                    List.of(v.clusterSecurityGroupId()), null, n.instanceId(), null, 0, c.region()));
        }
    }

    private void addTransitGateway(LabCluster c) {
        String tgw = c.vpc().transitGatewayId();
        if (tgw == null) {
            return;
        }
        TransitGateway known = transitGateways.stream().filter(t -> t.id().equals(tgw)).findFirst().orElse(null);
        if (known == null) {
            known = new TransitGateway(tgw, new ArrayList<>());
            transitGateways.add(known);
        }
        known.vpcNames().add(c.vpc().name());
        transitGatewayAttachments.add(new TransitGatewayAttachment(LabMachines.hexId("tgw-attach-0", c.vpc().id(), 17), tgw,
                c.vpc().id(), c.vpc().name() + "-attachment", known.routeTableId()));
    }

    private void add(LabCluster c) {
        LabVpc v = c.vpc();
        vpcs.add(new Vpc(v.id(), v.name(), v.cidrs()));
        for (LabSubnet s : v.subnets()) {
            subnets.add(new Subnet(s.id(), v.id(), s.cidr(), s.availabilityZone(), s.name()));
        }
        List<Route> routes = new ArrayList<>();
        v.cidrs().forEach(cidr -> routes.add(new Route(cidr, "local", null, "CreateRouteTable")));
        if (v.transitGatewayId() != null) {
            List<String> remote = new ArrayList<>(c.remoteNodeCidrs());
            remote.addAll(c.remotePodCidrs());
            remote.forEach(cidr -> routes.add(new Route(cidr, null, v.transitGatewayId(), "CreateRoute")));
        }
        routeTables.add(new RouteTable("rtb-" + suffix(v.id()), v.id(), routes,
                v.subnets().stream().map(LabSubnet::id).toList(), v.name() + "-private"));

        securityGroups.add(new SecurityGroup(v.clusterSecurityGroupId(), "eks-cluster-sg-" + c.name() + "-" + suffix(v.id())
                .substring(0, 8),
                "EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as"
                        + " any managed workloads.",
                v.id(), List.of(new Permission("-1", null, null, List.of(), List.of(v.clusterSecurityGroupId()), null))));
        List<String> remote = new ArrayList<>(c.remoteNodeCidrs());
        remote.addAll(c.remotePodCidrs());
        for (String sg : v.additionalSecurityGroupIds()) {
            List<Permission> ingress = remote.isEmpty() ? List.of()
                    : List.of(new Permission("tcp", 443, 443, remote, List.of(), "Kubernetes API from hybrid nodes and pods"));
            securityGroups.add(new SecurityGroup(sg, c.name() + "-additional", "Additional security group for " + c.name(),
                    v.id(), ingress));
        }
    }

    static String suffix(String id) {
        return id.substring(id.indexOf('-') + 1);
    }
}
