package dev.hybridpane.adapters.aws;

import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.IpFamily;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.eks.model.AccessConfigResponse;
import software.amazon.awssdk.services.eks.model.RemoteNetworkConfigResponse;
import software.amazon.awssdk.services.eks.model.RemoteNodeNetwork;
import software.amazon.awssdk.services.eks.model.RemotePodNetwork;
import software.amazon.awssdk.services.eks.model.VpcConfigResponse;

/** SDK model types to domain records, at the adapter boundary. Null-tolerant: AWS omits what is unset. */
final class SdkMapping {
    private SdkMapping() {
    }

    static Cluster cluster(String region, software.amazon.awssdk.services.eks.model.Cluster c) {
        VpcConfigResponse vpc = c.resourcesVpcConfig();
        boolean pub = vpc != null && Boolean.TRUE.equals(vpc.endpointPublicAccess());
        boolean priv = vpc != null && Boolean.TRUE.equals(vpc.endpointPrivateAccess());
        RemoteNetworkConfigResponse remote = c.remoteNetworkConfig();
        List<String> nodeCidrs = remote == null ? List.of()
                : remote.remoteNodeNetworks().stream().map(RemoteNodeNetwork::cidrs).flatMap(List::stream).toList();
        List<String> podCidrs = remote == null ? List.of()
                : remote.remotePodNetworks().stream().map(RemotePodNetwork::cidrs).flatMap(List::stream).toList();
        return new Cluster(
                new ClusterRef(region, c.name()),
                c.arn(),
                c.version(),
                c.statusAsString(),
                c.endpoint(),
                EndpointAccess.of(pub, priv),
                authenticationMode(c.accessConfig()),
                IpFamily.parse(c.kubernetesNetworkConfig() == null ? null : c.kubernetesNetworkConfig().ipFamilyAsString()),
                vpc == null ? null : vpc.vpcId(),
                vpc == null ? List.of() : vpc.subnetIds(),
                vpc == null ? List.of() : vpc.securityGroupIds(),
                vpc == null ? null : vpc.clusterSecurityGroupId(),
                c.kubernetesNetworkConfig() == null ? null : c.kubernetesNetworkConfig().serviceIpv4Cidr(),
                nodeCidrs,
                podCidrs,
                c.certificateAuthority() == null ? null : c.certificateAuthority().data(),
                c.createdAt(),
                c.tags());
    }

    /**
     * EKS's default authentication mode is CONFIG_MAP: a cluster that reports no accessConfig (created before access
     * entries existed, or an emulator's) or no mode in it authenticates with the aws-auth ConfigMap only.
     */
    static AuthenticationMode authenticationMode(AccessConfigResponse access) {
        String mode = access == null ? null : access.authenticationModeAsString();
        return mode == null || mode.isBlank() ? AuthenticationMode.CONFIG_MAP : AuthenticationMode.parse(mode);
    }

    static AccessEntry accessEntry(software.amazon.awssdk.services.eks.model.AccessEntry e) {
        return new AccessEntry(e.principalArn(), e.type(), e.username(), e.kubernetesGroups());
    }

    static ClusterNetwork.Vpc vpc(Vpc v) {
        List<String> cidrs = v.cidrBlockAssociationSet().stream()
                .filter(a -> a.cidrBlockState() == null || "associated".equals(a.cidrBlockState().stateAsString()))
                .map(VpcCidrBlockAssociation::cidrBlock).toList();
        if (cidrs.isEmpty() && v.cidrBlock() != null) {
            cidrs = List.of(v.cidrBlock());
        }
        return new ClusterNetwork.Vpc(v.vpcId(), cidrs, name(v.tags()));
    }

    static ClusterNetwork.Subnet subnet(Subnet s) {
        return new ClusterNetwork.Subnet(s.subnetId(), s.cidrBlock(), s.availabilityZone(), name(s.tags()));
    }

    static ClusterNetwork.RouteTable routeTable(RouteTable t) {
        List<ClusterNetwork.Route> routes = t.routes().stream().map(SdkMapping::route).toList();
        List<String> subnets = t.associations().stream().map(RouteTableAssociation::subnetId).filter(Objects::nonNull).toList();
        return new ClusterNetwork.RouteTable(t.routeTableId(), routes, subnets);
    }

    static ClusterNetwork.Route route(Route r) {
        String destination = first(r.destinationCidrBlock(), r.destinationIpv6CidrBlock(), r.destinationPrefixListId());
        String target = first(r.gatewayId(), r.transitGatewayId(), r.natGatewayId(), r.networkInterfaceId(),
                r.vpcPeeringConnectionId(), r.instanceId(), r.localGatewayId(), r.carrierGatewayId(),
                r.egressOnlyInternetGatewayId(), r.coreNetworkArn());
        return new ClusterNetwork.Route(destination, target, r.stateAsString());
    }

    static ClusterNetwork.SecurityGroup securityGroup(SecurityGroup g) {
        List<ClusterNetwork.IngressRule> ingress = g.ipPermissions().stream().map(SdkMapping::ingress).toList();
        return new ClusterNetwork.SecurityGroup(g.groupId(), g.groupName(), g.description(), ingress);
    }

    static ClusterNetwork.IngressRule ingress(IpPermission p) {
        return new ClusterNetwork.IngressRule(p.ipProtocol(), p.fromPort() == null ? -1 : p.fromPort(),
                p.toPort() == null ? -1 : p.toPort(), p.ipRanges().stream().map(IpRange::cidrIp).toList());
    }

    private static String name(List<Tag> tags) {
        return tags.stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    private static String first(String... values) {
        return Stream.of(values).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
