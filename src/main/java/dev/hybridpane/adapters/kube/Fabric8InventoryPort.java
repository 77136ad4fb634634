package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.InventoryException;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.StoredHost;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostStatus;
import dev.hybridpane.domain.edge.Site;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The edge inventory as hybridpane.dev/v1alpha1 Site and EdgeHost custom resources, through fabric8's
 * generic resources with explicit resource contexts (no discovery needed).
 */
public final class Fabric8InventoryPort implements InventoryPort {
    static final String GROUP = "hybridpane.dev";
    static final String VERSION = "v1alpha1";
    static final ResourceDefinitionContext SITES = new ResourceDefinitionContext.Builder().withGroup(GROUP)
            .withVersion(VERSION).withKind("Site").withPlural("sites").withNamespaced(true).build();
    static final ResourceDefinitionContext HOSTS = new ResourceDefinitionContext.Builder().withGroup(GROUP)
            .withVersion(VERSION).withKind("EdgeHost").withPlural("edgehosts").withNamespaced(true).build();

    private final Fabric8ClusterPort clusters;

    /** What the console says when a cluster has no hybridpane.dev kinds: it was never imported (or its CRDs were removed). */
    public static String notImported(String cluster) {
        return cluster + " is not imported into HybridPane yet: import it first (Clusters › Import cluster, "
                + "or hybridpane cluster import).";
    }

    public Fabric8InventoryPort(Fabric8ClusterPort clusters) {
        this.clusters = clusters;
    }

    @Override
    public Inventory open(ClusterRef ref, ClusterAccess access) {
        KubernetesClient client = KubeClients.build(clusters.configFor(access));
        return new Fabric8Inventory(ref, client);
    }

    private static final class Fabric8Inventory implements Inventory {
        private final ClusterRef ref;
        private final KubernetesClient client;
        private volatile boolean namespaceReady;

        Fabric8Inventory(ClusterRef ref, KubernetesClient client) {
            this.ref = ref;
            this.client = client;
        }

        private <T> T call(String what, Supplier<T> work) {
            try {
                return KubeRetry.throttled(work);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404 && KindFailures.kindNotServed(e)) {
                    throw new InventoryException(notImported(ref.name()), e);
                }
                String why = KindFailures.reason(e, "hybridpane.dev resources",
                        "it is no longer in the cluster (someone removed it); refresh and try again",
                        "someone else changed it at the same time; refresh and try again");
                throw new InventoryException("Could not " + what + " in " + ref.name() + ": " + why + ".", e);
            } catch (RuntimeException e) {
                throw new InventoryException("Could not " + what + " in " + ref.name() + ": " + RootCause.root(e) + ".", e);
            }
        }

        /**
         * Before the first write: the kind must be served (a list answers 404 on a cluster that was never imported,
         * and nothing, not even the namespace, is written there), and the namespace must exist.
         */
        private void ensureNamespace() {
            if (namespaceReady) {
                return;
            }
            client.genericKubernetesResources(HOSTS).inNamespace(NAMESPACE).list(new ListOptionsBuilder().withLimit(1L).build());
            client.genericKubernetesResources(SITES).inNamespace(NAMESPACE).list(new ListOptionsBuilder().withLimit(1L).build());
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
            namespaceReady = true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Site> sites() {
            return call("read the sites", () -> client.genericKubernetesResources(SITES).inNamespace(NAMESPACE).list()
                    .getItems().stream()
                    .map(r -> InventoryMapping.site(r.getMetadata().getName(),
                            (Map<String, Object>) r.getAdditionalProperties().getOrDefault("spec", Map.of())))
                    .sorted(Comparator.comparing(Site::name)).toList());
        }

        @Override
        public void saveSite(Site site) {
            call("save site " + site.name(), () -> {
                ensureNamespace();
                upsert(SITES, "Site", site.name(), InventoryMapping.siteSpec(site));
                return null;
            });
        }

        @Override
        public void deleteSite(String name) {
            call("delete site " + name, () -> client.genericKubernetesResources(SITES).inNamespace(NAMESPACE).withName(name).delete());
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<StoredHost> hosts() {
            return call("read the edge hosts", () -> client.genericKubernetesResources(HOSTS).inNamespace(NAMESPACE).list()
                    .getItems().stream().map(r -> new StoredHost(
                            InventoryMapping.host(r.getMetadata().getName(),
                                    (Map<String, Object>) r.getAdditionalProperties().getOrDefault("spec", Map.of())),
                            InventoryMapping.status((Map<String, Object>) r.getAdditionalProperties().get("status"))))
                    .sorted(Comparator.comparing(h -> h.spec().name())).toList());
        }

        @Override
        public void saveHost(EdgeHostSpec spec) {
            call("save host " + spec.name(), () -> {
                ensureNamespace();
                upsert(HOSTS, "EdgeHost", spec.name(), InventoryMapping.hostSpec(spec));
                return null;
            });
        }

        private void upsert(ResourceDefinitionContext ctx, String kind, String name, Map<String, Object> spec) {
            var res = client.genericKubernetesResources(ctx).inNamespace(NAMESPACE).withName(name);
            GenericKubernetesResource existing = res.get();
            if (existing == null) {
                GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion(GROUP + "/" + VERSION)
                        .withKind(kind).withNewMetadata().withName(name).withNamespace(NAMESPACE)
                        .addToLabels("app.kubernetes.io/managed-by", "hybridpane").endMetadata().build();
                r.setAdditionalProperty("spec", spec);
                client.genericKubernetesResources(ctx).inNamespace(NAMESPACE).resource(r).create();
            } else {
                existing.setAdditionalProperty("spec", spec);
                // written again after a 409 only while nobody else wrote it since it was read
                KubeRetry.unlessMoved(existing.getMetadata().getResourceVersion(), () -> {
                    GenericKubernetesResource now = res.get();
                    return now == null ? null : now.getMetadata().getResourceVersion();
                }, () -> client.genericKubernetesResources(ctx).inNamespace(NAMESPACE).resource(existing).update());
            }
        }

        @Override
        public void saveStatus(String host, HostStatus status) {
            // the status is the console's reading of the host: a 409 reads the host again and writes it again
            call("save the status of " + host, () -> KubeRetry.rereading(() -> {
                var res = client.genericKubernetesResources(HOSTS).inNamespace(NAMESPACE).withName(host);
                GenericKubernetesResource existing = res.get();
                if (existing == null) {
                    // a get answers null both for a missing host and for a kind the cluster does not serve: tell them apart
                    ensureNamespace();
                    throw new InventoryException("Host " + host + " is no longer in the inventory of " + ref.name() + ".", null);
                }
                existing.setAdditionalProperty("status", new HashMap<>(InventoryMapping.status(status)));
                try {
                    client.genericKubernetesResources(HOSTS).inNamespace(NAMESPACE).resource(existing).updateStatus();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404 && e.getCode() != 405) {
                        throw e;
                    }
                    // no status subresource: the status is part of the object
                    client.genericKubernetesResources(HOSTS).inNamespace(NAMESPACE).resource(existing).update();
                }
                return null;
            }));
        }

        @Override
        public void deleteHost(String name) {
            call("remove host " + name, () -> client.genericKubernetesResources(HOSTS).inNamespace(NAMESPACE).withName(name).delete());
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
