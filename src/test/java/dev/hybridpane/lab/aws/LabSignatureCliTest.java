package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hybridpane.lab.world.LabWorld;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aws CLI (botocore's own signer) against the lab: the lab's printed key pair works, a wrong secret or an unknown
 * key is refused with AWS's error code for each protocol, and nothing echoes the secret. Skipped where the aws CLI is
 * not installed.
 */
class LabSignatureCliTest {
    static final String WRONG_SECRET = "not/the/lab/secret/WRONGWRONGWRONG00000";
    static AwsEmulator emulator;
    static URI endpoint;
    static Optional<Path> aws;
    @TempDir
    static Path home;

    @BeforeAll
    static void start() {
        aws = AwsCli.find();
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        endpoint = emulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static AwsCli.Run cli(String key, String secret, String... args) throws Exception {
        assumeTrue(aws.isPresent(), "the aws CLI is not installed");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
        return AwsCli.run(aws.get(), home, key, secret, all.toArray(String[]::new));
    }

    static AwsCli.Run lab(String... args) throws Exception {
        return cli(LabCredentials.LAB_ACCESS_KEY_ID, LabCredentials.LAB_SECRET_ACCESS_KEY, args);
    }

    static void assertRefused(AwsCli.Run run, String code) {
        assertThat(run.exitCode()).as(run.stderr()).isNotZero();
        assertThat(run.stderr()).contains("An error occurred (" + code + ")");
        assertThat(run.stderr() + run.stdout()).doesNotContain(WRONG_SECRET)
                .doesNotContain(LabCredentials.LAB_SECRET_ACCESS_KEY);
    }

    @Test
    void theLabKeyPairWorks() throws Exception {
        AwsCli.Run who = lab("sts", "get-caller-identity");
        assertThat(who.exitCode()).as(who.stderr()).isZero();
        assertThat(who.stdout()).contains("arn:aws:iam::111122223333:user/lab-admin");
        AwsCli.Run clusters = lab("eks", "list-clusters", "--region", "us-west-2");
        assertThat(clusters.exitCode()).as(clusters.stderr()).isZero();
        assertThat(clusters.stdout()).contains("retail-edge");
        AwsCli.Run vpcs = lab("ec2", "describe-vpcs", "--region", "us-west-2");
        assertThat(vpcs.exitCode()).as(vpcs.stderr()).isZero();
        assertThat(lab("iam", "get-user").exitCode()).isZero();
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        assertRefused(cli(LabCredentials.LAB_ACCESS_KEY_ID, WRONG_SECRET, "sts", "get-caller-identity"),
                "SignatureDoesNotMatch");
        assertRefused(cli(LabCredentials.LAB_ACCESS_KEY_ID, WRONG_SECRET, "eks", "list-clusters", "--region", "us-west-2"),
                "InvalidSignatureException");
        assertRefused(cli(LabCredentials.LAB_ACCESS_KEY_ID, WRONG_SECRET, "ec2", "describe-vpcs", "--region", "us-west-2"),
                "SignatureDoesNotMatch");
    }

    @Test
    void anUnknownKeyIsRefused() throws Exception {
        String unknown = "AKIANEVERISSUED00000";
        assertRefused(cli(unknown, LabCredentials.LAB_SECRET_ACCESS_KEY, "sts", "get-caller-identity"),
                "InvalidClientTokenId");
        assertRefused(cli(unknown, LabCredentials.LAB_SECRET_ACCESS_KEY, "ec2", "describe-vpcs", "--region", "us-west-2"),
                "AuthFailure");
        assertRefused(cli(unknown, LabCredentials.LAB_SECRET_ACCESS_KEY, "ssm", "describe-instance-information",
                "--region", "us-west-2"), "UnrecognizedClientException");
    }

    @Test
    void aRegionAwsDoesNotHaveIsRefused() throws Exception {
        AwsCli.Run run = lab("eks", "list-clusters", "--region", "us-weest-2");
        assertRefused(run, "InvalidSignatureException");
        assertThat(run.stderr()).contains("Credential should be scoped to a valid region.");
    }
}
