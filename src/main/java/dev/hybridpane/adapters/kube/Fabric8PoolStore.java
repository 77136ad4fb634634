package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.pool.CniDaemonSet;
import dev.hybridpane.core.pool.NodeOps;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.PoolStoreException;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolFormatException;
import dev.hybridpane.domain.pool.PoolMapper;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Node pools as hybridpane.dev/v1alpha1 HybridNodePool custom resources (generic resources), read and written with the
 * domain's {@link PoolMapper}; the status through the status subresource; Events as core/v1 Events whose involved
 * object is the pool. An update sends the resourceVersion it read, so a stale one is refused with a 409.
 */
public final class Fabric8PoolStore implements PoolStore {
    private final Fabric8ClusterPort clusters;

    public Fabric8PoolStore(Fabric8ClusterPort clusters) {
        this.clusters = clusters;
    }

    @Override
    public Pools open(ClusterRef ref, ClusterAccess access) {
        return new Fabric8Pools(ref, KubeClients.build(clusters.configFor(access)));
    }

    /** Where the CNI DaemonSets are: namespace and name. */
    private static final String[][] CNI = {{"kube-system", "cilium"}, {"kube-system", "calico-node"},
            {"calico-system", "calico-node"}};

    static final class Fabric8Pools implements Pools {
        private final ClusterRef ref;
        private final KubernetesClient client;
        private KubernetesClient evictions;
        private NodeOps nodeOps;

        Fabric8Pools(ClusterRef ref, KubernetesClient client) {
            this.ref = ref;
            this.client = client;
        }

        private <T> T call(String what, Supplier<T> work) {
            try {
                return KubeRetry.throttled(work);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404 && KindFailures.kindNotServed(e)) {
                    throw new PoolStoreException(Fabric8InventoryPort.notImported(ref.name()), false, e);
                }
                String why = KindFailures.reason(e, "hybridnodepools.hybridpane.dev",
                        "it is no longer in the cluster (someone removed it)", "someone else changed it at the same time");
                throw new PoolStoreException("Could not " + what + " in " + ref.name() + ": " + why + ".", e.getCode() == 409, e);
            } catch (PoolStoreException e) {
                throw e;
            } catch (PoolFormatException e) {
                throw new PoolStoreException("Could not " + what + " in " + ref.name() + ": a stored pool cannot be read: "
                        + e.getMessage(), false, e);
            } catch (RuntimeException e) {
                throw new PoolStoreException("Could not " + what + " in " + ref.name() + ": " + RootCause.root(e) + ".", false, e);
            }
        }

        private static Map<String, Object> map(Object o) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (o instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.put(String.valueOf(k), v));
            }
            return out;
        }

        /** A stored pool object as the store reads it (also the pools watch's mapping). */
        static Stored stored(GenericKubernetesResource r) {
            HybridNodePool pool = PoolMapper.fromSpec(r.getMetadata().getName(), map(r.getAdditionalProperties().get("spec")));
            return new Stored(pool, r.getMetadata().getResourceVersion(), status(map(r.getAdditionalProperties().get("status"))));
        }

        private static PoolStatus status(Map<String, Object> s) {
            if (s.isEmpty()) {
                return PoolStatus.NONE;
            }
            Map<String, Object> nodes = map(s.get("nodes"));
            List<Member> members = new ArrayList<>();
            if (s.get("members") instanceof List<?> l) {
                for (Object o : l) {
                    Map<String, Object> m = map(o);
                    members.add(new Member(String.valueOf(m.getOrDefault("host", "")), String.valueOf(m.getOrDefault("node", ""))));
                }
            }
            return new PoolStatus(String.valueOf(s.getOrDefault("phase", "")), number(nodes.get("ready")),
                    number(nodes.get("total")), members);
        }

        private static int number(Object o) {
            return o instanceof Number n ? n.intValue() : 0;
        }

        private static Map<String, Object> statusObject(PoolStatus s) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("phase", s.phase());
            out.put("ready", s.readyText());
            out.put("nodes", Map.of("ready", s.ready(), "total", s.total()));
            List<Map<String, Object>> members = new ArrayList<>();
            s.members().forEach(m -> members.add(Map.of("host", m.host(), "node", m.node())));
            out.put("members", members);
            return out;
        }

        @Override
        public List<Stored> list() {
            return call("read the pools", () -> client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(NAMESPACE)
                    .list().getItems().stream().map(Fabric8Pools::stored)
                    .sorted(Comparator.comparing(s -> s.pool().name())).toList());
        }

        @Override
        public Optional<Stored> get(String name) {
            return call("read pool " + name, () -> {
                GenericKubernetesResource r = client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(NAMESPACE)
                        .withName(name).get();
                if (r == null) {
                    // null both for a missing pool and for a kind the cluster does not serve
                    client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(NAMESPACE)
                            .list(new ListOptionsBuilder().withLimit(1L).build());
                    return Optional.empty();
                }
                return Optional.of(stored(r));
            });
        }

        @Override
        public Stored create(HybridNodePool pool) {
            return call("store pool " + pool.name(), () -> {
                ensureNamespace();
                GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion(PoolMapper.API_VERSION)
                        .withKind(PoolMapper.KIND).withNewMetadata().withName(pool.name()).withNamespace(NAMESPACE)
                        .addToLabels("app.kubernetes.io/managed-by", "hybridpane").endMetadata().build();
                r.setAdditionalProperty("spec", PoolMapper.toSpec(pool));
                return stored(client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(NAMESPACE).resource(r).create());
            });
        }

        @Override
        public Stored update(HybridNodePool pool, String resourceVersion) {
            return call("store pool " + pool.name(), () -> {
                GenericKubernetesResource r = client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(NAMESPACE)
                        .withName(pool.name()).get();
                if (r == null) {
                    throw new PoolStoreException("Could not store pool " + pool.name() + " in " + ref.name()
                            + ": someone removed it meanwhile.", true, null);
                }
                r.getMetadata().setResourceVersion(resourceVersion);
                r.setAdditionalProperty("spec", PoolMapper.toSpec(pool));
                // a 409 while the pool is still at the version read is written again; one after another write is not
                return stored(KubeRetry.unlessMoved(resourceVersion, () -> version(pool.name()),
                        () -> client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(NAMESPACE).resource(r)
                                .update()));
            });
        }

        /** The stored pool's resourceVersion now, or null when it is gone. */
        private String version(String name) {
            GenericKubernetesResource now = client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(NAMESPACE)
                    .withName(name).get();
            return now == null ? null : now.getMetadata().getResourceVersion();
        }

        @Override
        public Stored updateStatus(String name, PoolStatus status) {
            // the status is the running operation's (the pool's lease): a 409 reads the pool again and writes it again
            return call("store the status of pool " + name, () -> KubeRetry.rereading(() -> {
                GenericKubernetesResource r = client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(NAMESPACE)
                        .withName(name).get();
                if (r == null) {
                    throw new PoolStoreException("Could not store the status of pool " + name + " in " + ref.name()
                            + ": it is no longer in the cluster.", true, null);
                }
                r.setAdditionalProperty("status", statusObject(status));
                return stored(client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(NAMESPACE).resource(r)
                        .updateStatus());
            }));
        }

        @Override
        public void event(String pool, EventType type, String reason, String message) {
            call("record an event on pool " + pool, () -> {
                GenericKubernetesResource r = client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(NAMESPACE)
                        .withName(pool).get();
                String now = Instant.now().toString();
                String name = pool + "." + Long.toHexString(System.nanoTime()) + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000));
                client.v1().events().inNamespace(NAMESPACE).resource(new EventBuilder().withNewMetadata().withName(name)
                        .withNamespace(NAMESPACE).endMetadata()
                        .withNewInvolvedObject().withApiVersion(PoolMapper.API_VERSION).withKind(PoolMapper.KIND)
                        .withName(pool).withNamespace(NAMESPACE).withUid(r == null ? null : r.getMetadata().getUid())
                        .endInvolvedObject()
                        .withType(type.name()).withReason(reason).withMessage(message).withCount(1)
                        .withFirstTimestamp(now).withLastTimestamp(now)
                        .withNewSource().withComponent("hybridpane").endSource().build()).create();
                return null;
            });
        }

        @Override
        public Optional<NodeState> nodeByProviderId(String providerId) {
            String name = providerId.substring(providerId.lastIndexOf('/') + 1);
            return node(name).filter(n -> providerId.equals(n.providerId()));
        }

        @Override
        public Optional<NodeState> node(String name) {
            return call("read node " + name, () -> Optional.ofNullable(client.nodes().withName(name).get()).map(Fabric8Pools::state));
        }

        @Override
        public List<NodeState> nodesOfPool(String pool) {
            return call("read the nodes of pool " + pool, () -> client.nodes().withLabel(NodeLabels.POOL, pool).list().getItems()
                    .stream().map(Fabric8Pools::state).sorted(Comparator.comparing(NodeState::name)).toList());
        }

        private static NodeState state(Node n) {
            String name = n.getMetadata().getName();
            String providerId = n.getSpec() == null ? null : n.getSpec().getProviderID();
            NodeCondition ready = n.getStatus() == null || n.getStatus().getConditions() == null ? null
                    : n.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
            boolean isReady = ready != null && "True".equals(ready.getStatus());
            String reason = ready == null ? "the kubelet has not posted a Ready condition yet"
                    : (ready.getReason() == null ? "" : ready.getReason())
                    + (ready.getMessage() == null || ready.getMessage().isBlank() ? "" : ": " + ready.getMessage());
            Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
            String ip = n.getStatus() == null || n.getStatus().getAddresses() == null ? null : n.getStatus().getAddresses()
                    .stream().filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress).findFirst().orElse(null);
            boolean unschedulable = n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable());
            String kubelet = n.getStatus() == null || n.getStatus().getNodeInfo() == null ? ""
                    : n.getStatus().getNodeInfo().getKubeletVersion();
            return new NodeState(name, providerId, isReady, reason, labels, ip, unschedulable, kubelet);
        }

        @Override
        public List<CniDaemonSet> cniDaemonSets() {
            return call("read the CNI DaemonSets", () -> {
                List<CniDaemonSet> out = new ArrayList<>();
                for (String[] at : CNI) {
                    DaemonSet d = client.apps().daemonSets().inNamespace(at[0]).withName(at[1]).get();
                    if (d != null) {
                        out.add(CniDaemonSets.of(d));
                    }
                }
                return out;
            });
        }

        @Override
        public void patchDaemonSet(String namespace, String name, String jsonPatch) {
            call("patch DaemonSet " + namespace + "/" + name, () -> {
                if (client.apps().daemonSets().inNamespace(namespace).withName(name).get() == null) {
                    throw new PoolStoreException("Could not patch DaemonSet " + namespace + "/" + name + " in " + ref.name()
                            + ": it is not in the cluster.", false, null);
                }
                client.apps().daemonSets().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON), jsonPatch);
                return null;
            });
        }

        @Override
        public synchronized NodeOps nodeOps() {
            if (nodeOps == null) {
                // fabric8 retries a 429 itself (with backoff); an eviction's 429 is a PodDisruptionBudget's answer that
                // the drain must see, name and wait on: evictions go through a client that does not retry
                evictions = KubeClients.build(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0)
                        .build());
                nodeOps = new Fabric8NodeOps(client, evictions, ref.name());
            }
            return nodeOps;
        }

        /** Before the first write: the kind must be served (nothing, not even the namespace, is written otherwise). */
        private void ensureNamespace() {
            client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(NAMESPACE)
                    .list(new ListOptionsBuilder().withLimit(1L).build());
            if (client.namespaces().withName(NAMESPACE).get() == null) {
                try {
                    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                            .endMetadata().build()).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                }
            }
        }

        @Override
        public synchronized void close() {
            if (evictions != null) {
                evictions.close();
            }
            client.close();
        }
    }
}
