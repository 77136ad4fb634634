package dev.hybridpane.core.network;

import dev.hybridpane.domain.ClusterNetwork.SecurityGroup;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The fake world's EC2 reads, with route tables that block until released (a slow call to cancel during). */
final class SlowReads implements NetworkReadPort {
    private final FakeNetworkWorld w;
    private final CountDownLatch inside;
    private final CountDownLatch release;

    SlowReads(FakeNetworkWorld w, CountDownLatch inside, CountDownLatch release) {
        this.w = w;
        this.inside = inside;
        this.release = release;
    }

    @Override
    public List<String> vpcCidrs(String region, String vpcId) {
        return w.vpcCidrs(region, vpcId);
    }

    @Override
    public List<RouteTable> routeTables(String region, String vpcId) {
        inside.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return w.routeTables(region, vpcId);
    }

    @Override
    public List<TgwAttachment> transitGatewayAttachments(String region) {
        return w.transitGatewayAttachments(region);
    }

    @Override
    public List<TransitGateway> transitGateways(String region, List<String> ids) {
        return w.transitGateways(region, ids);
    }

    @Override
    public List<TgwRouteTable> transitGatewayRouteTables(String region, String transitGatewayId) {
        return w.transitGatewayRouteTables(region, transitGatewayId);
    }

    @Override
    public List<TgwRoute> transitGatewayRoutes(String region, String routeTableId) {
        return w.transitGatewayRoutes(region, routeTableId);
    }

    @Override
    public List<VpnGateway> vpnGateways(String region) {
        return w.vpnGateways(region);
    }

    @Override
    public List<VpnConnection> vpnConnections(String region) {
        return w.vpnConnections(region);
    }

    @Override
    public List<DirectConnectGateway> directConnectGateways(String region) {
        return w.directConnectGateways(region);
    }

    @Override
    public List<VirtualInterface> virtualInterfaces(String region) {
        return w.virtualInterfaces(region);
    }

    @Override
    public List<SecurityGroup> securityGroups(String region, List<String> groupIds) {
        return w.securityGroups(region, groupIds);
    }

    @Override
    public boolean vpcAttribute(String region, String vpcId, String attribute) {
        return w.vpcAttribute(region, vpcId, attribute);
    }
}
