package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.pool.PoolStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * Where a pool operation keeps its journal and its lock: ConfigMaps and Leases in the cluster's hybridpane-system, over
 * one client of the cluster's API (closed with this, after the journal's last write).
 */
public final class Fabric8PoolOps implements AutoCloseable {
    private final KubernetesClient client;
    private final Fabric8JournalStore journals;
    private final Fabric8LeaseLock lock;

    private Fabric8PoolOps(KubernetesClient client) {
        this.client = client;
        this.journals = new Fabric8JournalStore(client, PoolStore.NAMESPACE);
        this.lock = new Fabric8LeaseLock(client, PoolStore.NAMESPACE, Clock.systemUTC());
    }

    public static Fabric8PoolOps open(Fabric8ClusterPort clusters, ClusterAccess access) {
        return new Fabric8PoolOps(KubeClients.build(clusters.configFor(access)));
    }

    public JournalStore journals() {
        return journals;
    }

    public OperationLock lock() {
        return lock;
    }

    /** Writes what the journal store still holds back. */
    public void flush() {
        journals.flush();
    }

    @Override
    public void close() {
        journals.flush();
        journals.close();
        lock.close();
        client.close();
    }
}
