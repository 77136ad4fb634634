package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.hybridpane.lab.edge.NodeadmBackend.NodeadmBackendException;
import dev.hybridpane.lab.edge.NodeadmBackend.SsmRegistration;
import dev.hybridpane.lab.world.LabWorld;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Activation;
import software.amazon.awssdk.services.ssm.model.CreateActivationResponse;
import software.amazon.awssdk.services.ssm.model.DescribeActivationsFilterKeys;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.InvalidActivationException;
import software.amazon.awssdk.services.ssm.model.InvalidActivationIdException;
import software.amazon.awssdk.services.ssm.model.InvalidInstanceIdException;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/**
 * SSM hybrid activations through the AWS SDK v2 against the lab: CreateActivation's checks and defaults,
 * DescribeActivations with RegistrationsCount and Expired, registrations by the agent (limit, expiry, wrong code,
 * wrong Region), DeleteActivation, DeregisterManagedInstance and DescribeInstanceInformation of the new instances.
 */
class LabSsmActivationsTest {
    static final String SSM_ROLE = "retail-edge-hybrid-ssm";
    static final String CLUSTER_ARN = "arn:aws:eks:us-west-2:111122223333:cluster/retail-edge";
    AwsEmulator emulator;
    SsmClient ssm;

    @BeforeEach
    void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        URI endpoint = emulator.start();
        ssm = SsmClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LabCredentials.LAB_ACCESS_KEY_ID, LabCredentials.LAB_SECRET_ACCESS_KEY)))
                .build();
    }

    @AfterEach
    void stop() {
        ssm.close();
        emulator.close();
    }

    static <E extends SdkServiceException> E refused(Class<E> type, Runnable call) {
        E e = catchThrowableOfType(type, call::run);
        assertThat(e).as("refused with " + type.getSimpleName()).isNotNull();
        return e;
    }

    CreateActivationResponse create(int limit) {
        return ssm.createActivation(b -> b.iamRole(SSM_ROLE).registrationLimit(limit).defaultInstanceName("eks-hybrid-nodes")
                .description("pool edge-gpu").tags(Tag.builder().key("EKSClusterARN").value(CLUSTER_ARN).build(),
                        Tag.builder().key("hybridpane.dev/pool").value("edge-gpu").build()));
    }

    Activation activation(String id) {
        return ssm.describeActivations(b -> b.filters(f -> f.filterKey(DescribeActivationsFilterKeys.ACTIVATION_IDS)
                .filterValues(id))).activationList().get(0);
    }

    @Test
    void createActivationReturnsAnIdAndACodeAndDescribeActivationsShowsItWithoutTheCode() {
        Instant before = Instant.now();
        CreateActivationResponse created = create(2);
        assertThat(created.activationId()).matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        assertThat(created.activationCode()).hasSizeGreaterThanOrEqualTo(20).hasSizeLessThanOrEqualTo(250);
        Activation a = activation(created.activationId());
        assertThat(a.iamRole()).isEqualTo(SSM_ROLE);
        assertThat(a.defaultInstanceName()).isEqualTo("eks-hybrid-nodes");
        assertThat(a.description()).isEqualTo("pool edge-gpu");
        assertThat(a.registrationLimit()).isEqualTo(2);
        assertThat(a.registrationsCount()).isZero();
        assertThat(a.expired()).isFalse();
        assertThat(a.tags()).containsExactly(Tag.builder().key("EKSClusterARN").value(CLUSTER_ARN).build(),
                Tag.builder().key("hybridpane.dev/pool").value("edge-gpu").build());
        // the default expiry: 24 hours after creation
        assertThat(a.createdDate()).isCloseTo(before, within(5, ChronoUnit.SECONDS));
        assertThat(Duration.between(a.createdDate(), a.expirationDate()))
                .isBetween(Duration.ofHours(24).minusSeconds(1), Duration.ofHours(24).plusSeconds(1));
        assertThat(a.toString()).doesNotContain(created.activationCode());
        // the default registration limit is 1
        String one = ssm.createActivation(b -> b.iamRole(SSM_ROLE)).activationId();
        assertThat(activation(one).registrationLimit()).isEqualTo(1);
        assertThat(ssm.describeActivations(b -> { }).activationList()).extracting(Activation::activationId)
                .contains(created.activationId(), one);
    }

    @Test
    void createActivationRefusesARoleThatIsMissingOrDoesNotTrustSsm() {
        ValidationException missing = refused(ValidationException.class, () -> ssm.createActivation(b -> b.iamRole("nobody")));
        assertThat(missing.awsErrorDetails().errorMessage())
                .isEqualTo("Nonexistent role or missing ssm service principal in trust policy: arn:aws:iam::111122223333:role/nobody");
        // the Roles Anywhere role trusts rolesanywhere.amazonaws.com, not SSM
        ValidationException ra = refused(ValidationException.class, () -> ssm.createActivation(b -> b.iamRole("retail-edge-hybrid-ra")));
        assertThat(ra.awsErrorDetails().errorMessage()).startsWith("Nonexistent role or missing ssm service principal");
        ValidationException none = refused(ValidationException.class, () -> ssm.createActivation(b -> b.registrationLimit(1)));
        assertThat(none.awsErrorDetails().errorMessage()).contains("'iamRole'").contains("must not be null");
    }

    @Test
    void createActivationBoundsTheLimitAndTheExpiry() {
        assertThat(refused(ValidationException.class, () -> ssm.createActivation(b -> b.iamRole(SSM_ROLE).registrationLimit(0)))
                .awsErrorDetails().errorMessage()).contains("registrationLimit").contains("greater than or equal to 1");
        assertThat(refused(ValidationException.class, () -> ssm.createActivation(b -> b.iamRole(SSM_ROLE).registrationLimit(1001)))
                .awsErrorDetails().errorMessage()).contains("registrationLimit").contains("less than or equal to 1000");
        Instant now = Instant.now();
        assertThat(refused(ValidationException.class, () -> ssm.createActivation(b -> b.iamRole(SSM_ROLE)
                .expirationDate(now.minus(Duration.ofMinutes(1))))).awsErrorDetails().errorMessage())
                .contains("expirationDate").contains("in the future");
        assertThat(refused(ValidationException.class, () -> ssm.createActivation(b -> b.iamRole(SSM_ROLE)
                .expirationDate(now.plus(Duration.ofDays(31))))).awsErrorDetails().errorMessage())
                .contains("expirationDate").contains("30 days");
        Instant in29 = now.plus(Duration.ofDays(29)).truncatedTo(ChronoUnit.SECONDS);
        String id = ssm.createActivation(b -> b.iamRole(SSM_ROLE).expirationDate(in29)).activationId();
        assertThat(activation(id).expirationDate()).isEqualTo(in29);
    }

    @Test
    void registrationsUseTheLimitAndShowAsManagedInstances() throws Exception {
        CreateActivationResponse c = create(2);
        LabNodeadmAws agent = emulator.nodeadm();
        SsmRegistration first = agent.registerSsm("us-west-2", c.activationId(), c.activationCode(), "dallas-01", "10.80.1.21");
        SsmRegistration second = agent.registerSsm("us-west-2", c.activationId(), c.activationCode(), "dallas-02", "10.80.1.22");
        assertThat(List.of(first.instanceId(), second.instanceId())).allMatch(id -> id.matches("^mi-[0-9a-f]{17}$"))
                .doesNotHaveDuplicates();
        assertThat(first.iamRole()).isEqualTo(SSM_ROLE);
        NodeadmBackendException full = catchThrowableOfType(NodeadmBackendException.class,
                () -> agent.registerSsm("us-west-2", c.activationId(), c.activationCode(), "dallas-03", "10.80.1.23"));
        assertThat(full).hasMessage("invalid SSM activation. Please use a valid activation code, activation id and region");
        assertThat(activation(c.activationId()).registrationsCount()).isEqualTo(2);

        agent.reportPlatform(first.instanceId(), "Ubuntu 22.04.5 LTS");
        List<InstanceInformation> mine = ssm.describeInstanceInformation(b -> b.filters(InstanceInformationStringFilter.builder()
                .key("ActivationIds").values(c.activationId()).build())).instanceInformationList();
        assertThat(mine).extracting(InstanceInformation::instanceId).containsExactlyInAnyOrder(first.instanceId(), second.instanceId());
        InstanceInformation i = mine.stream().filter(x -> x.instanceId().equals(first.instanceId())).findFirst().orElseThrow();
        assertThat(i.pingStatusAsString()).isEqualTo("Online");
        assertThat(i.resourceTypeAsString()).isEqualTo("ManagedInstance");
        assertThat(i.iamRole()).isEqualTo(SSM_ROLE);
        assertThat(i.ipAddress()).isEqualTo("10.80.1.21");
        assertThat(i.computerName()).isEqualTo("dallas-01");
        assertThat(i.name()).isEqualTo("eks-hybrid-nodes");
        assertThat(i.platformTypeAsString()).isEqualTo("Linux");
        assertThat(i.platformName()).isEqualTo("Ubuntu");
        assertThat(i.platformVersion()).isEqualTo("22.04");
        assertThat(i.registrationDate()).isCloseTo(Instant.now(), within(10, ChronoUnit.SECONDS));
        // the activation's tags go with its instances
        assertThat(ssm.describeInstanceInformation(b -> b.filters(InstanceInformationStringFilter.builder()
                .key("tag:hybridpane.dev/pool").values("edge-gpu").build())).instanceInformationList())
                .extracting(InstanceInformation::instanceId).containsExactlyInAnyOrder(first.instanceId(), second.instanceId());
    }

    @Test
    void aWrongCodeAnotherRegionAnUnknownIdOrAnExpiredActivationIsRefused() throws Exception {
        CreateActivationResponse c = create(5);
        LabNodeadmAws agent = emulator.nodeadm();
        String invalid = "invalid SSM activation. Please use a valid activation code, activation id and region";
        assertThat(catchThrowableOfType(NodeadmBackendException.class, () -> agent.registerSsm("us-west-2", c.activationId(),
                c.activationCode() + "x", "h", "10.0.0.1"))).hasMessage(invalid);
        assertThat(catchThrowableOfType(NodeadmBackendException.class, () -> agent.registerSsm("us-east-1", c.activationId(),
                c.activationCode(), "h", "10.0.0.1"))).hasMessage(invalid);
        assertThat(catchThrowableOfType(NodeadmBackendException.class, () -> agent.registerSsm("us-west-2",
                "00000000-0000-0000-0000-000000000000", c.activationCode(), "h", "10.0.0.1"))).hasMessage(invalid);
        assertThat(activation(c.activationId()).registrationsCount()).isZero();

        CreateActivationResponse soon = ssm.createActivation(b -> b.iamRole(SSM_ROLE)
                .expirationDate(Instant.now().plus(Duration.ofMillis(1500))));
        Thread.sleep(1700);
        assertThat(catchThrowableOfType(NodeadmBackendException.class, () -> agent.registerSsm("us-west-2", soon.activationId(),
                soon.activationCode(), "h", "10.0.0.1"))).hasMessage("SSM activation expired. Please use a valid activation");
        assertThat(activation(soon.activationId()).expired()).isTrue();
        assertThat(activation(soon.activationId()).registrationsCount()).isZero();
    }

    @Test
    void deleteActivationStopsRegistrationsAndKeepsTheInstances() throws Exception {
        CreateActivationResponse c = create(3);
        LabNodeadmAws agent = emulator.nodeadm();
        String id = agent.registerSsm("us-west-2", c.activationId(), c.activationCode(), "h1", "10.0.0.1").instanceId();
        ssm.deleteActivation(b -> b.activationId(c.activationId()));
        assertThat(ssm.describeActivations(b -> { }).activationList()).extracting(Activation::activationId)
                .doesNotContain(c.activationId());
        assertThat(ssm.describeInstanceInformation(b -> b.filters(InstanceInformationStringFilter.builder()
                .key("InstanceIds").values(id).build())).instanceInformationList()).hasSize(1);
        assertThat(catchThrowableOfType(NodeadmBackendException.class, () -> agent.registerSsm("us-west-2", c.activationId(),
                c.activationCode(), "h2", "10.0.0.2"))).hasMessageStartingWith("invalid SSM activation");
        refused(InvalidActivationException.class, () -> ssm.deleteActivation(b -> b.activationId(c.activationId())));
        refused(InvalidActivationIdException.class, () -> ssm.deleteActivation(b -> b.activationId(
                "00000000-0000-0000-0000-000000000000")));
        refused(InvalidActivationIdException.class, () -> ssm.deleteActivation(b -> b.activationId("not-an-id")));
        // a seeded activation is deleted too; its instances stay
        Activation seeded = ssm.describeActivations(b -> { }).activationList().get(0);
        int before = ssm.describeInstanceInformationPaginator(b -> { }).instanceInformationList().stream().mapToInt(x -> 1).sum();
        ssm.deleteActivation(b -> b.activationId(seeded.activationId()));
        assertThat(ssm.describeInstanceInformationPaginator(b -> { }).instanceInformationList().stream().mapToInt(x -> 1).sum())
                .isEqualTo(before);
    }

    @Test
    void theCodeIsInNoLogLineNoRefusalAndNoListing() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CreateActivationResponse c;
        String refusal;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            c = create(1);
            emulator.nodeadm().registerSsm("us-west-2", c.activationId(), c.activationCode(), "h1", "10.0.0.1");
            refusal = catchThrowableOfType(NodeadmBackendException.class, () -> emulator.nodeadm().registerSsm("us-west-2",
                    c.activationId(), c.activationCode(), "h2", "10.0.0.2")).getMessage();
            ssm.describeActivations(b -> { });
            ssm.describeInstanceInformation(b -> { });
        } finally {
            System.setErr(err);
        }
        assertThat(refusal).doesNotContain(c.activationCode());
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(c.activationCode());
        assertThat(ssm.describeActivations(b -> { }).toString()).doesNotContain(c.activationCode());
    }

    @Test
    void deregisterManagedInstanceRemovesItAndChecksTheId() throws Exception {
        CreateActivationResponse c = create(1);
        String id = emulator.nodeadm().registerSsm("us-west-2", c.activationId(), c.activationCode(), "h1", "10.0.0.1")
                .instanceId();
        ssm.deregisterManagedInstance(b -> b.instanceId(id));
        refused(InvalidInstanceIdException.class, () -> ssm.describeInstanceInformation(b -> b.filters(
                InstanceInformationStringFilter.builder().key("InstanceIds").values(id).build())));
        refused(InvalidInstanceIdException.class, () -> ssm.deregisterManagedInstance(b -> b.instanceId(id)));
        refused(InvalidInstanceIdException.class, () -> ssm.deregisterManagedInstance(b -> b.instanceId("mi-zzzzzzzzzzzzzzzzz")));
        refused(InvalidInstanceIdException.class, () -> ssm.deregisterManagedInstance(b -> b.instanceId("mi-00000000000000000")));
        assertThat(refused(ValidationException.class, () -> ssm.deregisterManagedInstance(b -> b.instanceId("mi-123")))
                .awsErrorDetails().errorMessage()).contains("instanceId").contains("length greater than or equal to 20");
        // the registration is not given back
        assertThat(activation(c.activationId()).registrationsCount()).isEqualTo(1);
        // a seeded node's instance, too
        String seeded = ssm.describeInstanceInformation(b -> { }).instanceInformationList().get(0).instanceId();
        ssm.deregisterManagedInstance(b -> b.instanceId(seeded));
        assertThat(ssm.describeInstanceInformationPaginator(b -> { }).instanceInformationList())
                .extracting(InstanceInformation::instanceId).doesNotContain(seeded, id);
    }
}
