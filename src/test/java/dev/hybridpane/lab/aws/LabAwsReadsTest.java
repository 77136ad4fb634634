package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceType;
import software.amazon.awssdk.services.ec2.model.TransitGateway;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachmentResourceType;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ClusterVersionInformation;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.ListNodegroupsResponse;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.VersionStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Activation;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.InvalidInstanceIdException;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.PlatformType;
import software.amazon.awssdk.services.ssm.model.ResourceType;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * The everyday read calls of the lab's IAM, EKS, EC2 and SSM through the AWS SDK v2 and its paginators, signed with
 * the lab's own key pair: the shapes AWS answers with, pages that join up across a small page size, and one refusal
 * per API as AWS spells it.
 */
class LabAwsReadsTest {
    static final String RETAIL = "retail-edge";
    static final String SSM_ROLE = "retail-edge-hybrid-ssm";

    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** Clients of an emulator of {@code world}; {@code pageSize} > 0 caps the services' own pages. */
    record Lab(AwsEmulator emulator, AwsClientFactory clients, SsmClient ssm) {
        EksClient eks() {
            return clients.eks("us-west-2");
        }

        Ec2Client ec2() {
            return clients.ec2("us-west-2");
        }

        IamClient iam() {
            return clients.iam();
        }
    }

    Lab lab(LabWorld world, int pageSize) {
        AwsEmulator emulator = new AwsEmulator(world, Map.of(), "", pageSize);
        URI endpoint = emulator.start();
        open.add(emulator);
        AwsClientFactory clients = AwsClientFactory.forEndpoint(endpoint, LabCredentials.LAB_ACCESS_KEY_ID,
                LabCredentials.LAB_SECRET_ACCESS_KEY, "us-west-2");
        open.add(0, clients);
        SsmClient ssm = SsmClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LabCredentials.LAB_ACCESS_KEY_ID, LabCredentials.LAB_SECRET_ACCESS_KEY)))
                .build();
        open.add(0, ssm);
        return new Lab(emulator, clients, ssm);
    }

    Lab lab() {
        return lab(LabWorld.load(), 0);
    }

    static LabCluster cluster(String name) {
        return LabWorld.load().clusters().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static <E extends SdkServiceException> E refused(Class<E> type, Runnable call) {
        E e = catchThrowableOfType(type, call::run);
        assertThat(e).as("refused with " + type.getSimpleName()).isNotNull();
        return e;
    }

    // EKS

    @Test
    void listNodegroupsNamesTheGroupOfTheCloudNodesAndRefusesAnUnknownCluster() {
        EksClient eks = lab().eks();
        ListNodegroupsResponse retail = eks.listNodegroups(b -> b.clusterName(RETAIL));
        assertThat(retail.nodegroups()).containsExactly("retail-edge-default");
        assertThat(retail.nextToken()).isNull();
        assertThat(eks.listNodegroupsPaginator(b -> b.clusterName("payments").maxResults(1)).nodegroups())
                .containsExactly("payments-default");
        ResourceNotFoundException e = refused(ResourceNotFoundException.class,
                () -> eks.listNodegroups(b -> b.clusterName("no-such-cluster")));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No cluster found for name: no-such-cluster.");
        refused(InvalidParameterException.class, () -> eks.listNodegroups(b -> b.clusterName(RETAIL).maxResults(101)));
    }

    @Test
    void describeClusterVersionsDatesEachVersionAndFlagsOneDefault() {
        EksClient eks = lab(LabWorld.load(), 1).eks();
        Instant now = Instant.now();
        List<ClusterVersionInformation> all = new ArrayList<>();
        eks.describeClusterVersionsPaginator(b -> b.includeAll(true)).clusterVersions().forEach(all::add);
        assertThat(all).extracting(ClusterVersionInformation::clusterVersion)
                .contains("1.35", "1.34", "1.33", "1.32", "1.31", "1.30", "1.29", "1.28").doesNotHaveDuplicates();
        for (ClusterVersionInformation v : all) {
            assertThat(v.clusterType()).isEqualTo("eks");
            assertThat(v.releaseDate()).isBefore(v.endOfStandardSupportDate());
            assertThat(v.endOfStandardSupportDate().atZone(ZoneOffset.UTC).plusMonths(12).toInstant())
                    .isEqualTo(v.endOfExtendedSupportDate());
            VersionStatus expected = now.isBefore(v.endOfStandardSupportDate()) ? VersionStatus.STANDARD_SUPPORT
                    : now.isBefore(v.endOfExtendedSupportDate()) ? VersionStatus.EXTENDED_SUPPORT : VersionStatus.UNSUPPORTED;
            assertThat(v.versionStatus()).as(v.clusterVersion()).isEqualTo(expected);
            assertThat(v.statusAsString()).isEqualTo(expected.toString().toLowerCase().replace('_', '-'));
        }
        assertThat(all.stream().filter(ClusterVersionInformation::defaultVersion)).hasSize(1)
                .allMatch(v -> v.versionStatus() == VersionStatus.STANDARD_SUPPORT);
        List<ClusterVersionInformation> supported = new ArrayList<>();
        eks.describeClusterVersionsPaginator(b -> { }).clusterVersions().forEach(supported::add);
        assertThat(supported).isNotEmpty().allMatch(v -> v.versionStatus() != VersionStatus.UNSUPPORTED);
        assertThat(supported).hasSize((int) all.stream().filter(v -> v.versionStatus() != VersionStatus.UNSUPPORTED).count());
        assertThat(eks.describeClusterVersions(b -> b.defaultOnly(true)).clusterVersions())
                .singleElement().matches(ClusterVersionInformation::defaultVersion);
        String firstPage = eks.describeClusterVersions(b -> b.includeAll(true)).nextToken();
        assertThat(firstPage).isNotNull();
        refused(InvalidParameterException.class, () -> eks.describeClusterVersions(b -> b.versionStatus("SOMETIMES")));
        refused(InvalidParameterException.class, () -> eks.describeClusterVersions(b -> b.nextToken(firstPage)));
    }

    // IAM

    @Test
    void listRolesPagesByMarkerAndWritesEachRole() {
        IamClient iam = lab().iam();
        List<Role> roles = new ArrayList<>();
        iam.listRolesPaginator(b -> b.maxItems(1)).roles().forEach(roles::add);
        assertThat(roles).extracting(Role::roleName).containsExactly("retail-edge-hybrid-ra", SSM_ROLE,
                "warehouse-edge-hybrid-ssm");
        ListRolesResponse first = iam.listRoles(b -> b.maxItems(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.marker()).isNotBlank();
        ListRolesResponse last = iam.listRoles(b -> b.maxItems(2).marker(first.marker()));
        assertThat(last.roles()).extracting(Role::roleName).containsExactly("warehouse-edge-hybrid-ssm");
        assertThat(last.isTruncated()).isFalse();
        assertThat(last.marker()).isNull();
        Role ssm = roles.get(1);
        assertThat(ssm.arn()).isEqualTo("arn:aws:iam::111122223333:role/" + SSM_ROLE);
        assertThat(ssm.path()).isEqualTo("/");
        assertThat(ssm.roleId()).startsWith("AROA");
        assertThat(ssm.createDate()).isNotNull();
        assertThat(URLDecoder.decode(ssm.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).contains("ssm.amazonaws.com");
        assertThat(iam.listRoles(b -> b.pathPrefix("/service-role/")).roles()).isEmpty();
        IamException e = refused(IamException.class, () -> iam.listRoles(b -> b.marker("not-a-marker")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Marker.");
        IamException zero = refused(IamException.class, () -> iam.listRoles(b -> b.maxItems(0)));
        assertThat(zero.awsErrorDetails().errorMessage()).contains("'maxItems'").contains("greater than or equal to 1");
    }

    @Test
    void theServicesOwnPageSizeTruncatesIamListsToo() {
        IamClient iam = lab(LabWorld.load(), 1).iam();
        ListRolesResponse first = iam.listRoles(b -> { });
        assertThat(first.roles()).hasSize(1);
        assertThat(first.isTruncated()).isTrue();
        assertThat(iam.listRolesPaginator(b -> { }).roles()).hasSize(3);
        assertThat(iam.listRolePoliciesPaginator(b -> b.roleName(SSM_ROLE)).policyNames())
                .containsExactly("EKSDescribeClusterPolicy", "EKSHybridSSMPolicy");
    }

    @Test
    void listRolePoliciesAndAttachedPoliciesPageAndRefuseAnUnknownRole() {
        IamClient iam = lab().iam();
        assertThat(iam.listRolePoliciesPaginator(b -> b.roleName(SSM_ROLE).maxItems(1)).policyNames())
                .containsExactly("EKSDescribeClusterPolicy", "EKSHybridSSMPolicy");
        ListAttachedRolePoliciesResponse first = iam.listAttachedRolePolicies(b -> b.roleName(SSM_ROLE).maxItems(1));
        assertThat(first.attachedPolicies()).hasSize(1);
        assertThat(first.isTruncated()).isTrue();
        assertThat(iam.listAttachedRolePoliciesPaginator(b -> b.roleName(SSM_ROLE).maxItems(1)).attachedPolicies())
                .extracting(p -> p.policyArn())
                .containsExactly(ManagedPolicies.ECR_PULL_ONLY, ManagedPolicies.SSM_MANAGED_INSTANCE_CORE);
        assertThat(iam.listAttachedRolePolicies(b -> b.roleName(SSM_ROLE)).isTruncated()).isFalse();
        NoSuchEntityException e = refused(NoSuchEntityException.class, () -> iam.listRolePolicies(b -> b.roleName("nobody")));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name nobody cannot be found.");
        // a Marker is bound to the role it was issued for
        IamException other = refused(IamException.class,
                () -> iam.listAttachedRolePolicies(b -> b.roleName("retail-edge-hybrid-ra").marker(first.marker())));
        assertThat(other.awsErrorDetails().errorMessage()).isEqualTo("Invalid Marker.");
    }

    @Test
    void listPoliciesListsTheKnownAwsManagedPoliciesWithTheirAttachments() {
        IamClient iam = lab().iam();
        List<Policy> aws = new ArrayList<>();
        iam.listPoliciesPaginator(b -> b.scope(PolicyScopeType.AWS).maxItems(1)).policies().forEach(aws::add);
        assertThat(aws).extracting(Policy::policyName).containsExactlyInAnyOrder("AmazonEC2ContainerRegistryPullOnly",
                "AmazonSSMManagedInstanceCore", "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy");
        Policy ecr = aws.stream().filter(p -> p.arn().equals(ManagedPolicies.ECR_PULL_ONLY)).findFirst().orElseThrow();
        // the three hybrid nodes roles: retail-edge's SSM and Roles Anywhere ones, warehouse-edge's SSM one
        assertThat(ecr.attachmentCount()).isEqualTo(3);
        assertThat(ecr.defaultVersionId()).isEqualTo("v1");
        assertThat(ecr.isAttachable()).isTrue();
        assertThat(ecr.path()).isEqualTo("/");
        assertThat(ecr.policyId()).startsWith("ANPA");
        assertThat(iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies()).isEmpty();
        assertThat(iam.listPoliciesPaginator(b -> b.onlyAttached(true)).policies()).extracting(Policy::policyName)
                .containsExactlyInAnyOrder("AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore");
        ListPoliciesResponse page = iam.listPolicies(b -> b.maxItems(3));
        assertThat(page.policies()).hasSize(3);
        assertThat(page.isTruncated()).isTrue();
        IamException e = refused(IamException.class, () -> iam.listPolicies(b -> b.scope("Everything")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(e.awsErrorDetails().errorMessage()).contains("Member must satisfy enum value set: [All, AWS, Local]");
    }

    // EC2

    @Test
    void describeNetworkInterfacesShowsEksCrossAccountEnisInEveryClusterSubnet() {
        Ec2Client ec2 = lab().ec2();
        List<DescribeNetworkInterfacesResponse> pages = new ArrayList<>();
        ec2.describeNetworkInterfacesPaginator(b -> b.maxResults(5)).forEach(pages::add);
        List<NetworkInterface> all = pages.stream().flatMap(p -> p.networkInterfaces().stream()).toList();
        assertThat(pages).hasSizeGreaterThan(1).allMatch(p -> p.networkInterfaces().size() <= 5);
        assertThat(all).extracting(NetworkInterface::networkInterfaceId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("eni-0[0-9a-f]{16}"));
        LabCluster retail = cluster(RETAIL);
        List<NetworkInterface> eks = all.stream().filter(n -> "Amazon EKS retail-edge".equals(n.description())).toList();
        assertThat(eks).extracting(NetworkInterface::subnetId)
                .containsExactlyInAnyOrderElementsOf(retail.vpc().subnets().stream().map(LabWorld.LabSubnet::id).toList());
        for (NetworkInterface n : eks) {
            assertThat(n.interfaceType()).isEqualTo(NetworkInterfaceType.INTERFACE);
            assertThat(n.vpcId()).isEqualTo(retail.vpc().id());
            assertThat(n.ownerId()).isEqualTo("111122223333");
            assertThat(n.requesterId()).endsWith(":AmazonEKS");
            assertThat(n.requesterManaged()).isFalse();
            assertThat(n.statusAsString()).isEqualTo("in-use");
            assertThat(n.groups()).extracting(GroupIdentifier::groupId).contains(retail.vpc().clusterSecurityGroupId());
            assertThat(n.attachment().deviceIndex()).isEqualTo(1);
            assertThat(n.attachment().instanceOwnerId()).isNotEqualTo("111122223333");
            assertThat(n.privateIpAddresses()).singleElement().matches(a -> a.primary()
                    && a.privateIpAddress().equals(n.privateIpAddress()));
        }
        assertThat(all.stream().filter(n -> n.attachment().instanceId() != null)).hasSize(retail.cloudNodes()
                + cluster("payments").cloudNodes());
        assertThat(ec2.describeNetworkInterfaces(b -> b.filters(Filter.builder().name("description").values("Amazon EKS *")
                .build())).networkInterfaces()).hasSize(eks.size() + cluster("payments").vpc().subnets().size());
        assertThat(ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eks.get(0).networkInterfaceId()))
                .networkInterfaces()).singleElement().matches(n -> n.subnetId().equals(eks.get(0).subnetId()));
        Ec2Exception few = refused(Ec2Exception.class, () -> ec2.describeNetworkInterfaces(b -> b.maxResults(4)));
        assertThat(few.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        Ec2Exception unknown = refused(Ec2Exception.class,
                () -> ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds("eni-0123456789abcdef0")));
        assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidNetworkInterfaceID.NotFound");
    }

    @Test
    void describeVpcAttributeAnswersDnsAndRefusesUnknownAttributesAndVpcs() {
        Ec2Client ec2 = lab().ec2();
        String vpc = cluster(RETAIL).vpc().id();
        DescribeVpcAttributeResponse hostnames = ec2.describeVpcAttribute(b -> b.vpcId(vpc)
                .attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES));
        assertThat(hostnames.vpcId()).isEqualTo(vpc);
        assertThat(hostnames.enableDnsHostnames().value()).isTrue();
        assertThat(hostnames.enableDnsSupport()).isNull();
        assertThat(ec2.describeVpcAttribute(b -> b.vpcId(vpc).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                .enableDnsSupport().value()).isTrue();
        Ec2Exception attribute = refused(Ec2Exception.class, () -> ec2.describeVpcAttribute(b -> b.vpcId(vpc).attribute("dns")));
        assertThat(attribute.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        Ec2Exception missing = refused(Ec2Exception.class, () -> ec2.describeVpcAttribute(b -> b.vpcId("vpc-0000000000000000f")
                .attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcID.NotFound");
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("The vpc ID 'vpc-0000000000000000f' does not exist");
    }

    @Test
    void transitGatewaysCarryTheWorldsRemoteNetworksToTheSiteVpn() {
        Lab lab = lab();
        Ec2Client ec2 = lab.ec2();
        LabCluster retail = cluster(RETAIL);
        List<TransitGateway> tgws = new ArrayList<>();
        ec2.describeTransitGatewaysPaginator(b -> b.maxResults(5)).transitGateways().forEach(tgws::add);
        assertThat(tgws).singleElement().satisfies(t -> {
            assertThat(t.transitGatewayId()).isEqualTo(retail.vpc().transitGatewayId());
            assertThat(t.stateAsString()).isEqualTo("available");
            assertThat(t.transitGatewayArn()).isEqualTo("arn:aws:ec2:us-west-2:111122223333:transit-gateway/"
                    + t.transitGatewayId());
            assertThat(t.options().amazonSideAsn()).isEqualTo(64512L);
        });
        List<TransitGatewayAttachment> attachments = new ArrayList<>();
        ec2.describeTransitGatewayAttachmentsPaginator(b -> b.maxResults(5)).transitGatewayAttachments()
                .forEach(attachments::add);
        assertThat(attachments).hasSize(3).allSatisfy(a -> {
            assertThat(a.transitGatewayId()).isEqualTo(retail.vpc().transitGatewayId());
            assertThat(a.association().transitGatewayRouteTableId())
                    .isEqualTo(tgws.get(0).options().associationDefaultRouteTableId());
        });
        assertThat(attachments).extracting(TransitGatewayAttachment::resourceType, TransitGatewayAttachment::resourceId)
                .containsExactly(tuple(TransitGatewayAttachmentResourceType.VPC, retail.vpc().id()),
                        tuple(TransitGatewayAttachmentResourceType.VPN, "vpn-07c1d2e3f4a5b6c7d"),
                        tuple(TransitGatewayAttachmentResourceType.DIRECT_CONNECT_GATEWAY,
                                retail.vpc().directConnectGateways().get(0).id()));
        // warehouse-edge, in Frankfurt, reaches its site through a virtual private gateway instead
        assertThat(lab.clients().ec2("eu-central-1").describeTransitGateways(b -> { }).transitGateways()).isEmpty();
        assertThat(ec2.describeVpnConnections(b -> { }).vpnConnections()).extracting(v -> v.transitGatewayId())
                .containsExactly(retail.vpc().transitGatewayId());
        assertThat(ec2.describeVpnGateways(b -> { }).vpnGateways()).isEmpty();
        Ec2Exception tgw = refused(Ec2Exception.class, () -> ec2.describeTransitGateways(b -> b.transitGatewayIds(
                "tgw-0123456789abcdef0")));
        assertThat(tgw.awsErrorDetails().errorCode()).isEqualTo("InvalidTransitGatewayID.NotFound");
        Ec2Exception vpn = refused(Ec2Exception.class, () -> ec2.describeVpnConnections(b -> b.vpnConnectionIds(
                "vpn-0123456789abcdef0")));
        assertThat(vpn.awsErrorDetails().errorCode()).isEqualTo("InvalidVpnConnectionID.NotFound");
        Ec2Exception filter = refused(Ec2Exception.class, () -> ec2.describeVpnGateways(b -> b.filters(
                Filter.builder().name("colour").values("blue").build())));
        assertThat(filter.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        Ec2Exception attachmentPage = refused(Ec2Exception.class,
                () -> ec2.describeTransitGatewayAttachments(b -> b.maxResults(2)));
        assertThat(attachmentPage.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    }

    /** The raw XML bodies the SDK received, in order (an interceptor keeps a copy of each). */
    static final class Bodies implements ExecutionInterceptor {
        final List<String> seen = new ArrayList<>();

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            Optional<InputStream> in = context.responseBody();
            if (in.isEmpty()) {
                return in;
            }
            try {
                byte[] bytes = in.get().readAllBytes();
                seen.add(new String(bytes, StandardCharsets.UTF_8));
                return Optional.of(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void queryProtocolAnswersAreInTheirServicesNamespaceWithItsElementNames() {
        Lab lab = lab();
        Bodies bodies = new Bodies();
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                LabCredentials.LAB_ACCESS_KEY_ID, LabCredentials.LAB_SECRET_ACCESS_KEY));
        URI endpoint = lab.emulator().endpoint();
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_WEST_2).credentialsProvider(keys)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(o -> o.addExecutionInterceptor(bodies)).build();
                IamClient iam = IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).credentialsProvider(keys)
                        .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(o -> o.addExecutionInterceptor(bodies))
                        .build()) {
            ec2.describeNetworkInterfaces(b -> b.maxResults(5));
            assertThat(bodies.seen.get(0)).contains("<DescribeNetworkInterfacesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">")
                    .contains("<networkInterfaceSet><item><networkInterfaceId>eni-").contains("<interfaceType>interface</interfaceType>")
                    .contains("<nextToken>");
            ec2.describeVpcAttribute(b -> b.vpcId(cluster(RETAIL).vpc().id()).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT));
            assertThat(bodies.seen.get(1)).contains("<DescribeVpcAttributeResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">")
                    .contains("<enableDnsSupport><value>true</value></enableDnsSupport>");
            ec2.describeTransitGatewayAttachments(b -> { });
            assertThat(bodies.seen.get(2)).contains("<transitGatewayAttachments><item><transitGatewayAttachmentId>tgw-attach-");
            iam.listRoles(b -> b.maxItems(1));
            assertThat(bodies.seen.get(3)).contains("<ListRolesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                    + "<ListRolesResult><Roles><member><Path>/</Path>").contains("<IsTruncated>true</IsTruncated><Marker>")
                    .contains("<ResponseMetadata><RequestId>");
            iam.listPolicies(b -> b.scope(PolicyScopeType.AWS));
            assertThat(bodies.seen.get(4)).contains("<ListPoliciesResult><Policies><member><PolicyName>")
                    .contains("<IsTruncated>false</IsTruncated></ListPoliciesResult>");
        }
    }

    // SSM

    @Test
    void describeInstanceInformationListsTheSsmHybridNodesAsManagedInstances() {
        Lab lab = lab();
        List<InstanceInformation> all = new ArrayList<>();
        lab.ssm().describeInstanceInformationPaginator(b -> { }).instanceInformationList().forEach(all::add);
        int ssmNodes = cluster(RETAIL).sites().stream().flatMap(s -> s.pools().stream())
                .filter(p -> p.credentialProvider().equals("ssm")).mapToInt(LabWorld.LabPool::nodes).sum();
        assertThat(all).hasSize(ssmNodes);
        List<Activation> activations = lab.ssm().describeActivations(b -> { }).activationList();
        assertThat(activations).singleElement().satisfies(a -> {
            assertThat(a.iamRole()).isEqualTo(SSM_ROLE);
            assertThat(a.registrationsCount()).isEqualTo(ssmNodes);
            assertThat(a.defaultInstanceName()).isEqualTo("dallas-gpu");
            assertThat(a.tags()).anySatisfy(t -> {
                assertThat(t.key()).isEqualTo("EKSClusterARN");
                assertThat(t.value()).isEqualTo("arn:aws:eks:us-west-2:111122223333:cluster/retail-edge");
            });
            assertThat(a.expired()).isTrue();
            assertThat(a.activationId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        });
        for (InstanceInformation i : all) {
            assertThat(i.instanceId()).matches("mi-0[0-9a-f]{16}");
            assertThat(i.platformType()).isEqualTo(PlatformType.LINUX);
            assertThat(i.resourceType()).isEqualTo(ResourceType.MANAGED_INSTANCE);
            assertThat(i.pingStatusAsString()).isEqualTo("Online");
            assertThat(i.platformName()).isEqualTo("Ubuntu");
            assertThat(i.iamRole()).isEqualTo(SSM_ROLE);
            assertThat(i.activationId()).isEqualTo(activations.get(0).activationId());
            assertThat(i.ipAddress()).startsWith("10.200.1.");
            assertThat(i.sourceTypeAsString()).isEqualTo("AWS::SSM::ManagedInstance");
            assertThat(i.sourceId()).isEqualTo(i.instanceId());
        }
        String one = all.get(0).instanceId();
        assertThat(lab.ssm().describeInstanceInformation(b -> b.filters(InstanceInformationStringFilter.builder()
                .key("InstanceIds").values(one).build())).instanceInformationList()).singleElement()
                .matches(i -> i.instanceId().equals(one));
        InvalidInstanceIdException e = refused(InvalidInstanceIdException.class,
                () -> lab.ssm().describeInstanceInformation(b -> b.filters(InstanceInformationStringFilter.builder()
                        .key("InstanceIds").values("mi-0000000000000000f").build())));
        assertThat(e.statusCode()).isEqualTo(400);
        SsmException few = refused(SsmException.class, () -> lab.ssm().describeInstanceInformation(b -> b.maxResults(4)));
        assertThat(few.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(few.awsErrorDetails().errorMessage()).contains("greater than or equal to 5");
    }

    @Test
    void ssmPagesAcrossAScaledFleetWithItsOwnTokensOnly() {
        Lab lab = lab(LabWorld.load().scaled(200), 0);
        List<DescribeInstanceInformationResponse> pages = new ArrayList<>();
        lab.ssm().describeInstanceInformationPaginator(b -> b.maxResults(5)).forEach(pages::add);
        List<String> ids = pages.stream().flatMap(p -> p.instanceInformationList().stream())
                .map(InstanceInformation::instanceId).toList();
        assertThat(pages).hasSizeGreaterThan(1).allMatch(p -> p.instanceInformationList().size() <= 5);
        Set<String> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSize(ids.size());
        int ssmNodes = LabWorld.load().scaled(200).clusters().stream().filter(c -> c.region().equals("us-west-2"))
                .flatMap(c -> c.sites().stream())
                .flatMap(s -> s.pools().stream()).filter(p -> p.credentialProvider().equals("ssm"))
                .mapToInt(LabWorld.LabPool::nodes).sum();
        assertThat(ids).hasSize(ssmNodes);
        List<Activation> activations = new ArrayList<>();
        lab.ssm().describeActivationsPaginator(b -> b.maxResults(1)).activationList().forEach(activations::add);
        assertThat(activations).hasSizeGreaterThan(1).extracting(Activation::activationId).doesNotHaveDuplicates();
        String activationToken = lab.ssm().describeActivations(b -> b.maxResults(1)).nextToken();
        assertThat(activationToken).isNotNull();
        refused(InvalidNextTokenException.class, () -> lab.ssm().describeInstanceInformation(b -> b.nextToken(activationToken)));
        refused(InvalidNextTokenException.class, () -> lab.ssm().describeActivations(b -> b.nextToken("forged")));
    }
}
