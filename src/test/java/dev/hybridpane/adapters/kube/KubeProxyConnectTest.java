package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.net.LoopbackConnectProxy;
import dev.hybridpane.adapters.net.LoopbackTlsFront;
import dev.hybridpane.adapters.net.TestCertificates;
import dev.hybridpane.core.ClusterAccess.EksTokenAccess;
import dev.hybridpane.core.ClusterAccess.KubeconfigContext;
import dev.hybridpane.core.ClusterPort.ClusterConnection;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS Kubernetes API behind a corporate proxy: the API server (fabric8's mock, CRUD) is reached only through a
 * loopback CONNECT proxy, under host names that resolve nowhere (as a private EKS endpoint seen from a laptop), with a
 * certificate from a private CA. The console connects through HTTPS_PROXY, a kubeconfig's proxy-url, or not at all when
 * NO_PROXY names the host.
 */
class KubeProxyConnectTest {
    static KubernetesMockServer api;
    static TestCertificates certs;
    static LoopbackTlsFront tls;
    static LoopbackConnectProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        api.start(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient admin = api.createClient()) {
            admin.nodes().resource(new NodeBuilder().withNewMetadata().withName("hybrid-node-1").endMetadata().build()).create();
        }
        certs = TestCertificates.forNames("api.proxied.test", "direct.proxied.test", "kc.proxied.test", "auth.proxied.test");
        tls = new LoopbackTlsFront(certs.serverContext(), api.getPort());
        proxy = new LoopbackConnectProxy(tls.port());
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        tls.close();
        try {
            api.shutdown();
        } catch (IllegalStateException slowClose) {
            // closing Vert.x can exceed the mock server's timeout on a loaded machine; not what this test checks
        }
    }

    private static EksTokenAccess eks(String host) throws Exception {
        return new EksTokenAccess("https://" + host, certs.caPemBase64(),
                () -> new EksToken("k8s-aws-v1.dGVzdA", Instant.now().plusSeconds(600)));
    }

    @Test
    void theEksTokenConnectionGoesThroughHttpsProxy() throws Exception {
        var port = new Fabric8ClusterPort(null, Clock.systemUTC(), Map.of("HTTPS_PROXY", proxy.url(), "NO_PROXY", "localhost,*.internal"));
        KubeClusterPortTest.Recorder r = new KubeClusterPortTest.Recorder();
        try (ClusterConnection c = port.connect(new ClusterRef("us-west-2", "proxied"), eks("api.proxied.test"), r)) {
            KubeClusterPortTest.await(() -> r.connected() && r.nodes.containsKey("hybrid-node-1"));
        }
        assertThat(proxy.targets()).contains("api.proxied.test:443");
    }

    @Test
    void lowerCaseHttpsProxyWithCredentialsAuthenticatesToTheProxy() throws Exception {
        String url = "http://alice:s3cret@127.0.0.1:" + proxy.port();
        var port = new Fabric8ClusterPort(null, Clock.systemUTC(), Map.of("https_proxy", url));
        KubeClusterPortTest.Recorder r = new KubeClusterPortTest.Recorder();
        try (ClusterConnection c = port.connect(new ClusterRef("us-west-2", "auth"), eks("auth.proxied.test"), r)) {
            KubeClusterPortTest.await(() -> r.connected() && r.nodes.containsKey("hybrid-node-1"));
        }
        assertThat(proxy.targets()).contains("auth.proxied.test:443");
        assertThat(proxy.authorizations()).contains("Basic "
                + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void noProxyNamingTheHostGoesDirect() throws Exception {
        var port = new Fabric8ClusterPort(null, Clock.systemUTC(), Map.of("HTTPS_PROXY", proxy.url(),
                "NO_PROXY", "10.0.0.0/8, .proxied.test"));
        KubeClusterPortTest.Recorder r = new KubeClusterPortTest.Recorder();
        try (ClusterConnection c = port.connect(new ClusterRef("us-west-2", "direct"), eks("direct.proxied.test"), r)) {
            KubeClusterPortTest.await(() -> r.failed() != null);
            // direct, the name resolves nowhere: only the proxy could have reached it
            assertThat(r.failed().kind()).isEqualTo(FailureKind.UNREACHABLE);
        }
        assertThat(proxy.targets()).noneMatch(t -> t.startsWith("direct.proxied.test"));
    }

    @Test
    void aKubeconfigClustersProxyUrlWinsOverTheEnvironment(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: corp
                  cluster:
                    server: https://kc.proxied.test
                    certificate-authority-data: %s
                    proxy-url: %s
                contexts:
                - name: corp-admin
                  context:
                    cluster: corp
                    user: admin
                current-context: corp-admin
                users:
                - name: admin
                  user:
                    token: test-token
                """.formatted(certs.caPemBase64(), proxy.url()));
        // the environment names a proxy that is not there, and NO_PROXY=* (which fabric8 itself rejects)
        var port = new Fabric8ClusterPort(kubeconfig, Clock.systemUTC(), Map.of("HTTPS_PROXY", "http://127.0.0.1:1",
                "NO_PROXY", "*"));
        KubeClusterPortTest.Recorder r = new KubeClusterPortTest.Recorder();
        try (ClusterConnection c = port.connect(new ClusterRef("us-west-2", "corp"), new KubeconfigContext("corp-admin"), r)) {
            KubeClusterPortTest.await(() -> r.connected() && r.nodes.containsKey("hybrid-node-1"));
        }
        assertThat(proxy.targets()).contains("kc.proxied.test:443");
    }
}
