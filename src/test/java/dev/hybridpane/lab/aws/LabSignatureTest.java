package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.lab.world.LabWorld;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rolesanywhere.RolesAnywhereClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The lab's AWS verifies SigV4 on every request and refuses as AWS does, in each protocol's error shape: through the
 * AWS SDK v2's clients (the typed exception, its error code and status) and on the wire.
 */
class LabSignatureTest {
    static final String WRONG_SECRET = "not/the/lab/secret/WRONGWRONGWRONG00000";
    static final String UNKNOWN_KEY = "AKIANEVERISSUED00000";
    static AwsEmulator emulator;
    static URI base;

    @BeforeAll
    static void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        base = emulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    // --- SDK clients

    /** The SDK's SigV4 signer with some of its properties overridden: a skewed clock, another signing name. */
    record TweakedSigner(Clock clock, String signingName) implements HttpSigner<AwsCredentialsIdentity> {
        @Override
        public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
            SignRequest.Builder<? extends AwsCredentialsIdentity> b = request.toBuilder();
            if (clock != null) {
                b.putProperty(HttpSigner.SIGNING_CLOCK, clock);
            }
            if (signingName != null) {
                b.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, signingName);
            }
            return AwsV4HttpSigner.create().sign(b.build());
        }

        @Override
        public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
            throw new UnsupportedOperationException("sync clients only");
        }
    }

    static AuthScheme<AwsCredentialsIdentity> sigv4(TweakedSigner signer) {
        return new AuthScheme<>() {
            @Override
            public String schemeId() {
                return AwsV4AuthScheme.SCHEME_ID;
            }

            @Override
            public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
                return providers.identityProvider(AwsCredentialsIdentity.class);
            }

            @Override
            public HttpSigner<AwsCredentialsIdentity> signer() {
                return signer;
            }
        };
    }

    /** A client of the lab with these credentials, no retries; {@code signer} null for the SDK's own. */
    static <B extends AwsClientBuilder<B, C>, C> C client(B builder, String region, AwsCredentials credentials,
            TweakedSigner signer) {
        builder.endpointOverride(base).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)));
        if (signer != null) {
            builder.putAuthScheme(sigv4(signer));
        }
        return builder.build();
    }

    static AwsCredentials lab() {
        return AwsBasicCredentials.create(LabCredentials.LAB_ACCESS_KEY_ID, LabCredentials.LAB_SECRET_ACCESS_KEY);
    }

    static AwsCredentials wrongSecret() {
        return AwsBasicCredentials.create(LabCredentials.LAB_ACCESS_KEY_ID, WRONG_SECRET);
    }

    static AwsCredentials unknownKey() {
        return AwsBasicCredentials.create(UNKNOWN_KEY, LabCredentials.LAB_SECRET_ACCESS_KEY);
    }

    static AwsServiceException refused(Runnable call, int status, String code) {
        AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call::run);
        assertThat(e).as("the call must be refused").isNotNull();
        assertThat(e.statusCode()).isEqualTo(status);
        if (code != null) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        }
        assertThat(e.getMessage()).doesNotContain(WRONG_SECRET).doesNotContain(LabCredentials.LAB_SECRET_ACCESS_KEY);
        return e;
    }

    @Test
    void theLabKeyPairWorksForEveryService() {
        try (StsClient sts = client(StsClient.builder(), "us-east-1", lab(), null);
             EksClient eks = client(EksClient.builder(), "eu-central-1", lab(), null);
             Ec2Client ec2 = client(Ec2Client.builder(), "us-west-2", lab(), null);
             IamClient iam = client(IamClient.builder(), "aws-global", lab(), null);
             RolesAnywhereClient ra = client(RolesAnywhereClient.builder(), "us-west-2", lab(), null)) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111122223333:user/lab-admin");
            assertThat(eks.listClusters().clusters()).containsExactly("factory-floor", "warehouse-edge");
            assertThat(ec2.describeVpcs().vpcs()).isNotEmpty();
            assertThat(iam.getUser().user().userName()).isEqualTo("lab-admin");
            assertThat(ra.listTrustAnchors(b -> { }).trustAnchors()).isNotEmpty();
        }
    }

    @Test
    void aWrongSecretIsRefusedAsEachServiceRefusesIt() {
        int listed = emulator.inspect().requestCount("eks:ListClusters");
        try (StsClient sts = client(StsClient.builder(), "us-east-1", wrongSecret(), null);
             EksClient eks = client(EksClient.builder(), "us-west-2", wrongSecret(), null);
             Ec2Client ec2 = client(Ec2Client.builder(), "us-west-2", wrongSecret(), null);
             IamClient iam = client(IamClient.builder(), "aws-global", wrongSecret(), null);
             SsmClient ssm = client(SsmClient.builder(), "us-west-2", wrongSecret(), null);
             RolesAnywhereClient ra = client(RolesAnywhereClient.builder(), "us-west-2", wrongSecret(), null)) {
            AwsServiceException e = refused(sts::getCallerIdentity, 403, "SignatureDoesNotMatch");
            assertThat(e.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated does not match");
            refused(iam::getUser, 403, "SignatureDoesNotMatch");
            refused(ec2::describeVpcs, 403, "SignatureDoesNotMatch");
            refused(eks::listClusters, 403, "InvalidSignatureException");
            refused(() -> ra.listTrustAnchors(b -> { }), 403, "InvalidSignatureException");
            refused(() -> ssm.describeInstanceInformation(), 400, "InvalidSignatureException");
        }
        assertThat(emulator.inspect().requestCount("eks:ListClusters")).as("refused before the operation")
                .isEqualTo(listed);
    }

    @Test
    void anUnknownKeyIsRefusedAsEachServiceRefusesIt() {
        try (StsClient sts = client(StsClient.builder(), "us-east-1", unknownKey(), null);
             EksClient eks = client(EksClient.builder(), "us-west-2", unknownKey(), null);
             Ec2Client ec2 = client(Ec2Client.builder(), "us-west-2", unknownKey(), null);
             IamClient iam = client(IamClient.builder(), "aws-global", unknownKey(), null);
             SsmClient ssm = client(SsmClient.builder(), "us-west-2", unknownKey(), null)) {
            AwsServiceException e = refused(sts::getCallerIdentity, 403, "InvalidClientTokenId");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
            refused(iam::getUser, 403, "InvalidClientTokenId");
            // EC2's 401: the JDK's HttpURLConnection (the SDK's url-connection client) drops the body of a 401 to a
            // streamed POST, so the SDK sees the status without AuthFailure; the wire shape is checked below
            refused(ec2::describeVpcs, 401, null);
            refused(eks::listClusters, 403, "UnrecognizedClientException");
            refused(() -> ssm.describeInstanceInformation(), 400, "UnrecognizedClientException");
        }
    }

    @Test
    void anUnknownKeyIsAuthFailureInEc2sShape() throws Exception {
        HttpResponse<String> r = new SignedHttp(base).as(UNKNOWN_KEY, LabCredentials.LAB_SECRET_ACCESS_KEY)
                .form("Action=DescribeVpcs&Version=2016-11-15", "us-west-2", "ec2");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("<Response><Errors><Error><Code>AuthFailure</Code>"
                + "<Message>AWS was not able to validate the provided access credentials</Message>");
    }

    @Test
    void aRevokedKeyIsUnknown() {
        emulator.credentials().issue("AKIAREVOKEDLATER0000", SigV4Verifier.Secret.longTerm("revoked/secret"),
                "arn:aws:iam::111122223333:user/lab-admin");
        AwsCredentials key = AwsBasicCredentials.create("AKIAREVOKEDLATER0000", "revoked/secret");
        try (StsClient sts = client(StsClient.builder(), "us-east-1", key, null)) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("111122223333");
            emulator.credentials().revoke("AKIAREVOKEDLATER0000");
            refused(sts::getCallerIdentity, 403, "InvalidClientTokenId");
        }
    }

    @Test
    void aRequestSignedSixMinutesAgoHasExpired() {
        Clock sixMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));
        TweakedSigner stale = new TweakedSigner(sixMinutesAgo, null);
        try (StsClient sts = client(StsClient.builder(), "us-east-1", lab(), stale);
             EksClient eks = client(EksClient.builder(), "us-west-2", lab(), stale);
             SsmClient ssm = client(SsmClient.builder(), "us-west-2", lab(), stale)) {
            refused(sts::getCallerIdentity, 400, "RequestExpired");
            AwsServiceException e = refused(eks::listClusters, 403, "InvalidSignatureException");
            assertThat(e.awsErrorDetails().errorMessage()).startsWith("Signature expired: ").contains(" - 5 min.)");
            refused(() -> ssm.describeInstanceInformation(), 400, "InvalidSignatureException");
        }
        TweakedSigner fourMinutesAgo = new TweakedSigner(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-4)), null);
        try (EksClient eks = client(EksClient.builder(), "us-west-2", lab(), fourMinutesAgo)) {
            assertThat(eks.listClusters().clusters()).contains("retail-edge");
        }
    }

    @Test
    void aScopeForARegionAwsDoesNotHaveIsRefused() {
        try (EksClient eks = client(EksClient.builder(), "us-weest-2", lab(), null);
             StsClient sts = client(StsClient.builder(), "xx-nowhere-1", lab(), null)) {
            AwsServiceException e = refused(eks::listClusters, 403, "InvalidSignatureException");
            assertThat(e.awsErrorDetails().errorMessage()).contains("Credential should be scoped to a valid region.");
            refused(sts::getCallerIdentity, 403, "SignatureDoesNotMatch");
        }
    }

    @Test
    void aScopeForAnotherServiceIsRefused() {
        try (EksClient eks = client(EksClient.builder(), "us-west-2", lab(), new TweakedSigner(null, "ec2"));
             StsClient sts = client(StsClient.builder(), "us-east-1", lab(), new TweakedSigner(null, "iam"))) {
            AwsServiceException e = refused(eks::listClusters, 403, "InvalidSignatureException");
            assertThat(e.awsErrorDetails().errorMessage()).contains("Credential should be scoped to correct service: 'eks'.");
            AwsServiceException s = refused(sts::getCallerIdentity, 403, "SignatureDoesNotMatch");
            assertThat(s.awsErrorDetails().errorMessage()).contains("'sts'");
        }
    }

    @Test
    void sessionCredentialsVerifyWithTheirTokenAndAreTheAssumedRole() {
        String role = "arn:aws:sts::111122223333:assumed-role/retail-edge-hybrid-ssm/lab-session";
        emulator.credentials().issue("ASIALABSESSION000001",
                new SigV4Verifier.Secret("session/secret/EXAMPLE", "lab-session-token-EXAMPLE"), role);
        try (StsClient sts = client(StsClient.builder(), "us-east-1",
                AwsSessionCredentials.create("ASIALABSESSION000001", "session/secret/EXAMPLE", "lab-session-token-EXAMPLE"),
                null)) {
            var identity = sts.getCallerIdentity();
            assertThat(identity.arn()).isEqualTo(role);
            assertThat(identity.userId()).startsWith("AROA").endsWith(":lab-session");
        }
        try (StsClient noToken = client(StsClient.builder(), "us-east-1",
                AwsBasicCredentials.create("ASIALABSESSION000001", "session/secret/EXAMPLE"), null);
             StsClient otherToken = client(StsClient.builder(), "us-east-1",
                AwsSessionCredentials.create("ASIALABSESSION000001", "session/secret/EXAMPLE", "another-token"), null)) {
            refused(noToken::getCallerIdentity, 403, "InvalidClientTokenId");
            AwsServiceException e = refused(otherToken::getCallerIdentity, 403, "InvalidClientTokenId");
            assertThat(e.getMessage()).doesNotContain("another-token").doesNotContain("lab-session-token-EXAMPLE");
        }
    }

    // --- on the wire

    @Test
    void noAuthenticationIsMissingAuthenticationTokenInEachShape() throws Exception {
        HttpResponse<String> eks = SignedHttp.HTTP.send(HttpRequest.newBuilder(base.resolve("/clusters")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(eks.statusCode()).isEqualTo(403);
        assertThat(eks.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
        assertThat(eks.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");

        HttpResponse<String> sts = SignedHttp.HTTP.send(HttpRequest.newBuilder(base.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sts.statusCode()).isEqualTo(403);
        assertThat(sts.body()).contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<Code>MissingAuthenticationToken</Code>")
                .contains("<Message>Request is missing Authentication Token</Message>");

        HttpResponse<String> ssm = SignedHttp.HTTP.send(HttpRequest.newBuilder(base.resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonSSM.DescribeInstanceInformation")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ssm.statusCode()).isEqualTo(400);
        assertThat(ssm.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"");
    }

    @Test
    void anIncompleteAuthorizationIsIncompleteSignature() throws Exception {
        HttpResponse<String> r = SignedHttp.HTTP.send(HttpRequest.newBuilder(base.resolve("/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + LabCredentials.LAB_ACCESS_KEY_ID
                        + "/20260301/us-east-1/iam/aws4_request")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetUser&Version=2010-05-08")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>IncompleteSignature</Code>");
    }

    @Test
    void aTamperedBodyIsSignatureDoesNotMatchInEc2sShape() throws Exception {
        SdkHttpRequest signed = new SignedHttp(base).sign("POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                "Action=DescribeVpcs&Version=2016-11-15", "us-west-2", "ec2");
        HttpResponse<String> r = SignedHttp.send(signed, "Action=DescribeSubnets&Version=2016-11-15");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<Response><Errors><Error><Code>SignatureDoesNotMatch</Code>");
        assertThat(SignedHttp.send(signed, "Action=DescribeVpcs&Version=2016-11-15").statusCode()).isEqualTo(200);
    }

    @Test
    void aPresignedGetCallerIdentityIsAcceptedAndRefusedWhenTamperedOrStale() throws Exception {
        SignedHttp presigner = new SignedHttp(base).presigned(Duration.ofSeconds(60));
        SdkHttpRequest good = presigner.sign("GET", "/?Action=GetCallerIdentity&Version=2011-06-15",
                Map.of("x-k8s-aws-id", "retail-edge"), "", "us-east-1", "sts");
        assertThat(good.getUri().getRawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Credential=");
        HttpResponse<String> ok = SignedHttp.send(good, "");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("<Arn>arn:aws:iam::111122223333:user/lab-admin</Arn>");

        // the signed header changed: another cluster's name
        HttpResponse<String> otherCluster = SignedHttp.send(good.toBuilder().putHeader("x-k8s-aws-id", "payments").build(), "");
        assertThat(otherCluster.statusCode()).isEqualTo(403);
        assertThat(otherCluster.body()).contains("<Code>SignatureDoesNotMatch</Code>");

        // a query parameter changed after signing
        URI tampered = URI.create(good.getUri().toString().replace("Version=2011-06-15", "Version=2011-06-16"));
        HttpResponse<String> changed = SignedHttp.send(good.toBuilder().uri(tampered).build(), "");
        assertThat(changed.statusCode()).isEqualTo(403);

        SdkHttpRequest stale = new SignedHttp(base).presigned(Duration.ofSeconds(60)).at(Instant.now().minusSeconds(120))
                .sign("GET", "/?Action=GetCallerIdentity&Version=2011-06-15", Map.of(), "", "us-east-1", "sts");
        HttpResponse<String> expired = SignedHttp.send(stale, "");
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("<Code>RequestExpired</Code>");
    }

    @Test
    void refusalsNeverEchoTheSignatureOrSecret() throws Exception {
        SignedHttp wrong = new SignedHttp(base).as(LabCredentials.LAB_ACCESS_KEY_ID, WRONG_SECRET);
        SdkHttpRequest signed = wrong.sign("GET", "/clusters", Map.of(), "", "us-west-2", "eks");
        String authorization = signed.firstMatchingHeader("Authorization").orElseThrow();
        String signature = authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
        HttpResponse<String> r = SignedHttp.send(signed, "");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
        assertThat(r.body()).doesNotContain(signature).doesNotContain(WRONG_SECRET)
                .doesNotContain(LabCredentials.LAB_SECRET_ACCESS_KEY);
    }

    @Test
    void aSignedRequestOnAnEncodedPathVerifies() throws Exception {
        HttpResponse<String> r = new SignedHttp(base).get("/clusters/retail-edge/access-entries/"
                + "arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fretail-edge-hybrid-ssm", "us-west-2", "eks");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"type\":\"HYBRID_LINUX\"");
    }
}
