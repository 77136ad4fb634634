package dev.hybridpane.domain.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostFacts;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.profile.ContainerdSource;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.domain.profile.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolRulesTest {
    private static final KubernetesLayer SSM = KubernetesLayer.of("1.31", CredentialProvider.SSM);

    private static List<String> errors(List<ProfileProblem> problems) {
        return problems.stream().filter(ProfileProblem::isError).map(p -> p.field() + ": " + p.message()).toList();
    }

    private static PoolFacts facts(KubernetesLayer k, Map<String, HostFacts> facts, Map<String, String> poolOfHost) {
        Map<String, EdgeHostSpec> inventory = new HashMap<>();
        for (String h : List.of("dallas-01", "dallas-02", "dallas-03")) {
            inventory.put(h, Pools.spec(h, "dallas-dc"));
        }
        inventory.put("austin-01", Pools.spec("austin-01", "austin"));
        return new PoolFacts(Pools.DALLAS, Pools.REMOTE_NODES, k, inventory, facts, poolOfHost);
    }

    private static Map<String, HostFacts> healthy() {
        return Map.of("dallas-01", Pools.ubuntu("10.200.1.11"), "dallas-02", Pools.ubuntu("10.200.1.12"));
    }

    @Test
    void theIssuesExamplePassesEveryRule() {
        assertThat(PoolRules.validate(Pools.edgeGpu(), true)).isEmpty();
        assertThat(PoolRules.hosts(Pools.edgeGpu(), facts(SSM, healthy(), Map.of("dallas-01", "edge-gpu")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Edge", "edge_gpu", "edge.gpu", "-edge", "edge-", ""})
    void aPoolNameIsADns1123Label(String name) {
        assertThat(PoolRules.name(name)).isPresent();
        assertThat(PoolRules.name("a".repeat(64))).isPresent();
        assertThat(PoolRules.name("a".repeat(63))).isEmpty();
        assertThat(PoolRules.name("edge-gpu-2")).isEmpty();
    }

    @Test
    void nameSiteAndProfileAreRequired() {
        HybridNodePool p = new HybridNodePool("Bad_Name", "", new ProfileRef("", 0), Map.of(), List.of(), "", List.of(),
                List.of());
        assertThat(errors(PoolRules.validate(p, true))).extracting(s -> s.substring(0, s.indexOf(':')))
                .containsExactly("name", "site", "profile.name", "profile.version", "hosts");
        assertThat(PoolRules.validate(p, false)).extracting(ProfileProblem::field).doesNotContain("hosts");
    }

    @Test
    void labelsUseKubernetesSyntax() {
        List<String> e = errors(PoolRules.validate(Pools.withLabels(Map.of("bad key", "x", "tier", "a b",
                "example.com/ok", "yes")), true));
        assertThat(e).containsExactlyInAnyOrder(
                "labels[bad key]: Label key 'bad key': the name must be at most 63 letters, digits, '-', '_' or '.', "
                        + "starting and ending with a letter or digit.",
                "labels[tier]: Label tier: value 'a b' must be at most 63 letters, digits, '-', '_' or '.', starting "
                        + "and ending with a letter or digit.");
    }

    @Test
    void labelsTheKubeletMayNotSetAreRefused() {
        List<ProfileProblem> p = PoolRules.validate(Pools.withLabels(Map.of("node-role.kubernetes.io/gpu", "",
                "k8s.io/team", "a", "node.kubernetes.io/gpu", "a", "kubelet.kubernetes.io/x", "a",
                "topology.kubernetes.io/zone", "dallas-1")), true);
        assertThat(p).extracting(ProfileProblem::field).containsExactlyInAnyOrder("labels[node-role.kubernetes.io/gpu]",
                "labels[k8s.io/team]");
        assertThat(p.get(0).message()).contains("NodeRestriction").contains("node.kubernetes.io/");
    }

    @Test
    void labelsHybridPaneAndNodeadmSetAreRefused() {
        List<String> e = errors(PoolRules.validate(Pools.withLabels(Map.of("hybridpane.dev/pool", "x",
                "eks.amazonaws.com/compute-type", "hybrid")), true));
        assertThat(e).anyMatch(s -> s.startsWith("labels[hybridpane.dev/pool]: Label hybridpane.dev/pool is HybridPane's own"))
                .anyMatch(s -> s.equals("labels[eks.amazonaws.com/compute-type]: Label eks.amazonaws.com/compute-type is "
                        + "set by nodeadm on every hybrid node."));
    }

    @Test
    void taintsUseKubernetesSyntaxAndTheThreeEffects() {
        List<String> e = errors(PoolRules.validate(Pools.withTaints(new Taint("dedicated", "gpu", "NoSchedule"),
                new Taint("bad/key/x", "", "NoSchedule"), new Taint("a", "b c", "NoExecute"),
                new Taint("b", "", "Never"), new Taint("dedicated", "other", "NoSchedule"),
                new Taint("dedicated", "gpu", "NoExecute")), true));
        assertThat(e).containsExactly(
                "taints[1].key: Taint key 'bad/key/x' has more than one '/': write prefix/name.",
                "taints[2].value: Taint a: value 'b c' must be at most 63 letters, digits, '-', '_' or '.', starting and "
                        + "ending with a letter or digit.",
                "taints[3].effect: Taint b: effect 'Never' is not NoSchedule, PreferNoSchedule or NoExecute.",
                "taints[4]: Taint dedicated with effect NoSchedule is given twice; Kubernetes allows one taint per key "
                        + "and effect.");
    }

    @Test
    void architectureIsAmd64OrArm64() {
        assertThat(errors(PoolRules.validate(Pools.withArch("x86_64"), true)))
                .containsExactly("architecture: 'x86_64' is not amd64 or arm64.");
        assertThat(PoolRules.validate(Pools.withArch("arm64"), true)).isEmpty();
        assertThat(PoolRules.validate(Pools.withArch(""), true)).isEmpty();
    }

    @Test
    void ntpServersAreHostNamesOrAddresses() {
        assertThat(errors(PoolRules.validate(Pools.withNtp("10.0.0.1", "time_example", "10.0.0.1", "300.1.1.1"), true)))
                .containsExactly("ntpServers[1]: NTP server: 'time_example' is neither an IPv4 address nor a valid host name.",
                        "ntpServers[2]: 10.0.0.1 is listed twice.",
                        "ntpServers[3]: NTP server: '300.1.1.1' is not a valid IPv4 address (four numbers 0-255 separated by dots).");
    }

    @Test
    void hostsAreUniqueNamesWithAnIpv4VpnServer() {
        HybridNodePool p = Pools.edgeGpu().withHosts(List.of(PoolHost.of("dallas-01"), PoolHost.of("dallas-01"),
                new PoolHost("dallas-02", "10.200.1"), PoolHost.of("Bad Host")));
        assertThat(errors(PoolRules.validate(p, true))).containsExactly("hosts[1].host: Host dallas-01 is listed twice.",
                "hosts[2].vpnServerIp: '10.200.1' is not an IPv4 address (four numbers 0-255 separated by dots).",
                "hosts[3].host: 'Bad Host' must be lower-case letters, digits, '-' and '.', starting and ending with a "
                        + "letter or digit.");
    }

    @Test
    void anEmptiedPoolIsValidOnlyAfterItWasCreated() {
        HybridNodePool empty = Pools.edgeGpu().withHosts(List.of());
        assertThat(errors(PoolRules.validate(empty, true))).containsExactly("hosts: Choose at least one edge host for the pool.");
        assertThat(PoolRules.validate(empty, false)).isEmpty();
    }

    @Test
    void hostsMustBeInTheInventoryAtThePoolsSiteProbedAndFree() {
        HybridNodePool p = Pools.edgeGpu().withHosts(List.of(PoolHost.of("ghost"), PoolHost.of("austin-01"),
                PoolHost.of("dallas-03"), PoolHost.of("dallas-01")));
        Map<String, HostFacts> f = new HashMap<>(healthy());
        f.put("austin-01", Pools.ubuntu("10.200.1.20"));
        List<String> e = errors(PoolRules.hosts(p, facts(SSM, f, Map.of("dallas-01", "other-pool"))));
        assertThat(e).containsExactly("hosts[0].host: There is no edge host named ghost in the inventory.",
                "hosts[1].host: Host austin-01 is at site austin, not at the pool's site dallas-dc.",
                "hosts[2].host: Host dallas-03 has not been probed: gather its facts first.",
                "hosts[3].host: Host dallas-01 is already in pool other-pool.");
    }

    @Test
    void anUnknownSiteIsAnError() {
        PoolFacts none = new PoolFacts(null, Pools.REMOTE_NODES, SSM, Map.of(), Map.of(), Map.of());
        assertThat(errors(PoolRules.hosts(Pools.edgeGpu().withHosts(List.of()), none)))
                .containsExactly("site: There is no site named dallas-dc in the inventory.");
    }

    @Test
    void osArchitectureAndNetworkChecksBecomeErrorsOtherFailuresWarnings() {
        Map<String, HostFacts> f = new HashMap<>();
        f.put("dallas-01", Pools.facts("debian", "12", "x86_64", "10.200.1.11"));
        f.put("dallas-02", Pools.facts("ubuntu", "22.04", "riscv64", "10.200.1.12"));
        HostFacts outside = Pools.ubuntu("10.99.0.5");
        f.put("dallas-03", new HostFacts("h", outside.osId(), outside.osVersion(), null, "k", outside.arch(), 2, 4096L,
                40.0, outside.addresses(), outside.defaultRoute(), outside.nodeIp(), true, true, outside.packages(), 2L,
                null, null, null, true));
        HybridNodePool p = Pools.withArch("").withHosts(List.of(PoolHost.of("dallas-01"), PoolHost.of("dallas-02"),
                PoolHost.of("dallas-03")));
        List<ProfileProblem> problems = PoolRules.hosts(p, facts(SSM, f, Map.of()));
        assertThat(errors(problems)).containsExactly(
                "hosts[0].host: Host dallas-01: Operating system: debian 12 is not supported. Supported: Ubuntu 20.04, "
                        + "Ubuntu 22.04, Ubuntu 24.04, RHEL 8, RHEL 9, Amazon Linux 2023.",
                "hosts[1].host: Host dallas-02: Architecture: riscv64 is not supported; hybrid nodes run on x86_64 and arm64.",
                "hosts[2].host: Host dallas-03: Node IP in remote node networks: 10.99.0.5 is outside the cluster's remote "
                        + "node networks 10.200.0.0/16; nodeadm init would refuse this node.",
                "hosts[2].host: Host dallas-03: Node IP in site network: 10.99.0.5 is outside site dallas-dc (10.200.1.0/24).");
        assertThat(problems).filteredOn(x -> x.severity() == Severity.WARNING).extracting(ProfileProblem::message)
                .containsExactly("Host dallas-03: Swap off: Swap is on; the kubelet refuses to start with swap. Run swapoff "
                        + "-a and remove it from /etc/fstab.");
    }

    @Test
    void aHostOfAnotherArchitectureThanThePoolsIsRefused() {
        Map<String, HostFacts> f = Map.of("dallas-01", Pools.facts("ubuntu", "22.04", "aarch64", "10.200.1.11"),
                "dallas-02", Pools.ubuntu("10.200.1.12"));
        assertThat(errors(PoolRules.hosts(Pools.edgeGpu(), facts(SSM, f, Map.of()))))
                .containsExactly("hosts[0].host: Host dallas-01 is arm64, but the pool is amd64.");
    }

    @Test
    void credentialProviderAndContainerdSourceAgainstTheOsAreErrorsHere() {
        KubernetesLayer k = new KubernetesLayer("1.31", CredentialProvider.IAM_RA, ContainerdSource.DISTRO, Map.of(),
                List.of(), "");
        Map<String, HostFacts> f = Map.of("dallas-01", Pools.facts("rhel", "8.10", "x86_64", "10.200.1.11"),
                "dallas-02", Pools.facts("ubuntu", "20.04", "x86_64", "10.200.1.12"));
        List<ProfileProblem> problems = PoolRules.hosts(Pools.edgeGpu(), facts(k, f, Map.of()));
        assertThat(errors(problems)).containsExactly(
                "hosts[0].host: Host dallas-01 runs RHEL 8, where containerd source distro is invalid: RHEL has no "
                        + "containerd package of its own; use docker or none.",
                "hosts[0].host: Host dallas-01 runs RHEL 8, where IAM Roles Anywhere (iam-ra) is not supported; use ssm.",
                "hosts[1].host: Host dallas-02 runs Ubuntu 20.04, where IAM Roles Anywhere (iam-ra) is not supported; use ssm.");
        assertThat(PoolRules.hasErrors(problems)).isTrue();
    }

    @Test
    void aVpnServerIsInsideTheSiteAndNotTheHostItself() {
        HybridNodePool p = Pools.edgeGpu().withHosts(List.of(new PoolHost("dallas-01", "10.200.1.11"),
                new PoolHost("dallas-02", "10.50.0.1")));
        assertThat(errors(PoolRules.hosts(p, facts(SSM, healthy(), Map.of())))).containsExactly(
                "hosts[0].vpnServerIp: 10.200.1.11 is host dallas-01's own address; the VPN server is another machine "
                        + "that routes to the VPC.",
                "hosts[1].vpnServerIp: VPN server 10.50.0.1 is outside site dallas-dc (10.200.1.0/24): the host must reach "
                        + "it directly.");
    }

    @Test
    void siteAndProfileNamesFitANodeLabelsValue() {
        String longName = "a".repeat(30) + "." + "b".repeat(33);
        HybridNodePool p = new HybridNodePool("p1", longName, new ProfileRef(longName, 1), Map.of(), List.of(), "",
                List.of(), List.of(PoolHost.of("dallas-01")));
        assertThat(errors(PoolRules.validate(p, true))).containsExactly(
                "site: '" + longName + "' has 64 characters; as the value of the node label hybridpane.dev/site it may "
                        + "have at most 63.",
                "profile.name: '" + longName + "' has 64 characters; as the value of the node label hybridpane.dev/profile "
                        + "it may have at most 63.");
    }

    @Test
    void theProfilesVersionSkewAgainstThisCluster() {
        assertThat(PoolRules.versionSkew(SSM, "retail-edge", "v1.31.7-eks-473151a")).isEmpty();
        assertThat(PoolRules.versionSkew(KubernetesLayer.of("1.32", CredentialProvider.SSM), "retail-edge", "1.31"))
                .extracting(p -> p.field() + ": " + p.message()).containsExactly("profile.version: Kubernetes 1.32 is "
                        + "newer than the control plane of cluster retail-edge (1.31): nodeadm refuses a kubelet newer "
                        + "than the API server. Choose 1.31 or older.");
        assertThat(PoolRules.versionSkew(KubernetesLayer.of("1.30", CredentialProvider.SSM), "retail-edge", "1.34"))
                .singleElement().matches(ProfileProblem::isError);
    }
}
