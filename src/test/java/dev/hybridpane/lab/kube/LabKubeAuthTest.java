package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.aws.AwsCli;
import dev.hybridpane.lab.aws.LabCredentials;
import dev.hybridpane.lab.aws.LabSsoSignIn;
import dev.hybridpane.lab.aws.SsoDirectory;
import dev.hybridpane.lab.aws.SigV4Verifier;
import dev.hybridpane.lab.aws.SigV4Verifier.Secret;
import dev.hybridpane.lab.kube.EksIdentityLookup.KubernetesUser;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * The lab's API servers authenticate as EKS clusters do. Tokens are made here with the AWS SDK's own SigV4 presigner
 * (an STS GetCallerIdentity URL with x-k8s-aws-id signed, as aws eks get-token makes it), never with the console's code.
 */
class LabKubeAuthTest {
    static final String RETAIL = "us-west-2/retail-edge";
    static final String PAYMENTS = "us-west-2/payments";
    static final String STAGING = "us-west-2/staging-edge";
    static final String ACCOUNT = "111122223333";
    static Lab lab;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabWorld.load(), null);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /** A token as aws eks get-token makes it, presigned for {@code sts} at {@code signedAt}. */
    static String token(URI sts, String keyId, String secret, String clusterName, Instant signedAt) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(sts).encodedPath("/")
                .putRawQueryParameter("Action", "GetCallerIdentity").putRawQueryParameter("Version", "2011-06-15")
                .putHeader("x-k8s-aws-id", clusterName).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(keyId, secret))
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60))
                .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC))).request();
        return "k8s-aws-v1." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signed.getUri().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** As above, for temporary credentials (the presigned URL carries their session token). */
    static String sessionToken(URI sts, AwsSessionCredentials c, String clusterName) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(sts).encodedPath("/")
                .putRawQueryParameter("Action", "GetCallerIdentity").putRawQueryParameter("Version", "2011-06-15")
                .putHeader("x-k8s-aws-id", clusterName).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60))).request();
        return "k8s-aws-v1." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signed.getUri().toString().getBytes(StandardCharsets.UTF_8));
    }

    static String labToken(String clusterName) {
        return token(lab.awsEndpoint(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, clusterName, Instant.now());
    }

    static KubernetesClient client(String url, String token) {
        ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(url).withRequestRetryBackoffLimit(0);
        if (token != null) {
            b.withOauthToken(token);
        }
        return new KubernetesClientBuilder().withConfig(b.build()).build();
    }

    /** What the server answered to {@code call}, as the Status it sent. */
    static KubernetesClientException refused(String key, String token, Consumer<KubernetesClient> call) {
        try (KubernetesClient c = client(lab.kubeEndpoints().get(key), token)) {
            KubernetesClientException e = catchThrowableOfType(() -> call.accept(c), KubernetesClientException.class);
            assertThat(e).as("the server refused").isNotNull();
            return e;
        }
    }

    static void assertUnauthorized(KubernetesClientException e) {
        assertThat(e.getCode()).isEqualTo(401);
        Status s = e.getStatus();
        assertThat(s.getKind()).isEqualTo("Status");
        assertThat(s.getStatus()).isEqualTo("Failure");
        assertThat(s.getMessage()).isEqualTo("Unauthorized");
        assertThat(s.getReason()).isEqualTo("Unauthorized");
        assertThat(s.getCode()).isEqualTo(401);
    }

    static final Consumer<KubernetesClient> LIST_NODES = c -> c.nodes().list();

    @Test
    void aValidTokenOfTheClusterCreatorListsNodes() {
        try (KubernetesClient c = client(lab.kubeEndpoints().get(RETAIL), labToken("retail-edge"))) {
            assertThat(c.nodes().list().getItems()).hasSize(11);
        }
    }

    @Test
    void aTokenSignedWithTheWrongSecretIsUnauthorized() {
        String t = token(lab.awsEndpoint(), Lab.ACCESS_KEY_ID, "not/the/secret/000000000000000000000000", "retail-edge",
                Instant.now());
        assertUnauthorized(refused(RETAIL, t, LIST_NODES));
    }

    @Test
    void aTokenForAnotherClusterIsUnauthorized() {
        assertUnauthorized(refused(RETAIL, labToken("payments"), LIST_NODES));
        try (KubernetesClient c = client(lab.kubeEndpoints().get(PAYMENTS), labToken("payments"))) {
            assertThat(c.nodes().list().getItems()).hasSize(4);
        }
    }

    @Test
    void aTokenOlderThanFifteenMinutesIsUnauthorized() {
        String old = token(lab.awsEndpoint(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, "retail-edge",
                Instant.now().minus(Duration.ofMinutes(16)));
        assertUnauthorized(refused(RETAIL, old, LIST_NODES));
        String recent = token(lab.awsEndpoint(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, "retail-edge",
                Instant.now().minus(Duration.ofMinutes(14)));
        try (KubernetesClient c = client(lab.kubeEndpoints().get(RETAIL), recent)) {
            assertThat(c.nodes().list().getItems()).isNotEmpty();
        }
    }

    @Test
    void aTokenPresignedForAnotherHostIsUnauthorized() {
        String t = token(URI.create("https://sts.example.com"), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, "retail-edge",
                Instant.now());
        assertUnauthorized(refused(RETAIL, t, LIST_NODES));
        assertUnauthorized(refused(RETAIL, "k8s-aws-v1.bm90IGEgdXJs", LIST_NODES));
        assertUnauthorized(refused(RETAIL, "hybridpane-lab", LIST_NODES));
    }

    @Test
    void noTokenIsUnauthorizedButTheVersionAndHealthPathsAreOpen() throws Exception {
        assertUnauthorized(refused(RETAIL, null, LIST_NODES));
        HttpClient http = HttpClient.newHttpClient();
        String base = lab.kubeEndpoints().get(RETAIL);
        HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create(base + "/version")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body()).contains("\"gitVersion\"");
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/api")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json");
        // an invalid token is refused even where no token is needed
        HttpResponse<String> badVersion = http.send(HttpRequest.newBuilder(URI.create(base + "/version"))
                .header("Authorization", "Bearer k8s-aws-v1.bm90IGEgdXJs").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badVersion.statusCode()).isEqualTo(401);
    }

    @Test
    void aValidSignatureOfAPrincipalWithoutAccessEntryIsUnauthorized() {
        LabCredentials keys = lab.aws().credentials();
        keys.issue("AKIALABNOBODY0000001", Secret.longTerm("nobody/secret/000000000000000000000000"),
                "arn:aws:iam::" + ACCOUNT + ":user/nobody");
        String t = token(lab.awsEndpoint(), "AKIALABNOBODY0000001", "nobody/secret/000000000000000000000000",
                "retail-edge", Instant.now());
        // the signature is good: only the mapping is missing (aws-iam-authenticator: "ARN is not mapped")
        assertUnauthorized(refused(RETAIL, t, LIST_NODES));
    }

    @Test
    void anAccessEntryWithoutPoliciesOrGroupsAuthenticatesButMayNotListNodes() {
        String arn = "arn:aws:iam::" + ACCOUNT + ":user/auditor";
        lab.aws().credentials().issue("AKIALABAUDITOR000001", Secret.longTerm("auditor/secret/0000000000000000000000"), arn);
        try (EksClient eks = EksClient.builder().endpointOverride(lab.awsEndpoint()).region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Lab.ACCESS_KEY_ID,
                        Lab.SECRET_ACCESS_KEY))).build()) {
            eks.createAccessEntry(b -> b.clusterName("factory-floor").principalArn(arn));
        }
        String t = token(lab.awsEndpoint(), "AKIALABAUDITOR000001", "auditor/secret/0000000000000000000000",
                "factory-floor", Instant.now());
        KubernetesClientException e = refused("eu-central-1/factory-floor", t, LIST_NODES);
        assertThat(e.getCode()).isEqualTo(403);
        assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
        assertThat(e.getStatus().getMessage()).isEqualTo("nodes is forbidden: User \"" + arn
                + "\" cannot list resource \"nodes\" in API group \"\" at the cluster scope");
        assertThat(e.getStatus().getDetails().getKind()).isEqualTo("nodes");
        // discovery stays open to every authenticated user
        try (KubernetesClient c = client(lab.kubeEndpoints().get("eu-central-1/factory-floor"), t)) {
            assertThat(c.getApiGroups().getGroups()).isNotEmpty();
        }
    }

    @Test
    void aHybridNodesRoleSessionIsItsAccessEntrysNodeUser() {
        // a hybrid node's credentials: a session of the role in retail-edge's HYBRID_LINUX access entry, named after
        // the managed instance (nodeadm's SSM provider)
        String session = "arn:aws:sts::" + ACCOUNT + ":assumed-role/retail-edge-hybrid-ssm/mi-0123456789abcdef0";
        lab.aws().credentials().issue("ASIALABNODE000000001", Secret.longTerm("node/secret/00000000000000000000000000"),
                session);
        String t = token(lab.awsEndpoint(), "ASIALABNODE000000001", "node/secret/00000000000000000000000000",
                "retail-edge", Instant.now());
        try (KubernetesClient c = client(lab.kubeEndpoints().get(RETAIL), t)) {
            assertThat(c.nodes().list().getItems()).hasSize(11);
        }
        KubernetesClientException e = refused(RETAIL, t, c -> c.namespaces().resource(new io.fabric8.kubernetes.api.model
                .NamespaceBuilder().withNewMetadata().withName("mine").endMetadata().build()).create());
        assertThat(e.getCode()).isEqualTo(403);
        assertThat(e.getStatus().getMessage()).isEqualTo("namespaces is forbidden: User \"system:node:mi-0123456789abcdef0\""
                + " cannot create resource \"namespaces\" in API group \"\" at the cluster scope");
        // payments has no access entry for that role
        assertUnauthorized(refused(PAYMENTS, token(lab.awsEndpoint(), "ASIALABNODE000000001",
                "node/secret/00000000000000000000000000", "payments", Instant.now()), LIST_NODES));
    }

    @Test
    void awsAuthMapsPrincipalsWhereTheAuthenticationModeReadsIt() {
        String arn = "arn:aws:iam::" + ACCOUNT + ":user/ops";
        lab.aws().credentials().issue("AKIALABOPS0000000001", Secret.longTerm("ops/secret/000000000000000000000000000"), arn);
        String mapUsers = "- userarn: " + arn + "\n  username: ops\n  groups:\n  - system:masters\n";
        for (String key : List.of(RETAIL, PAYMENTS)) {
            lab.kube().client(key).configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("aws-auth").withNamespace("kube-system").endMetadata()
                    .withData(Map.of("mapUsers", mapUsers)).build()).create();
        }
        // retail-edge reads aws-auth (API_AND_CONFIG_MAP)
        try (KubernetesClient c = client(lab.kubeEndpoints().get(RETAIL), token(lab.awsEndpoint(), "AKIALABOPS0000000001",
                "ops/secret/000000000000000000000000000", "retail-edge", Instant.now()))) {
            assertThat(c.nodes().list().getItems()).isNotEmpty();
        }
        // payments does not (API): the same mapping is no access
        assertUnauthorized(refused(PAYMENTS, token(lab.awsEndpoint(), "AKIALABOPS0000000001",
                "ops/secret/000000000000000000000000000", "payments", Instant.now()), LIST_NODES));
    }

    @Test
    void theLabsAdminTokenIsSystemMasters() {
        try (KubernetesClient c = client(lab.kubeEndpoints().get(PAYMENTS), lab.kube().adminToken())) {
            assertThat(c.nodes().list().getItems()).hasSize(4);
            assertThat(c.namespaces().withName("kube-system").get()).isNotNull();
        }
        assertThat(lab.kube().adminToken()).startsWith("hybridpane-lab.").hasSizeGreaterThan(40);
        try (LabKube other = new LabKube(LabWorld.load())) {
            assertThat(other.adminToken()).as("random per lab").isNotEqualTo(lab.kube().adminToken());
        }
    }

    /** kubectl, as the user runs it with the kubeconfig `hybridpane lab` writes; AWS_* of this machine removed. */
    static Run kubectl(Path kubeconfig, Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(home.resolve("kubectl.err").toFile());
        pb.environment().keySet().removeIf(n -> n.startsWith("AWS_") || n.equals("KUBECONFIG"));
        pb.environment().put("AWS_CONFIG_FILE", home.resolve("aws-config").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("aws-credentials").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(home.resolve("kubectl.err")));
    }

    record Run(int exit, String out, String err) {
    }

    static final Path KUBECTL = Path.of("/usr/bin/kubectl");

    @Test
    void kubectlAuthenticatesWithAwsEksGetTokenAndWithTheStaticContext(@TempDir Path home) throws Exception {
        assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed at /usr/bin/kubectl");
        assumeTrue(AwsCli.find().isPresent(), "the aws CLI is not installed");
        Path kubeconfig = lab.writeKubeconfig(home.resolve("kubeconfig"));
        String text = Files.readString(kubeconfig);
        // as aws eks update-kubeconfig writes the user, with env pointing the CLI at the lab
        assertThat(text).contains("apiVersion: client.authentication.k8s.io/v1beta1", "command: aws",
                "- \"--region\"\n      - \"us-west-2\"\n      - \"eks\"\n      - \"get-token\"\n      - \"--cluster-name\"\n"
                        + "      - \"retail-edge\"\n      - \"--output\"\n      - \"json\"",
                "name: AWS_ENDPOINT_URL\n        value: \"" + lab.awsEndpoint() + "\"", "name: \"retail-edge-static\"");

        Run exec = kubectl(kubeconfig, home, "--context", "retail-edge", "get", "nodes", "-o", "name");
        assertThat(exec.exit()).as(exec.err()).isZero();
        assertThat(exec.out().lines()).hasSize(11).allMatch(l -> l.startsWith("node/"));
        Run stat = kubectl(kubeconfig, home, "--context", "payments-static", "get", "nodes", "-o", "name");
        assertThat(stat.exit()).as(stat.err()).isZero();
        assertThat(stat.out().lines()).hasSize(4);

        // the CLI's own token, presigned for the lab's endpoint (AWS_ENDPOINT_URL), is for retail-edge only
        ProcessBuilder pb = new ProcessBuilder(AwsCli.find().get().toString(), "--region", "us-west-2", "eks", "get-token",
                "--cluster-name", "retail-edge", "--output", "json").redirectError(home.resolve("aws.err").toFile());
        pb.environment().keySet().removeIf(n -> n.startsWith("AWS_"));
        pb.environment().putAll(Map.of("AWS_ENDPOINT_URL", lab.awsEndpoint().toString(), "AWS_ACCESS_KEY_ID",
                Lab.ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", Lab.SECRET_ACCESS_KEY,
                "AWS_CONFIG_FILE", home.resolve("aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("aws-credentials").toString()));
        Process aws = pb.start();
        aws.getOutputStream().close();
        String json = new String(aws.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(aws.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(aws.exitValue()).as(Files.readString(home.resolve("aws.err"))).isZero();
        String t = Serialization.jsonMapper().readTree(json).path("status").path("token").asText();
        assertThat(new String(Base64.getUrlDecoder().decode(t.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8))
                .startsWith(lab.awsEndpoint() + "/?");
        Run other = kubectl(kubeconfig, home, "--context", "payments-static", "--token", t, "get", "nodes");
        assertThat(other.exit()).isNotZero();
        assertThat(other.err()).contains("Unauthorized").doesNotContain(t);
        Run same = kubectl(kubeconfig, home, "--context", "retail-edge-static", "--token", t, "get", "nodes", "-o", "name");
        assertThat(same.exit()).as(same.err()).isZero();
    }

    /**
     * The second account's cluster: an IAM Identity Center ReadOnlyAccess session of that account (signed in through the
     * lab's portal) reads it through its access entry's AmazonEKSViewPolicy and may not write; the lab user's keys, of
     * the first account, are not mapped there, and the session is not mapped on the first account's clusters.
     */
    @Test
    void theSecondAccountsReadOnlySessionReadsStagingEdgeAndOnlyThat() throws Exception {
        AwsSessionCredentials session = LabSsoSignIn.readOnly(lab.awsEndpoint(), SsoDirectory.SECOND_ACCOUNT_ID);
        try (KubernetesClient c = client(lab.kubeEndpoints().get(STAGING), sessionToken(lab.awsEndpoint(), session,
                "staging-edge"))) {
            assertThat(c.nodes().list().getItems()).hasSize(2);
            assertThat(c.apps().daemonSets().inAnyNamespace().list().getItems()).isNotEmpty();
            KubernetesClientException e = catchThrowableOfType(() -> c.nodes().resource(new NodeBuilder()
                    .withNewMetadata().withName("intruder").endMetadata().build()).create(), KubernetesClientException.class);
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getMessage()).matches("nodes is forbidden: User \"arn:aws:sts::444455556666:assumed-role/"
                    + "AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}/lab-admin\" cannot create resource \"nodes\" in API group "
                    + "\"\" at the cluster scope");
        }
        assertUnauthorized(refused(STAGING, labToken("staging-edge"), LIST_NODES));
        assertUnauthorized(refused(RETAIL, sessionToken(lab.awsEndpoint(), session, "retail-edge"), LIST_NODES));
    }

    /** The access policies the lab's world does not associate, on an identity source that does. */
    @Test
    void theViewPolicyReadsButDoesNotWrite() {
        URI sts = URI.create("http://127.0.0.1:9");
        String key = "AKIALABVIEWER0000001";
        String secret = "viewer/secret/00000000000000000000000";
        EksIdentityLookup viewers = new EksIdentityLookup() {
            @Override
            public SigV4Verifier.Credentials keys() {
                return id -> key.equals(id) ? Optional.of(Secret.longTerm(secret)) : Optional.empty();
            }

            @Override
            public Optional<String> principalArn(String accessKeyId) {
                return key.equals(accessKeyId) ? Optional.of("arn:aws:iam::" + ACCOUNT + ":role/viewer") : Optional.empty();
            }

            @Override
            public Optional<String> authenticationMode(String region, String clusterName) {
                return Optional.of("API");
            }

            @Override
            public Optional<KubernetesUser> kubernetesUser(String region, String clusterName, String principalArn) {
                return Optional.of(new KubernetesUser("viewer", List.of(), List.of("AmazonEKSViewPolicy")));
            }
        };
        try (LabKube kube = new LabKube(LabWorld.load(), Clock.systemUTC(), viewers, sts)) {
            kube.start();
            String t = token(sts, key, secret, "payments", Instant.now());
            try (KubernetesClient c = client(kube.endpoints().get(PAYMENTS), t)) {
                assertThat(c.nodes().list().getItems()).hasSize(4);
                KubernetesClientException e = catchThrowableOfType(() -> c.nodes().resource(new NodeBuilder()
                        .withNewMetadata().withName("intruder").endMetadata().build()).create(), KubernetesClientException.class);
                assertThat(e.getCode()).isEqualTo(403);
                assertThat(e.getStatus().getMessage()).isEqualTo("nodes is forbidden: User \"viewer\" cannot create "
                        + "resource \"nodes\" in API group \"\" at the cluster scope");
                KubernetesClientException secrets = catchThrowableOfType(
                        () -> c.secrets().inNamespace("kube-system").list(), KubernetesClientException.class);
                assertThat(secrets.getCode()).isEqualTo(403);
                assertThat(secrets.getStatus().getMessage()).isEqualTo("secrets is forbidden: User \"viewer\" cannot "
                        + "list resource \"secrets\" in API group \"\" in the namespace \"kube-system\"");
                KubernetesClientException deploy = catchThrowableOfType(() -> c.apps().deployments()
                        .inNamespace("kube-system").withName("coredns").delete(), KubernetesClientException.class);
                assertThat(deploy.getCode()).isEqualTo(403);
                assertThat(Serialization.asJson(deploy.getStatus())).contains("\"reason\":\"Forbidden\"", "\"code\":403");
                assertThat(deploy.getStatus().getMessage()).isEqualTo("deployments.apps \"coredns\" is forbidden: User "
                        + "\"viewer\" cannot delete resource \"deployments\" in API group \"apps\" in the namespace \"kube-system\"");
            }
        }
    }
}
