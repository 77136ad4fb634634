package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A little life in a lab cluster: every period one hybrid node stops posting status (Ready becomes Unknown,
 * NodeStatusUnknown) and comes back on the next tick, with the events the node lifecycle controller and the
 * kubelet would record. {@link #flipRandomNodes(int)} changes many node statuses at once for load tests.
 */
public final class LabSimulation implements AutoCloseable {
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

    private final LabApiServer server;
    private final Duration period;
    private final Clock clock;
    private final Random random;
    private final List<String> hybridNodes;
    private final LabEventFactory events = new LabEventFactory();
    private ScheduledExecutorService executor;
    private String down;

    public LabSimulation(LabApiServer server) {
        this(server, DEFAULT_PERIOD, Clock.systemUTC(), new Random(17));
    }

    public LabSimulation(LabApiServer server, Duration period, Clock clock, Random random) {
        this.server = server;
        this.period = period;
        this.clock = clock;
        this.random = random;
        this.hybridNodes = List.copyOf(new LabNodeFactory(server.cluster(), Instant.EPOCH).hybridNodeNames());
    }

    /** Starts ticking on a daemon thread. Does nothing when the cluster has no hybrid nodes or it already runs. */
    public synchronized void start() {
        if (executor != null || server.cluster().hybridNodeCount() == 0) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lab-simulation-" + server.cluster().name());
            t.setDaemon(true);
            return t;
        });
        long ms = period.toMillis();
        executor.scheduleAtFixedRate(this::safeTick, ms, ms, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // a lab hiccup (node deleted by a test, server closing) must not end the simulation
        }
    }

    /**
     * One step: the node that went away comes back, or a random hybrid node goes NotReady (a synthetic one, or one whose
     * kubelet runs on a lab edge host, which is then silenced until it comes back). Returns its name (null: no hybrid
     * node yet).
     */
    public synchronized String tick() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (down != null) {
            String name = down;
            down = null;
            server.silenced().remove(name);
            ObjectNode n = setReady(name, true, now);
            if (n != null) {
                server.store("/api/v1/namespaces/default/events", events.kubelet(n, "Normal", "NodeReady",
                        LabEventFactory.statusMessage(name, "NodeReady"), now), now);
            }
            return name;
        }
        List<String> candidates = new ArrayList<>(hybridNodes);
        candidates.addAll(new TreeSet<>(server.kubeletNodes()));
        if (candidates.isEmpty()) {
            return null;
        }
        String name = candidates.get(random.nextInt(candidates.size()));
        if (server.kubeletNodes().contains(name)) {
            // a node with a live kubelet (a lab edge host's): its kubelet stops posting until the node comes back
            server.silenced().add(name);
        }
        ObjectNode n = setReady(name, false, now);
        if (n == null) {
            server.silenced().remove(name);
        } else {
            down = name;
            server.store("/api/v1/namespaces/default/events", events.controller(n, "Warning", "NodeNotReady",
                    LabEventFactory.statusMessage(name, "NodeNotReady"), now), now);
        }
        return name;
    }

    /** Toggles the Ready condition of {@code count} random hybrid nodes (no events). Returns how many changed. */
    public int flipRandomNodes(int count) {
        if (hybridNodes.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        int changed = 0;
        for (int i = 0; i < count; i++) {
            String name;
            synchronized (this) {
                name = hybridNodes.get(random.nextInt(hybridNodes.size()));
            }
            ObjectNode n = server.node(name);
            if (n != null && setReady(n, !isReady(n), now)) {
                changed++;
            }
        }
        return changed;
    }

    /** Names of the cluster's hybrid nodes, as seeded. */
    public List<String> hybridNodeNames() {
        return List.copyOf(hybridNodes);
    }

    /** Sets one node's Ready condition in the API server's store (no event). Returns false if unchanged or missing. */
    public boolean setNodeReady(String name, boolean ready) {
        ObjectNode n = server.node(name);
        return n != null && isReady(n) != ready && setReady(n, ready, clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    static boolean isReady(JsonNode n) {
        for (JsonNode c : n.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode setReady(String name, boolean ready, Instant now) {
        ObjectNode n = server.node(name);
        return n != null && setReady(n, ready, now) ? n : null;
    }

    private boolean setReady(ObjectNode n, boolean ready, Instant now) {
        if (!(n.path("status").path("conditions") instanceof ArrayNode conditions)) {
            return false;
        }
        for (int i = 0; i < conditions.size(); i++) {
            JsonNode c = conditions.get(i);
            if ("Ready".equals(c.path("type").asText())) {
                conditions.set(i, ready ? LabNodeFactory.ready(now, now)
                        : LabNodeFactory.notReady(Instant.parse(c.path("lastHeartbeatTime").asText()), now));
            }
        }
        return server.replaceNode(n);
    }
}
