package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hybridpane.lab.world.LabWorld;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The aws CLI's own requests against the lab's IAM and Roles Anywhere; skipped where the aws CLI is not installed. */
class LabAwsCliTest {
    static AwsEmulator emulator;
    static Path aws;

    /** The CLI's exit code and what it printed. */
    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() {
        aws = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "aws")).filter(Files::isExecutable).findFirst().orElse(null);
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        emulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static Run aws(String... args) throws IOException, InterruptedException {
        assumeTrue(aws != null, "the aws CLI is not installed");
        List<String> command = new ArrayList<>(List.of(aws.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", emulator.endpoint().toString(), "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", LabCredentials.LAB_ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", LabCredentials.LAB_SECRET_ACCESS_KEY);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the aws CLI did not finish: " + command);
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void attachingAPolicyThatDoesNotExistIsNoSuchEntity() throws Exception {
        Run created = aws("iam", "create-role", "--role-name", "cli-role", "--assume-role-policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ssm.amazonaws.com\"},"
                        + "\"Action\":\"sts:AssumeRole\"}]}");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("\"RoleName\": \"cli-role\"");
        Run attach = aws("iam", "attach-role-policy", "--role-name", "cli-role", "--policy-arn", "arn:aws:iam::aws:policy/Nope");
        assertThat(attach.exit()).isNotZero();
        assertThat(attach.err()).contains("(NoSuchEntity)")
                .contains("Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.");
        assertThat(emulator.inspect().roleNames()).contains("cli-role");
    }

    @Test
    void createRoleWithAMalformedTrustPolicyIsMalformedPolicyDocument() throws Exception {
        Run r = aws("iam", "create-role", "--role-name", "cli-bad", "--assume-role-policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("(MalformedPolicyDocument)").contains("Missing required field Principal");
        assertThat(emulator.inspect().roleNames()).doesNotContain("cli-bad");
    }

    @Test
    void rolesAnywhereListsAnswerTheCli() throws Exception {
        Run crls = aws("rolesanywhere", "list-crls", "--region", "us-west-2");
        assertThat(crls.exit()).as(crls.err()).isZero();
        assertThat(crls.out()).contains("\"crls\": []");
        Run anchors = aws("rolesanywhere", "list-trust-anchors", "--region", "us-west-2");
        assertThat(anchors.exit()).as(anchors.err()).isZero();
        assertThat(anchors.out()).contains("\"name\": \"retail-edge-stores\"").contains("\"enabled\": true");
    }
}
