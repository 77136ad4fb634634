package dev.hybridpane.adapters.kube;

import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The proxy of the Kubernetes API, chosen as kubectl chooses it. A kubeconfig cluster's {@code proxy-url} carries every
 * request to that cluster (client-go's rest config). Otherwise Go's ProxyFromEnvironment: {@code HTTPS_PROXY} (else
 * {@code https_proxy}) for an https:// API server, {@code HTTP_PROXY} (else {@code http_proxy}) for an http:// one,
 * except where {@code NO_PROXY} (else {@code no_proxy}) says so ({@link NoProxy}; localhost and loopback always go
 * direct, so the lab's servers are never proxied). A proxy without a scheme is http://, without a port the scheme's
 * default. fabric8 on its own reads only the upper-case names, only for kubeconfig contexts (not for a config built
 * from DescribeCluster), also reads ALL_PROXY, lets the environment override an http:// proxy-url of an https:// server,
 * and rejects {@code *} in NO_PROXY; so the adapter sets the answer itself, with an empty no-proxy list.
 */
final class KubeProxies {
    private static final Set<String> SCHEMES = Set.of("http", "https", "socks5", "socks5h");

    private final Map<String, String> env;

    /** @param env the environment variables to read (System.getenv() outside tests) */
    KubeProxies(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    static KubeProxies fromEnvironment() {
        return new KubeProxies(System.getenv());
    }

    /**
     * The proxy for requests to {@code serverUrl} (scheme://[user:password@]host:port), or empty to connect directly.
     *
     * @throws IllegalArgumentException naming the variable (never its value, which may hold a password) when it is not
     *                                  a proxy URL
     */
    Optional<String> forServer(String serverUrl) {
        URI server = URI.create(serverUrl.trim());
        boolean https = !"http".equalsIgnoreCase(server.getScheme());
        String name = https ? "HTTPS_PROXY" : "HTTP_PROXY";
        String proxy = any(name, name.toLowerCase(Locale.ROOT));
        if (proxy == null || server.getHost() == null) {
            return Optional.empty();
        }
        int port = server.getPort() > 0 ? server.getPort() : https ? 443 : 80;
        if (NoProxy.parse(any("NO_PROXY", "no_proxy")).bypasses(server.getHost(), port)) {
            return Optional.empty();
        }
        return Optional.of(normalized(proxy, name));
    }

    /**
     * Sets {@code config}'s proxy: the kubeconfig cluster's proxy-url, else the environment's for its server, else none.
     */
    Config applyTo(Config config) {
        String clusterProxy = clusterProxyUrl(config);
        String proxy = clusterProxy != null ? normalized(clusterProxy, "the kubeconfig cluster's proxy-url")
                : config.getMasterUrl() == null ? null : forServer(config.getMasterUrl()).orElse(null);
        config.setHttpsProxy(proxy);
        config.setHttpProxy(proxy);
        config.setNoProxy(new String[0]);
        return config;
    }

    /** The proxy-url of the current context's cluster, read from the kubeconfig file that defines that cluster. */
    static String clusterProxyUrl(Config config) {
        NamedContext current = config.getCurrentContext();
        if (current == null || current.getContext() == null || current.getContext().getCluster() == null) {
            return null;
        }
        File file = config.getFileWithCluster();
        if (file == null || !file.isFile()) {
            return null;
        }
        var kubeconfig = KubeConfigUtils.parseConfig(file);
        if (kubeconfig == null || kubeconfig.getClusters() == null) {
            return null;
        }
        return kubeconfig.getClusters().stream().filter(c -> current.getContext().getCluster().equals(c.getName()))
                .map(NamedCluster::getCluster).filter(Objects::nonNull).map(c -> c.getProxyUrl())
                .filter(u -> u != null && !u.isBlank()).findFirst().orElse(null);
    }

    private String any(String upper, String lower) {
        String v = env.get(upper);
        if (v == null || v.isBlank()) {
            v = env.get(lower);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** As Go's parseProxy: http:// when no known scheme, and the port made explicit (fabric8 requires one). */
    static String normalized(String proxy, String source) {
        String text = proxy.trim();
        int sep = text.indexOf("://");
        if (sep < 0 || !SCHEMES.contains(text.substring(0, sep).toLowerCase(Locale.ROOT))) {
            text = "http://" + text;
        }
        try {
            URI u = new URI(text);
            if (u.getHost() == null) {
                throw new IllegalArgumentException(source + " is not a proxy URL (scheme://host:port)");
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort() > 0 ? u.getPort() : switch (scheme) {
                case "https" -> 443;
                case "socks5", "socks5h" -> 1080;
                default -> 80;
            };
            // fabric8 knows socks5 only; the proxy resolves names either way, as Vert.x sends it the host name
            String fabric8Scheme = scheme.equals("socks5h") ? "socks5" : scheme;
            String user = u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@";
            return fabric8Scheme + "://" + user + u.getHost() + ":" + port;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(source + " is not a proxy URL (scheme://host:port)");
        }
    }
}
