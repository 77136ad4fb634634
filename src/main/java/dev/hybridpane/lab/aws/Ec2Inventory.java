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

    final List<Vpc> vpcs = new ArrayList<>();
    final List<Subnet> subnets = new ArrayList<>();
    final List<RouteTable> routeTables = new ArrayList<>();
    final List<SecurityGroup> securityGroups = new ArrayList<>();

    Ec2Inventory(List<LabCluster> clusters) {
        for (LabCluster c : clusters) {
            add(c);
        }
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

    private static String suffix(String id) {
        return id.substring(id.indexOf('-') + 1);
    }
}
