package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.domain.NodeLabels;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The controllers of a lab cluster that make its hybrid pools' nodes carry pods, as Kubernetes' own do: the DaemonSet
 * controller (a pod of each kube-system DaemonSet whose affinity and tolerations admit the node, bound to it; its pods
 * go when the Node goes, as the pod garbage collector removes pods of a missing node), and, per pool label value with a
 * Ready node, a Deployment {@code POOL-app} in {@code edge-apps} with a PodDisruptionBudget ({@link LabReplicaSets}:
 * the ReplicaSet controller, the scheduler, the kubelet's pod status, the disruption controller). It hears the store's
 * writes ({@link LabCrudDispatcher.Changes}) and works on a thread of its own, in short ticks.
 *
 * <p>Only nodes labelled {@code hybridpane.dev/pool} get pods, which keeps a 5,000-node lab small. The Eviction API
 * ({@link #evict}) runs under the same lock as the controllers, so that two evictions never both spend the last
 * disruption a budget allows.
 */
public final class LabWorkloads implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DAEMONSETS = "/apis/apps/v1/namespaces/kube-system/daemonsets";

    /** A pool node as the controllers see it. */
    record NodeInfo(String name, String pool, boolean ready, boolean unschedulable, Map<String, String> labels, JsonNode taints,
            String ip) {
    }

    private record Change(String kind, String json, boolean deleted) {
    }

    private final LabDispatcher store;
    private final Set<String> stoppedKubelets;
    private final Clock clock;
    private final Queue<Change> changes = new ConcurrentLinkedQueue<>();
    private final Map<String, NodeInfo> nodes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> daemonPods = new HashMap<>();
    private final Set<String> dirtyNodes = ConcurrentHashMap.newKeySet();
    private final LabReplicaSets replicaSets;
    private volatile boolean daemonSetsDirty = true;
    private volatile boolean workDirty = true;
    private JsonNode daemonSets = JsonNodeFactory.instance.arrayNode();
    private ScheduledExecutorService executor;

    LabWorkloads(LabDispatcher store, Set<String> stoppedKubelets, Clock clock) {
        this.store = store;
        this.stoppedKubelets = stoppedKubelets;
        this.clock = clock;
        this.replicaSets = new LabReplicaSets(this, store);
        store.listen(this::changed);
    }

    /**
     * How long the scheduler waits before binding a new pod, and the kubelet before it runs a bound one (300 ms each by
     * default).
     */
    public void setDelays(Duration bind, Duration start) {
        replicaSets.setDelays(bind, start);
        workDirty = true;
    }

    /** Called under the store's write lock: takes note only. */
    private void changed(String kind, String oldState, String newState) {
        switch (kind) {
            case "Node" -> changes.add(new Change(kind, newState != null ? newState : oldState, newState == null));
            case "Pod" -> {
                workDirty = true;
                if (newState == null && oldState.contains("\"DaemonSet\"")) {
                    changes.add(new Change(kind, oldState, true));
                }
            }
            case "DaemonSet" -> daemonSetsDirty = true;
            case "ReplicaSet", "Deployment", "PodDisruptionBudget", "Namespace" -> workDirty = true;
            default -> {
            }
        }
    }

    /** The kubelet of a node stopped or started: its pods' readiness follows at once. */
    void kubeletChanged(String node) {
        dirtyNodes.add(node);
        workDirty = true;
    }

    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lab-controllers");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::safeTick, 50, 50, TimeUnit.MILLISECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            workDirty = true; // a write lost to a race: the next tick tries again
        }
    }

    /** One round of every controller (tests may call it directly). */
    synchronized void tick() {
        Instant now = clock.instant();
        for (Change c; (c = changes.poll()) != null; ) {
            apply(c);
        }
        if (daemonSetsDirty) {
            daemonSetsDirty = false;
            daemonSets = list(DAEMONSETS);
            dirtyNodes.addAll(nodes.keySet());
            dirtyNodes.addAll(daemonPods.keySet());
        }
        if (!dirtyNodes.isEmpty()) {
            for (String n : List.copyOf(dirtyNodes)) {
                dirtyNodes.remove(n);
                daemonSetPods(n, now);
            }
        }
        if (workDirty || replicaSets.due(now)) {
            workDirty = false;
            replicaSets.reconcile(now);
        }
    }

    private void apply(Change c) {
        JsonNode o = parse(c.json());
        if (o == null) {
            return;
        }
        String name = o.path("metadata").path("name").asText();
        if ("Pod".equals(c.kind())) {
            String node = o.path("spec").path("nodeName").asText();
            String ds = LabPodFactory.controller(o).path("name").asText();
            Map<String, String> pods = daemonPods.get(node);
            if (pods != null && name.equals(pods.get(ds))) {
                pods.remove(ds);
                dirtyNodes.add(node);
            }
            return;
        }
        NodeInfo before = nodes.get(name);
        NodeInfo after = c.deleted() ? null : nodeInfo(o);
        if (Objects.equals(before, after)) {
            return;
        }
        if (after == null) {
            nodes.remove(name);
        } else {
            nodes.put(name, after);
        }
        dirtyNodes.add(name);
        workDirty = true;
    }

    static NodeInfo nodeInfo(JsonNode node) {
        String pool = node.path("metadata").path("labels").path(NodeLabels.POOL).asText("");
        if (pool.isEmpty()) {
            return null;
        }
        boolean ready = false;
        for (JsonNode c : node.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                ready = "True".equals(c.path("status").asText());
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        node.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        String ip = null;
        for (JsonNode a : node.path("status").path("addresses")) {
            if ("InternalIP".equals(a.path("type").asText())) {
                ip = a.path("address").asText();
            }
        }
        JsonNode taints = node.path("spec").path("taints");
        return new NodeInfo(node.path("metadata").path("name").asText(), pool, ready,
                node.path("spec").path("unschedulable").asBoolean(false), labels,
                taints.isArray() ? taints : JsonNodeFactory.instance.arrayNode(), ip);
    }

    /** Whether pods on this node are Ready: the node is, and its kubelet runs. */
    boolean podsReady(NodeInfo n) {
        return n != null && n.ready() && !stoppedKubelets.contains(n.name());
    }

    Map<String, NodeInfo> nodes() {
        return nodes;
    }

    /** The DaemonSet controller for one node: the pods it should have exist and report its state; a gone node's go. */
    private void daemonSetPods(String name, Instant now) {
        NodeInfo n = nodes.get(name);
        Map<String, String> pods = daemonPods.computeIfAbsent(name, k -> new HashMap<>());
        Map<String, JsonNode> wanted = new LinkedHashMap<>();
        if (n != null) {
            for (JsonNode ds : daemonSets.path("items")) {
                JsonNode spec = ds.path("spec").path("template").path("spec");
                if (LabKubeletNodes.selects(spec, n.labels()) && LabKubeletNodes.tolerates(spec.path("tolerations"), n.taints())) {
                    wanted.put(ds.path("metadata").path("name").asText(), ds);
                }
            }
        }
        for (var e : List.copyOf(pods.entrySet())) {
            if (!wanted.containsKey(e.getKey())) {
                store.delete(LabReplicaSets.podsPath("kube-system") + "/" + e.getValue());
                pods.remove(e.getKey());
            }
        }
        for (var e : wanted.entrySet()) {
            String podName = pods.get(e.getKey());
            ObjectNode pod = podName == null ? null : object(LabReplicaSets.podsPath("kube-system") + "/" + podName);
            if (pod == null) {
                pod = LabPodFactory.daemonSetPod(e.getValue(), name, n.ip(), now);
                LabPodFactory.kubeletStatus(pod, true, podsReady(n), n.ip(), now.truncatedTo(ChronoUnit.SECONDS));
                store.seed(LabReplicaSets.podsPath("kube-system"), pod, now);
                pods.put(e.getKey(), LabDispatcher.name(pod));
            } else if (LabPodFactory.kubeletStatus(pod, true, podsReady(n), n.ip(), now.truncatedTo(ChronoUnit.SECONDS))) {
                save(LabReplicaSets.podsPath("kube-system"), pod);
            }
        }
        if (pods.isEmpty()) {
            daemonPods.remove(name);
        }
    }

    /** POST pods/NAME/eviction (policy/v1 or v1beta1 Eviction). */
    synchronized MockResponse evict(String namespace, String pod, String body) {
        JsonNode eviction = body == null || body.isBlank() ? JsonNodeFactory.instance.objectNode() : parse(body);
        if (eviction == null) {
            return LabDisruption.badRequest("the body of the request was in an unknown format");
        }
        String named = eviction.path("metadata").path("name").asText("");
        if (!named.isEmpty() && !named.equals(pod)) {
            return LabDisruption.badRequest("name in URL does not match name in Eviction object");
        }
        String path = LabReplicaSets.podsPath(namespace) + "/" + pod;
        JsonNode p = object(path);
        if (p == null) {
            return LabDisruption.notFound(pod);
        }
        String phase = p.path("status").path("phase").asText("Pending");
        if (!phase.equals("Running") && !phase.equals("Unknown") || p.path("metadata").has("deletionTimestamp")) {
            return gone(path); // canIgnorePDB: pending and finished pods go at once
        }
        JsonNode all = list("/apis/policy/v1/namespaces/" + namespace + "/poddisruptionbudgets");
        List<JsonNode> budgets = LabDisruption.budgetsOf(p, all);
        if (budgets.size() > 1) {
            return LabDisruption.several();
        }
        if (budgets.isEmpty()) {
            return gone(path);
        }
        JsonNode budget = budgets.get(0);
        LabDisruption.Figures f = replicaSets.figures(budget, namespace);
        boolean healthyBudget = f.currentHealthy() >= f.desiredHealthy() && f.desiredHealthy() > 0;
        if (!LabPodFactory.ready(p) && healthyBudget) {
            return gone(path); // unhealthyPodEvictionPolicy IfHealthyBudget: an unready pod may go while the budget holds
        }
        if (f.disruptionsAllowed() <= 0) {
            return LabDisruption.tooMany(budget.path("metadata").path("name").asText(), f);
        }
        MockResponse r = gone(path);
        replicaSets.updateBudget((ObjectNode) budget, clock.instant());
        return r;
    }

    private MockResponse gone(String path) {
        store.delete(path);
        workDirty = true;
        return LabDisruption.evicted();
    }

    JsonNode list(String path) {
        JsonNode l = parse(store.get(path));
        return l == null ? JsonNodeFactory.instance.objectNode() : l;
    }

    ObjectNode object(String path) {
        String json = store.getStored(path);
        if (json == null) {
            json = store.get(path);
        }
        return parse(json) instanceof ObjectNode o ? o : null;
    }

    /** Writes an object back (its resourceVersion checked); false when it changed meanwhile or is gone. */
    boolean save(String collection, ObjectNode o) {
        return store.replaceStored(collection, o) || store.put(collection + "/" + LabDispatcher.name(o), o.toString()) == 200;
    }

    static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
