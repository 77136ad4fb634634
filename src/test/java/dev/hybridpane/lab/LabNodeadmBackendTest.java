package dev.hybridpane.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.lab.edge.NodeadmBackend.ClusterView;
import dev.hybridpane.lab.edge.NodeadmBackend.NodeadmBackendException;
import dev.hybridpane.lab.edge.NodeadmBackend.SsmRegistration;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rolesanywhere.RolesAnywhereClient;
import software.amazon.awssdk.services.rolesanywhere.model.ProfileDetail;
import software.amazon.awssdk.services.rolesanywhere.model.TrustAnchorDetail;
import software.amazon.awssdk.services.rolesanywhere.model.TrustAnchorType;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CreateActivationResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.InvalidInstanceIdException;

/**
 * The lab's NodeadmBackend over a running lab: DescribeCluster's view with the hybrid principals (access entries and
 * aws-auth by authentication mode), the SSM agent's registration and deregistration as SSM then shows them, and IAM
 * Roles Anywhere CreateSession's checks of the trust anchor, profile, role and certificate.
 */
class LabNodeadmBackendTest {
    static final String RA_ROLE = "arn:aws:iam::111122223333:role/retail-edge-hybrid-ra";
    static Lab lab;
    static LabNodeadmBackend backend;
    static AwsClientFactory clients;
    static SsmClient ssm;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabWorld.load(), null);
        backend = lab.nodeadmBackend();
        clients = AwsClientFactory.forEndpoint(lab.awsEndpoint(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, "us-west-2");
        ssm = SsmClient.builder().endpointOverride(lab.awsEndpoint()).region(Region.US_WEST_2)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Lab.ACCESS_KEY_ID,
                        Lab.SECRET_ACCESS_KEY))).build();
    }

    @AfterAll
    static void stop() {
        ssm.close();
        clients.close();
        lab.close();
    }

    @Test
    void clusterIsWhatDescribeClusterSaysWithTheHybridPrincipalsOfItsAuthenticationMode() {
        ClusterView retail = backend.cluster("us-west-2", "retail-edge").orElseThrow();
        assertThat(retail.status()).isEqualTo("ACTIVE");
        assertThat(retail.kubernetesVersion()).isEqualTo("1.31");
        assertThat(retail.arn()).isEqualTo("arn:aws:eks:us-west-2:111122223333:cluster/retail-edge");
        assertThat(retail.endpoint()).isEqualTo(lab.kubeEndpoints().get("us-west-2/retail-edge"));
        assertThat(retail.remoteNetworkConfig()).isTrue();
        assertThat(retail.remoteNodeNetworks()).containsExactly("10.200.0.0/16");
        assertThat(retail.remotePodNetworks()).containsExactly("10.201.0.0/16");
        assertThat(retail.hybridLinuxPrincipals()).containsExactly("arn:aws:iam::111122223333:role/retail-edge-hybrid-ssm", RA_ROLE);

        ClusterView payments = backend.cluster("us-west-2", "payments").orElseThrow();
        assertThat(payments.remoteNetworkConfig()).isFalse();
        assertThat(payments.remoteNodeNetworks()).isEmpty();
        assertThat(payments.hybridLinuxPrincipals()).isEmpty();
        assertThat(backend.cluster("us-west-2", "no-such-cluster")).isEmpty();
        assertThat(backend.cluster("eu-central-1", "retail-edge")).isEmpty();

        // aws-auth counts where the mode reads it: retail-edge is API_AND_CONFIG_MAP, payments is API
        String mapRoles = "- rolearn: arn:aws:iam::111122223333:role/legacy-hybrid\n  username: system:node:{{SessionName}}\n"
                + "  groups:\n  - system:bootstrappers\n  - system:nodes\n- rolearn: arn:aws:iam::111122223333:role/viewer\n"
                + "  username: viewer\n  groups:\n  - view\n";
        for (String key : List.of("us-west-2/retail-edge", "us-west-2/payments")) {
            lab.kube().client(key).configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("aws-auth").withNamespace("kube-system").endMetadata().addToData("mapRoles", mapRoles).build())
                    .createOr(c -> c.update());
        }
        assertThat(backend.cluster("us-west-2", "retail-edge").orElseThrow().hybridLinuxPrincipals())
                .containsExactly("arn:aws:iam::111122223333:role/retail-edge-hybrid-ssm", RA_ROLE,
                        "arn:aws:iam::111122223333:role/legacy-hybrid");
        assertThat(backend.cluster("us-west-2", "payments").orElseThrow().hybridLinuxPrincipals()).isEmpty();
    }

    @Test
    void anSsmRegistrationIsAManagedInstanceUntilItIsDeregistered() throws Exception {
        CreateActivationResponse a = ssm.createActivation(b -> b.iamRole("retail-edge-hybrid-ssm").registrationLimit(1)
                .defaultInstanceName("eks-hybrid-nodes"));
        SsmRegistration r = backend.registerSsm("us-west-2", a.activationId(), a.activationCode(), "austin-07", "10.200.1.40");
        assertThat(r.instanceId()).matches("^mi-[0-9a-f]{17}$");
        assertThat(r.region()).isEqualTo("us-west-2");
        assertThat(r.iamRole()).isEqualTo("retail-edge-hybrid-ssm");
        InstanceInformation i = ssm.describeInstanceInformation(b -> b.filters(InstanceInformationStringFilter.builder()
                .key("InstanceIds").values(r.instanceId()).build())).instanceInformationList().get(0);
        assertThat(i.computerName()).isEqualTo("austin-07");
        assertThat(i.ipAddress()).isEqualTo("10.200.1.40");
        assertThat(i.activationId()).isEqualTo(a.activationId());
        assertThat(catchThrowableOfType(NodeadmBackendException.class, () -> backend.registerSsm("us-west-2", a.activationId(),
                a.activationCode(), "austin-08", "10.200.1.41")))
                .hasMessage("invalid SSM activation. Please use a valid activation code, activation id and region");

        backend.deregisterSsm("us-west-2", r.instanceId());
        assertThat(catchThrowableOfType(InvalidInstanceIdException.class, () -> ssm.describeInstanceInformation(b -> b.filters(
                InstanceInformationStringFilter.builder().key("InstanceIds").values(r.instanceId()).build())))).isNotNull();
        backend.deregisterSsm("us-west-2", r.instanceId());
        backend.deregisterSsm("us-west-2", "mi-00000000000000000");
    }

    @Test
    void rolesAnywhereSessionChecksAnchorProfileRoleAndCertificate() throws Exception {
        LabTestPki ca = new LabTestPki("Dallas Edge CA");
        LabTestPki other = new LabTestPki("Someone Else's CA");
        try (RolesAnywhereClient ra = clients.rolesAnywhere("us-west-2")) {
            TrustAnchorDetail anchor = ra.createTrustAnchor(b -> b.name("dallas").enabled(true).source(s -> s
                    .sourceType(TrustAnchorType.CERTIFICATE_BUNDLE).sourceData(d -> d.x509CertificateData(ca.certificatePem))))
                    .trustAnchor();
            ProfileDetail profile = ra.createProfile(b -> b.name("dallas-nodes").roleArns(RA_ROLE).acceptRoleSessionName(true)
                    .enabled(true)).profile();
            Instant now = Instant.now();
            String good = ca.issue("dallas-01", now.minusSeconds(60), now.plus(Duration.ofDays(365)));
            String anchorArn = anchor.trustAnchorArn();
            String profileArn = profile.profileArn();
            assertThat(backend.rolesAnywhereSession("us-west-2", anchorArn, profileArn, RA_ROLE, "dallas-01", good)).isEqualTo(RA_ROLE);
            // the guide's trust policy binds the session name (nodeadm: the nodeName) to the certificate's CN
            assertThat(refusal("dallas-02", anchorArn, profileArn, RA_ROLE, good)).isEqualTo("AccessDeniedException: Unable to "
                    + "assume role for " + RA_ROLE);

            assertThat(refusal(anchorArn, profileArn, RA_ROLE, other.issue("dallas-01", now.minusSeconds(60), now.plusSeconds(3600))))
                    .isEqualTo("AccessDeniedException: Untrusted signing certificate");
            assertThat(refusal(anchorArn, profileArn, RA_ROLE, ca.issue("dallas-01", now.minus(Duration.ofDays(2)),
                    now.minus(Duration.ofDays(1))))).startsWith("AccessDeniedException: Untrusted signing certificate");
            assertThat(refusal(anchorArn, profileArn, RA_ROLE, ca.issue("dallas-01", now.plus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(2))))).startsWith("AccessDeniedException: Untrusted signing certificate");
            assertThat(refusal(anchorArn, profileArn, RA_ROLE, "not a certificate")).contains("not a PEM X.509 certificate");
            String ssmRole = "arn:aws:iam::111122223333:role/retail-edge-hybrid-ssm";
            assertThat(refusal(anchorArn, profileArn, ssmRole, good)).isEqualTo("AccessDeniedException: Unable to assume role for "
                    + ssmRole);
            assertThat(refusal(anchorArn.replace(anchor.trustAnchorId(), "00000000-0000-0000-0000-000000000000"), profileArn,
                    RA_ROLE, good)).contains("not found");
            assertThat(refusal(anchorArn, profileArn, RA_ROLE, good).length()).isZero();
            // another Region has neither
            assertThat(catchThrowableOfType(NodeadmBackendException.class, () -> backend.rolesAnywhereSession("eu-central-1",
                    anchorArn, profileArn, RA_ROLE, "dallas-01", good))).hasMessageContaining("not found");

            ProfileDetail strict = ra.createProfile(b -> b.name("strict").roleArns(RA_ROLE).enabled(true)).profile();
            assertThat(refusal(anchorArn, strict.profileArn(), RA_ROLE, good)).startsWith("AccessDeniedException: Unable to assume role")
                    .contains("role session name");
            ra.disableProfile(b -> b.profileId(profile.profileId()));
            assertThat(refusal(anchorArn, profileArn, RA_ROLE, good)).isEqualTo("AccessDeniedException: Profile " + profileArn
                    + " is disabled");
            ra.enableProfile(b -> b.profileId(profile.profileId()));
            ra.disableTrustAnchor(b -> b.trustAnchorId(anchor.trustAnchorId()));
            assertThat(refusal(anchorArn, profileArn, RA_ROLE, good)).isEqualTo("AccessDeniedException: Trust anchor " + anchorArn
                    + " is disabled");
        }
    }

    /** The refusal's message, or "" when the session was granted. */
    static String refusal(String anchor, String profile, String role, String pem) {
        return refusal("dallas-01", anchor, profile, role, pem);
    }

    /** The refusal's message for a session named {@code session}, or "" when it was granted. */
    static String refusal(String session, String anchor, String profile, String role, String pem) {
        try {
            backend.rolesAnywhereSession("us-west-2", anchor, profile, role, session, pem);
            return "";
        } catch (NodeadmBackendException e) {
            return e.getMessage();
        }
    }
}
