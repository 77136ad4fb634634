package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.kube.LabWorkloads.NodeInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The per-pool workload of a lab cluster and the controllers that keep it, in {@code edge-apps}: for each pool label
 * value with a Ready node, a Deployment {@code POOL-app} (2 replicas, nodeSelector {@code hybridpane.dev/pool=POOL}), its
 * ReplicaSet and a PodDisruptionBudget (minAvailable 1). The ReplicaSet controller makes a pod for each missing replica
 * (and deletes the surplus); the scheduler binds a pod after a short delay to a Ready, schedulable node that matches its
 * nodeSelector and whose NoSchedule/NoExecute taints it tolerates, preferring the node with the fewest pods of its
 * ReplicaSet (none fits: it stays Pending); the kubelet runs it shortly after (Ready while the node is Ready and its
 * kubelet runs). The pod garbage collector deletes pods bound to a Node that no longer exists. Deployment, ReplicaSet and
 * PodDisruptionBudget status follow.
 */
final class LabReplicaSets {
    static final String RS = "/apis/apps/v1/namespaces/" + LabPodFactory.NS + "/replicasets";
    static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/" + LabPodFactory.NS + "/deployments";
    static final String PDBS = "/apis/policy/v1/namespaces/" + LabPodFactory.NS + "/poddisruptionbudgets";
    static final String ALL_PDBS = "/apis/policy/v1/poddisruptionbudgets";

    private final LabWorkloads owner;
    private final LabDispatcher store;
    /** When the lab made or bound a pod (its name): the scheduler's and the kubelet's delays count from there. */
    private final Map<String, Instant> since = new HashMap<>();
    private volatile Duration bindDelay = Duration.ofMillis(300);
    private volatile Duration startDelay = Duration.ofMillis(300);
    private Instant nextDue;

    LabReplicaSets(LabWorkloads owner, LabDispatcher store) {
        this.owner = owner;
        this.store = store;
    }

    static String podsPath(String namespace) {
        return "/api/v1/namespaces/" + namespace + "/pods";
    }

    void setDelays(Duration bind, Duration start) {
        this.bindDelay = bind;
        this.startDelay = start;
    }

    boolean due(Instant now) {
        return nextDue != null && !now.isBefore(nextDue);
    }

    void reconcile(Instant now) {
        nextDue = null;
        Instant stamp = now.truncatedTo(ChronoUnit.SECONDS);
        Map<String, NodeInfo> nodes = owner.nodes();
        TreeSet<String> pools = new TreeSet<>();
        nodes.values().stream().filter(NodeInfo::ready).forEach(n -> pools.add(n.pool()));
        if (!pools.isEmpty() && owner.object("/api/v1/namespaces/" + LabPodFactory.NS) == null) {
            store.seed("/api/v1/namespaces", LabPodFactory.namespace(LabPodFactory.NS), now);
        }
        for (String pool : pools) {
            ensureWorkload(pool, now);
        }
        List<JsonNode> pods = items(owner.list(podsPath(LabPodFactory.NS)));
        for (JsonNode p : new ArrayList<>(pods)) {
            String node = p.path("spec").path("nodeName").asText("");
            if (!node.isEmpty() && !nodes.containsKey(node) && owner.object(LabSeeder.NODES + "/" + node) == null) {
                store.delete(podsPath(LabPodFactory.NS) + "/" + LabDispatcher.name(p)); // pod GC: its node is gone
                pods.remove(p);
            }
        }
        for (JsonNode rs : items(owner.list(RS))) {
            replicaSet((ObjectNode) rs, pods, nodes, now, stamp);
        }
        JsonNode deployments = owner.list(DEPLOYMENTS);
        for (JsonNode d : items(deployments)) {
            deploymentStatus((ObjectNode) d);
        }
        for (JsonNode b : items(owner.list(ALL_PDBS))) {
            updateBudget((ObjectNode) b, now);
        }
        since.keySet().retainAll(pods.stream().map(LabDispatcher::name).toList());
    }

    private void ensureWorkload(String pool, Instant now) {
        String name = LabPodFactory.appName(pool);
        ObjectNode d = owner.object(DEPLOYMENTS + "/" + name);
        if (d == null) {
            store.seed(DEPLOYMENTS, LabPodFactory.deployment(pool), now);
            d = owner.object(DEPLOYMENTS + "/" + name);
            store.seed(PDBS, LabPodFactory.disruptionBudget(pool), now);
        }
        if (d != null && owner.object(RS + "/" + name + "-" + LabPodFactory.templateHash(name)) == null) {
            store.seed(RS, LabPodFactory.replicaSet(d, pool), now);
        }
    }

    private void replicaSet(ObjectNode rs, List<JsonNode> allPods, Map<String, NodeInfo> nodes, Instant now, Instant stamp) {
        String uid = rs.path("metadata").path("uid").asText();
        JsonNode deployment = LabPodFactory.controller(rs);
        int replicas = rs.path("spec").path("replicas").asInt(1);
        boolean scaled = false;
        if (deployment.path("kind").asText().equals("Deployment")) {
            ObjectNode d = owner.object(DEPLOYMENTS + "/" + deployment.path("name").asText());
            if (d != null && d.path("spec").path("replicas").asInt(1) != replicas) {
                replicas = d.path("spec").path("replicas").asInt(1);
                rs.withObject("spec").put("replicas", replicas);
                scaled = true;
            }
        }
        List<JsonNode> pods = new ArrayList<>();
        for (JsonNode p : allPods) {
            if (uid.equals(LabPodFactory.controller(p).path("uid").asText()) && !p.path("metadata").has("deletionTimestamp")) {
                pods.add(p);
            }
        }
        while (pods.size() < replicas) {
            ObjectNode pod = LabPodFactory.replicaSetPod(rs);
            store.seed(podsPath(LabPodFactory.NS), pod, now);
            since.put(LabDispatcher.name(pod), now);
            pods.add(pod);
            dueAt(now.plus(bindDelay));
        }
        if (pods.size() > replicas) {
            pods.sort(Comparator.comparing((JsonNode p) -> !p.path("spec").path("nodeName").asText("").isEmpty())
                    .thenComparing(LabPodFactory::ready));
            while (pods.size() > replicas) {
                store.delete(podsPath(LabPodFactory.NS) + "/" + LabDispatcher.name(pods.remove(0)));
            }
        }
        Map<String, Integer> perNode = new HashMap<>();
        pods.forEach(p -> perNode.merge(p.path("spec").path("nodeName").asText(""), 1, Integer::sum));
        int ready = 0;
        for (JsonNode p : pods) {
            ObjectNode pod = (ObjectNode) p;
            String name = LabDispatcher.name(pod);
            String nodeName = pod.path("spec").path("nodeName").asText("");
            Instant at = since.getOrDefault(name, Instant.EPOCH);
            if (nodeName.isEmpty()) {
                if (now.isBefore(at.plus(bindDelay))) {
                    dueAt(at.plus(bindDelay));
                    continue;
                }
                NodeInfo target = schedule(pod, nodes, perNode);
                if (target != null) {
                    LabPodFactory.bind(pod, target.name(), stamp);
                    perNode.merge(target.name(), 1, Integer::sum);
                    if (owner.save(podsPath(LabPodFactory.NS), pod)) {
                        since.put(name, now);
                        dueAt(now.plus(startDelay));
                    }
                }
                continue;
            }
            NodeInfo n = nodes.get(nodeName);
            boolean started = !"Pending".equals(pod.path("status").path("phase").asText("Pending")) || !now.isBefore(at.plus(startDelay));
            if (!started) {
                dueAt(at.plus(startDelay));
            }
            boolean podReady = started && owner.podsReady(n);
            if (LabPodFactory.kubeletStatus(pod, started, podReady, n == null ? null : n.ip(), stamp)) {
                owner.save(podsPath(LabPodFactory.NS), pod);
            }
            if (LabPodFactory.ready(pod)) {
                ready++;
            }
        }
        ObjectNode status = rs.withObject("status");
        String before = rs.toString();
        status.put("replicas", pods.size()).put("fullyLabeledReplicas", pods.size()).put("readyReplicas", ready)
                .put("availableReplicas", ready).put("observedGeneration", rs.path("metadata").path("generation").asLong(1));
        if (scaled || !before.equals(rs.toString())) {
            owner.save(RS, rs);
        }
    }

    /** The scheduler's choice: a Ready, schedulable node the pod fits, with the fewest pods of its ReplicaSet. */
    private NodeInfo schedule(JsonNode pod, Map<String, NodeInfo> nodes, Map<String, Integer> perNode) {
        JsonNode spec = pod.path("spec");
        NodeInfo best = null;
        for (NodeInfo n : nodes.values()) {
            if (!owner.podsReady(n) || n.unschedulable()) {
                continue;
            }
            boolean fits = true;
            for (var e : spec.path("nodeSelector").properties()) {
                fits &= e.getValue().asText().equals(n.labels().get(e.getKey()));
            }
            if (!fits || !LabKubeletNodes.selects(spec, n.labels()) || !LabKubeletNodes.tolerates(spec.path("tolerations"), n.taints())) {
                continue;
            }
            int load = perNode.getOrDefault(n.name(), 0);
            if (best == null || load < perNode.getOrDefault(best.name(), 0)
                    || load == perNode.getOrDefault(best.name(), 0) && n.name().compareTo(best.name()) < 0) {
                best = n;
            }
        }
        return best;
    }

    private void deploymentStatus(ObjectNode d) {
        String name = LabDispatcher.name(d);
        ObjectNode rs = owner.object(RS + "/" + name + "-" + LabPodFactory.templateHash(name));
        if (rs == null) {
            return;
        }
        JsonNode s = rs.path("status");
        int replicas = s.path("replicas").asInt(0);
        int ready = s.path("readyReplicas").asInt(0);
        String before = d.toString();
        ObjectNode status = d.withObject("status").put("observedGeneration", d.path("metadata").path("generation").asLong(1))
                .put("replicas", replicas).put("updatedReplicas", replicas).put("readyReplicas", ready).put("availableReplicas", ready)
                .put("unavailableReplicas", Math.max(0, d.path("spec").path("replicas").asInt(1) - ready));
        boolean available = ready >= Math.max(1, d.path("spec").path("replicas").asInt(1) - 1);
        String transition = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (JsonNode c : status.path("conditions")) {
            if ("Available".equals(c.path("type").asText()) && c.path("status").asText().equals(available ? "True" : "False")) {
                transition = c.path("lastTransitionTime").asText(transition);
            }
        }
        status.putArray("conditions").addObject().put("type", "Available").put("status", available ? "True" : "False")
                .put("reason", available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                .put("message", available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.")
                .put("lastUpdateTime", transition).put("lastTransitionTime", transition);
        if (!before.equals(d.toString())) {
            owner.save(DEPLOYMENTS, d);
        }
    }

    /** The disruption controller's figures for a budget now (its namespace's pods, read again). */
    LabDisruption.Figures figures(JsonNode budget, String namespace) {
        List<JsonNode> pods = new ArrayList<>();
        for (JsonNode p : items(owner.list(podsPath(namespace)))) {
            if (LabDisruption.selects(budget.path("spec").path("selector"), p.path("metadata").path("labels"))) {
                pods.add(p);
            }
        }
        return LabDisruption.figures(budget, pods, ref -> {
            String kind = ref.path("kind").asText();
            String path = kind.equals("ReplicaSet") ? "/apis/apps/v1/namespaces/" + namespace + "/replicasets/" + ref.path("name").asText()
                    : kind.equals("Deployment") ? "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + ref.path("name").asText() : null;
            ObjectNode o = path == null ? null : owner.object(path);
            return o == null ? 0 : o.path("spec").path("replicas").asInt(0);
        });
    }

    /** Recomputes a budget's status and writes it when it changed. */
    void updateBudget(ObjectNode budget, Instant now) {
        String ns = budget.path("metadata").path("namespace").asText();
        ObjectNode current = owner.object("/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets/" + LabDispatcher.name(budget));
        if (current == null) {
            return;
        }
        if (LabDisruption.setStatus(current, figures(current, ns), now.truncatedTo(ChronoUnit.SECONDS).toString())) {
            owner.save("/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets", current);
        }
    }

    private void dueAt(Instant at) {
        if (nextDue == null || at.isBefore(nextDue)) {
            nextDue = at;
        }
    }

    static List<JsonNode> items(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        list.path("items").forEach(out::add);
        return out;
    }
}
