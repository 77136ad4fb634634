package dev.hybridpane.core.network;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.hybrid.HybridAwsPort;
import dev.hybridpane.core.network.ClusterNetworkPort.Cni;
import dev.hybridpane.core.network.ClusterNetworkPort.HybridNode;
import dev.hybridpane.core.network.ClusterNetworkPort.NodePodCidrs;
import dev.hybridpane.core.network.NetworkReadPort.DirectConnectGateway;
import dev.hybridpane.core.network.NetworkReadPort.RouteTable;
import dev.hybridpane.core.network.NetworkReadPort.TgwAttachment;
import dev.hybridpane.core.network.NetworkReadPort.TgwRoute;
import dev.hybridpane.core.network.NetworkReadPort.TgwRouteTable;
import dev.hybridpane.core.network.NetworkReadPort.TransitGateway;
import dev.hybridpane.core.network.NetworkReadPort.VirtualInterface;
import dev.hybridpane.core.network.NetworkReadPort.VpnConnection;
import dev.hybridpane.core.network.NetworkReadPort.VpnGateway;
import dev.hybridpane.core.pool.ActivationPort;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.SsmHygiene;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork.SecurityGroup;
import dev.hybridpane.domain.edge.Site;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * What one doctor run reads, each read made once and shared by the probes running in parallel (a failed read fails
 * every probe that needs it, with the same failure). Closes the cluster session it opened.
 */
final class DoctorReads implements AutoCloseable {
    private final Cluster cluster;
    private final AwsPort aws;
    private final NetworkReadPort network;
    private final HybridAwsPort hybrid;
    private final ActivationPort activations;
    private final ClusterNetworkPort clusterSide;
    private final Clock clock;
    private final Map<String, FutureTask<Object>> memo = new ConcurrentHashMap<>();

    DoctorReads(Cluster cluster, AwsPort aws, NetworkReadPort network, HybridAwsPort hybrid, ActivationPort activations,
            ClusterNetworkPort clusterSide, Clock clock) {
        this.cluster = cluster;
        this.aws = aws;
        this.network = network;
        this.hybrid = hybrid;
        this.activations = activations;
        this.clusterSide = clusterSide;
        this.clock = clock;
    }

    Cluster cluster() {
        return cluster;
    }

    String region() {
        return cluster.region();
    }

    Clock clock() {
        return clock;
    }

    HybridAwsPort hybrid() {
        return hybrid;
    }

    ActivationPort activations() {
        return activations;
    }

    @SuppressWarnings("unchecked")
    <T> T once(String key, Supplier<T> read) {
        FutureTask<Object> task = new FutureTask<>(read::get);
        FutureTask<Object> existing = memo.putIfAbsent(key, task);
        if (existing == null) {
            task.run();
            existing = task;
        }
        try {
            return (T) existing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + key, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** Whether a read was made and succeeded (the topology draws only what was read). */
    boolean readable(Supplier<?> read) {
        try {
            read.get();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    List<String> vpcCidrs() {
        return once("vpcCidrs", () -> network.vpcCidrs(region(), cluster.vpcId()));
    }

    List<RouteTable> vpcRouteTables() {
        return once("routeTables", () -> network.routeTables(region(), cluster.vpcId()));
    }

    /** The route tables the cluster's subnets use: their explicit association, else the VPC's main table. */
    List<RouteTable> clusterRouteTables() {
        List<RouteTable> all = vpcRouteTables();
        List<RouteTable> out = new ArrayList<>();
        boolean needMain = false;
        for (String subnet : cluster.subnetIds()) {
            RouteTable explicit = all.stream().filter(t -> t.subnetIds().contains(subnet)).findFirst().orElse(null);
            if (explicit == null) {
                needMain = true;
            } else if (!out.contains(explicit)) {
                out.add(explicit);
            }
        }
        if (needMain || cluster.subnetIds().isEmpty()) {
            all.stream().filter(RouteTable::main).filter(t -> !out.contains(t)).forEach(out::add);
        }
        return out;
    }

    /** The subnets of the cluster that use this route table (explicitly, or as the main table). */
    List<String> subnetsOf(RouteTable table) {
        List<RouteTable> all = vpcRouteTables();
        return cluster.subnetIds().stream().filter(s -> table.subnetIds().contains(s)
                || table.main() && all.stream().noneMatch(t -> t.subnetIds().contains(s))).toList();
    }

    List<TgwAttachment> tgwAttachments() {
        return once("tgwAttachments", () -> network.transitGatewayAttachments(region()));
    }

    /** The available (or pending) transit gateway attachments of the cluster's VPC. */
    List<TgwAttachment> vpcAttachments() {
        return tgwAttachments().stream().filter(a -> "vpc".equals(a.resourceType()) && cluster.vpcId().equals(a.resourceId()))
                .toList();
    }

    List<TransitGateway> transitGateways() {
        return once("tgws", () -> network.transitGateways(region(), List.of()));
    }

    List<TgwRouteTable> tgwRouteTables(String tgwId) {
        return once("tgwRouteTables:" + tgwId, () -> network.transitGatewayRouteTables(region(), tgwId));
    }

    List<TgwRoute> tgwRoutes(String routeTableId) {
        return once("tgwRoutes:" + routeTableId, () -> network.transitGatewayRoutes(region(), routeTableId));
    }

    List<VpnGateway> vpnGateways() {
        return once("vgws", () -> network.vpnGateways(region()));
    }

    List<VpnConnection> vpnConnections() {
        return once("vpns", () -> network.vpnConnections(region()));
    }

    List<DirectConnectGateway> dxGateways() {
        return once("dxgws", () -> network.directConnectGateways(region()));
    }

    List<VirtualInterface> virtualInterfaces() {
        return once("vifs", () -> network.virtualInterfaces(region()));
    }

    List<SecurityGroup> securityGroups() {
        List<String> ids = new ArrayList<>();
        if (cluster.clusterSecurityGroupId() != null && !cluster.clusterSecurityGroupId().isBlank()) {
            ids.add(cluster.clusterSecurityGroupId());
        }
        cluster.securityGroupIds().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return once("sgs", () -> ids.isEmpty() ? List.of() : network.securityGroups(region(), ids));
    }

    boolean vpcAttribute(String attribute) {
        return once("vpcAttribute:" + attribute, () -> network.vpcAttribute(region(), cluster.vpcId(), attribute));
    }

    private ClusterNetworkPort.Session session() {
        return once("session", () -> clusterSide.open(cluster));
    }

    List<PoolStore.Stored> pools() {
        return once("pools", () -> session().pools());
    }

    List<Site> sites() {
        return once("sites", () -> session().sites());
    }

    List<NodePodCidrs> nodePodCidrs() {
        return once("nodePodCidrs", () -> session().nodePodCidrs());
    }

    Cni cni() {
        return once("cni", () -> session().cni());
    }

    List<HybridNode> hybridNodes() {
        return once("hybridNodes", () -> session().hybridNodes());
    }

    List<AccessEntry> accessEntries() {
        return once("accessEntries", () -> aws.listAccessEntries(cluster.ref()));
    }

    List<ActivationPort.Activation> activationsOfCluster() {
        return once("activations", () -> activations.activationsTagged(region(), SsmHygiene.CLUSTER_TAG, cluster.arn()));
    }

    List<HybridAwsPort.TrustAnchor> trustAnchors() {
        return once("trustAnchors", () -> hybrid.listTrustAnchors(region()));
    }

    Optional<HybridAwsPort.IamRole> role(String name) {
        return once("role:" + name, () -> hybrid.getRole(name));
    }

    List<String> bgpConfigs() {
        return once("bgp", () -> session().bgpConfigs());
    }

    /** The subjects an area's unknown check is about: the VPC for the AWS side, nothing else yet. */
    List<String> subjectsOf(String area) {
        return "aws".equals(area) && cluster.vpcId() != null ? List.of(cluster.vpcId()) : List.of();
    }

    @Override
    public void close() {
        FutureTask<Object> s = memo.get("session");
        if (s != null && s.isDone()) {
            try {
                ((ClusterNetworkPort.Session) s.get()).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | RuntimeException e) {
                // never opened, or closing failed: nothing to release
            }
        }
    }
}
