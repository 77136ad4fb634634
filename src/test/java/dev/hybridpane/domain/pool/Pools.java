package dev.hybridpane.domain.pool;

import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.edge.Site;
import dev.hybridpane.domain.edge.SudoMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test pools, hosts and facts. */
final class Pools {
    static final Site DALLAS = new Site("dallas-dc", "", List.of("10.200.1.0/24"), List.of("10.201.0.0/16"), "10.200.1.1",
            List.of());
    static final List<String> REMOTE_NODES = List.of("10.200.0.0/16");

    private Pools() {
    }

    /** The example pool. */
    static HybridNodePool edgeGpu() {
        return new HybridNodePool("edge-gpu", "dallas-dc", new ProfileRef("gpu-ssm", 1), Map.of("workload", "gpu"),
                List.of(new Taint("dedicated", "gpu", "NoSchedule")), "amd64", List.of("time.example.net"),
                List.of(PoolHost.of("dallas-01"), new PoolHost("dallas-02", "10.200.1.1")));
    }

    static HybridNodePool withLabels(Map<String, String> labels) {
        HybridNodePool p = edgeGpu();
        return new HybridNodePool(p.name(), p.site(), p.profile(), labels, p.taints(), p.architecture(), p.ntpServers(),
                p.hosts());
    }

    static HybridNodePool withTaints(Taint... taints) {
        HybridNodePool p = edgeGpu();
        return new HybridNodePool(p.name(), p.site(), p.profile(), p.labels(), List.of(taints), p.architecture(),
                p.ntpServers(), p.hosts());
    }

    static HybridNodePool withArch(String arch) {
        HybridNodePool p = edgeGpu();
        return new HybridNodePool(p.name(), p.site(), p.profile(), p.labels(), p.taints(), arch, p.ntpServers(), p.hosts());
    }

    static HybridNodePool withNtp(String... servers) {
        HybridNodePool p = edgeGpu();
        return new HybridNodePool(p.name(), p.site(), p.profile(), p.labels(), p.taints(), p.architecture(),
                List.of(servers), p.hosts());
    }

    static EdgeHostSpec spec(String name, String site) {
        return new EdgeHostSpec(name, name + ".example.net", 22, "ubuntu", site, SudoMode.PASSWORDLESS);
    }

    /** A host that passes every check: Ubuntu 22.04 x86_64 at 10.200.1.N. */
    static HostFacts facts(String osId, String osVersion, String arch, String ip) {
        Map<String, Boolean> packages = new LinkedHashMap<>();
        for (String p : List.of("bash", "jq", "zstd", "rsync", "systemd", "conntrack", "iptables")) {
            packages.put(p, true);
        }
        return new HostFacts("h", osId, osVersion, null, "5.15.0", arch, 2, 4096L, 40.0, List.of(ip + "/24"),
                "via 10.200.1.1 dev eth0 src " + ip, ip, true, false, packages, 2L, null, null, null, true);
    }

    static HostFacts ubuntu(String ip) {
        return facts("ubuntu", "22.04", "x86_64", ip);
    }
}
