package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that closes a watch while the lab is streaming node changes to it: what an informer does when the
 * user leaves a cluster while the simulation runs. fabric8's mock froze its API server on this (its close
 * handler waited on the event loop for a send that needed the same loop), and a write racing the close failed.
 */
class LabWatchCloseTest {
    static final String RETAIL = "us-west-2/retail-edge";

    @Test
    @Timeout(120)
    void closingAWatchWhileEventsFlowLeavesTheServerAnsweringAndWritesWorking() throws Exception {
        try (LabKube lab = new LabKube(LabWorld.load())) {
            lab.start();
            LabApiServer server = lab.server(RETAIL);
            assertThat(server.dispatcher().seesStoreInternals()).as("the lab reached the store's lock and watch list")
                    .isTrue();
            KubernetesClient client = lab.client(RETAIL);
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; writing.get(); i++) {
                        ObjectNode node = server.node("store-pos-01");
                        ((ObjectNode) node.get("metadata").get("labels")).put("hybridpane.dev/test-tick", String.valueOf(i));
                        assertThat(server.replaceNode(node)).isTrue();
                        if (i % 20 == 19) {
                            Thread.sleep(1); // ~10,000 changes a second, not unbounded queues of events
                        }
                    }
                } catch (Throwable t) {
                    writeFailure.set(t);
                }
            }, "test-writer");
            writer.start();
            try {
                for (int round = 0; round < 10; round++) {
                    CountDownLatch streaming = new CountDownLatch(50);
                    Watch watch = client.nodes().watch(new Watcher<Node>() {
                        @Override
                        public void eventReceived(Action action, Node node) {
                            streaming.countDown();
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                        }
                    });
                    boolean streamed = streaming.await(10, TimeUnit.SECONDS);
                    assertThat(writeFailure.get()).as("round %d: lab writes still work", round).isNull();
                    assertThat(streamed).as("round %d: the watch streams events", round).isTrue();
                    watch.close();
                    // the client's request timeout (10 s) fails this list if the server's event loop is stuck
                    assertThat(client.nodes().list().getItems()).as("round %d: the server still answers", round).hasSize(11);
                    assertThat(writeFailure.get()).as("round %d: lab writes still work", round).isNull();
                }
            } finally {
                writing.set(false);
                writer.join(10_000);
            }
            assertThat(writeFailure.get()).isNull();
        }
    }

    @Test
    void aWatchThatFailsAfterTheServerStoppedEndsQuietly() throws Exception {
        var uncaught = new AtomicReference<Throwable>();
        var done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            WatchCloseOffLoop.afterStop(() -> {
                throw new RejectedExecutionException("event executor terminated");
            });
            done.countDown();
        });
        t.setUncaughtExceptionHandler((th, e) -> uncaught.set(e));
        t.start();
        t.join(5_000);
        assertThat(uncaught.get()).isNull();
        assertThat(done.getCount()).isZero();
        // anything else still surfaces
        Thread other = new Thread(() -> WatchCloseOffLoop.afterStop(() -> {
            throw new IllegalStateException("a real fault");
        }));
        other.setUncaughtExceptionHandler((th, e) -> uncaught.set(e));
        other.start();
        other.join(5_000);
        assertThat(uncaught.get()).hasMessage("a real fault");
    }
}
