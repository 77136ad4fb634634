package dev.hybridpane.lab.kube;

import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lab's Kubernetes API servers: one fabric8 mock server (CRUD mode, with discovery) per cluster of the world,
 * on 127.0.0.1 over plain HTTP, seeded from the world. Keys are "region/clusterName".
 */
public final class LabKube implements AutoCloseable {
    /** The dummy bearer token the kubeconfig carries (the lab does not check tokens). */
    public static final String LAB_TOKEN = "hybridpane-lab";

    private final LabWorld world;
    private final Clock clock;
    private final Map<String, LabApiServer> servers = new LinkedHashMap<>();
    private volatile boolean started;
    /** Held so the level sticks: the mock server logs every request at INFO through java.util.logging. */
    private final Logger requestLog = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    public LabKube(LabWorld world) {
        this(world, Clock.systemUTC());
    }

    public LabKube(LabWorld world, Clock clock) {
        this.world = world;
        this.clock = clock;
        requestLog.setLevel(Level.WARNING);
    }

    public static String key(String region, String clusterName) {
        return region + "/" + clusterName;
    }

    /** Starts and seeds every cluster's server, in parallel. Idempotent. */
    public synchronized void start() {
        if (started) {
            return;
        }
        List<CompletableFuture<LabApiServer>> futures = new ArrayList<>();
        for (LabCluster c : world.clusters()) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                LabApiServer s = new LabApiServer(c);
                s.start();
                return s;
            }));
        }
        try {
            // seeded here, one after the other, while the later servers are still starting on their own threads
            for (CompletableFuture<LabApiServer> f : futures) {
                LabApiServer s = f.join();
                servers.put(key(s.cluster().region(), s.cluster().name()), s);
                new LabSeeder(clock).seed(s);
            }
        } catch (RuntimeException e) {
            futures.forEach(f -> f.thenAccept(LabApiServer::close));
            servers.clear();
            throw e;
        }
        started = true;
    }

    /** "region/clusterName" to "http://127.0.0.1:PORT". */
    public Map<String, String> endpoints() {
        Map<String, String> out = new LinkedHashMap<>();
        servers.forEach((k, s) -> out.put(k, s.url()));
        return Collections.unmodifiableMap(out);
    }

    public LabApiServer server(String key) {
        LabApiServer s = servers.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no lab cluster " + key + " (known: " + servers.keySet() + ")");
        }
        return s;
    }

    /** An admin client for the lab's own use; closed by {@link #close()}. */
    public KubernetesClient client(String key) {
        return server(key).client();
    }

    /** Writes a kubeconfig with one context per cluster (context name = cluster name) and returns the file. */
    public Path writeKubeconfig(Path file) {
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Config\npreferences: {}\nclusters:\n");
        servers.forEach((k, s) -> y.append("- name: ").append(q(k)).append("\n  cluster:\n    server: ").append(q(s.url())).append('\n'));
        y.append("users:\n- name: lab-admin\n  user:\n    token: ").append(q(LAB_TOKEN)).append("\ncontexts:\n");
        servers.forEach((k, s) -> y.append("- name: ").append(q(s.cluster().name())).append("\n  context:\n    cluster: ")
                .append(q(k)).append("\n    user: lab-admin\n    namespace: default\n"));
        String first = servers.isEmpty() ? "" : servers.values().iterator().next().cluster().name();
        y.append("current-context: ").append(q(first)).append('\n');
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, y.toString(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public synchronized void close() {
        servers.values().parallelStream().forEach(LabApiServer::close);
        servers.clear();
        started = false;
    }
}
