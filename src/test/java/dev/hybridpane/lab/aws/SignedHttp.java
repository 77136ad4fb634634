package dev.hybridpane.lab.aws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Raw HTTP requests to the lab, signed by the AWS SDK v2's own SigV4 signer ({@link AwsV4HttpSigner}), as a client of
 * the wire protocols without the SDK's service clients. Defaults: the lab user's key, now.
 */
final class SignedHttp {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Headers java.net.http sets itself (and refuses to be given); it sends the same values the signer saw. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");

    private final URI base;
    private AwsCredentialsIdentity identity = AwsCredentialsIdentity.create(LabCredentials.LAB_ACCESS_KEY_ID,
            LabCredentials.LAB_SECRET_ACCESS_KEY);
    private Instant at;
    private Duration presignedFor;

    SignedHttp(URI base) {
        this.base = base;
    }

    /** Signs with this key pair. */
    SignedHttp as(String accessKeyId, String secretAccessKey) {
        identity = AwsCredentialsIdentity.create(accessKeyId, secretAccessKey);
        return this;
    }

    /** Signs with these temporary credentials (the token is sent as X-Amz-Security-Token, signed). */
    SignedHttp asSession(String accessKeyId, String secretAccessKey, String sessionToken) {
        identity = AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, sessionToken);
        return this;
    }

    /** Signs as of {@code instant} instead of now. */
    SignedHttp at(Instant instant) {
        at = instant;
        return this;
    }

    /** Presigns in the query string (X-Amz-*) for this long instead of signing in the Authorization header. */
    SignedHttp presigned(Duration lifetime) {
        presignedFor = lifetime;
        return this;
    }

    /** The signed request, unsent: what the SDK's signer produced (tests may tamper with its URI before sending). */
    SdkHttpRequest sign(String method, String pathAndQuery, Map<String, String> headers, String body, String region,
            String service) {
        URI uri = base.resolve(pathAndQuery);
        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(b::putHeader);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(at, ZoneOffset.UTC);
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity).request(b.build())
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, clock);
            if (bytes.length > 0) {
                r.payload(ContentStreamProvider.fromByteArray(bytes));
            }
            if (presignedFor != null) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, presignedFor);
            }
        }).request();
    }

    /** Signs and sends. */
    HttpResponse<String> send(String method, String pathAndQuery, Map<String, String> headers, String body, String region,
            String service) throws Exception {
        return send(sign(method, pathAndQuery, headers, body, region, service), body);
    }

    /** Sends a signed request as it is. */
    static HttpResponse<String> send(SdkHttpRequest signed, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(signed.getUri());
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        b.method(signed.method().name(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET. */
    HttpResponse<String> get(String pathAndQuery, String region, String service) throws Exception {
        return send("GET", pathAndQuery, Map.of(), "", region, service);
    }

    /** A query-protocol form POST. */
    HttpResponse<String> form(String body, String region, String service) throws Exception {
        return send("POST", "/", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), body, region,
                service);
    }

    /** A JSON 1.1 POST for {@code target} (e.g. AmazonSSM.CreateActivation). */
    HttpResponse<String> json11(String target, String body, String region, String service) throws Exception {
        return send("POST", "/", Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target), body,
                region, service);
    }
}
