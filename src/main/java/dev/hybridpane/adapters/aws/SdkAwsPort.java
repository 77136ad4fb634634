package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.CallerIdentity;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * {@link AwsPort} on the AWS SDK v2 sync clients: paginators for every list, the SDK's default retries,
 * SDK types mapped to domain records, and every SDK exception translated to an {@link AwsFailure}.
 * The same class serves real profiles and the lab; only the {@link AwsClientFactory} differs.
 */
public final class SdkAwsPort implements AwsPort {
    private final AwsClientFactory clients;
    private final EksTokens tokens;
    private volatile String callerArn;

    public SdkAwsPort(AwsClientFactory clients) {
        this(clients, Clock.systemUTC());
    }

    /** {@code clock} sets the token's signing time and expiry. */
    public SdkAwsPort(AwsClientFactory clients, Clock clock) {
        this.clients = clients;
        this.tokens = new EksTokens(clock);
    }

    @Override
    public CallerIdentity callerIdentity() {
        GetCallerIdentityResponse r = call("sts:GetCallerIdentity", () -> clients.sts(clients.homeRegion()).getCallerIdentity());
        callerArn = r.arn();
        return new CallerIdentity(r.account(), r.arn(), r.userId());
    }

    @Override
    public List<String> listClusters(String region) {
        return call("eks:ListClusters", () -> {
            List<String> names = new ArrayList<>();
            clients.eks(region).listClustersPaginator(b -> { }).clusters().forEach(names::add);
            return List.copyOf(names);
        });
    }

    @Override
    public Cluster describeCluster(ClusterRef ref) {
        return call("eks:DescribeCluster",
                () -> SdkMapping.cluster(ref.region(), clients.eks(ref.region()).describeCluster(b -> b.name(ref.name())).cluster()));
    }

    @Override
    public List<AccessEntry> listAccessEntries(ClusterRef ref) {
        EksClient eks = clients.eks(ref.region());
        List<String> principals = call("eks:ListAccessEntries", () -> {
            List<String> out = new ArrayList<>();
            eks.listAccessEntriesPaginator(b -> b.clusterName(ref.name())).accessEntries().forEach(out::add);
            return out;
        });
        List<AccessEntry> entries = new ArrayList<>();
        for (String principal : principals) {
            entries.add(call("eks:DescribeAccessEntry", () -> SdkMapping.accessEntry(
                    eks.describeAccessEntry(b -> b.clusterName(ref.name()).principalArn(principal)).accessEntry())));
        }
        return List.copyOf(entries);
    }

    @Override
    public ClusterNetwork describeNetwork(String region, String vpcId, List<String> subnetIds, List<String> securityGroupIds) {
        Ec2Client ec2 = clients.ec2(region);
        Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
        List<Vpc> vpcs = call("ec2:DescribeVpcs", () -> ec2.describeVpcs(b -> b.vpcIds(vpcId)).vpcs());
        if (vpcs.isEmpty()) {
            throw new AwsFailure(FailureKind.NOT_FOUND, "ec2:DescribeVpcs", null,
                    "ec2:DescribeVpcs found nothing: the VPC " + vpcId + " does not exist in " + region, null);
        }
        List<ClusterNetwork.Subnet> subnets = call("ec2:DescribeSubnets", () -> {
            List<ClusterNetwork.Subnet> out = new ArrayList<>();
            var pages = subnetIds.isEmpty() ? ec2.describeSubnetsPaginator(b -> b.filters(inVpc))
                    : ec2.describeSubnetsPaginator(b -> b.subnetIds(subnetIds));
            pages.subnets().forEach(s -> out.add(SdkMapping.subnet(s)));
            return out;
        });
        List<ClusterNetwork.RouteTable> routeTables = call("ec2:DescribeRouteTables", () -> {
            List<ClusterNetwork.RouteTable> out = new ArrayList<>();
            ec2.describeRouteTablesPaginator(b -> b.filters(inVpc)).routeTables().forEach(t -> out.add(SdkMapping.routeTable(t)));
            return out;
        });
        List<ClusterNetwork.SecurityGroup> groups = securityGroupIds.isEmpty() ? List.of()
                : call("ec2:DescribeSecurityGroups", () -> {
                    List<ClusterNetwork.SecurityGroup> out = new ArrayList<>();
                    ec2.describeSecurityGroupsPaginator(b -> b.groupIds(securityGroupIds)).securityGroups()
                            .forEach(g -> out.add(SdkMapping.securityGroup(g)));
                    return out;
                });
        return new ClusterNetwork(SdkMapping.vpc(vpcs.get(0)), subnets, routeTables, groups);
    }

    @Override
    public EksToken eksToken(ClusterRef ref) {
        return call("sts:GetCallerIdentity (EKS token)", () -> tokens.create(clients.credentials().resolveCredentials(),
                ref.region(), ref.name(), clients.stsEndpoint(ref.region())));
    }

    private <T> T call(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (SdkException e) {
            String caller = callerArn != null ? callerArn : clients.label();
            throw AwsFailures.translate(operation, e, caller);
        }
    }

    @Override
    public void close() {
        clients.close();
    }
}
