package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab's Kubernetes API faults, on the wire: each switch, what it answers, what it counts, and its seed. */
class LabKubeFaultsTest {
    static final String RETAIL = "us-west-2/retail-edge";
    static final ObjectMapper JSON = new ObjectMapper();
    static LabKube lab;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        lab = new LabKube(LabWorld.load());
        lab.start();
        lab.client(RETAIL).configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("faults-cm").endMetadata().addToData("k", "v1").build()).create();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @AfterEach
    void off() {
        lab.faults().conflicts(0).tooManyRequests(0).latency(Duration.ZERO).dropWatchesEvery(Duration.ZERO)
                .seed(LabKubeFaults.DEFAULT_SEED);
    }

    private static HttpResponse<String> send(String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(lab.endpoints().get(RETAIL) + path))
                .header("Authorization", "Bearer " + lab.adminToken());
        if (body != null) {
            b.header("Content-Type", type);
        }
        return HTTP.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode configMap() throws Exception {
        return JSON.readTree(send("GET", "/api/v1/namespaces/default/configmaps/faults-cm", null, null).body());
    }

    @Test
    void offByDefaultNothingIsInjected() throws Exception {
        LabKubeFaults.Counts before = lab.faults().counts();
        assertThat(lab.faults().armed()).isFalse();
        for (int i = 0; i < 20; i++) {
            assertThat(send("GET", "/api/v1/nodes", null, null).statusCode()).isEqualTo(200);
        }
        assertThat(lab.faults().counts()).isEqualTo(before);
    }

    @Test
    void tooManyRequestsIsAnsweredAsPriorityAndFairnessAnswersIt() throws Exception {
        lab.faults().tooManyRequests(1);
        long before = lab.faults().counts().tooManyRequests();
        HttpResponse<String> r = send("GET", "/api/v1/nodes", null, null);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode status = JSON.readTree(r.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("TooManyRequests");
        assertThat(status.path("message").asText()).isEqualTo("Too many requests, please try again later.");
        assertThat(status.path("details").path("retryAfterSeconds").asInt()).isEqualTo(1);
        assertThat(lab.faults().counts().tooManyRequests()).isEqualTo(before + 1);
    }

    @Test
    void aConflictRefusesTheUpdateAsAStaleVersionIsRefusedAndWritesNothing() throws Exception {
        lab.faults().conflicts(1, "configmaps");
        JsonNode cm = configMap();
        String version = cm.path("metadata").path("resourceVersion").asText();
        ((ObjectNode) cm.path("data")).put("k", "v2");
        long before = lab.faults().counts().conflicts();
        HttpResponse<String> r = send("PUT", "/api/v1/namespaces/default/configmaps/faults-cm", cm.toString(),
                "application/json");
        assertThat(r.statusCode()).isEqualTo(409);
        JsonNode status = JSON.readTree(r.body());
        assertThat(status.path("reason").asText()).isEqualTo("Conflict");
        assertThat(status.path("message").asText()).isEqualTo("Operation cannot be fulfilled on configmaps \"faults-cm\": "
                + "the object has been modified; please apply your changes to the latest version and try again");
        assertThat(status.path("details").path("name").asText()).isEqualTo("faults-cm");
        assertThat(lab.faults().counts().conflicts()).isEqualTo(before + 1);
        assertThat(configMap().path("data").path("k").asText()).isEqualTo("v1");
        assertThat(configMap().path("metadata").path("resourceVersion").asText()).isEqualTo(version);

        // a patch without a resourceVersion never conflicts on a real server: left alone; one with a version is refused
        HttpResponse<String> patch = send("PATCH", "/api/v1/namespaces/default/configmaps/faults-cm",
                "{\"data\":{\"p\":\"1\"}}", "application/merge-patch+json");
        assertThat(patch.statusCode()).as(patch.body()).isBetween(200, 299);
        assertThat(send("PATCH", "/api/v1/namespaces/default/configmaps/faults-cm", "{\"metadata\":{\"resourceVersion\":\""
                + version + "\"},\"data\":{\"p\":\"2\"}}", "application/merge-patch+json").statusCode()).isEqualTo(409);
        // other kinds than those chosen are left alone, and so are reads
        assertThat(send("GET", "/api/v1/namespaces/default/configmaps/faults-cm", null, null).statusCode()).isEqualTo(200);
        String node = lab.client(RETAIL).nodes().list().getItems().get(0).getMetadata().getName();
        String stored = send("GET", "/api/v1/nodes/" + node, null, null).body();
        HttpResponse<String> put = send("PUT", "/api/v1/nodes/" + node, stored, "application/json");
        assertThat(put.statusCode()).as(put.body()).isBetween(200, 299);
    }

    @Test
    void theSeedGivesTheSameDrawsAndTheRateIsRoughlyKept() throws Exception {
        int[] counts = new int[2];
        for (int run = 0; run < 2; run++) {
            lab.faults().seed(7).tooManyRequests(0.2);
            for (int i = 0; i < 200; i++) {
                if (send("GET", "/api/v1/namespaces/default/configmaps/faults-cm", null, null).statusCode() == 429) {
                    counts[run]++;
                }
            }
        }
        System.out.println("LabKubeFaultsTest seed 7: " + counts[0] + " of 200 requests refused with 429 at rate 0.2");
        assertThat(counts[1]).isEqualTo(counts[0]);
        assertThat(counts[0]).isBetween(20, 60);
        assertThatThrownBy(() -> lab.faults().tooManyRequests(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 0 to 1");
    }

    @Test
    void latencyDelaysEveryAnswer() throws Exception {
        lab.faults().latency(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(send("GET", "/api/v1/nodes", null, null).statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(lab.faults().counts().delayed()).isPositive();
    }

    @Test
    void openWatchesAreEndedAfterTheDropPeriod() throws Exception {
        lab.faults().dropWatchesEvery(Duration.ofSeconds(1));
        long before = lab.faults().counts().watchesDropped();
        KubernetesClient client = lab.client(RETAIL);
        LabApiServer server = lab.server(RETAIL);
        String name = client.nodes().list().getItems().get(0).getMetadata().getName();
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch after = new CountDownLatch(1);
        try (Watch w = client.nodes().withName(name).watch(new Watcher<Node>() {
            @Override
            public void eventReceived(Action action, Node node) {
                seen.incrementAndGet();
                if ("after-drop".equals(node.getMetadata().getLabels().get("hybridpane.dev/faults-test"))) {
                    after.countDown();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                System.out.println("watch closed: " + cause);
            }
        })) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lab.faults().counts().watchesDropped() == before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(lab.faults().counts().watchesDropped()).isGreaterThan(before);
        }
    }

    @Test
    void aWatchFromAVersionOlderThanTheWatchCacheIsGone() throws Exception {
        LabApiServer server = lab.server(RETAIL);
        String name = lab.client(RETAIL).nodes().list().getItems().get(0).getMetadata().getName();
        String old = server.node(name).path("metadata").path("resourceVersion").asText();
        for (int i = 0; i <= LabCrudDispatcher.CHANGE_LOG; i++) {
            ObjectNode node = server.node(name);
            ((ObjectNode) node.get("metadata").get("labels")).put("hybridpane.dev/faults-tick", String.valueOf(i));
            assertThat(server.replaceNode(node)).isTrue();
        }
        long before = lab.faults().counts().watchesGone();
        HttpResponse<String> r = send("GET", "/api/v1/nodes?watch=true&resourceVersion=" + old, null, null);
        assertThat(r.statusCode()).isEqualTo(410);
        JsonNode status = JSON.readTree(r.body());
        assertThat(status.path("reason").asText()).isEqualTo("Expired");
        assertThat(status.path("message").asText()).startsWith("too old resource version: " + old + " (");
        assertThat(lab.faults().counts().watchesGone()).isEqualTo(before + 1);
    }
}
