package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/** One lab cluster's Kubernetes API: fabric8's mock server in CRUD mode plus discovery, on 127.0.0.1. */
public final class LabApiServer implements AutoCloseable {
    private final Set<String> kubeletNodes = ConcurrentHashMap.newKeySet();
    private final Set<String> silenced = ConcurrentHashMap.newKeySet();
    private final Set<String> stoppedKubelets = ConcurrentHashMap.newKeySet();
    private final LabWorkloads workloads;
    /** Cilium's cluster-pool IPAM, on clusters whose CNI is Cilium; null on the others. */
    private final LabCiliumIpam cilium;
    private final LabCluster cluster;
    private final LabDiscovery discovery;
    private final LabDispatcher dispatcher;
    private final KubernetesMockServer server;
    private KubernetesClient client;

    LabApiServer(LabCluster cluster, LabAuthenticator.Access access) {
        this(cluster, access, new LabKubeFaults());
    }

    LabApiServer(LabCluster cluster, LabAuthenticator.Access access, LabKubeFaults faults) {
        this.cluster = cluster;
        this.discovery = new LabDiscovery(cluster.version(), cluster.nodeKubeletVersion());
        Map<ServerRequest, Queue<ServerResponse>> expectations = new ConcurrentHashMap<>();
        this.dispatcher = new LabDispatcher(expectations, discovery);
        dispatcher.authenticateWith(new LabAuthenticator(cluster, access, dispatcher::get));
        dispatcher.injectFaults(faults);
        this.workloads = new LabWorkloads(dispatcher, stoppedKubelets, Clock.systemUTC());
        dispatcher.serveEvictions(workloads);
        this.cilium = LabCiliumIpam.runsCilium(cluster) ? new LabCiliumIpam(cluster, dispatcher, Clock.systemUTC()) : null;
        String adminToken = access.adminToken();
        this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), expectations,
                dispatcher, false) {
            /** The mock server's own client configuration, authenticated with the lab's admin token. */
            @Override
            protected Config initConfig() {
                return new ConfigBuilder(super.initConfig()).withOauthToken(adminToken).build();
            }
        };
    }

    void start() {
        server.start(InetAddress.getLoopbackAddress(), 0);
        discovery.setServerAddress("127.0.0.1:" + server.getPort());
    }

    public LabCluster cluster() {
        return cluster;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Discovery documents of this server; add custom resources here so kubectl sees them. */
    public LabDiscovery discovery() {
        return discovery;
    }

    /** An admin client for the lab's own use (the lab's admin token, in system:masters). Closed with the server. */
    public synchronized KubernetesClient client() {
        if (client == null) {
            client = server.createClient();
        }
        return client;
    }

    /** The dispatcher with the CRUD store, for the lab's tests. */
    LabDispatcher dispatcher() {
        return dispatcher;
    }

    /** Stores an object directly (seeding and simulation); watches see an ADDED event. */
    void store(String collectionPath, ObjectNode object, Instant created) {
        dispatcher.seed(collectionPath, object, created);
    }

    /** Cilium's cluster-pool IPAM of this cluster, or null when its CNI is not Cilium. */
    LabCiliumIpam cilium() {
        return cilium;
    }

    /** The nodes whose kubelet (LabKubelets) posts to this server. */
    Set<String> kubeletNodes() {
        return kubeletNodes;
    }

    /** The controllers that put pods on the pools' nodes (and answer the Eviction API). */
    public LabWorkloads workloads() {
        return workloads;
    }

    /** The nodes whose kubelet (LabKubelets) was stopped: their pods are not Ready. */
    Set<String> stoppedKubelets() {
        return stoppedKubelets;
    }

    /** The nodes whose kubelet the simulation has silenced for now: it posts nothing until it is let go. */
    Set<String> silenced() {
        return silenced;
    }

    /** Reads a node straight from the store as a JSON tree, or null. */
    ObjectNode node(String name) {
        String json = dispatcher.getStored(LabSeeder.NODES + "/" + name);
        if (json == null) {
            json = dispatcher.get(LabSeeder.NODES + "/" + name);
        }
        if (json == null) {
            return null;
        }
        try {
            return (ObjectNode) Serialization.jsonMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the lab stored a node that is not JSON: " + name, e);
        }
    }

    /** Replaces a node in the store as a PUT would; false when it is gone or was changed meanwhile. */
    boolean replaceNode(ObjectNode node) {
        return dispatcher.replaceStored(LabSeeder.NODES, node)
                || dispatcher.put(LabSeeder.NODES + "/" + LabDispatcher.name(node), node.toString()) == 200;
    }

    @Override
    public synchronized void close() {
        workloads.close();
        if (client != null) {
            client.close();
            client = null;
        }
        try {
            server.shutdown();
        } catch (RuntimeException e) {
            // Vert.x may take longer than the mock server's close timeout on a busy machine; the port is freed anyway
            LoggerFactory.getLogger(LabApiServer.class)
                    .warn("lab API server {} did not close in time: {}", url(), e.getMessage());
        }
    }
}
