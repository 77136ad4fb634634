package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.core.EksToken;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class AwsEksTokensTest {
    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    static final String SECRET = "tokenTestSecretKey/EXAMPLE0000000000000";
    final EksTokens tokens = new EksTokens(Clock.fixed(NOW, ZoneOffset.UTC));

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static URI decode(EksToken token) {
        assertThat(token.value()).startsWith("k8s-aws-v1.");
        String body = token.value().substring("k8s-aws-v1.".length());
        assertThat(body).doesNotContain("=", "+", "/");
        return URI.create(new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8));
    }

    @Test
    void tokenIsAPresignedRegionalStsGetCallerIdentity() {
        EksToken token = tokens.create(AwsBasicCredentials.create("AKIAEXAMPLE000000000", SECRET), "us-west-2",
                "retail-edge", URI.create("https://sts.us-west-2.amazonaws.com"));
        URI url = decode(token);
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getHost()).isEqualTo("sts.us-west-2.amazonaws.com");
        Map<String, String> q = query(url);
        assertThat(q).containsEntry("Action", "GetCallerIdentity")
                .containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Expires", "60")
                .containsEntry("X-Amz-Date", "20250301T100000Z")
                .containsEntry("X-Amz-Credential", "AKIAEXAMPLE000000000/20250301/us-west-2/sts/aws4_request")
                .containsKey("X-Amz-Signature");
        assertThat(q.get("X-Amz-SignedHeaders")).isEqualTo("host;x-k8s-aws-id");
        assertThat(q.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
        assertThat(url.toString()).doesNotContain(SECRET);
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(14)));
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void sessionCredentialsAddTheSecurityToken() {
        EksToken token = tokens.create(AwsSessionCredentials.create("ASIAEXAMPLE000000000", SECRET, "session-token-xyz"),
                "eu-central-1", "factory-floor", URI.create("https://sts.eu-central-1.amazonaws.com"));
        assertThat(query(decode(token))).containsEntry("X-Amz-Security-Token", "session-token-xyz");
    }

    @Test
    void theClusterNameIsBoundIntoTheSignature() {
        AwsBasicCredentials creds = AwsBasicCredentials.create("AKIAEXAMPLE000000000", SECRET);
        URI sts = URI.create("https://sts.us-west-2.amazonaws.com");
        String a = query(decode(tokens.create(creds, "us-west-2", "retail-edge", sts))).get("X-Amz-Signature");
        String b = query(decode(tokens.create(creds, "us-west-2", "payments", sts))).get("X-Amz-Signature");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void portTokensUseTheOverrideEndpointForTheLab() {
        URI lab = URI.create("http://127.0.0.1:4566");
        try (SdkAwsPort port = new SdkAwsPort(AwsClientFactory.forEndpoint(lab, "AKIALAB", SECRET, "us-west-2"),
                Clock.fixed(NOW, ZoneOffset.UTC))) {
            URI url = decode(port.eksToken(new ClusterRef("us-west-2", "retail-edge")));
            assertThat(url.getAuthority()).isEqualTo("127.0.0.1:4566");
            assertThat(query(url).get("X-Amz-Credential")).endsWith("/us-west-2/sts/aws4_request");
        }
    }

    @Test
    void realProfilesPresignForTheRegionalStsEndpoint() {
        try (AwsClientFactory f = new AwsClientFactory(
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAEXAMPLE000000000", SECRET)), null, null, "test")) {
            assertThat(f.stsEndpoint("ap-south-1")).isEqualTo(URI.create("https://sts.ap-south-1.amazonaws.com"));
            assertThat(f.homeRegion()).isEqualTo("us-east-1");
        }
    }

    /**
     * The console's tokens in lab mode (presigned for the lab's AWS endpoint, signed with the lab user's keys) are what
     * the lab's API servers accept, as an EKS cluster accepts aws eks get-token's: for their own cluster only.
     */
    @Test
    void theLabsApiServersAcceptTheConsolesTokensForTheirOwnClusterOnly() {
        try (Lab lab = Lab.start(LabWorld.load(), null);
                SdkAwsPort port = new SdkAwsPort(AwsClientFactory.forEndpoint(lab.awsEndpoint(), Lab.ACCESS_KEY_ID,
                        Lab.SECRET_ACCESS_KEY, "us-west-2"))) {
            EksToken retail = port.eksToken(new ClusterRef("us-west-2", "retail-edge"));
            assertThat(decode(retail).getAuthority()).isEqualTo(lab.awsEndpoint().getAuthority());
            try (KubernetesClient c = client(lab.kubeEndpoints().get("us-west-2/retail-edge"), retail.value())) {
                assertThat(c.nodes().list().getItems()).hasSize(11);
            }
            try (KubernetesClient c = client(lab.kubeEndpoints().get("us-west-2/payments"), retail.value())) {
                KubernetesClientException e = catchThrowableOfType(() -> c.nodes().list(), KubernetesClientException.class);
                assertThat(e.getCode()).isEqualTo(401);
                assertThat(e.getStatus().getReason()).isEqualTo("Unauthorized");
                assertThat(e.getMessage()).doesNotContain(retail.value());
            }
        }
    }

    private static KubernetesClient client(String url, String token) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(url)
                .withOauthToken(token).withRequestRetryBackoffLimit(0).build()).build();
    }
}
