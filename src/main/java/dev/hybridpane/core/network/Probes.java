package dev.hybridpane.core.network;

import java.util.List;

/** Every area the doctor checks, in report order. */
final class Probes {
    private Probes() {
    }

    static List<Probe> all() {
        return List.of(
                new Probe("aws.routes", "aws", "Routes to remote networks", RouteChecks::run),
                new Probe("aws.transit-gateway", "aws", "Transit gateway", TransitChecks::run),
                new Probe("aws.vpn", "aws", "VPN connections", VpnChecks::run),
                new Probe("aws.dx", "aws", "Direct Connect", DirectConnectChecks::run),
                new Probe("aws.sg-443", "aws", "Security groups", SecurityGroupChecks::run),
                new Probe("aws.vpc-dns", "aws", "VPC DNS settings", VpcChecks::dns),
                new Probe("aws.endpoint-access", "aws", "Endpoint access", VpcChecks::endpoint),
                new Probe("aws.access-entry", "aws", "Access entries", IdentityChecks::accessEntries),
                new Probe("aws.ssm-activation", "aws", "SSM activations", IdentityChecks::activations),
                new Probe("aws.trust-anchor", "aws", "Roles Anywhere trust anchors", IdentityChecks::trustAnchors),
                new Probe("cluster.pod-cidrs", "cluster", "Pod networking", PodNetworkChecks::run),
                new Probe("cluster.cni", "cluster", "CNI", CniChecks::run));
    }
}
