package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.lab.kube.EksIdentityLookup.KubernetesUser;
import dev.hybridpane.lab.world.LabWorld;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessPolicy;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.ListAssociatedAccessPoliciesResponse;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * The lab's accounts through the SDK: the lab user's keys (account 111122223333) and an IAM Identity Center
 * ReadOnlyAccess session of the second account (444455556666, signed in through the lab's portal) each see their own
 * account's EKS clusters and VPCs only; another account's cluster is a name EKS does not know. Also the EKS reads an
 * administrator types about access (ListAccessPolicies, ListAssociatedAccessPolicies) and the lists the lab's clusters
 * have nothing in.
 */
class LabAccountsTest {
    static final String SECOND = SsoDirectory.SECOND_ACCOUNT_ID;
    static AwsEmulator emulator;
    static URI endpoint;
    static LabWorld world;
    static EksClient labEks;
    static Ec2Client labEc2;
    static EksClient stagingEks;
    static Ec2Client stagingEc2;
    static AwsSessionCredentials staging;

    @BeforeAll
    static void start() throws Exception {
        world = LabWorld.load();
        emulator = new AwsEmulator(world, Map.of("us-west-2/staging-edge", "https://127.0.0.1:7443"), "");
        endpoint = emulator.start();
        AwsCredentials lab = AwsBasicCredentials.create(LabCredentials.LAB_ACCESS_KEY_ID, LabCredentials.LAB_SECRET_ACCESS_KEY);
        staging = LabSsoSignIn.readOnly(endpoint, SECOND);
        labEks = eks(lab);
        labEc2 = ec2(lab);
        stagingEks = eks(staging);
        stagingEc2 = ec2(staging);
    }

    static EksClient eks(AwsCredentials credentials) {
        return EksClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    static Ec2Client ec2(AwsCredentials credentials) {
        return Ec2Client.builder().endpointOverride(endpoint).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    @AfterAll
    static void stop() {
        List.of(labEks, labEc2, stagingEks, stagingEc2).forEach(c -> c.close());
        emulator.close();
    }

    static void notFound(String cluster, Runnable call) {
        ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class, call::run);
        assertThat(e).as("another account's cluster is not found").isNotNull();
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No cluster found for name: " + cluster + ".");
    }

    @Test
    void eachAccountListsItsOwnClustersOnly() {
        assertThat(labEks.listClustersPaginator(b -> { }).clusters()).containsExactly("retail-edge", "payments");
        assertThat(stagingEks.listClustersPaginator(b -> { }).clusters()).containsExactly("staging-edge");
        try (EksClient frankfurt = EksClient.builder().endpointOverride(endpoint).region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(staging)).build()) {
            assertThat(frankfurt.listClusters().clusters()).isEmpty();
        }
    }

    @Test
    void anotherAccountsClusterIsANameEksDoesNotKnow() {
        List<BiConsumer<EksClient, String>> calls = List.of(
                (e, n) -> e.describeCluster(b -> b.name(n)),
                (e, n) -> e.listAccessEntries(b -> b.clusterName(n)),
                (e, n) -> e.describeAccessEntry(b -> b.clusterName(n).principalArn(world.userArn())),
                (e, n) -> e.listAddons(b -> b.clusterName(n)),
                (e, n) -> e.describeAddon(b -> b.clusterName(n).addonName("coredns")),
                (e, n) -> e.listNodegroups(b -> b.clusterName(n)),
                (e, n) -> e.listUpdates(b -> b.name(n)),
                (e, n) -> e.updateClusterConfig(b -> b.name(n).resourcesVpcConfig(v -> v.endpointPublicAccess(false)
                        .endpointPrivateAccess(true))));
        for (BiConsumer<EksClient, String> call : calls) {
            notFound("staging-edge", () -> call.accept(labEks, "staging-edge"));
            notFound("retail-edge", () -> call.accept(stagingEks, "retail-edge"));
        }
        // the cluster itself is untouched by the refused update
        assertThat(stagingEks.describeCluster(b -> b.name("staging-edge")).cluster().resourcesVpcConfig().endpointPublicAccess())
                .isTrue();
    }

    @Test
    void theSecondAccountsClusterIsDescribedInItsAccountWithItsNetworkThere() {
        Cluster c = stagingEks.describeCluster(b -> b.name("staging-edge")).cluster();
        assertThat(c.arn()).isEqualTo("arn:aws:eks:us-west-2:444455556666:cluster/staging-edge");
        assertThat(c.roleArn()).startsWith("arn:aws:iam::444455556666:role/");
        assertThat(c.statusAsString()).isEqualTo("ACTIVE");
        assertThat(c.version()).isEqualTo("1.31");
        assertThat(c.endpoint()).isEqualTo("https://127.0.0.1:7443");
        assertThat(c.accessConfig().authenticationModeAsString()).isEqualTo("API");
        assertThat(c.accessConfig().bootstrapClusterCreatorAdminPermissions()).isFalse();
        assertThat(c.remoteNetworkConfig()).isNull();
        // the references resolve in its own account's EC2
        String vpcId = c.resourcesVpcConfig().vpcId();
        List<Vpc> vpcs = stagingEc2.describeVpcs().vpcs();
        assertThat(vpcs).extracting(Vpc::vpcId).containsExactly(vpcId);
        assertThat(vpcs.get(0).ownerId()).isEqualTo(SECOND);
        assertThat(stagingEc2.describeSubnets(b -> b.subnetIds(c.resourcesVpcConfig().subnetIds())).subnets())
                .extracting(Subnet::vpcId).containsOnly(vpcId).hasSize(2);
        assertThat(stagingEc2.describeSecurityGroups(b -> b.groupIds(c.resourcesVpcConfig().clusterSecurityGroupId()))
                .securityGroups()).extracting(SecurityGroup::vpcId).containsExactly(vpcId);
        // and in no other account's
        Ec2Exception missing = catchThrowableOfType(Ec2Exception.class, () -> labEc2.describeVpcs(b -> b.vpcIds(vpcId)));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcID.NotFound");
        assertThat(labEc2.describeVpcs().vpcs()).extracting(Vpc::ownerId).containsOnly(world.accountId()).hasSize(2);
    }

    @Test
    void theReadOnlySessionIsMappedByItsRoleWhoseAccessEntryNamesItWithItsIdentityCenterPath() {
        String roleArn = SsoDirectory.roleArn(SECOND, "ReadOnlyAccess", "us-west-2");
        assertThat(roleArn).startsWith("arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/us-west-2/"
                + "AWSReservedSSO_ReadOnlyAccess_");
        assertThat(stagingEks.listAccessEntries(b -> b.clusterName("staging-edge")).accessEntries())
                .containsExactly("arn:aws:iam::444455556666:role/staging-edge-node-role", roleArn);
        assertThat(stagingEks.describeAccessEntry(b -> b.clusterName("staging-edge").principalArn(roleArn)).accessEntry()
                .accessEntryArn()).matches("arn:aws:eks:us-west-2:444455556666:access-entry/staging-edge/role/444455556666/"
                        + "AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}/[0-9a-f-]{36}");
        String session = SsoDirectory.sessionArn(SECOND, "ReadOnlyAccess");
        KubernetesUser user = emulator.eksIdentities().kubernetesUser("us-west-2", "staging-edge", session).orElseThrow();
        assertThat(user.username()).isEqualTo(session);
        assertThat(user.accessPolicies()).containsExactly("AmazonEKSViewPolicy");
        assertThat(user.groups()).isEmpty();
        // the lab user did not create it and has no entry there; another account's ReadOnlyAccess session is another role
        assertThat(emulator.eksIdentities().kubernetesUser("us-west-2", "staging-edge", world.userArn())).isEmpty();
        assertThat(emulator.eksIdentities().kubernetesUser("us-west-2", "staging-edge",
                SsoDirectory.sessionArn(world.accountId(), "ReadOnlyAccess"))).isEmpty();
        // the lab user stays the creator-administrator of its own account's clusters
        assertThat(emulator.eksIdentities().kubernetesUser("us-west-2", "retail-edge", world.userArn()).orElseThrow()
                .accessPolicies()).containsExactly("AmazonEKSClusterAdminPolicy");
    }

    @Test
    void listAssociatedAccessPoliciesAnswersEachEntrysPoliciesAtClusterScope() {
        String roleArn = SsoDirectory.roleArn(SECOND, "ReadOnlyAccess", "us-west-2");
        ListAssociatedAccessPoliciesResponse view = stagingEks.listAssociatedAccessPolicies(b -> b.clusterName("staging-edge")
                .principalArn(roleArn));
        assertThat(view.clusterName()).isEqualTo("staging-edge");
        assertThat(view.principalArn()).isEqualTo(roleArn);
        assertThat(view.associatedAccessPolicies()).extracting(AssociatedAccessPolicy::policyArn)
                .containsExactly("arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy");
        AssociatedAccessPolicy p = view.associatedAccessPolicies().get(0);
        assertThat(p.accessScope().typeAsString()).isEqualTo("cluster");
        assertThat(p.accessScope().namespaces()).isEmpty();
        assertThat(p.associatedAt()).isNotNull();

        assertThat(labEks.listAssociatedAccessPoliciesPaginator(b -> b.clusterName("retail-edge")
                .principalArn(world.userArn()).maxResults(1)).associatedAccessPolicies())
                .extracting(AssociatedAccessPolicy::policyArn)
                .containsExactly("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        assertThat(labEks.listAssociatedAccessPolicies(b -> b.clusterName("retail-edge")
                .principalArn("arn:aws:iam::111122223333:role/retail-edge-node-role")).associatedAccessPolicies()).isEmpty();
        ResourceNotFoundException noEntry = catchThrowableOfType(ResourceNotFoundException.class, () -> labEks
                .listAssociatedAccessPolicies(b -> b.clusterName("retail-edge").principalArn("arn:aws:iam::111122223333:role/nobody")));
        assertThat(noEntry.awsErrorDetails().errorMessage()).isEqualTo("The specified access entry resource is not found.");
        notFound("staging-edge", () -> labEks.listAssociatedAccessPolicies(b -> b.clusterName("staging-edge")
                .principalArn(roleArn)));
    }

    @Test
    void listAccessPoliciesPagesThePoliciesEksOffers() {
        List<AccessPolicy> all = labEks.listAccessPoliciesPaginator(b -> b.maxResults(5)).accessPolicies().stream().toList();
        assertThat(all).hasSizeGreaterThan(5).extracting(AccessPolicy::name)
                .contains("AmazonEKSClusterAdminPolicy", "AmazonEKSAdminPolicy", "AmazonEKSEditPolicy", "AmazonEKSViewPolicy",
                        "AmazonEKSHybridPolicy")
                .doesNotHaveDuplicates();
        assertThat(all).allMatch(a -> a.arn().equals("arn:aws:eks::aws:cluster-access-policy/" + a.name()));
        InvalidParameterException bad = catchThrowableOfType(InvalidParameterException.class,
                () -> labEks.listAccessPolicies(b -> b.nextToken("garbage")));
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void theListsTheLabsClustersHaveNothingInAreEmptyAndStillTheirAccounts() {
        assertThat(labEks.listFargateProfiles(b -> b.clusterName("retail-edge")).fargateProfileNames()).isEmpty();
        assertThat(labEks.listIdentityProviderConfigs(b -> b.clusterName("retail-edge")).identityProviderConfigs()).isEmpty();
        assertThat(stagingEks.listPodIdentityAssociations(b -> b.clusterName("staging-edge")).associations()).isEmpty();
        notFound("retail-edge", () -> stagingEks.listFargateProfiles(b -> b.clusterName("retail-edge")));
        notFound("staging-edge", () -> labEks.listPodIdentityAssociations(b -> b.clusterName("staging-edge")));
        assertThat(stagingEks.listNodegroups(b -> b.clusterName("staging-edge")).nodegroups())
                .containsExactly("staging-edge-default");
    }
}
