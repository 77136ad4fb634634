package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.app.LabSsoSnippet;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.core.MfaCodePrompt;
import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.aws.SsoDirectory;
import dev.hybridpane.lab.aws.Totp;
import dev.hybridpane.lab.aws.TotpMfaDevice;
import dev.hybridpane.lab.world.LabWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The console's MFA profiles, as the window opens them (SdkAwsProfiles with a prompt), against the lab's STS and its
 * role that requires MFA, with the profiles that `hybridpane lab` prints: the right code opens the role's session, and
 * opening the profile again while that session lasts asks nothing; a wrong code or a cancel is the MFA credential
 * problem in the user's words, never with the code in it.
 */
class MfaProfilesLabTest {
    @TempDir
    static Path dir;
    static AwsEmulator emulator;
    static Supplier<ProfileFile> profiles;
    static String region;
    static String serial;

    @BeforeAll
    static void start() throws Exception {
        LabWorld world = LabWorld.load();
        region = world.regions().get(0);
        serial = TotpMfaDevice.serial(world.accountId(), world.userName());
        emulator = new AwsEmulator(world, Map.of(), "");
        Path config = Files.writeString(dir.resolve("config"), LabSsoSnippet.config(world, emulator.start()));
        profiles = () -> ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /** Answers with {@code answer} and counts what it was asked. */
    static final class CountingPrompt implements MfaCodePrompt {
        final List<String> asked = new CopyOnWriteArrayList<>();
        final Supplier<Optional<String>> answer;

        CountingPrompt(Supplier<Optional<String>> answer) {
            this.answer = answer;
        }

        @Override
        public Optional<String> code(String profile, String mfaSerial) {
            asked.add(profile + " " + mfaSerial);
            return answer.get();
        }
    }

    static CountingPrompt currentCode() {
        return new CountingPrompt(() -> Optional.of(Totp.code(TotpMfaDevice.SECRET_BASE32, Instant.now())));
    }

    static SdkAwsProfiles console(MfaCodePrompt prompt) {
        return new SdkAwsProfiles(profiles, List.of(region), Map.of(), prompt);
    }

    /** A six-digit code that the device does not show around now (STS allows a step either side). */
    static String wrongCode() {
        Instant now = Instant.now();
        Set<String> near = new HashSet<>();
        for (int step = -3; step <= 3; step++) {
            near.add(Totp.code(TotpMfaDevice.SECRET_BASE32, now.plusSeconds(30L * step)));
        }
        for (int n = 0; ; n++) {
            String c = String.format("%06d", (123457 + n * 7919) % 1_000_000);
            if (!near.contains(c)) {
                return c;
            }
        }
    }

    @Test
    void theRightCodeOpensTheRolesSessionAndReopeningAsksNoMore() throws Exception {
        CountingPrompt prompt = currentCode();
        SdkAwsProfiles aws = console(prompt);
        String arn;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (AwsPort port = aws.open("lab-mfa")) {
            // the regions and the account are read in parallel, as discovery does: one question for all of them
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> port.callerIdentity().arn(), pool));
            }
            arn = calls.get(0).get();
            for (CompletableFuture<String> c : calls) {
                assertThat(c.get()).isEqualTo(arn);
            }
            assertThat(port.listClusters(region)).isNotNull();
        } finally {
            pool.shutdownNow();
        }
        assertThat(arn).startsWith("arn:aws:sts::" + SsoDirectory.SECOND_ACCOUNT_ID + ":assumed-role/"
                + TotpMfaDevice.CROSS_ACCOUNT_ROLE + "/hybridpane-");
        assertThat(prompt.asked).containsExactly("lab-mfa " + serial);

        // switching to another profile and back opens it again: the session is still valid, so nobody is asked
        try (AwsPort keys = aws.open("lab-keys")) {
            assertThat(keys.callerIdentity().account()).isEqualTo(LabWorld.load().accountId());
        }
        try (AwsPort again = aws.open("lab-mfa")) {
            assertThat(again.callerIdentity().arn()).isEqualTo(arn);
        }
        assertThat(prompt.asked).hasSize(1);
    }

    @Test
    void aSessionNearItsEndIsNotUsedAndTheUserIsAskedAgain() {
        CountingPrompt prompt = currentCode();
        SsoLabTest.MovableClock clock = new SsoLabTest.MovableClock();
        SdkAwsProfiles aws = console(new MfaSessions(prompt, clock));
        try (AwsPort port = aws.open("lab-mfa")) {
            port.callerIdentity();
        }
        // the lab's sessions last an hour (duration_seconds' default): 56 minutes on, within the margin
        clock.now.set(clock.now.get().plus(Duration.ofMinutes(56)));
        try (AwsPort port = aws.open("lab-mfa")) {
            port.callerIdentity();
        }
        assertThat(prompt.asked).hasSize(2);
    }

    @Test
    void aWrongCodeIsTheMfaProblemInTheUsersWordsWithoutTheCode() {
        String wrong = wrongCode();
        CountingPrompt prompt = new CountingPrompt(() -> Optional.of(wrong));
        SdkAwsProfiles aws = console(prompt);
        try (AwsPort port = aws.open("lab-mfa")) {
            AwsFailure f = catchThrowableOfType(() -> port.listClusters(region), AwsFailure.class);
            CredentialProblem p = f.credentialProblem().orElseThrow();
            assertThat(p.kind()).isEqualTo(CredentialProblem.Kind.MFA_REQUIRED);
            assertThat(p.title()).isEqualTo("Profile lab-mfa needs an MFA code");
            assertThat(p.detail()).contains(serial, "MultiFactorAuthentication failed with invalid MFA one time pass code");
            for (String words : List.of(f.getMessage(), p.title(), p.detail(), p.fix())) {
                assertThat(words).doesNotContain(wrong).doesNotContain("Exception").doesNotContain("\tat ");
            }
            // the other calls of this open fail alike, without asking again
            AwsFailure second = catchThrowableOfType(() -> port.callerIdentity(), AwsFailure.class);
            assertThat(second.credentialProblem().orElseThrow().kind()).isEqualTo(CredentialProblem.Kind.MFA_REQUIRED);
            assertThat(second.getMessage()).doesNotContain(wrong);
        }
        assertThat(prompt.asked).hasSize(1);
        // "Try again" opens the profile again, and asks again
        try (AwsPort port = aws.open("lab-mfa")) {
            catchThrowableOfType(() -> port.callerIdentity(), AwsFailure.class);
        }
        assertThat(prompt.asked).hasSize(2);
    }

    @Test
    void cancellingIsTheMfaProblem() {
        CountingPrompt prompt = new CountingPrompt(Optional::empty);
        try (AwsPort port = console(prompt).open("lab-mfa")) {
            AwsFailure f = catchThrowableOfType(() -> port.listClusters(region), AwsFailure.class);
            CredentialProblem p = f.credentialProblem().orElseThrow();
            assertThat(p.kind()).isEqualTo(CredentialProblem.Kind.MFA_REQUIRED);
            assertThat(p.profile()).isEqualTo("lab-mfa");
            assertThat(p.detail()).contains(serial).endsWith("No code was given.");
            assertThat(p.fix()).contains("code");
            assertThat(f.getMessage()).startsWith("eks:ListClusters could not run: Profile lab-mfa needs an MFA code.");
        }
        assertThat(prompt.asked).containsExactly("lab-mfa " + serial);
    }
}
