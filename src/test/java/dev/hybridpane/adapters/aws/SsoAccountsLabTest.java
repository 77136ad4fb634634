package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.app.LabSsoSnippet;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.core.SsoAccounts.AccountRole;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.domain.CallerIdentity;
import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.aws.SsoDirectory;
import dev.hybridpane.lab.world.LabWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/** The accounts and roles of an AWS SSO sign-in, and AWS as one of them, against the lab's IAM Identity Center. */
class SsoAccountsLabTest {
    @TempDir
    static Path dir;
    static AwsEmulator emulator;
    static ProfileFile profiles;
    static String primary;
    /** Signed in once, shared by the tests that need a sign-in. */
    static SsoTokenCache signedIn;

    @BeforeAll
    static void start() throws Exception {
        LabWorld world = LabWorld.load();
        primary = world.accountId();
        emulator = new AwsEmulator(world, Map.of(), "");
        Path config = Files.writeString(dir.resolve("config"), LabSsoSnippet.config(world, emulator.start()));
        profiles = ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
        signedIn = new SsoTokenCache(dir.resolve("home/.aws/sso/cache"));
        emulator.setSsoApproveAfter(Duration.ofMillis(300));
        try (SsoDeviceLogin login = new SsoDeviceLogin(SsoSession.of(profiles, "lab-sso"), signedIn)) {
            login.await(login.start(), new CancelToken());
        } finally {
            emulator.setSsoApproveAfter(null);
        }
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static SdkSsoAccounts accounts(SsoTokenCache cache) {
        return new SdkSsoAccounts(() -> profiles, cache, Clock.systemUTC(), Map.of());
    }

    @Test
    void onlySsoProfilesAreSupported() {
        SdkSsoAccounts a = accounts(signedIn);
        assertThat(a.supports("lab-sso")).isTrue();
        assertThat(a.supports("lab-staging-sso")).isTrue();
        assertThat(a.supports("lab-keys")).isFalse();
        assertThat(a.supports("lab-mfa")).isFalse();
        assertThat(a.supports("no-such-profile")).isFalse();
    }

    @Test
    void listsEveryAccountAndRoleOfTheSignInWithTheAccountsNames() {
        List<AccountRole> pairs = accounts(signedIn).list("lab-sso");
        assertThat(pairs).containsExactly(
                new AccountRole(primary, "hybridpane-lab", "AdministratorAccess"),
                new AccountRole(primary, "hybridpane-lab", "ReadOnlyAccess"),
                new AccountRole(SsoDirectory.SECOND_ACCOUNT_ID, "hybridpane-lab-staging", "ReadOnlyAccess"));
        // the other profile of the same sso-session shares its sign-in
        assertThat(accounts(signedIn).list("lab-staging-sso")).isEqualTo(pairs);
    }

    @Test
    void opensAwsAsAPickedAccountAndRole() {
        AccountRole staging = new AccountRole(SsoDirectory.SECOND_ACCOUNT_ID, "hybridpane-lab-staging", "ReadOnlyAccess");
        assertThat(SdkSsoAccounts.label(staging))
                .isEqualTo("account hybridpane-lab-staging (444455556666) role ReadOnlyAccess");
        try (AwsPort aws = accounts(signedIn).open("lab-sso", staging)) {
            CallerIdentity id = aws.callerIdentity();
            assertThat(id.account()).isEqualTo(SsoDirectory.SECOND_ACCOUNT_ID);
            assertThat(id.arn()).startsWith("arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_ReadOnlyAccess_");
        }
        try (AwsPort aws = accounts(signedIn).open("lab-sso", new AccountRole(primary, "hybridpane-lab", "ReadOnlyAccess"))) {
            assertThat(aws.callerIdentity().arn()).startsWith("arn:aws:sts::" + primary
                    + ":assumed-role/AWSReservedSSO_ReadOnlyAccess_");
        }
    }

    @Test
    void withoutASignInTheFailureIsTheBannersNotSignedIn() {
        SdkSsoAccounts nobody = accounts(new SsoTokenCache(dir.resolve("nobody/.aws/sso/cache")));
        assertThatThrownBy(() -> nobody.list("lab-sso")).isInstanceOfSatisfying(AwsFailure.class, f -> {
            CredentialProblem p = f.credentialProblem().orElseThrow();
            assertThat(p.kind()).isEqualTo(CredentialProblem.Kind.SSO_NOT_SIGNED_IN);
            assertThat(p.title()).isEqualTo("Not signed in to AWS SSO");
            assertThat(p.signIn()).contains("lab-sso");
            assertThat(f.getMessage()).startsWith("sso:ListAccounts could not run: Not signed in to AWS SSO.");
        });
        AccountRole staging = new AccountRole(SsoDirectory.SECOND_ACCOUNT_ID, "hybridpane-lab-staging", "ReadOnlyAccess");
        try (AwsPort aws = nobody.open("lab-sso", staging)) {
            assertThatThrownBy(aws::callerIdentity).isInstanceOfSatisfying(AwsFailure.class, f -> assertThat(
                    f.credentialProblem().orElseThrow().kind()).isEqualTo(CredentialProblem.Kind.SSO_NOT_SIGNED_IN));
        }
    }

    @Test
    void anExpiredOrRefusedSignInIsTheBannersExpiredSession() {
        SsoSession session = SsoSession.of(profiles, "lab-sso");
        SsoCachedToken good = signedIn.read(session).orElseThrow();
        SsoTokenCache expired = new SsoTokenCache(dir.resolve("expired/.aws/sso/cache"));
        expired.write(session, new SsoCachedToken(good.startUrl(), good.region(), good.accessToken(),
                Instant.now().minusSeconds(60), null, null, null, null));
        SsoTokenCache refused = new SsoTokenCache(dir.resolve("refused/.aws/sso/cache"));
        refused.write(session, new SsoCachedToken(good.startUrl(), good.region(), "not-a-token-the-portal-gave",
                Instant.now().plusSeconds(3600), null, null, null, null));
        for (SsoTokenCache cache : List.of(expired, refused)) {
            assertThatThrownBy(() -> accounts(cache).list("lab-sso")).isInstanceOfSatisfying(AwsFailure.class, f -> {
                CredentialProblem p = f.credentialProblem().orElseThrow();
                assertThat(p.kind()).isEqualTo(CredentialProblem.Kind.SSO_EXPIRED);
                assertThat(p.title()).isEqualTo("Your AWS SSO session has expired");
                assertThat(p.signIn()).contains("lab-sso");
                assertThat(f.getMessage()).doesNotContain(good.accessToken(), "not-a-token-the-portal-gave");
            });
        }
    }
}
