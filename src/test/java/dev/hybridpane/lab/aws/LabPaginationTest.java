package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.ListAccessEntriesResponse;

/**
 * Every paginated call of the lab's EKS and EC2, through the SDK: a token the lab issued for that call pages on; a forged
 * one, one issued for another call (operation, region, cluster or filter) or a stale one is AWS's 400
 * (InvalidParameterException for EKS, InvalidPaginationToken for EC2), never a 500.
 */
class LabPaginationTest {
    static final String FORGED = Base64.getEncoder().encodeToString("lab-page:-1".getBytes(StandardCharsets.UTF_8));
    static final List<String> BAD = List.of(FORGED, "garbage", "AAAAAQAAAAAAAAAAAAAAAAAAAAA");

    AwsEmulator emulator;
    AwsClientFactory clients;
    EksClient eks;
    Ec2Client ec2;

    @BeforeEach
    void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "", 1);
        clients = AwsClientFactory.forEndpoint(emulator.start(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, "us-west-2");
        eks = clients.eks("us-west-2");
        ec2 = clients.ec2("us-west-2");
    }

    @AfterEach
    void stop() {
        clients.close();
        emulator.close();
    }

    static void refusedByEks(Runnable call) {
        InvalidParameterException e = catchThrowableOfType(InvalidParameterException.class, call::run);
        assertThat(e).as("refused with InvalidParameterException").isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("nextToken");
    }

    static void refusedByEc2(Runnable call) {
        Ec2Exception e = catchThrowableOfType(Ec2Exception.class, call::run);
        assertThat(e).as("refused by EC2").isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPaginationToken");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified pagination token is not valid or is expired.");
    }

    @Test
    void listClustersPagesWithItsOwnTokensOnly() {
        assertThat(eks.listClustersPaginator(b -> { }).clusters()).containsExactly("retail-edge", "payments");
        String token = eks.listClusters(b -> { }).nextToken();
        assertThat(token).isNotNull().doesNotContain("lab-page");
        assertThat(eks.listClusters(b -> b.nextToken(token)).clusters()).containsExactly("payments");
        BAD.forEach(t -> refusedByEks(() -> eks.listClusters(b -> b.nextToken(t))));
        EksClient frankfurt = clients.eks("eu-central-1");
        assertThat(frankfurt.listClusters(b -> b.maxResults(5)).clusters()).containsExactly("factory-floor");
        refusedByEks(() -> frankfurt.listClusters(b -> b.nextToken(token)));
        refusedByEks(() -> eks.listAddons(b -> b.clusterName("retail-edge").nextToken(token)));
    }

    @Test
    void listAccessEntriesTokensAreBoundToTheirCluster() {
        List<String> all = new ArrayList<>();
        eks.listAccessEntriesPaginator(b -> b.clusterName("retail-edge")).accessEntries().forEach(all::add);
        assertThat(all).hasSize(4).contains("arn:aws:iam::111122223333:role/retail-edge-hybrid-ssm");
        ListAccessEntriesResponse first = eks.listAccessEntries(b -> b.clusterName("retail-edge"));
        assertThat(eks.listAccessEntries(b -> b.clusterName("retail-edge").nextToken(first.nextToken())).accessEntries())
                .containsExactly(all.get(1));
        BAD.forEach(t -> refusedByEks(() -> eks.listAccessEntries(b -> b.clusterName("retail-edge").nextToken(t))));
        refusedByEks(() -> eks.listAccessEntries(b -> b.clusterName("payments").nextToken(first.nextToken())));
    }

    @Test
    void aStaleTokenPastTheEndIsRefused() {
        List<String> pages = new ArrayList<>();
        String token = null;
        for (int i = 0; i < 3; i++) {
            String t = token;
            ListAccessEntriesResponse r = eks.listAccessEntries(b -> b.clusterName("retail-edge").nextToken(t));
            pages.addAll(r.accessEntries());
            token = r.nextToken();
        }
        String third = token;
        assertThat(eks.listAccessEntries(b -> b.clusterName("retail-edge").nextToken(third)).accessEntries()).hasSize(1);
        for (String arn : pages) {
            eks.deleteAccessEntry(b -> b.clusterName("retail-edge").principalArn(arn));
        }
        refusedByEks(() -> eks.listAccessEntries(b -> b.clusterName("retail-edge").nextToken(third)));
    }

    @Test
    void listUpdatesAndListAddonsPage() {
        assertThat(eks.listAddonsPaginator(b -> b.clusterName("retail-edge")).addons())
                .containsExactly("vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent");
        String addonToken = eks.listAddons(b -> b.clusterName("retail-edge")).nextToken();
        assertThat(eks.listAddons(b -> b.clusterName("retail-edge").nextToken(addonToken)).addons()).containsExactly("coredns");
        refusedByEks(() -> eks.listAddons(b -> b.clusterName("payments").nextToken(addonToken)));
        BAD.forEach(t -> refusedByEks(() -> eks.listAddons(b -> b.clusterName("retail-edge").nextToken(t))));

        eks.updateClusterConfig(b -> b.name("payments").remoteNetworkConfig(n -> n.remoteNodeNetworks(r -> r.cidrs("192.168.0.0/16"))));
        assertThat(eks.listUpdatesPaginator(b -> b.name("payments")).updateIds()).hasSize(1);
        BAD.forEach(t -> refusedByEks(() -> eks.listUpdates(b -> b.name("payments").nextToken(t))));
        refusedByEks(() -> eks.listUpdates(b -> b.name("payments").nextToken(addonToken)));
    }

    /** One EC2 Describe call: all items through the SDK's paginator, one page, and a page from a token. */
    <R, T> void ec2Pages(Function<String, R> page, Function<R, List<T>> items, Function<R, String> next, int total) {
        R first = page.apply(null);
        assertThat(items.apply(first)).hasSize(1);
        List<T> all = new ArrayList<>(items.apply(first));
        String token = next.apply(first);
        while (token != null) {
            R r = page.apply(token);
            all.addAll(items.apply(r));
            token = next.apply(r);
        }
        assertThat(all).hasSize(total).doesNotHaveDuplicates();
        BAD.forEach(t -> refusedByEc2(() -> page.apply(t)));
    }

    @Test
    void ec2DescribeCallsPageAndRefuseOtherTokens() {
        ec2Pages(t -> ec2.describeVpcs(b -> b.maxResults(1).nextToken(t)), DescribeVpcsResponse::vpcs,
                DescribeVpcsResponse::nextToken, 2);
        ec2Pages(t -> ec2.describeSubnets(b -> b.maxResults(1).nextToken(t)), DescribeSubnetsResponse::subnets,
                DescribeSubnetsResponse::nextToken, 5);
        ec2Pages(t -> ec2.describeRouteTables(b -> b.maxResults(1).nextToken(t)), DescribeRouteTablesResponse::routeTables,
                DescribeRouteTablesResponse::nextToken, ec2.describeRouteTables().routeTables().size());
        ec2Pages(t -> ec2.describeSecurityGroups(b -> b.maxResults(1).nextToken(t)),
                DescribeSecurityGroupsResponse::securityGroups, DescribeSecurityGroupsResponse::nextToken,
                ec2.describeSecurityGroups().securityGroups().size());
        assertThat(ec2.describeSubnetsPaginator(b -> b.maxResults(1)).subnets().stream().map(Subnet::subnetId)).hasSize(5);
        assertThat(ec2.describeVpcsPaginator(b -> b.maxResults(1)).vpcs().stream().map(Vpc::vpcId)).hasSize(2);

        String subnetToken = ec2.describeSubnets(b -> b.maxResults(1)).nextToken();
        refusedByEc2(() -> ec2.describeVpcs(b -> b.maxResults(1).nextToken(subnetToken)));
        Filter retail = Filter.builder().name("vpc-id").values("vpc-0a1b2c3d4e5f60718").build();
        Filter payments = Filter.builder().name("vpc-id").values("vpc-0b2c3d4e5f6071829").build();
        String retailToken = ec2.describeSubnets(b -> b.maxResults(1).filters(retail)).nextToken();
        assertThat(ec2.describeSubnets(b -> b.maxResults(1).filters(retail).nextToken(retailToken)).subnets()).hasSize(1);
        refusedByEc2(() -> ec2.describeSubnets(b -> b.maxResults(1).filters(payments).nextToken(retailToken)));
        Ec2Client frankfurt = clients.ec2("eu-central-1");
        refusedByEc2(() -> frankfurt.describeSubnets(b -> b.maxResults(1).nextToken(subnetToken)));
    }
}
