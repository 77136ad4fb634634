package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.pool.PoolEventsPort;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.PoolStoreException;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.ClusterRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pool's history read once: core/v1 Events selected by field (involvedObject.kind=HybridNodePool and the pool's name
 * in hybridpane-system; involvedObject.kind=Node and each node's name in every namespace, or for a large pool
 * involvedObject.kind=Node kept for the pool's nodes), and the pool object's
 * status members. The selection is checked again here, so an API server that ignores a field selector shows no
 * stranger's events. A pool without an object (only node labels) or a cluster without the kind has no members.
 */
public final class Fabric8PoolEvents implements PoolEventsPort {
    private static final Comparator<ClusterEvent> NEWEST_FIRST = Comparator.comparing(
            (ClusterEvent e) -> e.lastSeen() == null ? Instant.MIN : e.lastSeen()).reversed();

    /** Up to this many nodes, each node's events are one list; a larger pool lists the nodes' events once. */
    static final int PER_NODE_READS = 16;

    private final Fabric8ClusterPort clusters;

    public Fabric8PoolEvents(Fabric8ClusterPort clusters) {
        this.clusters = clusters;
    }

    @Override
    public PoolHistory read(ClusterRef ref, ClusterAccess access, String pool, Collection<String> nodes) {
        try (KubernetesClient client = KubeClients.build(clusters.configFor(access))) {
            return KubeRetry.throttled(() -> read(client, pool, nodes));
        } catch (KubernetesClientException e) {
            String why = KindFailures.reason(e, "events", "it is no longer in the cluster", "it changed meanwhile");
            throw new PoolStoreException("Could not read the events of pool " + pool + " in " + ref.name() + ": "
                    + KubeFailures.scrub(why) + ".", false, e);
        } catch (RuntimeException e) {
            throw new PoolStoreException("Could not read the events of pool " + pool + " in " + ref.name() + ": "
                    + KubeFailures.scrub(RootCause.root(e)) + ".", false, e);
        }
    }

    private static PoolHistory read(KubernetesClient client, String pool, Collection<String> nodes) {
        Map<String, ClusterEvent> byUid = new LinkedHashMap<>();
        for (Event e : client.v1().events().inNamespace(PoolStore.NAMESPACE)
                .withField("involvedObject.kind", "HybridNodePool").withField("involvedObject.name", pool)
                .list().getItems()) {
            if (about(e, "HybridNodePool", Set.of(pool))) {
                ClusterEvent ce = KubeMapper.event(e);
                byUid.put(ce.uid(), ce);
            }
        }
        Set<String> names = new HashSet<>(nodes);
        List<Event> nodeEvents = new ArrayList<>();
        if (names.size() <= PER_NODE_READS) {
            // a few nodes: each one's events exactly
            for (String node : names) {
                nodeEvents.addAll(client.v1().events().inAnyNamespace().withField("involvedObject.kind", "Node")
                        .withField("involvedObject.name", node).list().getItems());
            }
        } else {
            nodeEvents.addAll(client.v1().events().inAnyNamespace().withField("involvedObject.kind", "Node")
                    .list().getItems());
        }
        for (Event e : nodeEvents) {
            if (about(e, "Node", names)) {
                ClusterEvent ce = KubeMapper.event(e);
                byUid.put(ce.uid(), ce);
            }
        }
        List<ClusterEvent> events = new ArrayList<>(byUid.values());
        events.sort(NEWEST_FIRST);
        return new PoolHistory(events, members(client, pool));
    }

    private static boolean about(Event e, String kind, Set<String> names) {
        return e.getInvolvedObject() != null && kind.equals(e.getInvolvedObject().getKind())
                && names.contains(e.getInvolvedObject().getName());
    }

    /** Host to node from the pool's status; none when the pool has no object, or the cluster no such kind. */
    private static List<PoolStore.Member> members(KubernetesClient client, String pool) {
        GenericKubernetesResource r;
        try {
            r = client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(PoolStore.NAMESPACE)
                    .withName(pool).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 403) {
                return List.of();
            }
            throw e;
        }
        if (r == null || !(r.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
                || !(status.get("members") instanceof List<?> list)) {
            return List.of();
        }
        List<PoolStore.Member> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && m.get("host") instanceof String host && m.get("node") instanceof String node) {
                out.add(new PoolStore.Member(host, node));
            }
        }
        return out;
    }
}
