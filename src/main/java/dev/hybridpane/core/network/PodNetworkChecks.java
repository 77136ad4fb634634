package dev.hybridpane.core.network;

import dev.hybridpane.core.network.ClusterNetworkPort.HybridNode;
import dev.hybridpane.core.network.ClusterNetworkPort.NodePodCidrs;
import dev.hybridpane.core.network.NetworkReadPort.RouteTable;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorFix;
import dev.hybridpane.domain.network.DoctorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pod networking: every hybrid node's pod CIDRs (CiliumNode spec.ipam.podCIDRs, Calico blocks) sit inside a remote pod
 * network, the VPC routes that network, and on-prem routers learn the per-node CIDRs (BGP from the CNI, or static routes
 * the network team sets, for which the fix gives the exact lines).
 */
final class PodNetworkChecks {
    private PodNetworkChecks() {
    }

    static List<DoctorCheck> run(DoctorReads reads) {
        Cluster c = reads.cluster();
        List<HybridNode> nodes = reads.hybridNodes();
        Set<String> hybrid = nodes.stream().map(HybridNode::name).collect(Collectors.toSet());
        List<NodePodCidrs> all = reads.nodePodCidrs().stream().filter(n -> hybrid.contains(n.node())).toList();
        List<DoctorCheck> out = new ArrayList<>();
        for (NodePodCidrs n : all) {
            out.add(node(reads, n));
        }
        if (!all.isEmpty()) {
            out.add(bgp(reads, nodes, all));
        } else if (!nodes.isEmpty()) {
            out.add(new DoctorCheck("cluster.pod-cidrs", "cluster", "Pod CIDRs of hybrid nodes", List.of(), DoctorStatus.WARN,
                    "No pod CIDR is allocated to the " + nodes.size() + " hybrid nodes (no CiliumNode or Calico block names"
                            + " them): is the CNI running on them?", List.of(), DoctorFix.NONE));
        }
        if (c.remotePodCidrs().isEmpty() && !nodes.isEmpty()) {
            out.add(new DoctorCheck("cluster.remote-pod-networks", "cluster", "Remote pod networks", List.of(c.vpcId()),
                    DoctorStatus.WARN, "The cluster has no remote pod network: the control plane cannot reach pods on"
                    + " hybrid nodes, so webhooks on them and kubectl logs/exec break.", List.of(),
                    DoctorFix.manual("Add the pod CIDRs the CNI allocates on-prem as remote pod networks.",
                            "aws eks update-cluster-config --region " + c.region() + " --name " + c.name()
                                    + " --remote-network-config '{\"remoteNodeNetworks\":[{\"cidrs\":"
                                    + json(c.remoteNodeCidrs()) + "}],\"remotePodNetworks\":[{\"cidrs\":[\"POD_CIDR\"]}]}'")));
        }
        return out;
    }

    private static DoctorCheck node(DoctorReads reads, NodePodCidrs n) {
        Cluster c = reads.cluster();
        String id = "cluster.pod-cidrs@" + n.node();
        List<String> evidence = new ArrayList<>();
        evidence.add(n.source() + " " + n.node() + ": " + String.join(", ", n.cidrs()));
        evidence.add("remote pod networks: " + (c.remotePodCidrs().isEmpty() ? "(none)" : String.join(", ", c.remotePodCidrs())));
        List<String> subjects = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        List<String> unrouted = new ArrayList<>();
        List<RouteTable> tables = tablesOrNull(reads);
        for (String cidr : n.cidrs()) {
            Optional<String> net = c.remotePodCidrs().stream().filter(p -> Cidrs.contains(p, cidr)).findFirst();
            if (net.isEmpty()) {
                outside.add(cidr);
                continue;
            }
            Sites.of(reads, net.get()).map(s -> "site:" + s).filter(s -> !subjects.contains(s)).ifPresent(subjects::add);
            if (tables != null) {
                for (RouteTable t : tables) {
                    Optional<NetworkReadPort.Route> r = RouteChecks.routeFor(t, cidr);
                    evidence.add(r.map(x -> RouteChecks.line(t, x) + " covers " + cidr).orElse(t.id() + ": no route for " + cidr));
                    if (r.isEmpty() || !r.get().active() || !RouteChecks.GOOD_TARGETS.contains(r.get().targetKind())) {
                        unrouted.add(cidr + " in " + t.id());
                    }
                }
            }
        }
        if (!outside.isEmpty()) {
            return new DoctorCheck(id, "cluster", "Pod CIDRs of " + n.node(), subjects, DoctorStatus.FAIL, n.node() + "'s pod CIDR "
                    + String.join(", ", outside) + " is outside every remote pod network: the VPC never routes it back,"
                    + " so webhooks and kubectl logs/exec on its pods break.", evidence,
                    DoctorFix.manual("Allocate hybrid nodes' pod CIDRs from a remote pod network (the CNI's IPAM pool), or"
                            + " add this range as a remote pod network.", CniChecks.ipamSnippet(reads)));
        }
        if (!unrouted.isEmpty()) {
            return new DoctorCheck(id, "cluster", "Pod CIDRs of " + n.node(), subjects, DoctorStatus.FAIL, "The VPC does not"
                    + " route " + String.join("; ", unrouted) + " to the site: webhooks served on " + n.node()
                    + " and kubectl logs/exec for its pods break.", evidence,
                    DoctorFix.manual("Add the missing route (see the aws.routes checks of this pod network and their fix).", ""));
        }
        if (tables == null) {
            return DoctorCheck.unknown(id, "cluster", "Pod CIDRs of " + n.node(), subjects, tablesUnread(reads));
        }
        return new DoctorCheck(id, "cluster", "Pod CIDRs of " + n.node(), subjects, DoctorStatus.PASS, n.node() + "'s pod CIDRs "
                + String.join(", ", n.cidrs()) + " sit in the remote pod networks and the VPC routes them.", evidence,
                DoctorFix.NONE);
    }

    private static DoctorCheck bgp(DoctorReads reads, List<HybridNode> nodes, List<NodePodCidrs> cidrs) {
        List<String> configs;
        try {
            configs = reads.bgpConfigs();
        } catch (RuntimeException e) {
            return DoctorCheck.unknown("cluster.pod-routes", "cluster", "On-prem routes to pods", List.of(), Probe.why(e));
        }
        Map<String, String> ips = nodes.stream().collect(Collectors.toMap(HybridNode::name, HybridNode::internalIp, (a, b) -> a));
        List<String> evidence = new ArrayList<>();
        evidence.add("BGP configuration: " + (configs.isEmpty() ? "(none)" : String.join(", ", configs)));
        cidrs.forEach(n -> evidence.add(n.node() + " (" + ips.getOrDefault(n.node(), "") + "): " + String.join(", ", n.cidrs())));
        List<String> subjects = new ArrayList<>();
        cidrs.forEach(n -> n.cidrs().forEach(x -> Sites.of(reads, x).map(s -> "site:" + s)
                .filter(s -> !subjects.contains(s)).ifPresent(subjects::add)));
        if (!configs.isEmpty()) {
            return new DoctorCheck("cluster.pod-routes", "cluster", "On-prem routes to pods", subjects, DoctorStatus.PASS,
                    "The CNI advertises the nodes' pod CIDRs over BGP (" + String.join(", ", configs) + ").", evidence,
                    DoctorFix.NONE);
        }
        StringBuilder snippet = new StringBuilder("# on the on-prem router of each site (Linux syntax; one line per node)\n");
        for (NodePodCidrs n : cidrs) {
            for (String x : n.cidrs()) {
                snippet.append("ip route replace ").append(x).append(" via ")
                        .append(ips.getOrDefault(n.node(), "").isBlank() ? "NODE_IP_OF_" + n.node() : ips.get(n.node()))
                        .append("   # ").append(n.node()).append('\n');
            }
        }
        return new DoctorCheck("cluster.pod-routes", "cluster", "On-prem routes to pods", subjects, DoctorStatus.WARN,
                "No BGP configuration advertises the nodes' pod CIDRs: the on-prem routers need a static route per node, or"
                        + " webhooks and kubectl logs/exec break (not readable from here).", evidence,
                DoctorFix.manual("Have the network team route each node's pod CIDR to that node (or enable the CNI's BGP"
                        + " control plane peering with the site's router).", snippet.toString().strip()));
    }

    private static List<RouteTable> tablesOrNull(DoctorReads reads) {
        try {
            return reads.clusterRouteTables();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Why the route tables could not be read ("missing permission ec2:DescribeRouteTables"). */
    private static String tablesUnread(DoctorReads reads) {
        try {
            reads.clusterRouteTables();
            return "the VPC's route tables could not be read";
        } catch (RuntimeException e) {
            return Probe.why(e);
        }
    }

    static String json(List<String> cidrs) {
        return cidrs.stream().map(x -> "\"" + x + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
