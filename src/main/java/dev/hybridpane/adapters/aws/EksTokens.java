package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.EksToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Makes EKS bearer tokens the way {@code aws eks get-token} does: a SigV4-presigned STS GetCallerIdentity
 * GET URL (X-Amz-Expires=60, header x-k8s-aws-id signed), base64url-encoded without padding behind
 * "k8s-aws-v1.". The API server accepts it for about 15 minutes; we report 14.
 */
final class EksTokens {
    static final String PREFIX = "k8s-aws-v1.";
    static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
    static final Duration PRESIGN_EXPIRY = Duration.ofSeconds(60);
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(14);

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Clock clock;

    EksTokens(Clock clock) {
        this.clock = clock;
    }

    EksToken create(AwsCredentialsIdentity credentials, String region, String clusterName, URI stsEndpoint) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(stsEndpoint)
                .encodedPath("/")
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_ID_HEADER, clusterName)
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials)
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, PRESIGN_EXPIRY)
                .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, clock));
        String url = signed.request().getUri().toString();
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        return new EksToken(token, clock.instant().plus(TOKEN_LIFETIME));
    }
}
