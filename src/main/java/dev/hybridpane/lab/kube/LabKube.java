package dev.hybridpane.lab.kube;

import dev.hybridpane.lab.aws.LabCredentials;
import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
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
 * <p>Every server authenticates as an EKS cluster does ({@link LabAuthenticator}): EKS tokens when the lab's AWS
 * account is given ({@link EksIdentityLookup}), and the lab's admin token, generated at random for this instance and
 * held in memory only. The lab's own clients ({@link #client(String)}) use it; it is written nowhere but into the
 * kubeconfig {@link #writeKubeconfig(Path)} writes on the user's request.
 */
public final class LabKube implements AutoCloseable {
    /** The kubeconfig user with the lab's admin token, and the suffix of its contexts ("retail-edge-static"). */
    public static final String STATIC_USER = "hybridpane-lab-admin";
    public static final String STATIC_SUFFIX = "-static";
    private final LabWorld world;
    private final Clock clock;
    private final LabAuthenticator.Access access;
    private final URI awsEndpoint;
    private final Map<String, LabApiServer> servers = new LinkedHashMap<>();
    /** The faults of every cluster's API server, off until set. */
    private final LabKubeFaults faults = new LabKubeFaults();
    /** TLS listeners for kubectl, made when a kubeconfig is first written. */
    private final Map<String, LabTlsFront> tlsFronts = new LinkedHashMap<>();
    private LabTlsFront.Certificate tlsCertificate;
    private volatile boolean started;
    /** Held so the level sticks: the mock server logs every request at INFO through java.util.logging. */
    private final Logger requestLog = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    /** API servers that know only the lab's admin token (no AWS account to check EKS tokens against). */
    public LabKube(LabWorld world) {
        this(world, Clock.systemUTC());
    }

    public LabKube(LabWorld world, Clock clock) {
        this(world, clock, null, null);
    }

    /**
     * API servers that also authenticate EKS tokens: {@code eks} is the account's side (keys, access entries), and
     * {@code awsEndpoint} the lab's AWS endpoint, accepted as an STS endpoint of presigned tokens besides AWS's own.
     */
    public LabKube(LabWorld world, Clock clock, EksIdentityLookup eks, URI awsEndpoint) {
        this.world = world;
        this.clock = clock;
        this.awsEndpoint = awsEndpoint;
        this.access = new LabAuthenticator.Access(newAdminToken(), eks,
                awsEndpoint == null ? List.of() : List.of(awsEndpoint), clock);
        requestLog.setLevel(Level.WARNING);
    }

    private static String newAdminToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "hybridpane-lab." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The lab's admin bearer token (user hybridpane:lab-admin in system:masters), for the lab's own clients and tests.
     * Never log it.
     */
    public String adminToken() {
        return access.adminToken();
    }

    /** The faults injected into every cluster's API server (none until set), and their counts. */
    public LabKubeFaults faults() {
        return faults;
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
                LabApiServer s = new LabApiServer(c, access, faults);
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
                s.workloads().start();
            }
        } catch (RuntimeException e) {
            futures.forEach(f -> f.thenAccept(LabApiServer::close));
            servers.clear();
            throw e;
        }
        started = true;
    }

    /**
     * "region/clusterName" to "https://127.0.0.1:PORT": each API server over TLS with the lab's certificate, for kubectl
     * (which sends credentials over TLS only). Started at first call.
     */
    public synchronized Map<String, String> tlsEndpoints() {
        if (!started) {
            throw new IllegalStateException("the lab's API servers are not started");
        }
        if (tlsCertificate == null) {
            tlsCertificate = LabTlsFront.Certificate.generate();
        }
        Map<String, String> out = new LinkedHashMap<>();
        servers.forEach((k, s) -> out.put(k, tlsFronts.computeIfAbsent(k, x -> new LabTlsFront(tlsCertificate,
                Integer.parseInt(s.url().substring(s.url().lastIndexOf(':') + 1)))).url()));
        return Collections.unmodifiableMap(out);
    }

    /** The certificate of {@link #tlsEndpoints()}, base64 of its PEM (as certificate-authority-data); null before. */
    public synchronized String tlsCertificateBase64() {
        return tlsCertificate == null ? null : tlsCertificate.pemBase64();
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

    /** An admin client for the lab's own use (the admin token); closed by {@link #close()}. */
    public KubernetesClient client(String key) {
        return server(key).client();
    }

    /** {@link #writeKubeconfig(Path, Map)} with no aws CLI profile for other accounts: the world's own account's clusters. */
    public synchronized Path writeKubeconfig(Path file) {
        return writeKubeconfig(file, Map.of());
    }

    /**
     * Writes a kubeconfig and returns the file, for the clusters of the world's own account and of each account in
     * {@code accountProfiles} (account to aws CLI profile, e.g. an IAM Identity Center profile). Per cluster, when EKS
     * tokens are checked: context NAME with a user that authenticates as {@code aws eks update-kubeconfig} writes it
     * (exec {@code aws --region R eks get-token --cluster-name NAME --output json}, client.authentication.k8s.io/v1beta1),
     * its env pointing the aws CLI at the lab's AWS endpoint with the lab user's keys, or for another account's cluster
     * with that account's profile (the keys blanked, so that exported lab keys do not stand in for it). Always context
     * NAME-static with the lab's admin token (the current context: the first cluster's). The servers are named by
     * their TLS listeners ({@link #tlsEndpoints()}) with the lab's certificate as certificate-authority-data: kubectl
     * sends no credentials over plain HTTP. The file is created readable by its owner only, as it holds the admin token.
     */
    public synchronized Path writeKubeconfig(Path file, Map<String, String> accountProfiles) {
        Map<String, String> urls = tlsEndpoints();
        Map<String, LabApiServer> servers = new LinkedHashMap<>();
        this.servers.forEach((k, s) -> {
            if (s.cluster().account().equals(world.accountId()) || accountProfiles.containsKey(s.cluster().account())) {
                servers.put(k, s);
            }
        });
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Config\npreferences: {}\nclusters:\n");
        servers.forEach((k, s) -> y.append("- name: ").append(q(k)).append("\n  cluster:\n    server: ").append(q(urls.get(k)))
                .append("\n    certificate-authority-data: ").append(tlsCertificate.pemBase64()).append('\n'));
        y.append("users:\n- name: ").append(q(STATIC_USER)).append("\n  user:\n    token: ").append(q(access.adminToken())).append('\n');
        boolean eks = access.eks() != null && awsEndpoint != null;
        List<LabCluster> tokenClusters = !eks ? List.of() : servers.values().stream().map(LabApiServer::cluster).toList();
        for (LabCluster c : tokenClusters) {
            y.append("- name: ").append(q(c.arn())).append("\n  user:\n    exec:\n")
                    .append("      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args:\n");
            for (String a : List.of("--region", c.region(), "eks", "get-token", "--cluster-name", c.name(), "--output", "json")) {
                y.append("      - ").append(q(a)).append('\n');
            }
            y.append("      env:\n");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
            String profile = accountProfiles.get(c.account());
            boolean own = c.account().equals(world.accountId());
            env.put("AWS_ACCESS_KEY_ID", own ? LabCredentials.LAB_ACCESS_KEY_ID : "");
            env.put("AWS_SECRET_ACCESS_KEY", own ? LabCredentials.LAB_SECRET_ACCESS_KEY : "");
            env.put("AWS_SESSION_TOKEN", "");
            if (!own) {
                env.put("AWS_PROFILE", profile);
            }
            env.forEach((n, v) -> y.append("      - name: ").append(n).append("\n        value: ").append(q(v)).append('\n'));
        }
        y.append("contexts:\n");
        servers.forEach((k, s) -> {
            String name = s.cluster().name();
            if (tokenClusters.contains(s.cluster())) {
                y.append("- name: ").append(q(name)).append("\n  context:\n    cluster: ").append(q(k))
                        .append("\n    user: ").append(q(s.cluster().arn())).append("\n    namespace: default\n");
            }
            y.append("- name: ").append(q(name + STATIC_SUFFIX)).append("\n  context:\n    cluster: ").append(q(k))
                    .append("\n    user: ").append(q(STATIC_USER)).append("\n    namespace: default\n");
        });
        // the static context is current: reading the file (listing its contexts) then runs no aws CLI
        String first = servers.isEmpty() ? "" : servers.values().iterator().next().cluster().name() + STATIC_SUFFIX;
        y.append("current-context: ").append(q(first)).append('\n');
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            // the admin token is in it: readable by the user only, where the file system allows
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
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
        tlsFronts.values().forEach(LabTlsFront::close);
        tlsFronts.clear();
        faults.close();
        servers.values().parallelStream().forEach(LabApiServer::close);
        servers.clear();
        started = false;
    }
}
