package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.ClusterListener;
import dev.hybridpane.core.ClusterPort.ClusterConnection;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.domain.ConnectionState.Failed;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live connection: a client and its informers (all nodes; core/v1 events about nodes and pools in all namespaces;
 * the HybridNodePool objects, where the cluster has them).
 * Everything happens on a background thread; failures become Failed states, and the informers keep retrying.
 * A listener that throws is logged (cluster, what was delivered, the exception) and does not stop later deliveries.
 */
final class Fabric8Connection implements ClusterConnection {
    private static final Logger LOG = LoggerFactory.getLogger(Fabric8Connection.class);

    private final ClusterRef ref;
    private final String endpoint;
    private final Supplier<Config> config;
    private final ClusterListener listener;
    private final Clock clock;
    private final List<SharedIndexInformer<?>> informers = new CopyOnWriteArrayList<>();
    private final AtomicInteger synced = new AtomicInteger();
    private volatile KubernetesClient client;
    private volatile ConnectionState last;
    private volatile boolean closed;

    Fabric8Connection(ClusterRef ref, String endpoint, Supplier<Config> config, ClusterListener listener, Clock clock) {
        this.ref = ref;
        this.endpoint = endpoint;
        this.config = config;
        this.listener = listener;
        this.clock = clock;
    }

    void start() {
        Thread t = new Thread(this::run, "kube-connect-" + ref.name());
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        state(new ConnectionState.Connecting("Connecting to " + ref.name() + " at " + endpoint));
        try {
            KubernetesClient c = KubeClients.build(config.get());
            synchronized (this) {
                if (closed) {
                    c.close();
                    return;
                }
                client = c;
                SharedIndexInformer<Node> nodes = c.nodes().runnableInformer(0);
                nodes.addEventHandler(new NodeHandler()).exceptionHandler(this::onInformerFailure);
                SharedIndexInformer<Event> events = c.v1().events().inAnyNamespace().runnableInformer(0);
                events.addEventHandler(new EventHandler()).exceptionHandler(this::onInformerFailure);
                informers.add(nodes);
                informers.add(events);
            }
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            for (SharedIndexInformer<?> i : informers) {
                starts.add(i.start().toCompletableFuture());
            }
            startPools(c);
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
                if (e != null) {
                    fail(e);
                } else {
                    synced.set(2);
                    state(new ConnectionState.Connected(clock.instant()));
                }
            });
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** The pools' informer, when the cluster has pools this user may read; not part of being connected. */
    private void startPools(KubernetesClient c) {
        try {
            Fabric8PoolWatch.informer(c, ref, listener, this::deliver).ifPresent(p -> {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    // a pools watch that fails (CRD deleted, access revoked) must not mark the cluster failed
                    p.exceptionHandler((started, t) -> {
                        LOG.debug("Pools watch of {} failed: {}", ref.name(), RootCause.root(t));
                        return !closed;
                    });
                    informers.add(p);
                }
                p.start();
            });
        } catch (RuntimeException e) {
            LOG.warn("Pools of {} in {} are not watched: {}", ref.name(), ref.region(), RootCause.root(e));
        }
    }

    /** Informers ask whether to retry: always (with their own backoff), but the user learns why it failed. */
    private boolean onInformerFailure(boolean started, Throwable t) {
        if (closed) {
            return false;
        }
        fail(t);
        return true;
    }

    private void fail(Throwable t) {
        if (!closed) {
            state(KubeFailures.classify(t, endpoint));
        }
    }

    private synchronized void state(ConnectionState s) {
        if (closed && !(s instanceof Failed)) {
            return;
        }
        if (s.equals(last) || (s instanceof Failed && last instanceof Failed f && f.kind() == ((Failed) s).kind()
                && f.reason().equals(((Failed) s).reason()))) {
            return;
        }
        last = s;
        deliver("connection state " + s.getClass().getSimpleName(), () -> listener.onState(s));
    }

    /** Calls the listener; its bug is logged and must not stop the informers or later deliveries. */
    private void deliver(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("The listener of cluster {} in {} failed on {}; later updates are still delivered", ref.name(),
                    ref.region(), what, e);
        }
    }

    /** Data flowing again after a failure means the informers recovered. */
    private void alive() {
        if (synced.get() == 2 && last instanceof Failed) {
            state(new ConnectionState.Connected(clock.instant()));
        }
    }

    @Override
    public void close() {
        KubernetesClient c;
        synchronized (this) {
            closed = true;
            c = client;
            client = null;
        }
        informers.forEach(SharedIndexInformer::stop);
        if (c != null) {
            c.close();
        }
    }

    private final class NodeHandler implements ResourceEventHandler<Node> {
        @Override
        public void onAdd(Node n) {
            alive();
            deliver("node " + n.getMetadata().getName(), () -> listener.onNodeUpsert(KubeMapper.node(n)));
        }

        @Override
        public void onUpdate(Node old, Node n) {
            alive();
            deliver("node " + n.getMetadata().getName(), () -> listener.onNodeUpsert(KubeMapper.node(n)));
        }

        @Override
        public void onDelete(Node n, boolean finalStateUnknown) {
            deliver("deleted node " + n.getMetadata().getName(), () -> listener.onNodeDelete(n.getMetadata().getName()));
        }
    }

    private final class EventHandler implements ResourceEventHandler<Event> {
        @Override
        public void onAdd(Event e) {
            if (KubeMapper.aboutNodeOrPool(e)) {
                deliver("event " + e.getMetadata().getName(), () -> listener.onEvent(KubeMapper.event(e)));
            }
        }

        @Override
        public void onUpdate(Event old, Event e) {
            boolean changed = old == null || !Objects.equals(old.getMetadata().getResourceVersion(), e.getMetadata().getResourceVersion());
            if (changed && KubeMapper.aboutNodeOrPool(e)) {
                deliver("event " + e.getMetadata().getName(), () -> listener.onEvent(KubeMapper.event(e)));
            }
        }

        @Override
        public void onDelete(Event e, boolean finalStateUnknown) {
            // expired events simply age out of the console's list
        }
    }
}
