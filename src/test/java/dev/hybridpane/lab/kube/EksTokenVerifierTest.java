package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hybridpane.lab.aws.AwsCli;
import dev.hybridpane.lab.aws.SigV4Verifier.Secret;
import dev.hybridpane.lab.kube.EksTokenResult.Authenticated;
import dev.hybridpane.lab.kube.EksTokenResult.Unauthenticated;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** EKS tokens made as {@code aws eks get-token} makes them (with the SDK v2's presigner, and with the CLI itself). */
class EksTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String KEY = "AKIDLABTEST000000001";
    private static final String SECRET = "lab/Secret+Key0000000000000000000000000";
    private static final URI STS = URI.create("https://sts.us-east-1.amazonaws.com");
    private static final URI LAB_STS = URI.create("http://127.0.0.1:45123");

    private final EksTokenVerifier verifier = new EksTokenVerifier(
            id -> KEY.equals(id) ? Optional.of(Secret.longTerm(SECRET)) : Optional.empty(), List.of(LAB_STS), null);

    /** A presigned STS GetCallerIdentity with x-k8s-aws-id signed, X-Amz-Expires=60, base64url without padding. */
    private static String token(URI endpoint, String action, String clusterName, boolean signClusterId, String secret) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint)
                .encodedPath("/")
                .putRawQueryParameter("Action", action)
                .putRawQueryParameter("Version", "2011-06-15");
        if (signClusterId) {
            request.putHeader("x-k8s-aws-id", clusterName);
        }
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEY, secret))
                .request(request.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60))
                .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))).request();
        return encode(signed.getUri().toString());
    }

    private static String token(String clusterName) {
        return token(STS, "GetCallerIdentity", clusterName, true, SECRET);
    }

    private static String encode(String url) {
        return "k8s-aws-v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8);
    }

    @Test
    void aTokenForThisClusterAuthenticates() {
        String token = token("prod-hybrid");
        assertThat(token).startsWith("k8s-aws-v1.").matches("k8s-aws-v1\\.[A-Za-z0-9_-]+");
        assertThat(decode(token)).contains("X-Amz-Expires=60").contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id");
        assertThat(verifier.verify(token, "prod-hybrid", NOW.plusSeconds(30)))
                .isEqualTo(new Authenticated(KEY, "us-east-1"));
    }

    @Test
    void aTokenForAnotherClusterIsRefused() {
        EksTokenResult result = verifier.verify(token("staging"), "prod-hybrid", NOW.plusSeconds(30));
        assertThat(result).isInstanceOf(Unauthenticated.class);
        assertThat(((Unauthenticated) result).reason()).contains("SignatureDoesNotMatch").contains("another cluster");
        assertThat(((Unauthenticated) result).httpStatus()).isEqualTo(401);
    }

    @Test
    void aTokenLivesFifteenMinutesWhateverItsExpiresSays() {
        String token = token("prod-hybrid");
        assertThat(verifier.verify(token, "prod-hybrid", NOW.plus(Duration.ofMinutes(14))))
                .isInstanceOf(Authenticated.class);
        assertUnauthenticated(verifier.verify(token, "prod-hybrid", NOW.plus(Duration.ofMinutes(16))), "expired");
    }

    @Test
    void aTokenFromTheFutureIsRefused() {
        assertUnauthenticated(verifier.verify(token("prod-hybrid"), "prod-hybrid", NOW.minus(Duration.ofMinutes(6))),
                "future");
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String url = decode(token("prod-hybrid"));
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char flipped = url.charAt(at) == '0' ? '1' : '0';
        String tampered = encode(url.substring(0, at) + flipped + url.substring(at + 1));
        assertUnauthenticated(verifier.verify(tampered, "prod-hybrid", NOW), "SignatureDoesNotMatch");
        assertUnauthenticated(verifier.verify(token(STS, "GetCallerIdentity", "prod-hybrid", true, SECRET + "x"),
                "prod-hybrid", NOW), "SignatureDoesNotMatch");
    }

    @Test
    void anotherStsActionIsRefusedEvenWhenSigned() {
        assertUnauthenticated(verifier.verify(token(STS, "AssumeRole", "prod-hybrid", true, SECRET), "prod-hybrid", NOW),
                "unexpected action");
    }

    @Test
    void theClusterIdHeaderMustBeSigned() {
        assertUnauthenticated(verifier.verify(token(STS, "GetCallerIdentity", "prod-hybrid", false, SECRET),
                "prod-hybrid", NOW), "did not sign the x-k8s-aws-id header");
    }

    @Test
    void onlyStsOrTheConfiguredEndpointIsAccepted() {
        assertUnauthenticated(verifier.verify(token(URI.create("https://sts.example.com"), "GetCallerIdentity",
                "prod-hybrid", true, SECRET), "prod-hybrid", NOW), "unexpected hostname");
        assertUnauthenticated(verifier.verify(token(URI.create("http://sts.amazonaws.com"), "GetCallerIdentity",
                "prod-hybrid", true, SECRET), "prod-hybrid", NOW), "unexpected scheme");
        assertThat(verifier.verify(token(URI.create("https://sts.amazonaws.com"), "GetCallerIdentity",
                "prod-hybrid", true, SECRET), "prod-hybrid", NOW)).isInstanceOf(Authenticated.class);
        assertThat(verifier.verify(token(LAB_STS, "GetCallerIdentity", "prod-hybrid", true, SECRET), "prod-hybrid", NOW))
                .isInstanceOf(Authenticated.class);
        assertUnauthenticated(verifier.verify(token(URI.create("http://127.0.0.1:45124"), "GetCallerIdentity",
                "prod-hybrid", true, SECRET), "prod-hybrid", NOW), "unexpected scheme");
    }

    @Test
    void anUnknownKeyIsRefused() {
        EksTokenVerifier nobody = new EksTokenVerifier(id -> Optional.empty(), List.of(), null);
        assertUnauthenticated(nobody.verify(token("prod-hybrid"), "prod-hybrid", NOW), "InvalidClientTokenId");
    }

    @Test
    void aScopeOutsideTheExpectedRegionIsRefused() {
        EksTokenVerifier west = new EksTokenVerifier(id -> Optional.of(Secret.longTerm(SECRET)), List.of(), "us-west-2");
        assertUnauthenticated(west.verify(token("prod-hybrid"), "prod-hybrid", NOW), "scoped to a valid region");
    }

    @Test
    void malformedTokensAreRefused() {
        String token = token("prod-hybrid");
        assertUnauthenticated(verifier.verify(token.substring("k8s-aws-v1.".length()), "prod-hybrid", NOW), "prefix");
        assertUnauthenticated(verifier.verify(token + "==", "prod-hybrid", NOW), "padded");
        assertUnauthenticated(verifier.verify("k8s-aws-v1." + "A".repeat(5000), "prod-hybrid", NOW), "too large");
        assertUnauthenticated(verifier.verify(encode(decode(token) + "&Extra=1"), "prod-hybrid", NOW), "non-whitelisted");
        assertUnauthenticated(verifier.verify(null, "prod-hybrid", NOW), "no bearer token");
    }

    /** The real client: the aws CLI's own token (no network is needed to presign). */
    @Test
    void theAwsClisOwnTokenAuthenticates(@TempDir Path home) throws Exception {
        Optional<Path> aws = AwsCli.find();
        assumeTrue(aws.isPresent(), "the aws CLI is not installed");
        String key = "AKIDLABCLI0000000001";
        String secret = "cli/Secret+Key0000000000000000000000000";
        AwsCli.Run run = AwsCli.run(aws.get(), home, key, secret, "eks", "get-token", "--cluster-name", "prod-hybrid",
                "--output", "json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Instant now = Instant.now();
        JsonNode credential = new ObjectMapper().readTree(run.stdout());
        String token = credential.path("status").path("token").asText();

        EksTokenVerifier cli = new EksTokenVerifier(
                id -> key.equals(id) ? Optional.of(Secret.longTerm(secret)) : Optional.empty(), List.of(), null);
        EksTokenResult result = cli.verify(token, "prod-hybrid", now);
        assertThat(result).as(decode(token)).isInstanceOf(Authenticated.class);
        assertThat(((Authenticated) result).accessKeyId()).isEqualTo(key);
        assertThat(cli.verify(token, "staging", now)).isInstanceOf(Unauthenticated.class);
        assertThat(cli.verify(token, "prod-hybrid", now.plus(Duration.ofMinutes(16)))).isInstanceOf(Unauthenticated.class);
    }

    private static void assertUnauthenticated(EksTokenResult result, String reasonPart) {
        assertThat(result).isInstanceOf(Unauthenticated.class);
        assertThat(((Unauthenticated) result).reason()).contains(reasonPart);
    }
}
