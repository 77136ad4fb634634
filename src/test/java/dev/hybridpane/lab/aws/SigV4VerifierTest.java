package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hybridpane.lab.aws.SigV4Result.Reason;
import dev.hybridpane.lab.aws.SigV4Result.Refused;
import dev.hybridpane.lab.aws.SigV4Result.Verified;
import dev.hybridpane.lab.aws.SigV4Verifier.HttpRequest;
import dev.hybridpane.lab.aws.SigV4Verifier.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Requests signed by the AWS SDK v2's own signer, verified by the lab's verifier; then tampered with. */
class SigV4VerifierTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String KEY = "AKIDLABTEST000000001";
    private static final String SECRET = "lab/Secret+Key0000000000000000000000000";
    private static final AwsCredentialsIdentity CREDENTIALS = AwsCredentialsIdentity.create(KEY, SECRET);

    private final SigV4Verifier verifier = SigV4Verifier.forSecrets(Map.of(KEY, SECRET));

    // --- requests of the three protocols and a presigned URL, as the SDK signs them

    private static HttpRequest stsQueryPost() {
        return sign(post("https://sts.us-east-1.amazonaws.com/", "application/x-www-form-urlencoded; charset=utf-8"),
                "Action=GetCallerIdentity&Version=2011-06-15", CREDENTIALS, "sts", "us-east-1", false);
    }

    private static HttpRequest eksRestGet() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("https://eks.us-west-2.amazonaws.com"))
                .encodedPath("/clusters/my-cluster/updates/id%3A1%20two")
                .putRawQueryParameter("nextToken", "a/b")
                .putRawQueryParameter("maxResults", "5")
                .putHeader("Accept", "application/json").build();
        return sign(request, "", CREDENTIALS, "eks", "us-west-2", false);
    }

    private static HttpRequest ssmJsonPost() {
        SdkHttpRequest request = post("https://ssm.eu-central-1.amazonaws.com/", "application/x-amz-json-1.1").toBuilder()
                .putHeader("X-Amz-Target", "AmazonSSM.DescribeInstanceInformation").build();
        return sign(request, "{\"MaxResults\":10}", CREDENTIALS, "ssm", "eu-central-1", false);
    }

    private static HttpRequest stsPresignedGet() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("https://sts.us-east-1.amazonaws.com/"))
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15").build();
        return sign(request, "", CREDENTIALS, "sts", "us-east-1", true);
    }

    @Test
    void aQueryProtocolPostVerifies() {
        SigV4Result result = verifier.verify(stsQueryPost(), NOW, "sts", "us-east-1");
        assertThat(result).isInstanceOf(Verified.class);
        Verified verified = (Verified) result;
        assertThat(List.of(verified.accessKeyId(), verified.region(), verified.service())).containsExactly(KEY, "us-east-1", "sts");
        assertThat(verified.signedHeaders()).contains("content-type", "host", "x-amz-date");
        assertThat(verified.presigned()).isFalse();
    }

    @Test
    void aRestJsonGetWithEncodedPathAndQueryVerifies() {
        HttpRequest request = eksRestGet();
        assertThat(request.rawQuery()).contains("nextToken=a%2Fb");
        assertThat(request.rawPath()).isEqualTo("/clusters/my-cluster/updates/id%3A1%20two");
        assertThat(verifier.verify(request, NOW, "eks", "us-west-2")).isInstanceOf(Verified.class);
    }

    @Test
    void aJson11PostVerifiesWithTheTargetSigned() {
        SigV4Result result = verifier.verify(ssmJsonPost(), NOW, "ssm", "eu-central-1");
        assertThat(result).isInstanceOf(Verified.class);
        assertThat(((Verified) result).signedHeaders()).contains("x-amz-target");
    }

    @Test
    void aPresignedGetVerifiesWithinItsExpiryAndNotAfter() {
        HttpRequest request = stsPresignedGet();
        assertThat(request.rawQuery()).contains("X-Amz-Expires=60").contains("X-Amz-Signature=");
        assertThat(verifier.verify(request, NOW.plusSeconds(59), "sts", "us-east-1"))
                .isEqualTo(new Verified(KEY, "us-east-1", "sts", List.of("host"), true));
        assertRefused(verifier.verify(request, NOW.plusSeconds(61), "sts", "us-east-1"),
                400, "RequestExpired", "Request has expired");
        assertThat(verifier.withPresignedLifetime(Duration.ofMinutes(15)).verify(request, NOW.plusSeconds(800), "sts", null))
                .isInstanceOf(Verified.class);
    }

    @Test
    void theSignatureExampleOfAwssDocumentationVerifies() {
        // "Create a canonical request" / "Calculate the signature" example of the AWS General Reference (IAM ListUsers)
        String authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
        HttpRequest request = new HttpRequest("GET", "/", "Action=ListUsers&Version=2010-05-08", Map.of(
                "Host", List.of("iam.amazonaws.com"),
                "Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"),
                "X-Amz-Date", List.of("20150830T123600Z"),
                "Authorization", List.of(authorization)), new byte[0]);
        SigV4Verifier docs = SigV4Verifier.forSecrets(Map.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
        Instant then = Instant.parse("2015-08-30T12:36:00Z");
        assertThat(docs.verify(request, then, "iam", "us-east-1")).isInstanceOf(Verified.class);
        assertThat(docs.verify(request.withQuery("Action=ListUsers&Version=2010-05-09"), then, "iam", "us-east-1"))
                .isInstanceOf(Refused.class);
    }

    // --- tampering

    @Test
    void aWrongSecretIsSignatureDoesNotMatch() {
        SigV4Verifier other = SigV4Verifier.forSecrets(Map.of(KEY, SECRET + "x"));
        for (HttpRequest request : List.of(stsQueryPost(), eksRestGet(), ssmJsonPost(), stsPresignedGet())) {
            assertBadSignature(other.verify(request, NOW, null, null));
        }
    }

    @Test
    void aChangedBodyIsSignatureDoesNotMatch() {
        HttpRequest request = stsQueryPost();
        assertBadSignature(verifier.verify(request.withBody("Action=GetCallerIdentity&Version=2011-06-16"), NOW, "sts", null));
        HttpRequest json = ssmJsonPost();
        assertBadSignature(verifier.verify(json.withBody("{\"MaxResults\":50}"), NOW, "ssm", null));
    }

    @Test
    void aChangedQueryParameterIsSignatureDoesNotMatch() {
        HttpRequest rest = eksRestGet();
        assertBadSignature(verifier.verify(rest.withQuery(rest.rawQuery().replace("a%2Fb", "a%2Fc")), NOW, "eks", null));
        HttpRequest presigned = stsPresignedGet();
        assertBadSignature(verifier.verify(presigned.withQuery(
                presigned.rawQuery().replace("GetCallerIdentity", "AssumeRole")), NOW, "sts", null));
    }

    @Test
    void aChangedPathIsSignatureDoesNotMatch() {
        HttpRequest rest = eksRestGet();
        assertBadSignature(verifier.verify(rest.withPath("/clusters/other-cluster/updates/id%3A1%20two"), NOW, "eks", null));
    }

    @Test
    void aChangedSignedHeaderIsSignatureDoesNotMatch() {
        HttpRequest json = ssmJsonPost();
        assertBadSignature(verifier.verify(json.withHeader("X-Amz-Target", "AmazonSSM.SendCommand"), NOW, "ssm", null));
        HttpRequest presigned = stsPresignedGet();
        assertBadSignature(verifier.verify(presigned.withHeader("Host", "sts.us-west-2.amazonaws.com"), NOW, "sts", null));
    }

    @Test
    void anUnknownAccessKeyIsInvalidClientTokenId() {
        SigV4Verifier other = SigV4Verifier.forSecrets(Map.of("AKIDSOMEONEELSE00001", SECRET));
        SigV4Result result = other.verify(stsQueryPost(), NOW, "sts", null);
        assertRefused(result, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        assertThat(((Refused) result).jsonErrorCode()).isEqualTo("UnrecognizedClientException");
    }

    @Test
    void sixMinutesOffEitherWayIsRequestExpired() {
        SigV4Result late = verifier.verify(stsQueryPost(), NOW.plus(Duration.ofMinutes(6)), "sts", null);
        assertRefused(late, 400, "RequestExpired", "Signature expired: 20260301T100000Z is now earlier than "
                + "20260301T100100Z (20260301T100600Z - 5 min.)");
        SigV4Result early = verifier.verify(ssmJsonPost(), NOW.minus(Duration.ofMinutes(6)), "ssm", null);
        assertThat(early).isInstanceOf(Refused.class);
        assertThat(((Refused) early).awsErrorCode()).isEqualTo("RequestExpired");
        assertThat(((Refused) early).message()).startsWith("Signature not yet current");
        assertThat(verifier.verify(stsQueryPost(), NOW.plus(Duration.ofMinutes(4)), "sts", null)).isInstanceOf(Verified.class);
    }

    @Test
    void aScopeForAnotherRegionOrServiceIsRefused() {
        assertRefused(verifier.verify(eksRestGet(), NOW, "eks", "us-east-1"),
                403, "SignatureDoesNotMatch", "Credential should be scoped to a valid region. ");
        assertRefused(verifier.verify(stsQueryPost(), NOW, "iam", null),
                403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'iam'. ");
    }

    @Test
    void noAuthenticationAtAllIsMissingAuthenticationToken() {
        HttpRequest unsigned = stsQueryPost().withoutHeader("Authorization");
        assertRefused(verifier.verify(unsigned, NOW, "sts", null), 403, "MissingAuthenticationToken",
                "Request is missing Authentication Token");
    }

    @Test
    void anAuthorizationWithoutSignatureIsIncompleteSignature() {
        HttpRequest request = stsQueryPost();
        String authorization = request.header("authorization").orElseThrow();
        String cut = authorization.substring(0, authorization.indexOf(", Signature="));
        SigV4Result result = verifier.verify(request.withHeader("Authorization", cut), NOW, "sts", null);
        assertThat(result).isInstanceOf(Refused.class);
        assertThat(((Refused) result).reason()).isEqualTo(Reason.INCOMPLETE_SIGNATURE);
        assertThat(((Refused) result).message()).contains("requires 'Signature' parameter");
    }

    @Test
    void sessionCredentialsVerifyOnlyWithTheirToken() {
        AwsSessionCredentialsIdentity session = AwsSessionCredentialsIdentity.create("ASIALABTEST000000001", SECRET, "token/one");
        HttpRequest request = sign(post("https://sts.us-east-1.amazonaws.com/", "application/x-www-form-urlencoded"),
                "Action=GetCallerIdentity&Version=2011-06-15", session, "sts", "us-east-1", false);
        assertThat(request.header("x-amz-security-token")).contains("token/one");
        SigV4Verifier right = new SigV4Verifier(id -> Optional.of(new Secret(SECRET, "token/one")).filter(s -> id.startsWith("ASIA")));
        SigV4Verifier wrong = new SigV4Verifier(id -> Optional.of(new Secret(SECRET, "token/two")));
        assertThat(right.verify(request, NOW, "sts", null)).isInstanceOf(Verified.class);
        assertThat(new Secret(SECRET, "token/one").toString()).doesNotContain(SECRET).doesNotContain("token/one");
        assertRefused(wrong.verify(request, NOW, "sts", null), 403, "InvalidClientTokenId",
                "The security token included in the request is invalid.");
        assertRefused(verifier.verify(stsQueryPost().withHeader("X-Amz-Security-Token", "token/one"), NOW, "sts", null),
                400, "IncompleteSignature", "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void anUnsignedPayloadVerifiesWhateverTheBody() {
        SdkHttpRequest base = post("https://ssm.eu-central-1.amazonaws.com/", "application/x-amz-json-1.1").toBuilder()
                .putHeader("X-Amz-Target", "AmazonSSM.DescribeInstanceInformation").build();
        HttpRequest request = sign(base, "{\"MaxResults\":10}", CREDENTIALS, "ssm", "eu-central-1", false, false);
        assertThat(request.header("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
        assertThat(verifier.verify(request, NOW, "ssm", null)).isInstanceOf(Verified.class);
        assertThat(verifier.verify(request.withBody("{\"MaxResults\":11}"), NOW, "ssm", null)).isInstanceOf(Verified.class);
        assertBadSignature(verifier.verify(request.withHeader("x-amz-content-sha256",
                SigV4Canonical.sha256Hex(request.body())), NOW, "ssm", null));
    }

    /**
     * The real client: the aws CLI (botocore) signs a query POST, a REST-JSON GET with an encoded path and query, and a
     * JSON 1.1 POST against a loopback server that only records what it receives; each recorded request verifies.
     */
    @Test
    void theAwsClisOwnRequestsVerify(@TempDir Path home) throws Exception {
        Optional<Path> aws = AwsCli.find();
        assumeTrue(aws.isPresent(), "the aws CLI is not installed");
        List<HttpRequest> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            received.add(new HttpRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders(), body));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            String key = "AKIDLABCLI0000000002";
            String secret = "cli/Other+Secret000000000000000000000000";
            List<List<String>> calls = List.of(
                    List.of("sts", "get-caller-identity"),
                    List.of("eks", "describe-update", "--name", "my-cluster", "--update-id", "id:1 two"),
                    List.of("eks", "list-updates", "--name", "my-cluster", "--next-token", "a/b", "--max-results", "5"),
                    List.of("ssm", "describe-instance-information", "--max-results", "10"));
            List<String> shapes = List.of("Action=GetCallerIdentity&Version=2011-06-15",
                    "GET /clusters/my-cluster/updates/id%3A1%20two?", "nextToken=a%2Fb",
                    "AmazonSSM.DescribeInstanceInformation {\"MaxResults\": 10}");
            SigV4Verifier cli = SigV4Verifier.forSecrets(Map.of(key, secret));
            SigV4Verifier wrong = SigV4Verifier.forSecrets(Map.of(key, secret + "x"));
            for (List<String> call : calls) {
                List<String> args = new ArrayList<>(call);
                args.addAll(List.of("--endpoint-url", endpoint, "--no-paginate"));
                AwsCli.run(aws.get(), home, key, secret, args.toArray(String[]::new));
                Instant now = Instant.now();
                assertThat(received).as("aws %s reached the server", call).hasSize(1);
                HttpRequest request = received.remove(0);
                String wire = request.method() + " " + request.rawPath() + "?" + request.rawQuery() + " "
                        + request.header("x-amz-target").orElse("") + " " + new String(request.body(), StandardCharsets.UTF_8);
                assertThat(wire).contains(shapes.get(calls.indexOf(call)));
                SigV4Result result = cli.verify(request, now, call.get(0), "us-east-1");
                assertThat(result).as("%s %s?%s", request.method(), request.rawPath(), request.rawQuery())
                        .isInstanceOf(Verified.class);
                assertBadSignature(wrong.verify(request, now, call.get(0), "us-east-1"));
            }
        } finally {
            server.stop(0);
        }
    }

    // --- helpers

    private static void assertBadSignature(SigV4Result result) {
        assertRefused(result, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the "
                + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                + "documentation for details.");
    }

    private static void assertRefused(SigV4Result result, int status, String code, String message) {
        assertThat(result).isInstanceOf(Refused.class);
        Refused refused = (Refused) result;
        assertThat(refused.httpStatus()).isEqualTo(status);
        assertThat(refused.awsErrorCode()).isEqualTo(code);
        assertThat(refused.message()).isEqualTo(message);
    }

    private static SdkHttpRequest post(String uri, String contentType) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(uri))
                .putHeader("Content-Type", contentType).build();
    }

    /** Signs with the SDK's signer at {@link #NOW} and returns the request as a server would receive it. */
    static HttpRequest sign(SdkHttpRequest request, String body, AwsCredentialsIdentity identity, String service,
            String region, boolean presign) {
        return sign(request, body, identity, service, region, presign, true);
    }

    static HttpRequest sign(SdkHttpRequest request, String body, AwsCredentialsIdentity identity, String service,
            String region, boolean presign, boolean signPayload) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        AwsV4HttpSigner signer = AwsV4HttpSigner.create();
        SdkHttpRequest signed = signer.sign(r -> {
            r.identity(identity).request(request)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload);
            if (bytes.length > 0) {
                r.payload(ContentStreamProvider.fromByteArray(bytes));
            }
            if (presign) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60));
            }
        }).request();
        return received(signed, bytes);
    }

    /** The request on the wire: the SDK's headers, plus the Host header an HTTP client adds. */
    static HttpRequest received(SdkHttpRequest signed, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        if (headers.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
            int standard = "https".equals(signed.protocol()) ? 443 : 80;
            boolean standardPort = signed.port() == standard;
            headers.put("Host", List.of(signed.host() + (standardPort ? "" : ":" + signed.port())));
        }
        return new HttpRequest(signed.method().name(), signed.encodedPath(),
                signed.encodedQueryParameters().orElse(""), headers, body);
    }
}
