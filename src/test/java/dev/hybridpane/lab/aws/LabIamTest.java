package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.lab.world.LabWorld;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** The lab's IAM refuses what IAM refuses, seen through the AWS SDK's IamClient. */
class LabIamTest {
    static final String SSM_TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ssm.amazonaws.com"},
              "Action": "sts:AssumeRole"}]}""";
    static final String DESCRIBE = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["eks:DescribeCluster"], "Resource": "*"}]}""";
    static AwsEmulator emulator;
    static IamClient iam;

    @BeforeAll
    static void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        iam = IamClient.builder().endpointOverride(emulator.start()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LabCredentials.LAB_ACCESS_KEY_ID,
                        LabCredentials.LAB_SECRET_ACCESS_KEY)))
                .build();
        iam.createRole(b -> b.roleName("lab-iam-test").assumeRolePolicyDocument(SSM_TRUST));
    }

    @AfterAll
    static void stop() {
        iam.close();
        emulator.close();
    }

    private static String malformedCreate(String name, String trust) {
        MalformedPolicyDocumentException e = catchThrowableOfType(
                () -> iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust)), MalformedPolicyDocumentException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
        assertThat(emulator.inspect().roleNames()).doesNotContain(name);
        return e.awsErrorDetails().errorMessage();
    }

    private static String malformedPut(String doc) {
        MalformedPolicyDocumentException e = catchThrowableOfType(() -> iam.putRolePolicy(b -> b.roleName("lab-iam-test")
                .policyName("bad").policyDocument(doc)), MalformedPolicyDocumentException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(() -> iam.getRolePolicy(b -> b.roleName("lab-iam-test").policyName("bad")),
                NoSuchEntityException.class)).isNotNull();
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void createRoleWithoutATrustPolicyIsAValidationError() {
        IamException e = catchThrowableOfType(() -> iam.createRole(b -> b.roleName("no-trust")), IamException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(e.awsErrorDetails().errorMessage()).contains("'assumeRolePolicyDocument'").contains("must not be null");
        assertThat(emulator.inspect().roleNames()).doesNotContain("no-trust");
    }

    @Test
    void createRoleRefusesMalformedTrustPolicies() {
        assertThat(malformedCreate("t1", "{")).isEqualTo("This policy contains invalid Json");
        assertThat(malformedCreate("t2", "{\"Version\": \"2012-10-17\"}")).isEqualTo("Syntax errors in policy.");
        assertThat(malformedCreate("t3", "{\"Version\": \"2012-10-18\", \"Statement\": []}"))
                .isEqualTo("The policy failed legacy parsing");
        assertThat(malformedCreate("t4", SSM_TRUST.replace("\"Effect\": \"Allow\", ", "")))
                .isEqualTo("Missing required field Effect");
        assertThat(malformedCreate("t5", SSM_TRUST.replace("\"Principal\": {\"Service\": \"ssm.amazonaws.com\"},", "")))
                .isEqualTo("Missing required field Principal");
        assertThat(malformedCreate("t6", SSM_TRUST.replace("\"Action\": \"sts:AssumeRole\"",
                "\"Action\": \"sts:AssumeRole\", \"Resource\": \"*\""))).isEqualTo("Has prohibited field Resource");
        assertThat(malformedCreate("t7", SSM_TRUST.replace("sts:AssumeRole", "eks:DescribeCluster")))
                .isEqualTo("AssumeRole policy may only specify STS AssumeRole actions.");
        assertThat(malformedCreate("t8", SSM_TRUST.replace("\"Action\": \"sts:AssumeRole\"",
                "\"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"SourceAccount\": \"1\"}}")))
                .isEqualTo("Conditions must be prefaced by a vendor, e.g. iam, sdb, ec2, etc.");
        assertThat(malformedCreate("t9", SSM_TRUST.replace("ssm.amazonaws.com", "ssm")))
                .isEqualTo("Invalid principal in policy: \"SERVICE\":\"ssm\"");
    }

    @Test
    void aTrustPolicyWithoutVersionIsStoredAsIamStoresIt() {
        String legacy = SSM_TRUST.replace("\"Version\": \"2012-10-17\", ", "");
        iam.createRole(b -> b.roleName("legacy-trust").assumeRolePolicyDocument(legacy));
        assertThat(URLDecoder.decode(iam.getRole(b -> b.roleName("legacy-trust")).role().assumeRolePolicyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(legacy);
    }

    @Test
    void putRolePolicyRefusesMalformedPermissions() {
        assertThat(malformedPut("not json")).isEqualTo("This policy contains invalid Json");
        assertThat(malformedPut(DESCRIBE.replace("\"Effect\": \"Allow\", ", "\"Effect\": \"Allow\", \"Principal\": \"*\", ")))
                .isEqualTo("Policy document should not specify a principal.");
        assertThat(malformedPut(DESCRIBE.replace(", \"Resource\": \"*\"", ""))).isEqualTo("Policy statement must contain resources.");
        assertThat(malformedPut(DESCRIBE.replace("\"Action\": [\"eks:DescribeCluster\"], ", "")))
                .isEqualTo("Policy statement must contain actions.");
        iam.putRolePolicy(b -> b.roleName("lab-iam-test").policyName("describe").policyDocument(DESCRIBE));
        assertThat(URLDecoder.decode(iam.getRolePolicy(b -> b.roleName("lab-iam-test").policyName("describe")).policyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(DESCRIBE);
    }

    @Test
    void updateAssumeRolePolicyRefusesAMalformedDocumentAndKeepsTheOldOne() {
        iam.createRole(b -> b.roleName("update-trust").assumeRolePolicyDocument(SSM_TRUST));
        MalformedPolicyDocumentException e = catchThrowableOfType(() -> iam.updateAssumeRolePolicy(b -> b.roleName("update-trust")
                .policyDocument(DESCRIBE)), MalformedPolicyDocumentException.class);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Has prohibited field Resource");
        assertThat(URLDecoder.decode(iam.getRole(b -> b.roleName("update-trust")).role().assumeRolePolicyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(SSM_TRUST);
    }

    @Test
    void attachRolePolicyKnowsOnlyPoliciesThatExist() {
        iam.createRole(b -> b.roleName("attach-test").assumeRolePolicyDocument(SSM_TRUST));
        NoSuchEntityException e = catchThrowableOfType(() -> iam.attachRolePolicy(b -> b.roleName("attach-test")
                .policyArn("arn:aws:iam::aws:policy/Nope")), NoSuchEntityException.class);
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.");
        assertThat(catchThrowableOfType(() -> iam.attachRolePolicy(b -> b.roleName("attach-test")
                .policyArn("arn:aws:iam::111122223333:policy/EKSDescribeClusterPolicy")), NoSuchEntityException.class)).isNotNull();
        iam.attachRolePolicy(b -> b.roleName("attach-test").policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly"));
        assertThat(iam.listAttachedRolePolicies(b -> b.roleName("attach-test")).attachedPolicies())
                .extracting(AttachedPolicy::policyName).containsExactly("AmazonEC2ContainerRegistryPullOnly");
    }

    @Test
    void seededRolesAreTheGuidesRoles() {
        String ra = URLDecoder.decode(iam.getRole(b -> b.roleName("retail-edge-hybrid-ra")).role().assumeRolePolicyDocument(),
                StandardCharsets.UTF_8);
        assertThat(ra).contains("rolesanywhere.amazonaws.com").contains("arn:aws:rolesanywhere:us-west-2:111122223333:trust-anchor/")
                .doesNotContain("TRUST_ANCHOR_ARN");
        assertThat(iam.listAttachedRolePolicies(b -> b.roleName("retail-edge-hybrid-ssm")).attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactly("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
                        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
        String ssm = URLDecoder.decode(iam.getRolePolicy(b -> b.roleName("retail-edge-hybrid-ssm").policyName("EKSHybridSSMPolicy"))
                .policyDocument(), StandardCharsets.UTF_8);
        assertThat(ssm).contains("\"ssm:resourceTag/EKSClusterARN\": \"arn:aws:eks:us-west-2:111122223333:cluster/retail-edge\"")
                .contains("arn:aws:ssm:us-west-2:111122223333:managed-instance/*");
    }
    @Test
    void documentsOverIamsQuotasAreLimitExceeded() {
        String statement = "{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ssm.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}";
        String big = "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(", ", Collections.nCopies(30, statement)) + "]}";
        assertThat(PolicyDocuments.size(big)).isGreaterThan(2048);
        IamException e = catchThrowableOfType(() -> iam.createRole(b -> b.roleName("big-trust").assumeRolePolicyDocument(big)),
                IamException.class);
        assertThat(e.statusCode()).isEqualTo(409);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for ACLSizePerRole: 2048");
        String spaced = SSM_TRUST.replace(" ", " ".repeat(200));
        iam.createRole(b -> b.roleName("spaced-trust").assumeRolePolicyDocument(spaced));
        assertThat(emulator.inspect().roleNames()).contains("spaced-trust").doesNotContain("big-trust");

        iam.createRole(b -> b.roleName("many-policies").assumeRolePolicyDocument(SSM_TRUST));
        String resources = "\"arn:aws:eks:us-west-2:111122223333:cluster/c%04d\"";
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            list.append(i == 0 ? "" : ", ").append(resources.formatted(i));
        }
        String large = DESCRIBE.replace("\"Resource\": \"*\"", "\"Resource\": [" + list + "]");
        assertThat(PolicyDocuments.size(large)).isBetween(5121, 10240);
        iam.putRolePolicy(b -> b.roleName("many-policies").policyName("one").policyDocument(large));
        iam.putRolePolicy(b -> b.roleName("many-policies").policyName("one").policyDocument(large));
        IamException over = catchThrowableOfType(() -> iam.putRolePolicy(b -> b.roleName("many-policies").policyName("two")
                .policyDocument(large)), IamException.class);
        assertThat(over.statusCode()).isEqualTo(409);
        assertThat(over.awsErrorDetails().errorMessage()).isEqualTo("Maximum policy size of 10240 bytes exceeded for role many-policies");
    }

    @Test
    void theWorldCannotSeedARoleWithAMalformedDocumentOrAnUnknownPolicy() {
        IamService seeded = new IamService(new AwsState(LabWorld.load()));
        assertThatThrownBy(() -> seeded.seedRole("r1", DESCRIBE, List.of(), Map.of(), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Has prohibited field Resource");
        assertThatThrownBy(() -> seeded.seedRole("r2", SSM_TRUST, List.of(), Map.of("p", SSM_TRUST), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Policy document should not specify a principal.");
        assertThatThrownBy(() -> seeded.seedRole("r3", SSM_TRUST, List.of("arn:aws:iam::aws:policy/Nope"), Map.of(), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arn:aws:iam::aws:policy/Nope");
        assertThat(seeded.roleNames()).isEmpty();
    }
}
