package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.app.LabSsoSnippet;
import dev.hybridpane.core.MfaCodePrompt;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.aws.SsoDirectory;
import dev.hybridpane.lab.aws.Totp;
import dev.hybridpane.lab.aws.TotpMfaDevice;
import dev.hybridpane.lab.world.LabWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.token.credentials.SdkToken;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.ssooidc.internal.OnDiskTokenManager;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * HybridPane's own AWS SSO sign-in, token refresh and MFA profiles against the lab's IAM Identity Center and STS, with
 * the profiles that `hybridpane lab` prints.
 */
class SsoLabTest {
    @TempDir
    static Path dir;
    static AwsEmulator emulator;
    static ProfileFile profiles;
    static String region;

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        LabWorld world = LabWorld.load();
        region = world.regions().get(0);
        emulator = new AwsEmulator(world, Map.of(), "");
        Path config = Files.writeString(dir.resolve("config"), LabSsoSnippet.config(world, emulator.start()));
        profiles = ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static SsoTokenCache signIn(String name) {
        SsoTokenCache cache = new SsoTokenCache(dir.resolve(name).resolve(".aws/sso/cache"));
        emulator.setSsoApproveAfter(Duration.ofMillis(500));
        try (SsoDeviceLogin login = new SsoDeviceLogin(SsoSession.of(profiles, "lab-sso"), cache)) {
            SsoDeviceCode code = login.start();
            login.await(code, new CancelToken());
        } finally {
            emulator.setSsoApproveAfter(null);
        }
        return cache;
    }

    @Test
    void signInWritesTheCliCacheThatTheSdkReadsAndTheProfilesWorkFromIt() throws Exception {
        SsoTokenCache cache = signIn("home-1");
        SsoSession session = SsoSession.of(profiles, "lab-sso");
        // sha1("lab"), as botocore and the SDK name an sso-session's file
        Path file = cache.file(session);
        assertThat(file.getFileName().toString()).isEqualTo("3953f9ddf975ab5097ee468d99555c5b441169bf.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(json).contains("\"startUrl\":\"" + SsoDirectory.START_URL + "\"", "\"region\":\"" + region + "\"",
                "\"accessToken\":", "\"refreshToken\":", "\"clientId\":", "\"clientSecret\":", "\"registrationExpiresAt\":");
        assertThat(json).containsPattern("\"expiresAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"");

        try (OnDiskTokenManager sdk = OnDiskTokenManager.create(file.getParent(), "lab")) {
            Optional<? extends SdkToken> token = sdk.loadToken();
            assertThat(token).isPresent();
            assertThat(token.get().token()).isEqualTo(cache.read(session).orElseThrow().accessToken());
        }

        try (AwsClientFactory f = AwsClientFactory.forProfile("lab-sso", profiles, MfaCodePrompt.NONE, cache)) {
            assertThat(f.endpointOverride()).contains(emulator.endpoint());
            assertThat(f.sts(region).getCallerIdentity().arn()).matches("arn:aws:sts::" + LabWorld.load().accountId()
                    + ":assumed-role/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}/" + SsoDirectory.USER);
        }
        try (AwsClientFactory f = AwsClientFactory.forProfile("lab-staging-sso", profiles, MfaCodePrompt.NONE, cache)) {
            assertThat(f.sts(region).getCallerIdentity().account()).isEqualTo(SsoDirectory.SECOND_ACCOUNT_ID);
        }
    }

    @Test
    void withoutASignInTheProfileSaysSoInTheSdksWords() {
        SsoTokenCache empty = new SsoTokenCache(dir.resolve("nobody/.aws/sso/cache"));
        try (AwsClientFactory f = AwsClientFactory.forProfile("lab-sso", profiles, MfaCodePrompt.NONE, empty)) {
            assertThatThrownBy(() -> f.sts(region).getCallerIdentity()).isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("Unable to load SSO token");
        }
    }

    @Test
    void aTokenNearItsEndIsRefreshedWithItsRefreshToken() {
        SsoTokenCache cache = signIn("home-2");
        SsoSession session = SsoSession.of(profiles, "lab-sso");
        SsoCachedToken before = cache.read(session).orElseThrow();
        MovableClock clock = new MovableClock();
        clock.now.set(before.expiresAt().minus(Duration.ofMinutes(5)));
        try (var oidc = SsoClients.oidc(session, AwsClientFactory.httpClient(session.endpoint()))) {
            String token = new SsoSessionTokens(session, cache, oidc, clock).accessToken();
            SsoCachedToken after = cache.read(session).orElseThrow();
            assertThat(token).isEqualTo(after.accessToken()).isNotEqualTo(before.accessToken());
            assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
            assertThat(after.clientId()).isEqualTo(before.clientId());
            // past its end, with its refresh token spent by another refresh: expired, in the SDK's words
            clock.now.set(after.expiresAt().plusSeconds(1));
            cache.write(session, new SsoCachedToken(after.startUrl(), after.region(), after.accessToken(), after.expiresAt(),
                    before.refreshToken(), after.clientId(), after.clientSecret(), after.registrationExpiresAt()));
            assertThatThrownBy(() -> new SsoSessionTokens(session, cache, oidc, clock).accessToken())
                    .isInstanceOf(SdkClientException.class).hasMessageContaining("Token is expired");
        }
    }

    @Test
    void anUnapprovedSignInExpiresOrIsCancelled() {
        SsoTokenCache cache = new SsoTokenCache(dir.resolve("home-3/.aws/sso/cache"));
        SsoSession session = SsoSession.of(profiles, "lab-sso");
        MovableClock clock = new MovableClock();
        try (SsoDeviceLogin login = new SsoDeviceLogin(session, cache, clock)) {
            SsoDeviceCode code = login.start();
            assertThat(code.verificationUriComplete()).contains(code.userCode());
            CancelToken cancel = new CancelToken();
            cancel.cancel();
            assertThatThrownBy(() -> login.await(code, cancel)).isInstanceOf(SsoLoginException.class)
                    .extracting(e -> ((SsoLoginException) e).reason()).isEqualTo(SsoLoginException.Reason.CANCELLED);
            clock.now.set(code.expiresAt().plusSeconds(1));
            assertThatThrownBy(() -> login.await(code, new CancelToken())).isInstanceOf(SsoLoginException.class)
                    .extracting(e -> ((SsoLoginException) e).reason()).isEqualTo(SsoLoginException.Reason.EXPIRED);
        }
        assertThat(cache.read(session)).isEmpty();
    }

    @Test
    void anMfaProfileAsksForTheCodeOncePerSession() {
        List<String> asked = new CopyOnWriteArrayList<>();
        MfaCodePrompt prompt = (profile, serial) -> {
            asked.add(profile + " " + serial);
            return Optional.of(Totp.code(TotpMfaDevice.SECRET_BASE32, Instant.now()));
        };
        try (AwsClientFactory f = AwsClientFactory.forProfile("lab-mfa", profiles, prompt,
                new SsoTokenCache(dir.resolve("home-4")))) {
            assertThat(f.sts(region).getCallerIdentity().arn()).startsWith("arn:aws:sts::" + SsoDirectory.SECOND_ACCOUNT_ID
                    + ":assumed-role/" + TotpMfaDevice.CROSS_ACCOUNT_ROLE + "/hybridpane-");
            f.sts(region).getCallerIdentity();
        }
        assertThat(asked).containsExactly("lab-mfa " + TotpMfaDevice.serial(LabWorld.load().accountId(),
                LabWorld.load().userName()));

        try (AwsClientFactory f = AwsClientFactory.forProfile("lab-mfa", profiles, (p, s) -> Optional.of("000000"),
                new SsoTokenCache(dir.resolve("home-5")))) {
            assertThatThrownBy(() -> f.sts(region).getCallerIdentity()).isInstanceOf(StsException.class)
                    .hasMessageContaining("MultiFactorAuthentication failed");
        }
        try (AwsClientFactory f = AwsClientFactory.forProfile("lab-mfa", profiles, MfaCodePrompt.NONE,
                new SsoTokenCache(dir.resolve("home-6")))) {
            assertThatThrownBy(() -> f.sts(region).getCallerIdentity()).isInstanceOf(SdkException.class)
                    .hasMessageContaining("No MFA code was given for profile lab-mfa");
        }
    }
}
