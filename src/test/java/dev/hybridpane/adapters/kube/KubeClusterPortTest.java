package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ClusterAccess.EksTokenAccess;
import dev.hybridpane.core.ClusterListener;
import dev.hybridpane.core.ClusterPort.ClusterConnection;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.LivePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.PoolMapper;
import dev.hybridpane.domain.pool.ProfileRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.kube.LabSimulation;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeClusterPortTest {
    static final String SECRET = "k8s-aws-v1.c2VjcmV0LXRva2VuLXZhbHVl";
    static LabKube lab;

    @BeforeAll
    static void start() {
        lab = new LabKube(LabWorld.load());
        lab.start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static final class Recorder implements ClusterListener {
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();
        final Map<String, ClusterNode> nodes = new ConcurrentHashMap<>();
        final List<String> deleted = new CopyOnWriteArrayList<>();
        final List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        final Map<String, LivePool> pools = new ConcurrentHashMap<>();
        final List<String> deletedPools = new CopyOnWriteArrayList<>();

        @Override
        public void onPoolUpsert(LivePool p) {
            pools.put(p.name(), p);
        }

        @Override
        public void onPoolDelete(String name) {
            pools.remove(name);
            deletedPools.add(name);
        }

        public void onState(ConnectionState s) {
            states.add(s);
        }

        public void onNodeUpsert(ClusterNode n) {
            nodes.put(n.name(), n);
        }

        public void onNodeDelete(String name) {
            nodes.remove(name);
            deleted.add(name);
        }

        public void onEvent(ClusterEvent e) {
            events.add(e);
        }

        boolean connected() {
            return states.stream().anyMatch(s -> s instanceof ConnectionState.Connected);
        }

        ConnectionState.Failed failed() {
            return states.stream().filter(s -> s instanceof ConnectionState.Failed).map(s -> (ConnectionState.Failed) s)
                    .findFirst().orElse(null);
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }

    static EksTokenAccess access(String endpoint, AtomicInteger calls) {
        return access(endpoint, calls, SECRET);
    }

    /** The lab's API servers authenticate: against them, the lab's admin token is the bearer token. */
    static EksTokenAccess access(String endpoint, AtomicInteger calls, String token) {
        return new EksTokenAccess(endpoint, "", () -> {
            calls.incrementAndGet();
            return new EksToken(token, Instant.now().plusSeconds(600));
        });
    }

    @Test
    void listsWatchesAndMapsNodesAndEvents() throws Exception {
        String key = "us-west-2/retail-edge";
        AtomicInteger calls = new AtomicInteger();
        Recorder r = new Recorder();
        try (ClusterConnection c = new Fabric8ClusterPort().connect(new ClusterRef("us-west-2", "retail-edge"),
                access(lab.endpoints().get(key), calls, lab.adminToken()), r)) {
            await(() -> r.connected() && r.nodes.size() == 11);
            assertThat(r.states.get(0)).isInstanceOf(ConnectionState.Connecting.class);
            assertThat(calls.get()).isPositive();
            ClusterNode n = r.nodes.get("store-pos-02");
            assertThat(n.hybrid()).isTrue();
            assertThat(n.ready()).isTrue();
            assertThat(n.readyReason()).isEqualTo("KubeletReady");
            assertThat(n.pool()).isEqualTo("store-pos");
            assertThat(n.site()).isEqualTo("austin-store-112");
            assertThat(n.credentialProvider()).isEqualTo("iam-ra");
            assertThat(n.architecture()).isEqualTo("arm64");
            assertThat(n.internalIp()).startsWith("10.200.2.");
            assertThat(n.providerId()).isEqualTo("eks-hybrid:///us-west-2/retail-edge/store-pos-02");
            assertThat(n.readySince()).isNotNull();
            assertThat(r.nodes.values()).filteredOn(x -> !x.hybrid()).hasSize(3);
            await(() -> r.events.stream().anyMatch(ClusterEvent::warning));
            assertThat(r.events).allMatch(e -> e.involvedKind().equals("Node"));

            KubernetesClient admin = lab.client(key);
            admin.nodes().withName("store-pos-02").editStatus(node -> {
                for (NodeCondition k : node.getStatus().getConditions()) {
                    if (k.getType().equals("Ready")) {
                        k.setStatus("Unknown");
                        k.setReason("NodeStatusUnknown");
                        k.setMessage("Kubelet stopped posting node status.");
                    }
                }
                return node;
            });
            await(() -> !r.nodes.get("store-pos-02").ready());
            assertThat(r.nodes.get("store-pos-02").readyReason()).isEqualTo("NodeStatusUnknown");

            admin.v1().events().inNamespace("default").resource(new EventBuilder().withNewMetadata().withName("store-pos-02.test")
                    .endMetadata().withNewInvolvedObject().withKind("Node").withName("store-pos-02").endInvolvedObject()
                    .withType("Warning").withReason("TestReason").withMessage("hello").withCount(3).build()).create();
            admin.v1().events().inNamespace("default").resource(new EventBuilder().withNewMetadata().withName("pod.test")
                    .endMetadata().withNewInvolvedObject().withKind("Pod").withName("p").endInvolvedObject()
                    .withType("Warning").withReason("PodReason").build()).create();
            await(() -> r.events.stream().anyMatch(e -> e.reason().equals("TestReason")));
            ClusterEvent e = r.events.stream().filter(x -> x.reason().equals("TestReason")).findFirst().orElseThrow();
            assertThat(e.involvedName()).isEqualTo("store-pos-02");
            assertThat(e.count()).isEqualTo(3);
            assertThat(r.events).noneMatch(x -> x.reason().equals("PodReason"));

            admin.nodes().withName("store-pos-04").delete();
            await(() -> r.deleted.contains("store-pos-04"));
            assertThat(r.nodes).doesNotContainKey("store-pos-04");
        }
        assertThat(r.states).noneMatch(s -> s.toString().contains(lab.adminToken()));
    }

    @Test
    void watchesPoolObjectsAndTheEventsRecordedOnThem() throws Exception {
        String key = "us-west-2/retail-edge";
        Recorder r = new Recorder();
        KubernetesClient admin = lab.client(key);
        HybridNodePool pool = new HybridNodePool("watch-test", "austin-store-112", new ProfileRef("pos-iam-ra", 1),
                Map.of("workload", "pos"), List.of(), "", List.of(), List.of(new PoolHost("austin-09", "")));
        var pools = admin.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(HybridNodePool.NAMESPACE);
        try (ClusterConnection c = new Fabric8ClusterPort().connect(new ClusterRef("us-west-2", "retail-edge"),
                access(lab.endpoints().get(key), new AtomicInteger(), lab.adminToken()), r)) {
            await(r::connected);
            pools.resource(new GenericKubernetesResourceBuilder().withApiVersion(PoolMapper.API_VERSION).withKind(PoolMapper.KIND)
                    .withNewMetadata().withName("watch-test").withNamespace(HybridNodePool.NAMESPACE).endMetadata()
                    .addToAdditionalProperties("spec", PoolMapper.toSpec(pool)).build()).create();
            await(() -> r.pools.containsKey("watch-test"));
            assertThat(r.pools.get("watch-test").pool()).isEqualTo(pool);
            assertThat(r.pools.get("watch-test").phase()).isEmpty();

            admin.v1().events().inNamespace(HybridNodePool.NAMESPACE).resource(new EventBuilder().withNewMetadata()
                    .withName("watch-test.1").endMetadata().withNewInvolvedObject().withKind("HybridNodePool")
                    .withName("watch-test").endInvolvedObject().withType("Normal").withReason("NodeJoined")
                    .withMessage("austin-09 joined").build()).create();
            await(() -> r.events.stream().anyMatch(e -> e.involvedKind().equals("HybridNodePool") && e.reason().equals("NodeJoined")));

            pools.withName("watch-test").delete();
            await(() -> r.deletedPools.contains("watch-test"));
            assertThat(r.pools).doesNotContainKey("watch-test");
        }
    }

    @Test
    void simulationFlipsAreSeenByTheAdapter() throws Exception {
        String key = "us-west-2/retail-edge";
        Recorder r = new Recorder();
        var sim = new LabSimulation(lab.server(key), Duration.ofHours(1), Clock.systemUTC(),
                new Random(3));
        try (ClusterConnection c = new Fabric8ClusterPort().connect(new ClusterRef("us-west-2", "retail-edge"),
                access(lab.endpoints().get(key), new AtomicInteger(), lab.adminToken()), r)) {
            await(r::connected);
            String name = sim.tick();
            await(() -> r.nodes.containsKey(name) && !r.nodes.get(name).ready());
            await(() -> r.events.stream().anyMatch(e -> e.involvedName().equals(name) && e.reason().equals("NodeNotReady")
                    && e.message().equals("Node " + name + " status is now: NodeNotReady")));
            assertThat(sim.tick()).isEqualTo(name);
            await(() -> r.nodes.get(name).ready());
            assertThat(sim.flipRandomNodes(5)).isPositive();
        }
    }

    @Test
    void unauthorizedBecomesAFailedStateWithoutTheToken() throws Exception {
        // every request is refused, whatever its query string (the informer adds resourceVersion/limit)
        var unauthorized = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/json")
                        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
            }
        };
        var server = new KubernetesMockServer(new Context(),
                new MockWebServer(), new HashMap<>(), unauthorized, false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        try {
            AtomicInteger calls = new AtomicInteger();
            Recorder r = new Recorder();
            try (ClusterConnection c = new Fabric8ClusterPort().connect(new ClusterRef("us-west-2", "denied"),
                    access("http://127.0.0.1:" + server.getPort(), calls), r)) {
                await(() -> r.failed() != null);
                assertThat(r.failed().kind()).isEqualTo(FailureKind.UNAUTHORIZED);
                assertThat(r.failed().reason()).contains("401").doesNotContain(SECRET);
                assertThat(calls.get()).isPositive();
                assertThat(r.connected()).isFalse();
            }
        } finally {
            try {
                server.shutdown();
            } catch (IllegalStateException slowClose) {
                // closing Vert.x can exceed the mock server's timeout on a loaded machine; not what this test checks
            }
        }
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Recorder r = new Recorder();
        String endpoint = "http://127.0.0.1:" + port;
        try (ClusterConnection c = new Fabric8ClusterPort().connect(new ClusterRef("us-west-2", "gone"),
                access(endpoint, new AtomicInteger()), r)) {
            await(() -> r.failed() != null);
            assertThat(r.failed().kind()).isEqualTo(FailureKind.UNREACHABLE);
            assertThat(r.failed().reason()).contains(endpoint).doesNotContain(SECRET);
        }
    }

    @Test
    void tokenSupplierFailureIsReportedAsItsKind() throws Exception {
        Recorder r = new Recorder();
        var access = new EksTokenAccess(lab.endpoints().get("us-west-2/payments"), "", () -> {
            throw new AwsFailure(FailureKind.EXPIRED_CREDENTIALS, "sts:GetCallerIdentity", "ExpiredToken",
                    "Your SSO session has expired: run aws sso login.", null);
        });
        try (ClusterConnection c = new Fabric8ClusterPort().connect(new ClusterRef("us-west-2", "payments"), access, r)) {
            await(() -> r.failed() != null);
            assertThat(r.failed().kind()).isEqualTo(FailureKind.EXPIRED_CREDENTIALS);
            assertThat(r.failed().reason()).isEqualTo("Your SSO session has expired: run aws sso login.");
        }
    }

    @Test
    void kubeconfigContextsComeFromTheFile(@TempDir Path dir) throws Exception {
        Path f = lab.writeKubeconfig(dir.resolve("config"));
        Fabric8ClusterPort port = new Fabric8ClusterPort(f, Clock.systemUTC());
        // a lab without an AWS account writes only the admin token's contexts
        assertThat(port.kubeconfigContexts()).containsExactlyInAnyOrder("retail-edge-static", "payments-static",
                "factory-floor-static", "warehouse-edge-static");
        assertThat(new Fabric8ClusterPort(dir.resolve("none"), Clock.systemUTC()).kubeconfigContexts()).isEmpty();
        Recorder r = new Recorder();
        try (ClusterConnection c = port.connect(new ClusterRef("us-west-2", "payments"),
                new ClusterAccess.KubeconfigContext("payments-static"), r)) {
            await(() -> r.connected() && r.nodes.size() == 4);
        }
    }
}
