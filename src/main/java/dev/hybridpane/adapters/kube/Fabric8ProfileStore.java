package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.profile.ProfileConflictException;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.core.profile.ProfileStoreException;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ProfileMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Cluster profiles as hybridpane.dev/v1alpha1 ClusterProfile custom resources (generic resources, explicit
 * context), read and written with the domain's {@link ProfileMapper}. An update sends the resourceVersion it read,
 * so the API server refuses a stale one with a 409. A cluster that does not serve the kind was never imported:
 * {@link Fabric8InventoryPort#notImported}.
 */
public final class Fabric8ProfileStore implements ProfileStore {
    static final ResourceDefinitionContext PROFILES = new ResourceDefinitionContext.Builder()
            .withGroup(Fabric8InventoryPort.GROUP).withVersion(Fabric8InventoryPort.VERSION).withKind(ProfileMapper.KIND)
            .withPlural("clusterprofiles").withNamespaced(true).build();
    static final ResourceDefinitionContext POOLS = new ResourceDefinitionContext.Builder()
            .withGroup(Fabric8InventoryPort.GROUP).withVersion(Fabric8InventoryPort.VERSION).withKind("HybridNodePool")
            .withPlural("hybridnodepools").withNamespaced(true).build();

    private final Fabric8ClusterPort clusters;

    public Fabric8ProfileStore(Fabric8ClusterPort clusters) {
        this.clusters = clusters;
    }

    @Override
    public Profiles open(ClusterRef ref, ClusterAccess access) {
        return new Fabric8Profiles(ref, KubeClients.build(clusters.configFor(access)));
    }

    private static final class Fabric8Profiles implements Profiles {
        private final ClusterRef ref;
        private final KubernetesClient client;

        Fabric8Profiles(ClusterRef ref, KubernetesClient client) {
            this.ref = ref;
            this.client = client;
        }

        private <T> T call(String what, Supplier<T> work) {
            try {
                return KubeRetry.throttled(work);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404 && KindFailures.kindNotServed(e)) {
                    throw new ProfileStoreException(Fabric8InventoryPort.notImported(ref.name()), e);
                }
                if (e.getCode() == 409) {
                    throw new ProfileConflictException("Could not " + what + " in " + ref.name()
                            + ": someone else changed it at the same time.", e);
                }
                String why = KindFailures.reason(e, "clusterprofiles.hybridpane.dev",
                        "it is no longer in the cluster (someone removed it)", "someone else changed it at the same time");
                throw new ProfileStoreException("Could not " + what + " in " + ref.name() + ": " + why + ".", e);
            } catch (ProfileStoreException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new ProfileStoreException("Could not " + what + " in " + ref.name() + ": a stored profile cannot be "
                        + "read: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new ProfileStoreException("Could not " + what + " in " + ref.name() + ": " + RootCause.root(e) + ".", e);
            }
        }

        private static ClusterProfile profile(GenericKubernetesResource r) {
            return ProfileMapper.fromObject(object(r));
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> object(GenericKubernetesResource r) {
            Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().getOrDefault("spec", Map.of());
            return Map.of("apiVersion", r.getApiVersion(), "kind", r.getKind(),
                    "metadata", Map.of("name", r.getMetadata().getName()), "spec", spec);
        }

        private static Stored stored(GenericKubernetesResource r) {
            return new Stored(profile(r), r.getMetadata().getResourceVersion());
        }

        @Override
        public List<ClusterProfile> list() {
            return call("read the profiles", () -> client.genericKubernetesResources(PROFILES).inNamespace(NAMESPACE).list()
                    .getItems().stream().map(Fabric8Profiles::profile)
                    .sorted(Comparator.comparing(ClusterProfile::name)).toList());
        }

        @Override
        public Map<String, Map<Integer, List<String>>> poolUsage() {
            return call("read which pools use the profiles", () -> {
                Map<String, Map<Integer, Set<String>>> usage = new TreeMap<>();
                Set<String> objects = new HashSet<>();
                for (GenericKubernetesResource pool : client.genericKubernetesResources(POOLS).inNamespace(NAMESPACE)
                        .list().getItems()) {
                    objects.add(pool.getMetadata().getName());
                    Object spec = pool.getAdditionalProperties().get("spec");
                    if (spec instanceof Map<?, ?> m && m.get("profile") instanceof Map<?, ?> profile
                            && profile.get("name") instanceof String name && profile.get("version") instanceof Number n) {
                        use(usage, name, n.intValue(), pool.getMetadata().getName());
                    }
                }
                // pools that have no object yet: their nodes say which profile version made them
                for (Node node : client.nodes().withLabel(NodeLabels.PROFILE).list().getItems()) {
                    Map<String, String> labels = node.getMetadata().getLabels();
                    String pool = labels.get(NodeLabels.POOL);
                    Integer version = number(labels.get(NodeLabels.PROFILE_VERSION));
                    if (pool != null && !objects.contains(pool) && version != null) {
                        use(usage, labels.get(NodeLabels.PROFILE), version, pool);
                    }
                }
                Map<String, Map<Integer, List<String>>> out = new TreeMap<>();
                usage.forEach((name, versions) -> {
                    Map<Integer, List<String>> v = new TreeMap<>();
                    versions.forEach((n, pools) -> v.put(n, List.copyOf(pools)));
                    out.put(name, v);
                });
                return out;
            });
        }

        private static void use(Map<String, Map<Integer, Set<String>>> usage, String profile, int version, String pool) {
            usage.computeIfAbsent(profile, k -> new TreeMap<>()).computeIfAbsent(version, k -> new TreeSet<>()).add(pool);
        }

        private static Integer number(String s) {
            try {
                return s == null ? null : Integer.valueOf(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public Optional<Stored> get(String name) {
            return call("read profile " + name, () -> {
                GenericKubernetesResource r = client.genericKubernetesResources(PROFILES).inNamespace(NAMESPACE)
                        .withName(name).get();
                if (r == null) {
                    // a get answers null both for a missing profile and for a kind the cluster does not serve
                    client.genericKubernetesResources(PROFILES).inNamespace(NAMESPACE)
                            .list(new ListOptionsBuilder().withLimit(1L).build());
                    return Optional.empty();
                }
                return Optional.of(stored(r));
            });
        }

        @Override
        public Stored create(ClusterProfile profile) {
            return call("store profile " + profile.name(), () -> {
                ensureNamespace();
                GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion(ProfileMapper.API_VERSION)
                        .withKind(ProfileMapper.KIND).withNewMetadata().withName(profile.name()).withNamespace(NAMESPACE)
                        .addToLabels("app.kubernetes.io/managed-by", "hybridpane").endMetadata().build();
                r.setAdditionalProperty("spec", ProfileMapper.toSpec(profile));
                return stored(client.genericKubernetesResources(PROFILES).inNamespace(NAMESPACE).resource(r).create());
            });
        }

        @Override
        public Stored update(ClusterProfile profile, String resourceVersion) {
            return call("store profile " + profile.name(), () -> {
                GenericKubernetesResource r = client.genericKubernetesResources(PROFILES).inNamespace(NAMESPACE)
                        .withName(profile.name()).get();
                if (r == null) {
                    throw new ProfileConflictException("Could not store profile " + profile.name() + " in " + ref.name()
                            + ": someone removed it meanwhile.", null);
                }
                r.getMetadata().setResourceVersion(resourceVersion);
                r.setAdditionalProperty("spec", ProfileMapper.toSpec(profile));
                // a 409 while the profile is still at the version read is written again; one after another save is not
                return stored(KubeRetry.unlessMoved(resourceVersion, () -> version(profile.name()),
                        () -> client.genericKubernetesResources(PROFILES).inNamespace(NAMESPACE).resource(r).update()));
            });
        }

        /** The stored profile's resourceVersion now, or null when it is gone. */
        private String version(String name) {
            GenericKubernetesResource now = client.genericKubernetesResources(PROFILES).inNamespace(NAMESPACE).withName(name).get();
            return now == null ? null : now.getMetadata().getResourceVersion();
        }

        /** Before the first write: the kind must be served (nothing, not even the namespace, is written otherwise). */
        private void ensureNamespace() {
            client.genericKubernetesResources(PROFILES).inNamespace(NAMESPACE).list(new ListOptionsBuilder().withLimit(1L).build());
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
        public void close() {
            client.close();
        }
    }
}
