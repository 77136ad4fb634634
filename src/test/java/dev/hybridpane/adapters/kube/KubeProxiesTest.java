package dev.hybridpane.adapters.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The proxy chosen for an API server, as kubectl (Go's ProxyFromEnvironment) would choose it. */
class KubeProxiesTest {
    private static final String PROXY = "http://proxy.corp.example:3128";

    private static Optional<String> proxy(Map<String, String> env, String server) {
        return new KubeProxies(env).forServer(server);
    }

    private static boolean direct(String noProxy, String server) {
        return proxy(Map.of("HTTPS_PROXY", PROXY, "HTTP_PROXY", PROXY, "NO_PROXY", noProxy), server).isEmpty();
    }

    @Test
    void httpsServersUseHttpsProxyUpperCaseFirstThenLowerCase() {
        String eks = "https://ABCDEF.gr7.us-west-2.eks.amazonaws.com";
        assertThat(proxy(Map.of("HTTPS_PROXY", PROXY), eks)).contains(PROXY);
        assertThat(proxy(Map.of("https_proxy", "http://lower.example:8080"), eks)).contains("http://lower.example:8080");
        assertThat(proxy(Map.of("HTTPS_PROXY", PROXY, "https_proxy", "http://lower.example:8080"), eks)).contains(PROXY);
        assertThat(proxy(Map.of("HTTPS_PROXY", " ", "https_proxy", "http://lower.example:8080"), eks))
                .as("an empty upper-case variable is unset, as Go's getEnvAny reads it").contains("http://lower.example:8080");
        assertThat(proxy(Map.of("HTTP_PROXY", PROXY), eks)).as("HTTP_PROXY is not for https:// servers").isEmpty();
        assertThat(proxy(Map.of(), eks)).isEmpty();
    }

    @Test
    void httpServersUseHttpProxyOnly() {
        assertThat(proxy(Map.of("HTTP_PROXY", PROXY), "http://api.corp.example:8080")).contains(PROXY);
        assertThat(proxy(Map.of("http_proxy", PROXY), "http://api.corp.example:8080")).contains(PROXY);
        assertThat(proxy(Map.of("HTTPS_PROXY", PROXY), "http://api.corp.example:8080")).isEmpty();
    }

    @Test
    void proxyUrlsAreCompletedAsGoParsesThem() {
        String eks = "https://api.corp.example";
        assertThat(proxy(Map.of("HTTPS_PROXY", "proxy.corp.example:3128"), eks)).contains(PROXY);
        assertThat(proxy(Map.of("HTTPS_PROXY", "http://proxy.corp.example"), eks)).contains("http://proxy.corp.example:80");
        assertThat(proxy(Map.of("HTTPS_PROXY", "https://proxy.corp.example"), eks)).contains("https://proxy.corp.example:443");
        assertThat(proxy(Map.of("HTTPS_PROXY", "socks5h://gw.corp.example"), eks)).contains("socks5://gw.corp.example:1080");
        assertThat(proxy(Map.of("HTTPS_PROXY", "http://alice:p%40ss@proxy.corp.example:3128"), eks))
                .contains("http://alice:p%40ss@proxy.corp.example:3128");
    }

    @Test
    void aBrokenProxyVariableIsNamedWithoutItsValue() {
        assertThatThrownBy(() -> proxy(Map.of("HTTPS_PROXY", "http://alice:s3cret@"), "https://api.corp.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HTTPS_PROXY")
                .message().doesNotContain("s3cret");
    }

    @Test
    void noProxyDomainsAsGo() {
        assertThat(direct(".corp.example", "https://api.corp.example")).isTrue();
        assertThat(direct(".corp.example", "https://corp.example")).as(".domain: subdomains only").isFalse();
        assertThat(direct("corp.example", "https://corp.example")).isTrue();
        assertThat(direct("corp.example", "https://a.b.corp.example")).isTrue();
        assertThat(direct("corp.example", "https://notcorp.example")).as("not a bare suffix test").isFalse();
        assertThat(direct("*.corp.example", "https://api.corp.example")).isTrue();
        assertThat(direct("*.corp.example", "https://corp.example")).isFalse();
        assertThat(direct(" other.example , API.Corp.Example ", "https://api.corp.example")).as("trimmed, any case").isTrue();
        assertThat(direct("api.corp.example:6443", "https://api.corp.example:6443")).isTrue();
        assertThat(direct("api.corp.example:6443", "https://api.corp.example")).as("another port").isFalse();
        assertThat(direct("eks.amazonaws.com", "https://ABC.gr7.us-west-2.eks.amazonaws.com")).isTrue();
        assertThat(direct("other.example", "https://api.corp.example")).isFalse();
        assertThat(direct("", "https://api.corp.example")).isFalse();
    }

    @Test
    void noProxyAddressesAndBlocks() {
        assertThat(direct("10.0.0.0/8", "https://10.20.30.40")).isTrue();
        assertThat(direct("10.0.0.0/8", "https://11.0.0.1")).isFalse();
        assertThat(direct("10.0.0.0/8", "https://api.corp.example")).as("a block is not a name").isFalse();
        assertThat(direct("192.168.1.0/24", "https://192.168.1.77:6443")).isTrue();
        assertThat(direct("192.168.1.0/24", "https://192.168.2.1")).isFalse();
        assertThat(direct("172.16.0.5", "https://172.16.0.5")).isTrue();
        assertThat(direct("172.16.0.5:443", "https://172.16.0.5")).isTrue();
        assertThat(direct("172.16.0.5:6443", "https://172.16.0.5")).isFalse();
        assertThat(direct("fd00::/8", "https://[fd12::1]")).isTrue();
        assertThat(direct("[fd12::1]:443", "https://[fd12::1]")).isTrue();
        assertThat(direct("fd00::/8", "https://[fe80::1]")).isFalse();
        assertThat(direct("not-a-block/99", "https://api.corp.example")).isFalse();
    }

    @Test
    void starAloneBypassesEverything() {
        assertThat(direct("*", "https://api.corp.example")).isTrue();
        assertThat(direct("other.example,*", "https://10.1.1.1")).isTrue();
    }

    @Test
    void localhostAndLoopbackAreNeverProxiedSoTheLabKeepsWorking() {
        assertThat(direct("", "http://127.0.0.1:33001")).isTrue();
        assertThat(direct("", "https://127.0.0.1:33002")).isTrue();
        assertThat(direct("", "https://localhost:6443")).isTrue();
        assertThat(direct("", "https://[::1]:6443")).isTrue();
    }

    @Test
    void aConfigGetsTheAnswerAndAnEmptyListFabric8WouldRejectOtherwise() {
        Config c = new ConfigBuilder(Config.empty()).withMasterUrl("https://api.corp.example").build();
        new KubeProxies(Map.of("HTTPS_PROXY", PROXY, "NO_PROXY", "*.other.example, 10.0.0.0/8")).applyTo(c);
        assertThat(c.getHttpsProxy()).isEqualTo(PROXY);
        assertThat(c.getNoProxy()).isEmpty();

        Config bypassed = new ConfigBuilder(Config.empty()).withMasterUrl("https://api.corp.example")
                .withHttpsProxy("http://stale.example:1").build();
        new KubeProxies(Map.of("HTTPS_PROXY", PROXY, "NO_PROXY", "*")).applyTo(bypassed);
        assertThat(bypassed.getHttpsProxy()).isNull();
        assertThat(bypassed.getHttpProxy()).isNull();
        try (var client = KubeClients.build(bypassed)) {
            assertThat(client.getMasterUrl().getHost()).as("fabric8 builds a client: no invalid NO_PROXY entry")
                    .isEqualTo("api.corp.example");
        }
    }
}
