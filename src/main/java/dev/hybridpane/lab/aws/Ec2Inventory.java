package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabSubnet;
import dev.hybridpane.lab.world.LabWorld.LabVpc;
import dev.hybridpane.lab.world.LabWorld.LabVpnConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/**
 * The EC2 resources of one region as the world seeds them, derived from the clusters' VPCs: each VPC has one main route
 * table associated with all its subnets (a local route, plus a route to the transit gateway or the virtual private
 * gateway for every remote node and pod CIDR of a hybrid cluster, or those the world lists), the cluster security
 * group, and the additional security groups (inbound 443 from the remote node and pod CIDRs when hybrid nodes are
 * enabled, or from those the world lists); transit gateways with their VPC and VPN attachments and their default route
 * table; virtual private gateways and site-to-site VPN connections. {@link Ec2Network} holds what changes at run time.
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

    /**
     * A route: gatewayId is "local", a virtual private gateway (vgw-...) or null; transitGatewayId is set for routes to a
     * transit gateway, networkInterfaceId for routes to a network interface. origin is CreateRouteTable (the local
     * route), CreateRoute or EnableVgwRoutePropagation (a route a virtual private gateway propagates).
     */
    record Route(String destination, String gatewayId, String transitGatewayId, String networkInterfaceId, String origin,
            String state) {
        Route(String destination, String gatewayId, String transitGatewayId, String networkInterfaceId, String origin) {
            this(destination, gatewayId, transitGatewayId, networkInterfaceId, origin, "active");
        }

        /** The route's target id, whatever its kind. */
        String target() {
            return gatewayId != null ? gatewayId : transitGatewayId != null ? transitGatewayId : networkInterfaceId;
        }
    }

    /** A route table; {@code propagatingVgws} the virtual private gateways whose routes it takes (route propagation). */
    record RouteTable(String id, String vpcId, List<Route> routes, List<String> subnetIds, String name,
            List<String> propagatingVgws) {
        RouteTable {
            routes = List.copyOf(routes);
            subnetIds = List.copyOf(subnetIds);
            propagatingVgws = List.copyOf(propagatingVgws);
        }

        RouteTable withRoutes(List<Route> newRoutes) {
            return new RouteTable(id, vpcId, newRoutes, subnetIds, name, propagatingVgws);
        }

        RouteTable withPropagatingVgws(List<String> vgws) {
            return new RouteTable(id, vpcId, routes, subnetIds, name, vgws);
        }

        Map<String, List<String>> filterValues() {
            Map<String, List<String>> m = new HashMap<>();
            m.put("route-table-id", List.of(id));
            m.put("vpc-id", List.of(vpcId));
            m.put("association.subnet-id", subnetIds);
            m.put("association.main", List.of("true"));
            m.put("route.transit-gateway-id", routes.stream().map(Route::transitGatewayId).filter(t -> t != null).toList());
            m.put("route.gateway-id", routes.stream().map(Route::gatewayId).filter(t -> t != null).toList());
            m.put("route.network-interface-id", routes.stream().map(Route::networkInterfaceId).filter(t -> t != null).toList());
            m.put("route.destination-cidr-block", routes.stream().map(Route::destination).toList());
            m.put("route.origin", routes.stream().map(Route::origin).distinct().toList());
            m.put("route.state", List.of("active"));
            m.put("tag:Name", List.of(name));
            m.put("tag-key", List.of("Name"));
            return m;
        }
    }

    /** An IPv4 range of a permission, with its own description (null: none). */
    record IpRange(String cidr, String description) {
    }

    /** protocol "-1" means all traffic; sourceGroupIds are security-group-to-security-group grants. */
    record Permission(String protocol, Integer fromPort, Integer toPort, List<IpRange> ranges, List<String> sourceGroupIds) {
        Permission {
            ranges = List.copyOf(ranges);
            sourceGroupIds = List.copyOf(sourceGroupIds);
        }

        boolean samePorts(String otherProtocol, Integer otherFrom, Integer otherTo) {
            return protocol.equals(otherProtocol) && Objects.equals(fromPort, otherFrom)
                    && Objects.equals(toPort, otherTo);
        }
    }

    record SecurityGroup(String id, String name, String description, String vpcId, List<Permission> ingress) {
        SecurityGroup {
            ingress = List.copyOf(ingress);
        }

        SecurityGroup withIngress(List<Permission> newIngress) {
            return new SecurityGroup(id, name, description, vpcId, newIngress);
        }

        Map<String, List<String>> filterValues() {
            List<Permission> tcp = ingress.stream().filter(p -> !p.protocol().equals("-1")).toList();
            return Map.of("group-id", List.of(id), "group-name", List.of(name), "vpc-id", List.of(vpcId),
                    "tag:Name", List.of(name), "ip-permission.cidr", ingress.stream().flatMap(p -> p.ranges().stream())
                            .map(IpRange::cidr).distinct().toList(),
                    "ip-permission.from-port", tcp.stream().map(p -> String.valueOf(p.fromPort())).distinct().toList(),
                    "ip-permission.to-port", tcp.stream().map(p -> String.valueOf(p.toPort())).distinct().toList(),
                    "ip-permission.protocol", ingress.stream().map(Permission::protocol).distinct().toList());
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
            Map<String, List<String>> m = new HashMap<>();
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
            Map<String, List<String>> m = new HashMap<>();
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

    /**
     * An attachment to a transit gateway: a cluster's VPC (its subnets; resourceType "vpc"), a site-to-site VPN
     * connection (resourceType "vpn") or a Direct Connect gateway ("direct-connect-gateway"), associated with the
     * gateway's default route table.
     */
    record TransitGatewayAttachment(String id, String transitGatewayId, String resourceId, String name, String routeTableId,
            String resourceType) {
        Map<String, List<String>> filterValues(String accountId) {
            return Map.of("transit-gateway-attachment-id", List.of(id), "transit-gateway-id", List.of(transitGatewayId),
                    "transit-gateway-owner-id", List.of(accountId), "resource-owner-id", List.of(accountId),
                    "resource-type", List.of(resourceType), "resource-id", List.of(resourceId), "state", List.of("available"),
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
    /** Each internet gateway attached to a VPC: its id to the VPC's. */
    final Map<String, String> internetGateways = new HashMap<>();
    final List<Subnet> subnets = new ArrayList<>();
    final List<RouteTable> routeTables = new ArrayList<>();
    final List<SecurityGroup> securityGroups = new ArrayList<>();
    final List<NetworkInterface> networkInterfaces = new ArrayList<>();
    final List<TransitGateway> transitGateways = new ArrayList<>();
    final List<TransitGatewayAttachment> transitGatewayAttachments = new ArrayList<>();
    final List<Ec2Routing.VpnGateway> vpnGateways = new ArrayList<>();
    final List<Ec2Routing.VpnConnection> vpnConnections = new ArrayList<>();
    final List<Ec2Routing.TgwRouteTable> tgwRouteTables = new ArrayList<>();

    Ec2Inventory(List<LabCluster> clusters) {
        for (LabCluster c : clusters) {
            add(c);
            addNetworkInterfaces(c);
            addTransitGateway(c);
            addVpn(c);
            addDirectConnect(c);
        }
    }

    /**
     * Each Direct Connect gateway on the cluster's transit gateway: its attachment (resourceType direct-connect-gateway,
     * resourceId the gateway's id) and the routes its BGP propagates into the gateway's route table.
     */
    private void addDirectConnect(LabCluster c) {
        for (LabWorld.LabDirectConnectGateway dx : c.vpc().directConnectGateways()) {
            Ec2Routing.TgwRouteTable table = tgwRouteTable(c.vpc().transitGatewayId());
            String attachment = LabMachines.hexId("tgw-attach-0", dx.id(), 17);
            transitGatewayAttachments.add(new TransitGatewayAttachment(attachment, c.vpc().transitGatewayId(), dx.id(),
                    dx.name() + "-attachment", table.id(), "direct-connect-gateway"));
            List<Ec2Routing.TgwRoute> routes = new ArrayList<>(table.routes());
            dx.routes().forEach(cidr -> routes.add(new Ec2Routing.TgwRoute(cidr, attachment, dx.id(), "direct-connect-gateway",
                    "propagated", "active")));
            tgwRouteTables.set(tgwRouteTables.indexOf(table), table.withRoutes(routes));
        }
    }

    /** Every remote node and pod CIDR of the cluster. */
    private static List<String> remoteCidrs(LabCluster c) {
        List<String> remote = new ArrayList<>(c.remoteNodeCidrs());
        remote.addAll(c.remotePodCidrs());
        return remote;
    }

    /**
     * The cluster's virtual private gateway and its VPN connections (static routing, two tunnels each, outside addresses
     * of AWS's side from the documentation range 192.0.2.0/24, inside CIDRs from 169.254.0.0/16 as AWS picks them). A VPN
     * on a transit gateway gets a VPN attachment, and its static routes go into the transit gateway's route table.
     */
    private void addVpn(LabCluster c) {
        LabVpc v = c.vpc();
        if (v.vpnGatewayId() != null) {
            vpnGateways.add(new Ec2Routing.VpnGateway(v.vpnGatewayId(), v.id(), v.name().replace("-vpc", "") + "-vgw"));
        }
        int n = vpnConnections.size();
        for (LabVpnConnection lv : v.vpnConnections()) {
            List<String> routes = lv.staticRoutes() == null ? remoteCidrs(c) : lv.staticRoutes();
            List<Ec2Routing.Tunnel> tunnels = new ArrayList<>();
            for (int t = 0; t < lv.tunnels().size(); t++) {
                int third = 10 + 2 * n + t;
                tunnels.add(new Ec2Routing.Tunnel("192.0.2." + third, "169.254." + (100 + 2 * n + t) + ".0/30",
                        lv.tunnels().get(t), Ec2Routing.SEEDED_STATUS_CHANGE));
            }
            String name = c.name() + "-" + lv.site();
            boolean onTgw = v.transitGatewayId() != null;
            vpnConnections.add(new Ec2Routing.VpnConnection(lv.id(), lv.customerGatewayId(), lv.customerGatewayAddress(),
                    onTgw ? null : v.vpnGatewayId(), onTgw ? v.transitGatewayId() : null, name, tunnels,
                    onTgw ? List.of() : routes));
            n++;
            if (onTgw) {
                Ec2Routing.TgwRouteTable table = tgwRouteTable(v.transitGatewayId());
                String attachment = LabMachines.hexId("tgw-attach-0", lv.id(), 17);
                transitGatewayAttachments.add(new TransitGatewayAttachment(attachment, v.transitGatewayId(), lv.id(),
                        name + "-attachment", table.id(), "vpn"));
                List<Ec2Routing.TgwRoute> tgwRoutes = new ArrayList<>(table.routes());
                routes.forEach(cidr -> tgwRoutes.add(new Ec2Routing.TgwRoute(cidr, attachment, lv.id(), "vpn", "static",
                        "active")));
                tgwRouteTables.set(tgwRouteTables.indexOf(table), table.withRoutes(tgwRoutes));
            }
        }
    }

    private Ec2Routing.TgwRouteTable tgwRouteTable(String tgw) {
        return tgwRouteTables.stream().filter(t -> t.transitGatewayId().equals(tgw)).findFirst().orElseThrow();
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
        String attachment = LabMachines.hexId("tgw-attach-0", c.vpc().id(), 17);
        transitGatewayAttachments.add(new TransitGatewayAttachment(attachment, tgw, c.vpc().id(),
                c.vpc().name() + "-attachment", known.routeTableId(), "vpc"));
        // the VPC attachment propagates the VPC's CIDRs into the transit gateway's default route table
        String rtb = known.routeTableId();
        Ec2Routing.TgwRouteTable table = tgwRouteTables.stream().filter(t -> t.id().equals(rtb)).findFirst().orElse(null);
        if (table == null) {
            table = new Ec2Routing.TgwRouteTable(rtb, tgw, known.name() + "-default", List.of());
            tgwRouteTables.add(table);
        }
        List<Ec2Routing.TgwRoute> routes = new ArrayList<>(table.routes());
        c.vpc().cidrs().forEach(cidr -> routes.add(new Ec2Routing.TgwRoute(cidr, attachment, c.vpc().id(), "vpc",
                "propagated", "active")));
        tgwRouteTables.set(tgwRouteTables.indexOf(table), table.withRoutes(routes));
    }

    private void add(LabCluster c) {
        LabVpc v = c.vpc();
        vpcs.add(new Vpc(v.id(), v.name(), v.cidrs()));
        Optional.ofNullable(v.internetGatewayId()).ifPresent(igw -> internetGateways.put(igw, v.id()));
        for (LabSubnet s : v.subnets()) {
            subnets.add(new Subnet(s.id(), v.id(), s.cidr(), s.availabilityZone(), s.name()));
        }
        List<Route> routes = new ArrayList<>();
        v.cidrs().forEach(cidr -> routes.add(new Route(cidr, "local", null, null, "CreateRouteTable")));
        List<String> routed = v.routedCidrs() == null ? remoteCidrs(c) : v.routedCidrs();
        if (v.transitGatewayId() != null) {
            routed.forEach(cidr -> routes.add(new Route(cidr, null, v.transitGatewayId(), null, "CreateRoute")));
        } else if (v.vpnGatewayId() != null) {
            routed.forEach(cidr -> routes.add(new Route(cidr, v.vpnGatewayId(), null, null, "CreateRoute")));
        }
        routeTables.add(new RouteTable("rtb-" + suffix(v.id()), v.id(), routes,
                v.subnets().stream().map(LabSubnet::id).toList(), v.name() + "-private", List.of()));

        securityGroups.add(new SecurityGroup(v.clusterSecurityGroupId(), "eks-cluster-sg-" + c.name() + "-" + suffix(v.id())
                .substring(0, 8),
                "EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as"
                        + " any managed workloads.",
                v.id(), List.of(new Permission("-1", null, null, List.of(), List.of(v.clusterSecurityGroupId())))));
        List<String> allowed = v.apiIngressCidrs() == null ? remoteCidrs(c) : v.apiIngressCidrs();
        for (String sg : v.additionalSecurityGroupIds()) {
            List<Permission> ingress = allowed.isEmpty() ? List.of()
                    : List.of(new Permission("tcp", 443, 443, allowed.stream()
                            .map(cidr -> new IpRange(cidr, "Kubernetes API from hybrid nodes and pods")).toList(), List.of()));
            securityGroups.add(new SecurityGroup(sg, c.name() + "-additional", "Additional security group for " + c.name(),
                    v.id(), ingress));
        }
    }

    static String suffix(String id) {
        return id.substring(id.indexOf('-') + 1);
    }
}
