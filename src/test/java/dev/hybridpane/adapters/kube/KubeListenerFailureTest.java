package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ClusterListener;
import dev.hybridpane.core.ClusterPort.ClusterConnection;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A listener that throws is logged with its cluster and exception, and later deliveries still arrive. */
class KubeListenerFailureTest {
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

    /** Throws on the first state and the first node it is given; records everything else. */
    static final class ThrowingOnce implements ClusterListener {
        final AtomicBoolean stateThrown = new AtomicBoolean();
        final AtomicBoolean nodeThrown = new AtomicBoolean();
        final AtomicInteger upserts = new AtomicInteger();
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();
        final Map<String, ClusterNode> nodes = new ConcurrentHashMap<>();

        @Override
        public void onState(ConnectionState s) {
            if (stateThrown.compareAndSet(false, true)) {
                throw new IllegalStateException("listener bug on state " + s.getClass().getSimpleName());
            }
            states.add(s);
        }

        @Override
        public void onNodeUpsert(ClusterNode n) {
            upserts.incrementAndGet();
            if (nodeThrown.compareAndSet(false, true)) {
                throw new IllegalStateException("listener bug on node " + n.name());
            }
            nodes.put(n.name(), n);
        }

        @Override
        public void onNodeDelete(String name) {
            nodes.remove(name);
        }

        @Override
        public void onEvent(ClusterEvent e) {
        }

        boolean connected() {
            return states.stream().anyMatch(s -> s instanceof ConnectionState.Connected);
        }
    }

    @Test
    void aThrowingListenerIsLoggedAndLaterEventsStillArrive() throws Exception {
        String key = "us-west-2/retail-edge";
        ThrowingOnce r = new ThrowingOnce();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new Tee(original, log), true, StandardCharsets.UTF_8));
        try (ClusterConnection c = new Fabric8ClusterPort().connect(new ClusterRef("us-west-2", "retail-edge"),
                KubeClusterPortTest.access(lab.endpoints().get(key), new AtomicInteger(), lab.adminToken()), r)) {
            KubeClusterPortTest.await(() -> r.connected() && r.upserts.get() >= 11);
            assertThat(r.stateThrown).isTrue();
            assertThat(r.nodeThrown).isTrue();
            assertThat(r.nodes).as("every node but the one whose delivery threw").hasSize(10);

            KubernetesClient admin = lab.client(key);
            String first = admin.nodes().list().getItems().stream().map(n -> n.getMetadata().getName())
                    .filter(n -> !r.nodes.containsKey(n)).findFirst().orElseThrow();
            admin.nodes().withName(first).edit(n -> {
                n.getMetadata().getLabels().put("hybridpane.dev/test", "after-the-bug");
                return n;
            });
            KubeClusterPortTest.await(() -> r.nodes.containsKey(first));
        } finally {
            System.setErr(original);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("The listener of cluster retail-edge in us-west-2 failed on connection state Connecting")
                .contains("java.lang.IllegalStateException: listener bug on state Connecting")
                .contains("failed on node ").contains("java.lang.IllegalStateException: listener bug on node ");
        assertThat(text).doesNotContain(KubeClusterPortTest.SECRET);
    }

    /** Writes to both streams: the test sees the log, the console still shows it. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
