package dev.hybridpane.core.network;

import java.util.Arrays;
import java.util.Optional;

/**
 * The AWS side of the network doctor's fixes: what each fix changes, and the read that tells whether it is already in
 * place (every step of the fix operation observes first). Failures are {@link dev.hybridpane.core.AwsFailure}s.
 */
public interface NetworkWritePort {
    /** Where a route goes, as the doctor's {@code create-route} fix names it ({@code targetKind}). */
    enum TargetKind {
        TRANSIT_GATEWAY("transitGateway"), VPN_GATEWAY("vpnGateway"), NETWORK_INTERFACE("networkInterface");

        private final String param;

        TargetKind(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }

        public static Optional<TargetKind> parse(String text) {
            return Arrays.stream(values()).filter(k -> k.param.equals(text)).findFirst();
        }
    }

    /** A route of a route table for one destination: its target (a gateway, attachment or interface id) and whether it is active. */
    record TableRoute(String destinationCidr, String targetId, boolean active) {
    }

    /** The route table's route for exactly this destination, if it has one (static or propagated). */
    Optional<TableRoute> route(String region, String routeTableId, String destinationCidr);

    void createRoute(String region, String routeTableId, String destinationCidr, TargetKind kind, String targetId);

    /** Points an existing (for example blackhole) route at the target. */
    void replaceRoute(String region, String routeTableId, String destinationCidr, TargetKind kind, String targetId);

    /** Whether the security group lets TCP 443 in from exactly this CIDR (a rule for all traffic counts). */
    boolean allowsHttps(String region, String groupId, String cidr);

    /** Adds the rule TCP 443 from the CIDR, with a description; a rule that exists already is no failure. */
    void authorizeHttps(String region, String groupId, String cidr, String description);

    /** The VPC's attribute {@code enableDnsHostnames} or {@code enableDnsSupport}. */
    boolean vpcAttribute(String region, String vpcId, String attribute);

    void enableVpcAttribute(String region, String vpcId, String attribute);

    /** Whether the VPN connection has a static route to the CIDR (pending or available). */
    boolean vpnStaticRoute(String region, String vpnConnectionId, String destinationCidr);

    void createVpnStaticRoute(String region, String vpnConnectionId, String destinationCidr);
}
