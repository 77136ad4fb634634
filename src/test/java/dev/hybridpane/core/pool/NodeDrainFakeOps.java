package dev.hybridpane.core.pool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link NodeOps} in memory, for tests: nodes with their cordon flag and pods; an eviction is answered by the pod's
 * scripted answers in turn (then Evicted), and an evicted pod disappears after {@code goneAfterPolls} existence checks.
 * Every call is recorded ("cordon n", "evict ns/p", "delete ns/p", "uncordon n", "delete-node n").
 */
public final class NodeDrainFakeOps implements NodeOps {
    public final Map<String, Boolean> unschedulable = new ConcurrentHashMap<>();
    public final Map<String, List<PodOnNode>> pods = new ConcurrentHashMap<>();
    public final Map<String, List<Eviction>> answers = new ConcurrentHashMap<>();
    public final Set<String> nodes = ConcurrentHashMap.newKeySet();
    public final List<String> calls = new ArrayList<>();
    private final Map<String, Integer> dying = new LinkedHashMap<>();
    public int goneAfterPolls = 1;

    public NodeDrainFakeOps node(String name, PodOnNode... onIt) {
        nodes.add(name);
        unschedulable.put(name, false);
        pods.put(name, new ArrayList<>(List.of(onIt)));
        return this;
    }

    public static PodOnNode pod(String ns, String name, String ownerKind) {
        return new PodOnNode(ns, name, "uid-" + name, ownerKind, ownerKind.isEmpty() ? "" : name + "-owner", false, false, false,
                Map.of("app", name));
    }

    public static PodOnNode pod(String ns, String name, String ownerKind, boolean mirror, boolean emptyDir, boolean finished) {
        return new PodOnNode(ns, name, "uid-" + name, ownerKind, ownerKind.isEmpty() ? "" : name + "-owner", mirror, emptyDir,
                finished, Map.of());
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private synchronized void call(String c) {
        calls.add(c);
    }

    @Override
    public void setUnschedulable(String node, boolean u) {
        call((u ? "cordon " : "uncordon ") + node);
        unschedulable.put(node, u);
    }

    @Override
    public synchronized List<PodOnNode> pods(String node) {
        return List.copyOf(pods.getOrDefault(node, List.of()));
    }

    @Override
    public synchronized Eviction evict(String namespace, String pod) {
        call("evict " + namespace + "/" + pod);
        List<Eviction> queue = answers.get(namespace + "/" + pod);
        Eviction e = queue == null || queue.isEmpty() ? new Eviction.Evicted() : queue.remove(0);
        if (e instanceof Eviction.Evicted) {
            dying.put(namespace + "/" + pod, goneAfterPolls);
        }
        return e;
    }

    @Override
    public synchronized boolean podExists(String namespace, String pod, String uid) {
        String ref = namespace + "/" + pod;
        Integer left = dying.get(ref);
        if (left != null) {
            if (left <= 0) {
                remove(ref);
                return false;
            }
            dying.put(ref, left - 1);
        }
        return pods.values().stream().flatMap(List::stream).anyMatch(p -> p.ref().equals(ref) && p.uid().equals(uid));
    }

    private void remove(String ref) {
        pods.values().forEach(l -> l.removeIf(p -> p.ref().equals(ref)));
    }

    @Override
    public synchronized void deletePod(String namespace, String pod) {
        call("delete " + namespace + "/" + pod);
        remove(namespace + "/" + pod);
    }

    @Override
    public synchronized void deleteNode(String node) {
        call("delete-node " + node);
        nodes.remove(node);
        pods.remove(node);
    }
}
