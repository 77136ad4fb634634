package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.adapters.net.LoopbackTlsFront;
import dev.hybridpane.adapters.net.TestCertificates;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.MfaCodePrompt;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.aws.LabCredentials;
import dev.hybridpane.lab.aws.SsoDirectory;
import dev.hybridpane.lab.world.LabWorld;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * AWS behind a TLS-inspecting proxy: the lab's AWS emulator is reached only over HTTPS with a certificate from a
 * private CA (as such a proxy presents). Without a CA bundle every call fails with a sentence that says so; with
 * AWS_CA_BUNDLE, or the profile's ca_bundle (the environment wins, as in the aws CLI), static keys, AWS SSO credentials
 * and the SSO OIDC client all work; a bundle that cannot be used is one sentence naming the file.
 */
class AwsCaBundleTest {
    @TempDir
    static Path dir;
    static LabWorld world;
    static AwsEmulator emulator;
    static URI plain;
    static LoopbackTlsFront tls;
    static URI https;
    static Path bundle;
    static Path otherBundle;
    static ProfileFile profiles;

    @BeforeAll
    static void start() throws Exception {
        world = LabWorld.load();
        emulator = new AwsEmulator(world, Map.of(), "");
        plain = emulator.start();
        TestCertificates certs = TestCertificates.forNames("127.0.0.1", "localhost");
        tls = new LoopbackTlsFront(certs.serverContext(), plain.getPort());
        https = URI.create("https://127.0.0.1:" + tls.port());
        // as CA bundles are found in the wild: comments and other text between the certificates
        bundle = Files.writeString(dir.resolve("corp-ca.pem"), "# Corporate inspection CA\n" + certs.caPem() + "\n");
        otherBundle = Files.writeString(dir.resolve("other-ca.pem"), TestCertificates.forNames("localhost").caPem());
        String region = world.regions().get(0);
        String keys = "aws_access_key_id = " + LabCredentials.LAB_ACCESS_KEY_ID + "\naws_secret_access_key = "
                + LabCredentials.LAB_SECRET_ACCESS_KEY + "\nregion = " + region + "\nendpoint_url = " + https + "\n";
        String sso = "sso_session = lab\nsso_account_id = " + world.accountId() + "\nsso_role_name = AdministratorAccess\n"
                + "region = " + region + "\nendpoint_url = " + https + "\n";
        Path config = Files.writeString(dir.resolve("config"), "[sso-session lab]\nsso_start_url = " + SsoDirectory.START_URL
                + "\nsso_region = " + region + "\nsso_registration_scopes = sso:account:access\n\n"
                + "[profile keys]\n" + keys + "\n"
                + "[profile keys-bundled]\n" + keys + "ca_bundle = " + bundle + "\n\n"
                + "[profile sso]\n" + sso + "\n"
                + "[profile sso-bundled]\n" + sso + "ca_bundle = " + bundle + "\n");
        profiles = ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
    }

    @AfterAll
    static void stop() throws Exception {
        tls.close();
        emulator.close();
    }

    private static String account(String profile, Map<String, String> env, SsoTokenCache cache) {
        try (SdkAwsPort port = new SdkAwsPort(AwsClientFactory.forProfile(profile, profiles, MfaCodePrompt.NONE, cache, env))) {
            return port.callerIdentity().account();
        }
    }

    private static String account(String profile, Map<String, String> env) {
        return account(profile, env, new SsoTokenCache(dir.resolve("no-sign-in")));
    }

    private static AwsFailure failure(String profile, Map<String, String> env) {
        try {
            account(profile, env);
        } catch (AwsFailure f) {
            return f;
        }
        throw new AssertionError("the call through " + profile + " worked");
    }

    @Test
    void withoutABundleTheInspectingProxysCertificateIsRefusedInOneSentence() {
        AwsFailure f = failure("keys", Map.of());
        assertThat(f.kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(f.getMessage()).startsWith("sts:GetCallerIdentity could not reach AWS: the endpoint's TLS certificate is not trusted")
                .contains("AWS_CA_BUNDLE").doesNotContain("\n");
    }

    @Test
    void awsCaBundleIsTheTrustStore() {
        int before = tls.connections();
        assertThat(account("keys", Map.of("AWS_CA_BUNDLE", bundle.toString()))).isEqualTo(world.accountId());
        assertThat(tls.connections()).as("over TLS").isGreaterThan(before);
    }

    @Test
    void theProfilesCaBundleToo() {
        assertThat(account("keys-bundled", Map.of())).isEqualTo(world.accountId());
    }

    @Test
    void theBundleReplacesTheDefaultTrustStoreAndTheEnvironmentWinsOverTheProfile() {
        AwsFailure f = failure("keys-bundled", Map.of("AWS_CA_BUNDLE", otherBundle.toString()));
        assertThat(f.getMessage()).contains("not trusted");
    }

    @Test
    void aMissingUnreadableOrEmptyBundleIsOneSentenceNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        AwsFailure f = failure("keys-bundled", Map.of("AWS_CA_BUNDLE", missing.toString()));
        assertThat(f.getMessage()).isEqualTo("sts:GetCallerIdentity could not run: The CA bundle " + missing
                + " (from AWS_CA_BUNDLE) does not exist.");

        Path empty = Files.writeString(dir.resolve("not-pem.txt"), "just some text, no certificate\n");
        f = failure("keys", Map.of("AWS_CA_BUNDLE", empty.toString()));
        assertThat(f.getMessage()).contains("The CA bundle " + empty + " (from AWS_CA_BUNDLE) holds no PEM certificate")
                .doesNotContain("\n");

        assertThat(failure("keys", Map.of("AWS_CA_BUNDLE", dir.toString())).getMessage())
                .contains("The CA bundle " + dir + " (from AWS_CA_BUNDLE) is a directory");

        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThat(failure("keys", Map.of("AWS_CA_BUNDLE", broken.toString())).getMessage())
                .contains("The CA bundle " + broken + " (from AWS_CA_BUNDLE) holds a certificate that cannot be read");
    }

    @Test
    void ssoCredentialsComeOverTlsWithTheProfilesBundle() {
        SsoTokenCache cache = new SsoTokenCache(dir.resolve("signed-in/.aws/sso/cache"));
        // signed in beforehand (the emulator's plain port), as `aws sso login` would have done
        SsoSession session = new SsoSession("sso", "lab", SsoDirectory.START_URL, world.regions().get(0),
                List.of("sso:account:access"), world.accountId(), "AdministratorAccess", plain);
        emulator.setSsoApproveAfter(Duration.ofMillis(200));
        try (SsoDeviceLogin login = new SsoDeviceLogin(session, cache)) {
            login.await(login.start(), new CancelToken());
        } finally {
            emulator.setSsoApproveAfter(null);
        }
        assertThat(account("sso-bundled", Map.of(), cache)).isEqualTo(world.accountId());
        AwsFailure refused = null;
        try {
            account("sso", Map.of(), cache);
        } catch (AwsFailure f) {
            refused = f;
        }
        assertThat(refused).as("the portal's GetRoleCredentials without the bundle").isNotNull();
        assertThat(refused.getMessage()).contains("not trusted");
    }

    @Test
    void aSignInThatMeetsAnUntrustedCertificateSaysHowToFixIt() {
        // this JVM has no AWS_CA_BUNDLE (nor a ca_bundle for a profile "sso" in the user's config): the JDK's trust store
        SsoSession session = new SsoSession("sso", "lab", SsoDirectory.START_URL, world.regions().get(0),
                List.of("sso:account:access"), null, null, https);
        try (SsoDeviceLogin login = new SsoDeviceLogin(session, new SsoTokenCache(dir.resolve("untrusted")))) {
            assertThatThrownBy(login::start).isInstanceOf(SsoLoginException.class)
                    .hasMessageStartingWith("could not reach AWS SSO in " + world.regions().get(0) + " for sso-session lab: "
                            + "the endpoint's TLS certificate is not trusted")
                    .hasMessageContaining("AWS_CA_BUNDLE");
        }
    }

    @Test
    void theSsoOidcClientOfTheSignInTrustsTheBundle() {
        SsoSession session = new SsoSession("sso", "lab", SsoDirectory.START_URL, world.regions().get(0),
                List.of("sso:account:access"), null, null, https);
        try (var http = AwsClientFactory.httpClient(https, Optional.of(new CaBundle(bundle, CaBundle.ENV)));
                var oidc = SsoClients.oidc(session, http)) {
            assertThat(oidc.registerClient(r -> r.clientName("hybridpane-test").clientType("public")).clientId()).isNotBlank();
        }
        try (var http = AwsClientFactory.httpClient(https, Optional.empty()); var oidc = SsoClients.oidc(session, http)) {
            assertThatThrownBy(() -> oidc.registerClient(r -> r.clientName("hybridpane-test").clientType("public")))
                    .isInstanceOf(SdkClientException.class).hasMessageContaining("PKIX");
        }
    }
}
