package dev.hybridpane.ui;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ClusterListener;
import dev.hybridpane.core.ClusterPort;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A Kubernetes port whose clusters are lists of nodes; tests push changes through the listeners. */
public final class FakeClusterPort implements ClusterPort {
    public final Map<ClusterRef, List<ClusterNode>> initialNodes = new ConcurrentHashMap<>();
    public final Map<ClusterRef, String> failures = new ConcurrentHashMap<>();
    public final Map<ClusterRef, ClusterListener> listeners = new ConcurrentHashMap<>();
    public final List<ClusterRef> closed = new ArrayList<>();

    @Override
    public ClusterConnection connect(ClusterRef ref, ClusterAccess access, ClusterListener listener) {
        listeners.put(ref, listener);
        listener.onState(new ConnectionState.Connecting("Opening the watch"));
        String failure = failures.get(ref);
        if (failure != null) {
            listener.onState(new ConnectionState.Failed(ConnectionState.FailureKind.UNAUTHORIZED, failure));
        } else {
            listener.onState(new ConnectionState.Connected(TestData.T0));
            initialNodes.getOrDefault(ref, List.of()).forEach(listener::onNodeUpsert);
        }
        return () -> {
            synchronized (closed) {
                closed.add(ref);
            }
        };
    }

    public ClusterListener listener(ClusterRef ref) {
        return listeners.get(ref);
    }

    @Override
    public List<String> kubeconfigContexts() {
        return List.of();
    }
}
