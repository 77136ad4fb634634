package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.adapters.aws.CannedAwsEndpoint.Answer;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.hybrid.EnableHybridRequest;
import dev.hybridpane.core.hybrid.NodeAccess;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.HybridRequirements;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.AccessConfigResponse;

/**
 * Answers the console does not expect, through the real SDK: an HTTP status with no AWS error code, an HTML page, an
 * error code no AWS model knows. Each becomes an AwsFailure whose one sentence names the operation and the reason.
 */
class AwsUnexpectedAnswersTest {
    static CannedAwsEndpoint endpoint;
    static AwsClientFactory clients;
    static SdkHybridAwsPort hybrid;

    @BeforeAll
    static void start() throws Exception {
        endpoint = new CannedAwsEndpoint();
        clients = AwsClientFactory.forEndpoint(endpoint.uri(), "AKIATESTKEY000000000", "secret-of-this-test", "us-west-2");
        hybrid = new SdkHybridAwsPort(clients);
    }

    @AfterAll
    static void stop() {
        clients.close();
        endpoint.close();
    }

    private static AwsFailure listAddons(String cluster, Answer answer) {
        endpoint.on("/clusters/" + cluster + "/addons", answer);
        return catchThrowableOfType(AwsFailure.class, () -> hybrid.listAddons(new ClusterRef("us-west-2", cluster)));
    }

    @Test
    void aClusterThatReportsNoAccessConfigIsInEksDefaultModeConfigMap() {
        endpoint.on("/clusters/old-auth", Answer.json(200, CannedAwsEndpoint.clusterWithoutAccessConfig("old-auth")));
        // not closed here: the port would close the clients that the other tests share
        Cluster c = new SdkAwsPort(clients).describeCluster(new ClusterRef("us-west-2", "old-auth"));
        assertThat(c.authenticationMode()).isEqualTo(AuthenticationMode.CONFIG_MAP);
        Check auth = HybridRequirements.evaluate(c, List.of()).stream()
                .filter(k -> k.id().equals(HybridRequirements.AUTH_MODE)).findFirst().orElseThrow();
        assertThat(auth.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(auth.reason()).contains("EKS refuses access entries", "authenticationMode=API_AND_CONFIG_MAP")
                .doesNotContain("did not report");
        EnableHybridRequest r = new EnableHybridRequest(List.of("10.200.0.0/16"), List.of("10.201.0.0/16"),
                CredentialProvider.SSM, null, null, null, null, 3600, NodeAccess.ACCESS_ENTRY, false);
        assertThat(r.problems(c, List.of())).singleElement().asString().contains("CONFIG_MAP only",
                "aws eks update-cluster-config --region us-west-2 --name old-auth");
    }

    @Test
    void theModeMapping() {
        assertThat(SdkMapping.authenticationMode(null)).isEqualTo(AuthenticationMode.CONFIG_MAP);
        assertThat(SdkMapping.authenticationMode(AccessConfigResponse.builder().bootstrapClusterCreatorAdminPermissions(true).build()))
                .isEqualTo(AuthenticationMode.CONFIG_MAP);
        assertThat(SdkMapping.authenticationMode(AccessConfigResponse.builder().authenticationMode("API").build()))
                .isEqualTo(AuthenticationMode.API);
        assertThat(SdkMapping.authenticationMode(AccessConfigResponse.builder().authenticationMode("API_AND_CONFIG_MAP").build()))
                .isEqualTo(AuthenticationMode.API_AND_CONFIG_MAP);
        assertThat(SdkMapping.authenticationMode(AccessConfigResponse.builder().authenticationMode("SOMETHING_NEW").build()))
                .isEqualTo(AuthenticationMode.UNKNOWN);
    }

    @Test
    void aBodyless404NamesTheCallAndTheStatus() {
        AwsFailure f = listAddons("empty404", new Answer(404, "text/plain", "", Map.of()));
        assertThat(f).isNotNull();
        assertThat(f.getMessage()).contains("eks:ListAddons", "HTTP 404").doesNotContain("null");
        assertThat(f.getMessage().lines()).hasSize(1);
        // a 404 that is not AWS's own proves no absence: a find() must not take it for "not there" and create something
        assertThat(f.kind()).isEqualTo(FailureKind.OTHER);
    }

    @Test
    void anHtml404NamesTheCallAndTheStatus() {
        AwsFailure f = listAddons("html404", new Answer(404, "text/html", "<html><body><h1>Not Found</h1></body></html>", Map.of()));
        assertThat(f).isNotNull();
        assertThat(f.getMessage()).contains("eks:ListAddons", "HTTP 404").doesNotContain("null");
    }

    @Test
    void aBodyless403IsDeniedForTheCaller() {
        AwsFailure f = listAddons("denied", new Answer(403, "text/plain", "", Map.of()));
        assertThat(f.kind()).isEqualTo(FailureKind.ACCESS_DENIED);
        assertThat(f.getMessage()).startsWith("eks:ListAddons was denied for endpoint ").contains("HTTP 403");
    }

    @Test
    void anUnknownErrorCodeIsNamedWithItsStatusAndMessage() {
        AwsFailure f = listAddons("unknown", new Answer(400, "application/json",
                "{\"__type\":\"BrandNewProblemException\",\"message\":\"the service changed its mind\"}",
                Map.of("x-amzn-ErrorType", "BrandNewProblemException")));
        assertThat(f).isNotNull();
        assertThat(f.errorCode()).isEqualTo("BrandNewProblemException");
        assertThat(f.getMessage()).contains("eks:ListAddons", "BrandNewProblemException", "HTTP 400", "the service changed its mind");
    }
}
