package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.ClusterListener;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.LivePool;
import dev.hybridpane.domain.pool.PoolFormatException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live HybridNodePool objects of one cluster's hybridpane-system namespace. A cluster that was never imported has
 * no pools CRD (404), and a user may not be allowed to read pools (403): then there is nothing to watch, quietly, and
 * the node and event watches go on alone. A stored object that is not a valid pool is logged and skipped.
 */
final class Fabric8PoolWatch {
    private static final Logger LOG = LoggerFactory.getLogger(Fabric8PoolWatch.class);

    private Fabric8PoolWatch() {
    }

    /** The informer (not started), or empty when the cluster has no pools to watch for this user. */
    static Optional<SharedIndexInformer<GenericKubernetesResource>> informer(KubernetesClient client, ClusterRef ref,
                                                                            ClusterListener listener,
                                                                            BiConsumer<String, Runnable> deliver) {
        try {
            client.genericKubernetesResources(Fabric8ProfileStore.POOLS).inNamespace(HybridNodePool.NAMESPACE)
                    .list(new ListOptionsBuilder().withLimit(1L).build());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 403) {
                LOG.debug("No pools to watch in {} ({}): {}", ref.name(), e.getCode(), e.getMessage());
                return Optional.empty();
            }
            throw e;
        }
        SharedIndexInformer<GenericKubernetesResource> i = client.genericKubernetesResources(Fabric8ProfileStore.POOLS)
                .inNamespace(HybridNodePool.NAMESPACE).runnableInformer(0);
        i.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource r) {
                upsert(r);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource r) {
                if (old == null || !Objects.equals(old.getMetadata().getResourceVersion(), r.getMetadata().getResourceVersion())) {
                    upsert(r);
                }
            }

            @Override
            public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
                String name = r.getMetadata().getName();
                deliver.accept("deleted pool " + name, () -> listener.onPoolDelete(name));
            }

            private void upsert(GenericKubernetesResource r) {
                String name = r.getMetadata().getName();
                LivePool live;
                try {
                    live = live(r);
                } catch (PoolFormatException e) {
                    LOG.warn("Pool {} in {} is not a valid HybridNodePool and is not shown: {}", name, ref.name(), e.getMessage());
                    return;
                }
                deliver.accept("pool " + name, () -> listener.onPoolUpsert(live));
            }
        });
        return Optional.of(i);
    }

    static LivePool live(GenericKubernetesResource r) {
        PoolStore.Stored stored = Fabric8PoolStore.Fabric8Pools.stored(r);
        return new LivePool(stored.pool(), stored.status().phase());
    }
}
