package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.CallerIdentity;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.IpFamily;
import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.aws.Fault;
import dev.hybridpane.lab.aws.LabCredentials;
import dev.hybridpane.lab.aws.SigV4Verifier;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The production adapter, through the real SDK, against the lab's AWS emulator. */
class AwsSdkPortTest {
    static final String TEST_KEY = "AKIATESTKEY000000000";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETKEY";
    static final String RETAIL_API = "http://127.0.0.1:6443";
    static AwsEmulator emulator;
    static SdkAwsPort port;

    @BeforeAll
    static void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of("us-west-2/retail-edge", RETAIL_API), "Q0EtREFUQQ==", 1);
        URI endpoint = emulator.start();
        // a second key of the lab user, issued by the lab's account, so the secret here is this test's own
        emulator.credentials().issue(TEST_KEY, SigV4Verifier.Secret.longTerm(SECRET),
                emulator.credentials().principalArn(LabCredentials.LAB_ACCESS_KEY_ID).orElseThrow());
        port = new SdkAwsPort(AwsClientFactory.forEndpoint(endpoint, TEST_KEY, SECRET, "us-west-2"));
    }

    @AfterAll
    static void stop() {
        port.close();
        emulator.close();
    }

    @AfterEach
    void noFaults() {
        emulator.clearFaults();
    }

    @Test
    void callerIdentityIsTheLabUser() {
        CallerIdentity id = port.callerIdentity();
        assertThat(id.account()).isEqualTo("111122223333");
        assertThat(id.arn()).isEqualTo("arn:aws:iam::111122223333:user/lab-admin");
        assertThat(id.userId()).startsWith("AIDA");
    }

    @Test
    void listClustersFollowsEveryPage() {
        int before = emulator.inspect().requestCount("eks:ListClusters");
        assertThat(port.listClusters("us-west-2")).containsExactly("retail-edge", "payments");
        assertThat(emulator.inspect().requestCount("eks:ListClusters") - before).as("one page per cluster").isEqualTo(2);
        assertThat(port.listClusters("eu-central-1")).containsExactly("factory-floor", "warehouse-edge");
        assertThat(port.listClusters("ap-south-1")).isEmpty();
    }

    @Test
    void describeClusterMapsAHybridCluster() {
        Cluster c = port.describeCluster(new ClusterRef("us-west-2", "retail-edge"));
        assertThat(c.arn()).isEqualTo("arn:aws:eks:us-west-2:111122223333:cluster/retail-edge");
        assertThat(c.version()).isEqualTo("1.31");
        assertThat(c.status()).isEqualTo("ACTIVE");
        assertThat(c.endpoint()).isEqualTo(RETAIL_API);
        assertThat(c.certificateAuthority()).isEqualTo("Q0EtREFUQQ==");
        assertThat(c.endpointAccess()).isEqualTo(EndpointAccess.PRIVATE);
        assertThat(c.authenticationMode()).isEqualTo(AuthenticationMode.API_AND_CONFIG_MAP);
        assertThat(c.ipFamily()).isEqualTo(IpFamily.IPV4);
        assertThat(c.vpcId()).isEqualTo("vpc-0a1b2c3d4e5f60718");
        assertThat(c.subnetIds()).hasSize(3);
        assertThat(c.securityGroupIds()).containsExactly("sg-0d2b3c4d5e6f70812");
        assertThat(c.clusterSecurityGroupId()).isEqualTo("sg-0c1a2b3c4d5e6f701");
        assertThat(c.serviceCidr()).isEqualTo("172.20.0.0/16");
        assertThat(c.remoteNodeCidrs()).containsExactly("10.200.0.0/16");
        assertThat(c.remotePodCidrs()).containsExactly("10.201.0.0/16");
        assertThat(c.hybridEnabled()).isTrue();
        assertThat(c.createdAt()).isNotNull();
        assertThat(c.tags()).containsEntry("team", "platform");
    }

    @Test
    void describeClusterMapsNonHybridClusters() {
        Cluster payments = port.describeCluster(new ClusterRef("us-west-2", "payments"));
        assertThat(payments.endpointAccess()).isEqualTo(EndpointAccess.PUBLIC);
        assertThat(payments.authenticationMode()).isEqualTo(AuthenticationMode.API);
        assertThat(payments.hybridEnabled()).isFalse();
        assertThat(payments.remotePodCidrs()).isEmpty();
        assertThat(payments.endpoint()).as("no lab API server was given for it").isNull();
        Cluster factory = port.describeCluster(new ClusterRef("eu-central-1", "factory-floor"));
        assertThat(factory.endpointAccess()).isEqualTo(EndpointAccess.PUBLIC_AND_PRIVATE);
    }

    @Test
    void listAccessEntriesDescribesEachEntryAcrossPages() {
        int before = emulator.inspect().requestCount("eks:ListAccessEntries");
        List<AccessEntry> entries = port.listAccessEntries(new ClusterRef("us-west-2", "retail-edge"));
        assertThat(emulator.inspect().requestCount("eks:ListAccessEntries") - before).isEqualTo(4);
        assertThat(entries).extracting(AccessEntry::type).containsExactly("HYBRID_LINUX", "HYBRID_LINUX", "EC2_LINUX", "STANDARD");
        AccessEntry hybrid = entries.get(0);
        assertThat(hybrid.principalArn()).isEqualTo("arn:aws:iam::111122223333:role/retail-edge-hybrid-ssm");
        assertThat(hybrid.username()).isEqualTo("system:node:{{SessionName}}");
        assertThat(hybrid.kubernetesGroups()).isEmpty();
    }

    @Test
    void describeNetworkShowsRoutesToTheTransitGatewayAndThe443Rule() {
        Cluster c = port.describeCluster(new ClusterRef("us-west-2", "retail-edge"));
        List<String> groups = List.of(c.clusterSecurityGroupId(), c.securityGroupIds().get(0));
        ClusterNetwork n = port.describeNetwork("us-west-2", c.vpcId(), c.subnetIds(), groups);
        assertThat(n.vpc().cidrs()).containsExactly("10.100.0.0/16");
        assertThat(n.vpc().name()).isEqualTo("retail-edge-vpc");
        assertThat(n.subnets()).extracting(ClusterNetwork.Subnet::cidr)
                .containsExactly("10.100.0.0/19", "10.100.32.0/19", "10.100.64.0/19");
        assertThat(n.routeTables()).hasSize(1);
        ClusterNetwork.RouteTable rt = n.routeTables().get(0);
        assertThat(rt.subnetIds()).containsExactlyElementsOf(c.subnetIds());
        assertThat(rt.routes()).contains(new ClusterNetwork.Route("10.100.0.0/16", "local", "active"),
                new ClusterNetwork.Route("10.200.0.0/16", "tgw-04e5f6a7b8c9d0e1f", "active"),
                new ClusterNetwork.Route("10.201.0.0/16", "tgw-04e5f6a7b8c9d0e1f", "active"));
        assertThat(n.securityGroups()).extracting(ClusterNetwork.SecurityGroup::id).containsExactlyElementsOf(groups);
        ClusterNetwork.SecurityGroup additional = n.securityGroups().get(1);
        assertThat(additional.ingress()).contains(
                new ClusterNetwork.IngressRule("tcp", 443, 443, List.of("10.200.0.0/16", "10.201.0.0/16")));
    }

    @Test
    void describeNetworkOfANonHybridVpcHasOnlyTheLocalRoute() {
        Cluster c = port.describeCluster(new ClusterRef("us-west-2", "payments"));
        ClusterNetwork n = port.describeNetwork("us-west-2", c.vpcId(), List.of(), List.of(c.clusterSecurityGroupId()));
        assertThat(n.subnets()).hasSize(2);
        assertThat(n.routeTables()).singleElement().satisfies(rt ->
                assertThat(rt.routes()).containsExactly(new ClusterNetwork.Route("10.110.0.0/16", "local", "active")));
    }

    @Test
    void unknownClusterIsNotFound() {
        AwsFailure f = catchThrowableOfType(AwsFailure.class,
                () -> port.describeCluster(new ClusterRef("us-west-2", "no-such-cluster")));
        assertThat(f.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(f.errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(f.operation()).isEqualTo("eks:DescribeCluster");
        assertThat(f.getMessage()).contains("eks:DescribeCluster").contains("No cluster found for name: no-such-cluster.");
    }

    @Test
    void unknownVpcIsNotFound() {
        AwsFailure f = catchThrowableOfType(AwsFailure.class,
                () -> port.describeNetwork("us-west-2", "vpc-0000000000000dead", List.of(), List.of()));
        assertThat(f.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(f.errorCode()).isEqualTo("InvalidVpcID.NotFound");
    }

    @Test
    void accessDeniedNamesTheOperationAndTheCaller() {
        port.callerIdentity();
        emulator.failNext("eks:DescribeCluster", Fault.ACCESS_DENIED);
        AwsFailure f = catchThrowableOfType(AwsFailure.class,
                () -> port.describeCluster(new ClusterRef("us-west-2", "retail-edge")));
        assertThat(f.kind()).isEqualTo(FailureKind.ACCESS_DENIED);
        assertThat(f.errorCode()).isEqualTo("AccessDeniedException");
        assertThat(f.getMessage()).startsWith("eks:DescribeCluster was denied for arn:aws:iam::111122223333:user/lab-admin")
                .contains("is not authorized to perform: eks:DescribeCluster");
        // the fault was one-shot
        assertThat(port.describeCluster(new ClusterRef("us-west-2", "retail-edge")).name()).isEqualTo("retail-edge");
    }

    @Test
    void ec2UnauthorizedOperationIsAccessDenied() {
        emulator.setFault("ec2:DescribeVpcs", Fault.ACCESS_DENIED);
        AwsFailure f = catchThrowableOfType(AwsFailure.class,
                () -> port.describeNetwork("us-west-2", "vpc-0a1b2c3d4e5f60718", List.of(), List.of()));
        assertThat(f.kind()).isEqualTo(FailureKind.ACCESS_DENIED);
        assertThat(f.errorCode()).isEqualTo("UnauthorizedOperation");
        assertThat(f.getMessage()).contains("ec2:DescribeVpcs");
    }

    @Test
    void throttlingOnceIsRiddenThroughBySdkRetries() {
        int before = emulator.inspect().requestCount("eks:DescribeCluster");
        emulator.failNext("eks:DescribeCluster", Fault.THROTTLING);
        assertThat(port.describeCluster(new ClusterRef("us-west-2", "payments")).name()).isEqualTo("payments");
        assertThat(emulator.inspect().requestCount("eks:DescribeCluster") - before).isEqualTo(2);

        int vpcsBefore = emulator.inspect().requestCount("ec2:DescribeVpcs");
        emulator.failNext("ec2:DescribeVpcs", Fault.THROTTLING);
        assertThat(port.describeNetwork("us-west-2", "vpc-0b2c3d4e5f6071829", List.of(), List.of()).vpc().cidrs())
                .containsExactly("10.110.0.0/16");
        assertThat(emulator.inspect().requestCount("ec2:DescribeVpcs") - vpcsBefore).isEqualTo(2);
    }

    @Test
    void persistentThrottlingEventuallyFails() {
        emulator.setFault("sts:GetCallerIdentity", Fault.THROTTLING);
        AwsFailure f = catchThrowableOfType(AwsFailure.class, () -> port.callerIdentity());
        assertThat(f.kind()).isEqualTo(FailureKind.OTHER);
        assertThat(f.errorCode()).isEqualTo("Throttling");
        assertThat(f.getMessage()).contains("sts:GetCallerIdentity");
    }

    @Test
    void failuresNeverCarryTheSecretKey() {
        emulator.setFault("eks:ListClusters", Fault.ACCESS_DENIED);
        emulator.setFault("sts:GetCallerIdentity", Fault.ACCESS_DENIED);
        for (Runnable call : List.<Runnable>of(() -> port.listClusters("us-west-2"), () -> port.callerIdentity(),
                () -> port.describeCluster(new ClusterRef("us-west-2", "missing")))) {
            AwsFailure f = catchThrowableOfType(AwsFailure.class, call::run);
            StringWriter trace = new StringWriter();
            f.printStackTrace(new PrintWriter(trace));
            assertThat(f.getMessage()).doesNotContain(SECRET);
            assertThat(f.toString()).doesNotContain(SECRET);
            assertThat(trace.toString()).doesNotContain(SECRET).doesNotContain("K7MDENG");
        }
    }

    @Test
    void aWrongSecretOrAnUnknownKeyIsRejectedCredentialsWithoutTheSecret() {
        String wrongSecret = "wrong/" + SECRET;
        try (SdkAwsPort wrong = new SdkAwsPort(AwsClientFactory.forEndpoint(emulator.endpoint(), TEST_KEY, wrongSecret,
                "us-west-2"));
             SdkAwsPort unknown = new SdkAwsPort(AwsClientFactory.forEndpoint(emulator.endpoint(), "AKIANEVERISSUED00000",
                     SECRET, "us-west-2"))) {
            AwsFailure eks = catchThrowableOfType(AwsFailure.class, () -> wrong.listClusters("us-west-2"));
            assertThat(eks.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
            assertThat(eks.getMessage()).startsWith("eks:ListClusters failed: AWS rejected the credentials of ")
                    .contains("The request signature we calculated does not match").doesNotContain(wrongSecret);
            AwsFailure sts = catchThrowableOfType(AwsFailure.class, unknown::callerIdentity);
            assertThat(sts.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
            assertThat(sts.getMessage()).contains("The security token included in the request is invalid.")
                    .doesNotContain(SECRET);
        }
    }

    @Test
    void closedEndpointIsUnreachable() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        try (SdkAwsPort dead = new SdkAwsPort(AwsClientFactory.forEndpoint(URI.create("http://127.0.0.1:" + freePort),
                TEST_KEY, SECRET, "us-west-2"))) {
            assertThatThrownBy(() -> dead.listClusters("us-west-2")).isInstanceOfSatisfying(AwsFailure.class, f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.UNREACHABLE);
                assertThat(f.getMessage()).startsWith("eks:ListClusters could not reach AWS").doesNotContain(SECRET);
            });
        }
    }
}
