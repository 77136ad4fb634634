package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ClusterAccess.EksTokenAccess;
import dev.hybridpane.core.ClusterAccess.KubeconfigContext;
import dev.hybridpane.core.ClusterListener;
import dev.hybridpane.core.ClusterPort;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState.Failed;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster port on fabric8: informers for nodes and node events, EKS tokens or kubeconfig contexts; through the
 * proxy kubectl would use ({@link KubeProxies}: a cluster's proxy-url, else HTTPS_PROXY / NO_PROXY).
 */
public final class Fabric8ClusterPort implements ClusterPort {
    private final Path kubeconfig;
    private final Clock clock;
    private final KubeProxies proxies;

    /** Uses the user's kubeconfig the usual way (KUBECONFIG, then ~/.kube/config). */
    public Fabric8ClusterPort() {
        this(null, Clock.systemUTC());
    }

    /** Uses this kubeconfig file for contexts (the lab writes one); null means the usual lookup. */
    public Fabric8ClusterPort(Path kubeconfig, Clock clock) {
        this(kubeconfig, clock, System.getenv());
    }

    /** As above, with the proxy variables (HTTPS_PROXY, NO_PROXY...) read from {@code env} rather than the process's. */
    public Fabric8ClusterPort(Path kubeconfig, Clock clock, Map<String, String> env) {
        this.kubeconfig = kubeconfig;
        this.clock = Objects.requireNonNull(clock);
        this.proxies = new KubeProxies(env);
    }

    /**
     * Prepares what every connection needs first (the deserializers of node and event lists), so that the
     * first connections do not build them all at once. For a background thread at startup; optional.
     */
    public void prepare() {
        KubeClients.prepare();
    }

    @Override
    public ClusterConnection connect(ClusterRef ref, ClusterAccess access, ClusterListener listener) {
        Fabric8Connection c;
        if (access instanceof EksTokenAccess eks) {
            c = new Fabric8Connection(ref, eks.endpoint(), () -> eksConfig(eks, proxies), listener, clock);
        } else if (access instanceof KubeconfigContext kc) {
            c = new Fabric8Connection(ref, "context " + kc.context(), () -> contextConfig(kc.context()), listener, clock);
        } else {
            throw new IllegalArgumentException("unknown access " + access);
        }
        c.start();
        return c;
    }

    /** The client configuration for an access; shared with {@link Fabric8InventoryPort}. */
    Config configFor(ClusterAccess access) {
        if (access instanceof EksTokenAccess eks) {
            return eksConfig(eks, proxies);
        }
        if (access instanceof KubeconfigContext kc) {
            return contextConfig(kc.context());
        }
        throw new IllegalArgumentException("unknown access " + access);
    }

    /** With the proxy of the process's environment. */
    static Config eksConfig(EksTokenAccess eks) {
        return eksConfig(eks, KubeProxies.fromEnvironment());
    }

    static Config eksConfig(EksTokenAccess eks, KubeProxies proxies) {
        ConfigBuilder b = new ConfigBuilder(Config.empty())
                .withMasterUrl(eks.endpoint())
                .withOauthTokenProvider(() -> eks.tokens().get().value());
        if (eks.endpoint().startsWith("https") && eks.certificateAuthorityBase64() != null
                && !eks.certificateAuthorityBase64().isBlank()) {
            b.withCaCertData(eks.certificateAuthorityBase64());
        }
        if (KubeClients.plainHttp(eks.endpoint())) {
            // plain HTTP (the lab on loopback): there is no certificate to check, and without this the client
            // loads the JDK's CA store into a trust manager it never uses (~20 ms of CPU at startup)
            b.withTrustCerts(true);
        }
        return proxies.applyTo(tuned(b).build());
    }

    private Config contextConfig(String context) {
        Config cfg = kubeconfig == null ? Config.autoConfigure(context) : Config.fromKubeconfig(context, kubeconfig.toFile());
        if (cfg.getCurrentContext() == null || !context.equals(cfg.getCurrentContext().getName())) {
            throw new MissingContext(context);
        }
        return proxies.applyTo(tuned(new ConfigBuilder(cfg)).build());
    }

    /** Fail fast per request (the informers retry with their own backoff), never hang the UI's view of the state. */
    private static ConfigBuilder tuned(ConfigBuilder b) {
        return b.withRequestRetryBackoffLimit(1)
                .withRequestRetryBackoffInterval(500)
                .withConnectionTimeout(5_000)
                .withRequestTimeout(20_000)
                .withWatchReconnectInterval(1_000)
                .withWatchReconnectLimit(-1);
    }

    @Override
    public List<String> kubeconfigContexts() {
        try {
            Config cfg;
            if (kubeconfig != null) {
                if (!Files.isRegularFile(kubeconfig)) {
                    return List.of();
                }
                cfg = Config.fromKubeconfig((String) null, kubeconfig.toFile());
            } else {
                if (Config.getKubeconfigFilenames().stream().map(File::new).noneMatch(File::isFile)) {
                    return List.of();
                }
                cfg = Config.autoConfigure(null);
            }
            return cfg.getContexts() == null ? List.of() : cfg.getContexts().stream().map(NamedContext::getName).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The kubeconfig has no such context: shown as NOT_FOUND. */
    static final class MissingContext extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingContext(String context) {
            super("Your kubeconfig has no context named " + context + ".");
        }

        Failed toState() {
            return new Failed(FailureKind.NOT_FOUND, getMessage());
        }
    }
}
