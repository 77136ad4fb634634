package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hybridpane.lab.edge.NodeadmBackend.KubeletJoin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The kubelets of the lab hosts' hybrid nodes, posting to their clusters' API servers: a started kubelet registers its
 * Node (or takes over the existing one) and then, every heartbeat period, posts its conditions and renews its Lease in
 * kube-node-lease. Ready follows the network: True while a Cilium or Calico DaemonSet in kube-system would run on the
 * node (re-checked at each post, so patching the DaemonSet's affinity shows within a period), else False with the
 * kubelet's "cni plugin not initialized". A stopped kubelet posts nothing; after the node monitor grace period the node
 * lifecycle controller marks every condition Unknown ("Kubelet stopped posting node status."). Both periods are short
 * in the lab (2 s and 10 s by default; Kubernetes' are 10 s and 40 s) and settable. Events as the kubelet and the
 * controller record them go to the default namespace.
 */
public final class LabKubelets implements AutoCloseable {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    static final String DAEMONSETS = "/apis/apps/v1/namespaces/kube-system/daemonsets";
    static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases";
    static final String EVENTS = "/api/v1/namespaces/" + LabEventFactory.NS + "/events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** One kubelet: where it posts, and whether it runs. */
    private static final class Kubelet {
        final LabApiServer server;
        final String name;
        volatile boolean running = true;
        volatile Instant lastPost;
        volatile boolean markedUnknown;

        Kubelet(LabApiServer server, String name) {
            this.server = server;
            this.name = name;
        }
    }

    private final LabKube kube;
    private final Clock clock;
    private final LabEventFactory events = new LabEventFactory();
    private final Map<String, Kubelet> kubelets = new ConcurrentHashMap<>();
    private volatile Duration heartbeat = DEFAULT_HEARTBEAT;
    private volatile Duration grace = DEFAULT_GRACE;
    private ScheduledExecutorService executor;

    public LabKubelets(LabKube kube, Clock clock) {
        this.kube = kube;
        this.clock = clock;
    }

    /** The kubelets' status period and the node monitor grace period; applies from the next tick. */
    public synchronized void setTimings(Duration heartbeatPeriod, Duration gracePeriod) {
        this.heartbeat = heartbeatPeriod;
        this.grace = gracePeriod;
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            startTicking();
        }
    }

    private static String key(String region, String cluster, String node) {
        return LabKube.key(region, cluster) + "/" + node;
    }

    /** The kubelet of {@code join.nodeName()} started; IllegalArgumentException when the lab has no such cluster. */
    public void started(KubeletJoin join) {
        LabApiServer server = kube.server(LabKube.key(join.region(), join.cluster()));
        Instant now = now();
        synchronized (server) {
            ObjectNode node = server.node(join.nodeName());
            if (node == null) {
                node = LabKubeletNodes.node(join);
                LabKubeletNodes.post(node, networkReady(server, node), now);
                server.store(LabSeeder.NODES, node, now);
                node = server.node(join.nodeName());
                server.store(EVENTS, events.kubelet(node, "Normal", "Starting", "Starting kubelet.", now), now);
                server.store(EVENTS, events.controller(node, "Normal", "RegisteredNode", "Node " + join.nodeName()
                        + " event: Registered Node " + join.nodeName() + " in Controller", now), now);
            } else {
                write(server, join.nodeName(), n -> LabKubeletNodes.restart(n, join));
                server.store(EVENTS, events.kubelet(node, "Normal", "Starting", "Starting kubelet.", now), now);
            }
            Kubelet k = new Kubelet(server, join.nodeName());
            kubelets.put(key(join.region(), join.cluster(), join.nodeName()), k);
            server.kubeletNodes().add(join.nodeName());
            server.stoppedKubelets().remove(join.nodeName());
            server.workloads().kubeletChanged(join.nodeName());
            post(k, now, daemonSets(server));
        }
        synchronized (this) {
            if (executor == null) {
                startTicking();
            }
        }
    }

    /**
     * Reads the Node, changes it and writes it back as a client's PUT does: with its resourceVersion, so that a change
     * made meanwhile (a cordon, a label) is not overwritten but read again and kept. Returns the Node written, or null
     * when it is gone.
     */
    private static ObjectNode write(LabApiServer server, String name, Consumer<ObjectNode> change) {
        for (int attempt = 0; attempt < 5; attempt++) {
            ObjectNode node = server.node(name);
            if (node == null) {
                return null;
            }
            change.accept(node);
            int code = server.dispatcher().put(LabSeeder.NODES + "/" + name, node.toString());
            if (code == 200) {
                return node;
            }
            if (code != 409) {
                return null;
            }
        }
        return null;
    }

    /** The kubelet stopped: no more posts; the Node stays. */
    public void stopped(String region, String cluster, String node) {
        Kubelet k = kubelets.get(key(region, cluster, node));
        if (k != null) {
            k.running = false;
            k.server.stoppedKubelets().add(node);
            k.server.workloads().kubeletChanged(node);
        }
    }

    public boolean nodeExists(String region, String cluster, String node) {
        try {
            return kube.server(LabKube.key(region, cluster)).node(node) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The role ARNs the cluster's aws-auth ConfigMap maps into system:nodes (mapRoles). */
    public List<String> awsAuthNodeRoles(String region, String cluster) {
        List<String> out = new ArrayList<>();
        String json = kube.server(LabKube.key(region, cluster)).dispatcher().get(LabAuthenticator.AWS_AUTH_PATH);
        if (json == null) {
            return out;
        }
        try {
            JsonNode roles = YAML.readTree(JSON.readTree(json).path("data").path("mapRoles").asText(""));
            if (roles != null) {
                for (JsonNode r : roles) {
                    List<String> groups = new ArrayList<>();
                    r.path("groups").forEach(g -> groups.add(g.asText()));
                    if (groups.contains("system:nodes") && r.hasNonNull("rolearn")) {
                        out.add(r.path("rolearn").asText());
                    }
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // an unreadable aws-auth maps nobody, as the authenticator reads it
        }
        return out;
    }

    private synchronized void startTicking() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lab-kubelets");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(100, heartbeat.toMillis());
        executor.scheduleWithFixedDelay(this::safeTick, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // a server closing or a node deleted by a test must not end the kubelets
        }
    }

    /** One round: every running kubelet posts; the controller marks the nodes whose kubelet is silent past the grace. */
    public void tick() {
        Instant now = now();
        Map<LabApiServer, JsonNode> daemonSets = new HashMap<>();
        for (Kubelet k : kubelets.values()) {
            synchronized (k.server) {
                if (k.server.silenced().contains(k.name)) {
                    // the simulation took this node away: it marked it Unknown itself, and lets it go later
                    continue;
                }
                if (k.running) {
                    post(k, now, daemonSets.computeIfAbsent(k.server, LabKubelets::daemonSets));
                } else if (!k.markedUnknown && k.lastPost != null && !now.isBefore(k.lastPost.plus(grace))) {
                    ObjectNode node = write(k.server, k.name, n -> LabKubeletNodes.unknown(n, now));
                    k.markedUnknown = true;
                    if (node != null) {
                        k.server.store(EVENTS, events.controller(node, "Normal", "NodeNotReady",
                                LabEventFactory.statusMessage(k.name, "NodeNotReady"), now), now);
                    }
                }
            }
        }
    }

    /** The kubelet posts its node status (Ready from the CNI DaemonSets now) and renews its Lease. */
    private void post(Kubelet k, Instant now, JsonNode daemonSets) {
        String[] before = {""};
        boolean[] ready = {false};
        ObjectNode node = write(k.server, k.name, n -> {
            ready[0] = LabKubeletNodes.cniRuns(daemonSets, labels(n), n.path("spec").path("taints"));
            before[0] = LabKubeletNodes.post(n, ready[0], now);
        });
        if (node == null) {
            return;
        }
        k.lastPost = now;
        k.markedUnknown = false;
        renewLease(k.server, node, now);
        String after = ready[0] ? "True" : "False";
        if (!after.equals(before[0]) && (ready[0] || "True".equals(before[0]))) {
            k.server.store(EVENTS, events.kubelet(node, "Normal", ready[0] ? "NodeReady" : "NodeNotReady",
                    LabEventFactory.statusMessage(k.name, ready[0] ? "NodeReady" : "NodeNotReady"), now), now);
        }
    }

    private boolean networkReady(LabApiServer server, ObjectNode node) {
        return LabKubeletNodes.cniRuns(daemonSets(server), labels(node), node.path("spec").path("taints"));
    }

    private static JsonNode daemonSets(LabApiServer server) {
        String json = server.dispatcher().get(DAEMONSETS);
        try {
            return json == null ? JsonNodeFactory.instance.objectNode() : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> out = new HashMap<>();
        node.path("metadata").path("labels").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** The node's Lease: holder the node, 40 s, renewed at each post. */
    private static void renewLease(LabApiServer server, ObjectNode node, Instant now) {
        String name = LabDispatcher.name(node);
        String stored = server.dispatcher().getStored(LEASES + "/" + name);
        ObjectNode lease;
        try {
            lease = stored == null ? null : (ObjectNode) JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            lease = null;
        }
        if (lease == null) {
            lease = JsonNodeFactory.instance.objectNode().put("apiVersion", "coordination.k8s.io/v1").put("kind", "Lease");
            lease.putObject("metadata").put("name", name).put("namespace", "kube-node-lease");
            lease.putObject("spec").put("holderIdentity", name).put("leaseDurationSeconds", 40)
                    .put("renewTime", MICRO.format(now));
            server.store(LEASES, lease, now);
            return;
        }
        lease.withObject("spec").put("renewTime", MICRO.format(now));
        if (!server.dispatcher().replaceStored(LEASES, lease)) {
            server.dispatcher().put(LEASES + "/" + name, lease.toString());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
