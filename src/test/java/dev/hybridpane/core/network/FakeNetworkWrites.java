package dev.hybridpane.core.network;

import dev.hybridpane.core.pool.CniDaemonSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An EC2 network and a CNI DaemonSet in memory, recording every write; {@link #failNext} makes the next write fail. */
final class FakeNetworkWrites implements NetworkWritePort, CniAffinityPort {
    final Map<String, TableRoute> routes = new HashMap<>();
    final Set<String> rules = new HashSet<>();
    final Set<String> attributes = new HashSet<>();
    final Set<String> vpnRoutes = new HashSet<>();
    final Map<String, CniDaemonSet> daemonSets = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    String failNext;

    private void write(String call) {
        if (failNext != null) {
            String why = failNext;
            failNext = null;
            throw new IllegalStateException(why);
        }
        writes.add(call);
    }

    @Override
    public Optional<TableRoute> route(String region, String routeTableId, String destinationCidr) {
        return Optional.ofNullable(routes.get(routeTableId + " " + destinationCidr));
    }

    @Override
    public void createRoute(String region, String routeTableId, String destinationCidr, TargetKind kind, String targetId) {
        write("CreateRoute " + routeTableId + " " + destinationCidr + " " + kind.param() + " " + targetId);
        routes.put(routeTableId + " " + destinationCidr, new TableRoute(destinationCidr, targetId, true));
    }

    @Override
    public void replaceRoute(String region, String routeTableId, String destinationCidr, TargetKind kind, String targetId) {
        write("ReplaceRoute " + routeTableId + " " + destinationCidr + " " + kind.param() + " " + targetId);
        routes.put(routeTableId + " " + destinationCidr, new TableRoute(destinationCidr, targetId, true));
    }

    @Override
    public boolean allowsHttps(String region, String groupId, String cidr) {
        return rules.contains(groupId + " " + cidr);
    }

    @Override
    public void authorizeHttps(String region, String groupId, String cidr, String description) {
        write("AuthorizeSecurityGroupIngress " + groupId + " " + cidr);
        rules.add(groupId + " " + cidr);
    }

    @Override
    public boolean vpcAttribute(String region, String vpcId, String attribute) {
        return attributes.contains(vpcId + " " + attribute);
    }

    @Override
    public void enableVpcAttribute(String region, String vpcId, String attribute) {
        write("ModifyVpcAttribute " + vpcId + " " + attribute);
        attributes.add(vpcId + " " + attribute);
    }

    @Override
    public boolean vpnStaticRoute(String region, String vpnConnectionId, String destinationCidr) {
        return vpnRoutes.contains(vpnConnectionId + " " + destinationCidr);
    }

    @Override
    public void createVpnStaticRoute(String region, String vpnConnectionId, String destinationCidr) {
        write("CreateVpnConnectionRoute " + vpnConnectionId + " " + destinationCidr);
        vpnRoutes.add(vpnConnectionId + " " + destinationCidr);
    }

    @Override
    public Optional<CniDaemonSet> daemonSet(String namespace, String name) {
        return Optional.ofNullable(daemonSets.get(namespace + "/" + name));
    }

    @Override
    public void patch(String namespace, String name, String jsonPatch) {
        write("patch " + namespace + "/" + name + " " + jsonPatch);
        CniDaemonSet d = daemonSets.get(namespace + "/" + name);
        List<CniDaemonSet.Term> terms = new ArrayList<>(d.requiredTerms());
        terms.add(new CniDaemonSet.Term(List.of(new CniDaemonSet.Requirement("eks.amazonaws.com/compute-type", "In", List.of("hybrid")))));
        daemonSets.put(namespace + "/" + name, new CniDaemonSet(namespace, name, d.nodeSelector(), terms, d.tolerations()));
    }
}
