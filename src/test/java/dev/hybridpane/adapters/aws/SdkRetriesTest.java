package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.aws.Fault;
import dev.hybridpane.lab.aws.LabCredentials;
import dev.hybridpane.lab.world.LabWorld;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/** HybridPane's retries: standard mode and 10 attempts unless the user set theirs; the clients use them. */
class SdkRetriesTest {

    static Optional<Profile> profile(String body) {
        ProfileFile f = ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION)
                .content(new ByteArrayInputStream(("[profile p]\n" + body).getBytes(StandardCharsets.UTF_8))).build();
        return f.profile("p");
    }

    @Test
    void standardModeWithTenAttemptsUnlessTheUserSaysOtherwise() {
        SdkRetries.Settings ours = SdkRetries.resolve(Map.of(), Optional.empty());
        assertThat(ours.mode()).isEqualTo(RetryMode.STANDARD);
        assertThat(ours.maxAttempts()).isEqualTo(10);
        assertThat(ours.ownBackoff()).isTrue();
        assertThat(SdkRetries.strategy(ours).maxAttempts()).isEqualTo(10);

        SdkRetries.Settings env = SdkRetries.resolve(Map.of("AWS_MAX_ATTEMPTS", "4", "AWS_RETRY_MODE", "adaptive"),
                profile("max_attempts = 6\nretry_mode = legacy\n"));
        assertThat(env.maxAttempts()).as("the environment before the profile, as the SDK reads them").isEqualTo(4);
        assertThat(env.mode()).isEqualTo(RetryMode.ADAPTIVE_V2);
        assertThat(env.ownBackoff()).isFalse();
        assertThat(SdkRetries.strategy(env).maxAttempts()).isEqualTo(4);

        SdkRetries.Settings prof = SdkRetries.resolve(Map.of(), profile("max_attempts = 6\nretry_mode = legacy\n"));
        assertThat(prof.maxAttempts()).isEqualTo(6);
        assertThat(prof.mode()).isEqualTo(RetryMode.LEGACY);
        assertThat(SdkRetries.strategy(prof).maxAttempts()).isEqualTo(6);

        SdkRetries.Settings junk = SdkRetries.resolve(Map.of("AWS_MAX_ATTEMPTS", "0", "AWS_RETRY_MODE", "sometimes"),
                Optional.empty());
        assertThat(junk.maxAttempts()).isEqualTo(10);
        assertThat(junk.mode()).isEqualTo(RetryMode.STANDARD);
        assertThat(ours.describe()).isEqualTo("standard, 10 attempts");
    }

    @Test
    void aClientRidesThroughNineThrottlesAndGivesUpAtTheTenth() {
        try (AwsEmulator emulator = new AwsEmulator(LabWorld.load(), Map.of(), "")) {
            AwsClientFactory clients = AwsClientFactory.forEndpoint(emulator.start(), LabCredentials.LAB_ACCESS_KEY_ID,
                    LabCredentials.LAB_SECRET_ACCESS_KEY, "us-west-2");
            try (SdkAwsPort port = new SdkAwsPort(clients)) {
                ClusterRef payments = new ClusterRef("us-west-2", "payments");
                for (int i = 0; i < 9; i++) {
                    emulator.failNext("eks:DescribeCluster", i % 2 == 0 ? Fault.THROTTLING : Fault.SERVICE_UNAVAILABLE);
                }
                assertThat(port.describeCluster(payments).name()).isEqualTo("payments");
                assertThat(emulator.inspect().requestCount("eks:DescribeCluster")).isEqualTo(10);

                for (int i = 0; i < 10; i++) {
                    emulator.failNext("eks:DescribeCluster", Fault.THROTTLING);
                }
                AwsFailure f = catchThrowableOfType(AwsFailure.class, () -> port.describeCluster(payments));
                assertThat(f.errorCode()).isEqualTo("ThrottlingException");
                assertThat(emulator.inspect().requestCount("eks:DescribeCluster")).isEqualTo(20);
                assertThat(clients.retries()).isEqualTo("standard, 10 attempts");
            }
        }
    }
}
