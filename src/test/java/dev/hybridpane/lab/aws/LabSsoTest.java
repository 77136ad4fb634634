package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.lab.world.LabWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.RoleInfo;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** The lab's IAM Identity Center (SSO OIDC, the access portal) and its MFA role, through the SDK's own clients. */
class LabSsoTest {
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static AwsEmulator emulator;
    static URI endpoint;
    static SsoOidcClient oidc;
    static SsoClient portal;
    static StsClient sts;
    static String account;

    @BeforeAll
    static void start() {
        LabWorld world = LabWorld.load();
        account = world.accountId();
        emulator = new AwsEmulator(world, Map.of(), "");
        endpoint = emulator.start();
        oidc = SsoOidcClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        portal = SsoClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        sts = stsWith(StaticCredentialsProvider.create(AwsBasicCredentials.create(LabCredentials.LAB_ACCESS_KEY_ID,
                LabCredentials.LAB_SECRET_ACCESS_KEY)));
    }

    static StsClient stsWith(StaticCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials).build();
    }

    @AfterAll
    static void stop() {
        oidc.close();
        portal.close();
        sts.close();
        emulator.close();
    }

    static RegisterClientResponse register() {
        return oidc.registerClient(b -> b.clientName("lab-sso-test").clientType("public").scopes("sso:account:access"));
    }

    static StartDeviceAuthorizationResponse start(RegisterClientResponse c) {
        return oidc.startDeviceAuthorization(b -> b.clientId(c.clientId()).clientSecret(c.clientSecret())
                .startUrl(SsoDirectory.START_URL));
    }

    static CreateTokenResponse poll(RegisterClientResponse c, String deviceCode) {
        return oidc.createToken(b -> b.clientId(c.clientId()).clientSecret(c.clientSecret()).grantType(DEVICE_GRANT)
                .deviceCode(deviceCode));
    }

    static String approvedToken() throws Exception {
        RegisterClientResponse c = register();
        StartDeviceAuthorizationResponse d = start(c);
        open(d.verificationUriComplete());
        return poll(c, d.deviceCode()).accessToken();
    }

    static HttpResponse<String> open(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deviceFlowIsPendingUntilTheVerificationPageIsOpenedThenIssuesATokenOnce() throws Exception {
        RegisterClientResponse c = register();
        assertThat(c.clientSecretExpiresAt()).isGreaterThan(Instant.now().getEpochSecond());
        StartDeviceAuthorizationResponse d = start(c);
        assertThat(d.userCode()).matches("[A-Z]{4}-[A-Z]{4}");
        assertThat(d.verificationUriComplete()).startsWith(endpoint + "/device?user_code=" + d.userCode());
        assertThat(d.interval()).isEqualTo(1);
        assertThat(d.expiresIn()).isEqualTo(600);

        AuthorizationPendingException pending = catchThrowableOfType(() -> poll(c, d.deviceCode()),
                AuthorizationPendingException.class);
        assertThat(pending.error()).isEqualTo("authorization_pending");
        SlowDownException slow = catchThrowableOfType(() -> poll(c, d.deviceCode()), SlowDownException.class);
        assertThat(slow.error()).isEqualTo("slow_down");

        HttpResponse<String> page = open(d.verificationUriComplete());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("approved");
        CreateTokenResponse token = poll(c, d.deviceCode());
        assertThat(token.accessToken()).isNotBlank();
        assertThat(token.refreshToken()).isNotBlank();
        assertThat(token.expiresIn()).isEqualTo(8 * 3600);
        assertThat(token.tokenType()).isEqualTo("Bearer");
        InvalidGrantException reused = catchThrowableOfType(() -> poll(c, d.deviceCode()), InvalidGrantException.class);
        assertThat(reused.error()).isEqualTo("invalid_grant");

        CreateTokenResponse refreshed = oidc.createToken(b -> b.clientId(c.clientId()).clientSecret(c.clientSecret())
                .grantType("refresh_token").refreshToken(token.refreshToken()));
        assertThat(refreshed.accessToken()).isNotEqualTo(token.accessToken());
        // a refresh token is rotated: the old one is spent
        assertThatThrownBy(() -> oidc.createToken(b -> b.clientId(c.clientId()).clientSecret(c.clientSecret())
                .grantType("refresh_token").refreshToken(token.refreshToken()))).isInstanceOf(InvalidGrantException.class);
    }

    @Test
    void aWrongClientSecretIsAnInvalidClient() {
        RegisterClientResponse c = register();
        assertThatThrownBy(() -> oidc.startDeviceAuthorization(b -> b.clientId(c.clientId()).clientSecret("nope")
                .startUrl(SsoDirectory.START_URL))).isInstanceOf(InvalidClientException.class);
    }

    @Test
    void theApprovalDelayApprovesWithoutThePage() throws Exception {
        emulator.setSsoApproveAfter(Duration.ofMillis(300));
        try {
            RegisterClientResponse c = register();
            StartDeviceAuthorizationResponse d = start(c);
            Thread.sleep(400);
            assertThat(poll(c, d.deviceCode()).accessToken()).isNotBlank();
        } finally {
            emulator.setSsoApproveAfter(null);
        }
    }

    @Test
    void thePortalListsTwoAccountsAndIssuesCredentialsThatTheEmulatorAccepts() throws Exception {
        String token = approvedToken();
        List<AccountInfo> accounts = portal.listAccountsPaginator(b -> b.accessToken(token).maxResults(1)).accountList()
                .stream().toList();
        assertThat(accounts).extracting(AccountInfo::accountId).containsExactly(account, SsoDirectory.SECOND_ACCOUNT_ID);
        List<RoleInfo> roles = portal.listAccountRolesPaginator(b -> b.accessToken(token)
                .accountId(SsoDirectory.SECOND_ACCOUNT_ID)).roleList().stream().toList();
        assertThat(roles).extracting(RoleInfo::roleName).containsExactly("ReadOnlyAccess");

        RoleCredentials rc = portal.getRoleCredentials(b -> b.accessToken(token).accountId(SsoDirectory.SECOND_ACCOUNT_ID)
                .roleName("ReadOnlyAccess")).roleCredentials();
        assertThat(rc.expiration()).isGreaterThan(System.currentTimeMillis());
        try (StsClient asRole = stsWith(StaticCredentialsProvider.create(AwsSessionCredentials.create(rc.accessKeyId(),
                rc.secretAccessKey(), rc.sessionToken())))) {
            var me = asRole.getCallerIdentity();
            assertThat(me.account()).isEqualTo(SsoDirectory.SECOND_ACCOUNT_ID);
            assertThat(me.arn()).matches("arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}/"
                    + SsoDirectory.USER);
        }
        SsoException forbidden = catchThrowableOfType(() -> portal.getRoleCredentials(b -> b.accessToken(token)
                .accountId(SsoDirectory.SECOND_ACCOUNT_ID).roleName("AdministratorAccess")), SsoException.class);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.awsErrorDetails().errorCode()).isEqualTo("ForbiddenException");
    }

    @Test
    void thePortalRefusesAnUnknownOrLoggedOutToken() throws Exception {
        assertThatThrownBy(() -> portal.listAccounts(b -> b.accessToken("not-a-token")))
                .isInstanceOf(UnauthorizedException.class);
        String token = approvedToken();
        portal.logout(b -> b.accessToken(token));
        assertThatThrownBy(() -> portal.listAccounts(b -> b.accessToken(token))).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void theMfaRoleNeedsTheDevicesCurrentCode() {
        String role = TotpMfaDevice.roleArns(account).get(1);
        String serial = TotpMfaDevice.serial(account, LabWorld.load().userName());
        StsException noMfa = catchThrowableOfType(() -> sts.assumeRole(b -> b.roleArn(role).roleSessionName("mfa-check")),
                StsException.class);
        assertThat(noMfa.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(noMfa.awsErrorDetails().errorMessage()).contains("is not authorized to perform: sts:AssumeRole on resource: "
                + role);
        String now = Totp.code(TotpMfaDevice.SECRET_BASE32, Instant.now());
        String wrong = now.equals("000000") ? "111111" : "000000";
        StsException bad = catchThrowableOfType(() -> sts.assumeRole(b -> b.roleArn(role).roleSessionName("mfa-check")
                .serialNumber(serial).tokenCode(wrong)), StsException.class);
        assertThat(bad.awsErrorDetails().errorMessage()).startsWith("MultiFactorAuthentication failed with invalid MFA");
        assertThat(bad.statusCode()).isEqualTo(403);

        Credentials c = sts.assumeRole(b -> b.roleArn(role).roleSessionName("mfa-test").serialNumber(serial)
                .tokenCode(Totp.code(TotpMfaDevice.SECRET_BASE32, Instant.now()))).credentials();
        try (StsClient asRole = stsWith(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                c.secretAccessKey(), c.sessionToken())))) {
            assertThat(asRole.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::444455556666:assumed-role/"
                    + TotpMfaDevice.CROSS_ACCOUNT_ROLE + "/mfa-test");
        }
    }

    @Test
    void totpMatchesRfc6238sTestVectors() {
        // RFC 6238 appendix B, SHA-1 seed "12345678901234567890", last 6 of the 8 digits
        String seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assertThat(Totp.code(seed, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(seed, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(seed, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(seed, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }
}
