package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.lab.world.LabWorld;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSM hybrid activations as an administrator types them with the aws CLI against the lab (skipped where the aws CLI is
 * not installed): create-activation as the EKS user guide writes it, describe-activations (never a code),
 * describe-instance-information after the agent registered, delete-activation and deregister-managed-instance, and the
 * refusals with AWS's error codes.
 */
class LabSsmActivationsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CLUSTER_ARN = "arn:aws:eks:us-west-2:111122223333:cluster/retail-edge";
    static AwsEmulator emulator;
    static Optional<Path> aws;
    @TempDir
    static Path home;

    @BeforeAll
    static void start() {
        aws = AwsCli.find();
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        emulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static AwsCli.Run aws(String... args) throws Exception {
        assumeTrue(aws.isPresent(), "the aws CLI is not installed");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", emulator.endpoint().toString(), "--region", "us-west-2", "--output", "json"));
        return AwsCli.run(aws.get(), home, LabCredentials.LAB_ACCESS_KEY_ID, LabCredentials.LAB_SECRET_ACCESS_KEY,
                all.toArray(String[]::new));
    }

    static JsonNode ok(String... args) throws Exception {
        AwsCli.Run run = aws(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.stderr()).isZero();
        return run.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(run.stdout());
    }

    static String refused(String code, String... args) throws Exception {
        AwsCli.Run run = aws(args);
        assertThat(run.exitCode()).as(String.join(" ", args)).isNotZero();
        assertThat(run.stderr()).contains("(" + code + ")").doesNotContain("Traceback");
        return run.stderr();
    }

    @Test
    void anActivationFromCreationToDeletionWithItsManagedInstance() throws Exception {
        JsonNode created = ok("ssm", "create-activation", "--default-instance-name", "eks-hybrid-nodes", "--description",
                "EKS hybrid nodes of retail-edge", "--iam-role", "retail-edge-hybrid-ssm", "--tags",
                "Key=EKSClusterARN,Value=" + CLUSTER_ARN, "--registration-limit", "2");
        String id = created.path("ActivationId").asText();
        String code = created.path("ActivationCode").asText();
        assertThat(id).matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        assertThat(code).hasSizeGreaterThanOrEqualTo(20);

        AwsCli.Run listed = aws("ssm", "describe-activations", "--filters", "FilterKey=ActivationIds,FilterValues=" + id);
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.stdout()).doesNotContain(code);
        JsonNode a = JSON.readTree(listed.stdout()).path("ActivationList").get(0);
        assertThat(a.path("IamRole").asText()).isEqualTo("retail-edge-hybrid-ssm");
        assertThat(a.path("RegistrationLimit").asInt()).isEqualTo(2);
        assertThat(a.path("RegistrationsCount").asInt()).isZero();
        assertThat(a.path("Expired").asBoolean()).isFalse();
        assertThat(a.path("Tags").get(0).path("Value").asText()).isEqualTo(CLUSTER_ARN);
        assertThat(ok("ssm", "describe-activations").toString()).doesNotContain(code);

        String mi = emulator.nodeadm().registerSsm("us-west-2", id, code, "dallas-01", "10.200.1.21").instanceId();
        JsonNode info = ok("ssm", "describe-instance-information", "--filters", "Key=ActivationIds,Values=" + id);
        assertThat(info.path("InstanceInformationList")).hasSize(1);
        JsonNode i = info.path("InstanceInformationList").get(0);
        assertThat(i.path("InstanceId").asText()).isEqualTo(mi).matches("^mi-[0-9a-f]{17}$");
        assertThat(i.path("PingStatus").asText()).isEqualTo("Online");
        assertThat(i.path("ResourceType").asText()).isEqualTo("ManagedInstance");
        assertThat(i.path("ComputerName").asText()).isEqualTo("dallas-01");
        assertThat(i.path("IPAddress").asText()).isEqualTo("10.200.1.21");
        assertThat(ok("ssm", "describe-activations", "--filters", "FilterKey=ActivationIds,FilterValues=" + id)
                .path("ActivationList").get(0).path("RegistrationsCount").asInt()).isEqualTo(1);

        ok("ssm", "delete-activation", "--activation-id", id);
        assertThat(ok("ssm", "describe-activations", "--filters", "FilterKey=ActivationIds,FilterValues=" + id)
                .path("ActivationList")).isEmpty();
        refused("InvalidActivation", "ssm", "delete-activation", "--activation-id", id);
        refused("InvalidActivationId", "ssm", "delete-activation", "--activation-id", "00000000-0000-0000-0000-000000000000");
        // the instance outlives its activation until it is deregistered
        assertThat(ok("ssm", "describe-instance-information", "--filters", "Key=InstanceIds,Values=" + mi)
                .path("InstanceInformationList")).hasSize(1);
        ok("ssm", "deregister-managed-instance", "--instance-id", mi);
        refused("InvalidInstanceId", "ssm", "describe-instance-information", "--filters", "Key=InstanceIds,Values=" + mi);
        refused("InvalidInstanceId", "ssm", "deregister-managed-instance", "--instance-id", mi);
    }

    @Test
    void createActivationRefusesWhatAwsRefuses() throws Exception {
        assertThat(refused("ValidationException", "ssm", "create-activation", "--iam-role", "nobody"))
                .contains("Nonexistent role or missing ssm service principal in trust policy: arn:aws:iam::111122223333:role/nobody");
        refused("ValidationException", "ssm", "create-activation", "--iam-role", "retail-edge-hybrid-ra");
        refused("ValidationException", "ssm", "create-activation", "--iam-role", "retail-edge-hybrid-ssm",
                "--registration-limit", "1001");
        refused("ValidationException", "ssm", "create-activation", "--iam-role", "retail-edge-hybrid-ssm",
                "--expiration-date", "2020-01-01T00:00:00Z");
        refused("ValidationException", "ssm", "create-activation", "--iam-role", "retail-edge-hybrid-ssm",
                "--expiration-date", Instant.now().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        JsonNode later = ok("ssm", "create-activation", "--iam-role", "retail-edge-hybrid-ssm", "--expiration-date",
                Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        JsonNode a = ok("ssm", "describe-activations", "--filters", "FilterKey=ActivationIds,FilterValues="
                + later.path("ActivationId").asText()).path("ActivationList").get(0);
        assertThat(a.path("RegistrationLimit").asInt()).isEqualTo(1);
    }
}
