package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.EksToken;
import dev.hybridpane.core.pool.PoolEventsPort.PoolHistory;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.PoolStoreException;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.PoolMapper;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A pool's history read once from a lab cluster: its own Events, its nodes' Events, and its status members. */
class KubePoolEventsTest {
    static final String KEY = "us-west-2/retail-edge";
    static final ClusterRef REF = new ClusterRef("us-west-2", "retail-edge");
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

    static ClusterAccess access(String token) {
        return new ClusterAccess.EksTokenAccess(lab.endpoints().get(KEY), null,
                () -> new EksToken(token, Instant.now().plusSeconds(600)));
    }

    private static void event(KubernetesClient admin, String ns, String name, String kind, String about, String type,
            String reason, Instant at) {
        admin.v1().events().inNamespace(ns).resource(new EventBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(about).endInvolvedObject().withType(type)
                .withReason(reason).withMessage(reason + " " + about).withLastTimestamp(at.toString()).build()).create();
    }

    @Test
    void readsThePoolsOwnEventsItsNodesEventsAndItsMembersAndNothingElse() {
        Fabric8PoolEvents port = new Fabric8PoolEvents(new Fabric8ClusterPort(null, Clock.systemUTC()));
        try (KubernetesClient admin = lab.client(KEY)) {
            HybridNodePool pool = new HybridNodePool("pe-pool", "austin-store-112", new ProfileRef("pos-iam-ra", 1),
                    Map.of(), List.of(), "", List.of(), List.of(PoolHost.of("austin-01"), PoolHost.of("austin-02")));
            GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion(PoolMapper.API_VERSION)
                    .withKind(PoolMapper.KIND).withNewMetadata().withName("pe-pool").withNamespace(HybridNodePool.NAMESPACE)
                    .endMetadata().addToAdditionalProperties("spec", PoolMapper.toSpec(pool)).build();
            var pools = admin.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(HybridNodePool.NAMESPACE);
            GenericKubernetesResource created = pools.resource(r).create();
            created.setAdditionalProperty("status", Map.of("phase", "Running", "members", List.of(
                    Map.of("host", "austin-01", "node", "pe-node-1"), Map.of("host", "austin-02", "node", "pe-node-2"))));
            pools.resource(created).updateStatus();
            Instant t = Instant.parse("2026-12-07T08:00:00Z");
            event(admin, HybridNodePool.NAMESPACE, "pe-pool.1", "HybridNodePool", "pe-pool", "Normal", "NodeJoined", t);
            event(admin, HybridNodePool.NAMESPACE, "pe-pool.2", "HybridNodePool", "pe-pool", "Warning", "HostFailed",
                    t.plusSeconds(60));
            event(admin, HybridNodePool.NAMESPACE, "other.1", "HybridNodePool", "other-pool", "Normal", "NodeJoined", t);
            event(admin, "default", "pe-node-1.1", "Node", "pe-node-1", "Warning", "NodeNotReady", t.plusSeconds(120));
            event(admin, "default", "stranger.1", "Node", "stranger-node", "Normal", "NodeReady", t);
            event(admin, "default", "pod.1", "Pod", "pe-node-1", "Normal", "Scheduled", t);

            // the lab's API server selects events by their involved object, as a real one does
            assertThat(admin.v1().events().inNamespace(HybridNodePool.NAMESPACE)
                    .withField("involvedObject.kind", "HybridNodePool").withField("involvedObject.name", "pe-pool")
                    .list().getItems()).extracting(e -> e.getMetadata().getName())
                    .containsExactlyInAnyOrder("pe-pool.1", "pe-pool.2");
            assertThat(admin.v1().events().inAnyNamespace().withField("involvedObject.kind", "Node")
                    .withField("type", "Warning").list().getItems()).extracting(e -> e.getMetadata().getName())
                    .contains("pe-node-1.1").doesNotContain("stranger.1", "pod.1");

            PoolHistory h = port.read(REF, access(lab.adminToken()), "pe-pool", List.of("pe-node-1", "pe-node-2"));

            assertThat(h.events()).extracting(ClusterEvent::reason)
                    .as("newest first; another pool's, another node's and a pod's events are left out")
                    .containsExactly("NodeNotReady", "HostFailed", "NodeJoined");
            assertThat(h.events().get(1).involvedKind()).isEqualTo("HybridNodePool");
            assertThat(h.events().get(1).warning()).isTrue();
            assertThat(h.members()).containsExactly(new PoolStore.Member("austin-01", "pe-node-1"),
                    new PoolStore.Member("austin-02", "pe-node-2"));

            // a large pool: its nodes' events are read in one list, kept for its nodes
            List<String> many = new ArrayList<>(List.of("pe-node-1"));
            for (int i = 0; i < Fabric8PoolEvents.PER_NODE_READS; i++) {
                many.add("pe-big-" + i);
            }
            assertThat(port.read(REF, access(lab.adminToken()), "pe-pool", many).events()).extracting(ClusterEvent::reason)
                    .containsExactly("NodeNotReady", "HostFailed", "NodeJoined");

            // a pool that is only node labels has no object: its events, and no members
            PoolHistory unmanaged = port.read(REF, access(lab.adminToken()), "other-pool", List.of());
            assertThat(unmanaged.events()).extracting(ClusterEvent::reason).containsExactly("NodeJoined");
            assertThat(unmanaged.members()).isEmpty();
        }
    }

    @Test
    void aRejectedTokenIsOneSentenceWithoutTheToken() {
        Fabric8PoolEvents port = new Fabric8PoolEvents(new Fabric8ClusterPort(null, Clock.systemUTC()));
        String token = "k8s-aws-v1.bm90LWEtcmVhbC10b2tlbg";
        assertThatThrownBy(() -> port.read(REF, access(token), "pe-pool", List.of("n")))
                .isInstanceOf(PoolStoreException.class)
                .hasMessageStartingWith("Could not read the events of pool pe-pool in retail-edge: ")
                .hasMessageNotContaining(token);
    }
}
