package dev.hybridpane.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A watch starts where the client asks, as on a Kubernetes API server: from the version a list returned it gets only
 * later changes, each once and as what it was (an informer, which lists and then watches, no longer receives everything twice); from no version or
 * "0" it first gets every object as ADDED.
 */
class LabWatchVersionTest {
    static final String RETAIL = "us-west-2/retail-edge";
    static LabKube lab;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        lab = new LabKube(LabWorld.load());
        lab.start();
        client = lab.client(RETAIL);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    /**
     * What a watch from these options receives after {@code then} ran: it waits (up to 30 s, the machine may be busy:
     * a CI run once saw nothing within 10 s) for {@code expected} events, then 300 ms more, so that an event too many is
     * seen. A close of the watch is added to the list, so that a failure says why the events stopped.
     */
    private static List<String> firstEvents(ListOptions options, int expected, Runnable then) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        List<String> closes = new CopyOnWriteArrayList<>();
        Watch watch = client.nodes().watch(options, new Watcher<Node>() {
            @Override
            public void eventReceived(Action action, Node node) {
                events.add(action + " " + node.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                closes.add("closed: " + cause);
            }
        });
        try {
            then.run();
            awaitEvents(events, expected);
        } finally {
            watch.close();
        }
        List<String> all = new ArrayList<>(events);
        all.addAll(closes);
        return all;
    }

    private static void awaitEvents(List<String> events, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (events.size() < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        TimeUnit.MILLISECONDS.sleep(300);
    }

    @Test
    void aWatchFromTheListsVersionGetsOnlyLaterChanges() throws Exception {
        assertThat(lab.server(RETAIL).dispatcher().honoursWatchVersions()).as("the lab reached fabric8's watch").isTrue();
        NodeList list = client.nodes().list();
        assertThat(list.getItems()).hasSize(11);
        String name = list.getItems().get(0).getMetadata().getName();

        List<String> events = firstEvents(new ListOptionsBuilder().withResourceVersion(list.getMetadata().getResourceVersion())
                .build(), 1, () -> {
                    LabApiServer server = lab.server(RETAIL);
                    ObjectNode node = server.node(name);
                    ((ObjectNode) node.get("metadata").get("labels")).put("hybridpane.dev/test", "changed");
                    assertThat(server.replaceNode(node)).isTrue();
                });

        assertThat(events).containsExactly("MODIFIED " + name);
    }

    @Test
    void changesBetweenTheListAndTheWatchArriveOnceAsWhatTheyWere() throws Exception {
        var maps = client.configMaps().inNamespace("default");
        for (String name : List.of("watch-kept", "watch-gone")) {
            maps.resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("v", "1").build())
                    .create();
        }
        String listed = maps.list().getMetadata().getResourceVersion();
        // written after the list, before the watch opens: a real server replays these from its watch cache
        maps.withName("watch-kept").edit(m -> new ConfigMapBuilder(m).addToData("v", "2").build());
        maps.withName("watch-gone").delete();
        maps.resource(new ConfigMapBuilder().withNewMetadata().withName("watch-new").endMetadata().build()).create();

        List<String> events = new CopyOnWriteArrayList<>();
        Watch watch = maps.watch(new ListOptionsBuilder().withResourceVersion(listed).build(), new Watcher<ConfigMap>() {
            @Override
            public void eventReceived(Action action, ConfigMap map) {
                events.add(action + " " + map.getMetadata().getName() + " " + map.getData());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        try {
            maps.withName("watch-new").edit(m -> new ConfigMapBuilder(m).addToData("v", "3").build());
            awaitEvents(events, 4);
        } finally {
            watch.close();
        }

        assertThat(events).containsExactly("MODIFIED watch-kept {v=2}", "DELETED watch-gone {v=1}", "ADDED watch-new {}",
                "MODIFIED watch-new {v=3}");
    }

    @Test
    void aWatchFromAnOlderVersionFirstGetsWhatChangedSince() throws Exception {
        List<Node> nodes = client.nodes().list().getItems();
        long oldest = nodes.stream().mapToLong(n -> Long.parseLong(n.getMetadata().getResourceVersion())).min().orElseThrow();
        long newer = nodes.stream().filter(n -> Long.parseLong(n.getMetadata().getResourceVersion()) > oldest).count();

        List<String> events = firstEvents(new ListOptionsBuilder().withResourceVersion(Long.toString(oldest)).build(),
                (int) newer, () -> {
                });

        assertThat(events).hasSize((int) newer).allMatch(e -> e.startsWith("ADDED "));
        assertThat(newer).isEqualTo(nodes.size() - 1);
    }

    @Test
    void aWatchFromNoVersionOrZeroFirstGetsEveryObject() throws Exception {
        assertThat(firstEvents(new ListOptions(), 11, () -> {
        })).hasSize(11).allMatch(e -> e.startsWith("ADDED "));
        assertThat(firstEvents(new ListOptionsBuilder().withResourceVersion("0").build(), 11, () -> {
        })).hasSize(11).allMatch(e -> e.startsWith("ADDED "));
    }

    @Test
    void readsTheVersionAndNameAWatchAsksFor() {
        assertThat(LabCrudDispatcher.resourceVersion("/api/v1/nodes?watch=true&resourceVersion=49&allowWatchBookmarks=true"))
                .isEqualTo(49);
        assertThat(LabCrudDispatcher.resourceVersion("/api/v1/nodes?watch=true")).isEqualTo(-1);
        assertThat(LabCrudDispatcher.resourceVersion("/api/v1/nodes?watch=true&resourceVersion=")).isEqualTo(-1);
        assertThat(LabCrudDispatcher.resourceVersion("/api/v1/nodes?watch=true&resourceVersion=abc")).isEqualTo(-1);
        assertThat(LabCrudDispatcher.watchedName("/api/v1/nodes?fieldSelector=metadata.name%3Dnode-a&watch=true"))
                .isEqualTo("node-a");
        assertThat(LabCrudDispatcher.watchedName("/api/v1/nodes?fieldSelector=spec.unschedulable%3Dtrue&watch=true")).isNull();
        assertThat(LabCrudDispatcher.watchedName("/api/v1/nodes?watch=true")).isNull();
    }

    @Test
    void readsAStoredObjectsVersionFromItsMetadata() {
        // an event names another object's version before its own
        assertThat(LabCrudDispatcher.storedVersion("{\"kind\":\"Event\",\"involvedObject\":{\"resourceVersion\":\"3\"},"
                + "\"metadata\":{\"name\":\"e\",\"labels\":{\"a\":\"b\"},\"resourceVersion\":\"17\"}}")).isEqualTo(17);
        // none, or unreadable: the object is sent
        assertThat(LabCrudDispatcher.storedVersion("{\"metadata\":{\"name\":\"e\"}}")).isEqualTo(Long.MAX_VALUE);
        assertThat(LabCrudDispatcher.storedVersion("not json")).isEqualTo(Long.MAX_VALUE);
    }
}
