package dev.hybridpane.domain;

import java.util.List;

/** The VPC side of a cluster: VPC CIDRs, subnets, route tables and security groups. */
public record ClusterNetwork(Vpc vpc, List<Subnet> subnets, List<RouteTable> routeTables, List<SecurityGroup> securityGroups) {

    public ClusterNetwork {
        subnets = List.copyOf(subnets);
        routeTables = List.copyOf(routeTables);
        securityGroups = List.copyOf(securityGroups);
    }

    public record Vpc(String id, List<String> cidrs, String name) {
        public Vpc {
            cidrs = List.copyOf(cidrs);
        }
    }

    public record Subnet(String id, String cidr, String availabilityZone, String name) {
    }

    public record RouteTable(String id, List<Route> routes, List<String> subnetIds) {
        public RouteTable {
            routes = List.copyOf(routes);
            subnetIds = List.copyOf(subnetIds);
        }
    }

    /** target is a gateway, transit gateway, NAT or ENI id, or "local". */
    public record Route(String destination, String target, String state) {
    }

    public record SecurityGroup(String id, String name, String description, List<IngressRule> ingress) {
        public SecurityGroup {
            ingress = List.copyOf(ingress);
        }
    }

    /** protocol "-1" means all; ports are -1 when not applicable. */
    public record IngressRule(String protocol, int fromPort, int toPort, List<String> cidrs) {
        public IngressRule {
            cidrs = List.copyOf(cidrs);
        }
    }
}
