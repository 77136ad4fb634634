package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8JournalStore;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ContainerdSource;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileVersion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.Activation;
import software.amazon.awssdk.services.ssm.model.DescribeActivationsFilter;
import software.amazon.awssdk.services.ssm.model.DescribeActivationsFilterKeys;

/** The whole SSM path of pool creation on the lab: plan, apply, a failing host, re-runs, cancel and resume elsewhere. */
class PoolServiceLabTest {
    static final String NS = PoolStore.NAMESPACE;
    @TempDir
    static Path dir;
    static PoolLab lab;

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-08", "dallas-09", "dallas-10", "dallas-12",
                "dallas-13", "dallas-14", "dallas-17"));
        lab.importHosts("austin-store-112", "10.200.2.0/24", List.of("austin-02", "austin-04"));
        // RHEL and AL2023 hosts both take containerd source none: an SSM profile like gpu-ssm v1 with that
        try (ProfileStore.Profiles profiles = lab.profiles()) {
            ProfileVersion v = profiles.get("gpu-ssm").orElseThrow().profile().version(1).orElseThrow();
            KubernetesLayer k = v.kubernetes();
            profiles.create(ClusterProfile.create("rhel-ssm", new ProfileLayers(v.os(), new KubernetesLayer(k.version(),
                    k.credentialProvider(), ContainerdSource.NONE, k.kubeletConfig(), k.kubeletFlags(), k.containerdConfig()),
                    v.network()), Instant.now(), "test"));
        }
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    static HybridNodePool pool(String name, String site, String... hosts) {
        return poolOf("gpu-ssm", name, site, hosts);
    }

    static HybridNodePool poolOf(String profile, String name, String site, String... hosts) {
        return new HybridNodePool(name, site, new ProfileRef(profile, 1), Map.of("workload", "test"), List.of(), "",
                List.of(), List.of(hosts).stream().map(PoolHost::of).toList());
    }

    record Run(PoolService.Checked checked, Journal journal) {
    }

    static Run apply(PoolService service, HybridNodePool pool, CancelToken cancel, Consumer<Journal> seen)
            throws Exception {
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools();
             Fabric8JournalStore journals = new Fabric8JournalStore(lab.kube(), NS);
             Fabric8LeaseLock lock = new Fabric8LeaseLock(lab.kube(), NS, Clock.systemUTC())) {
            PoolService.Checked c = service.check(pool, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60));
            assertThat(c.errors()).as("checks").isEmpty();
            Journal j = service.apply(c.inputs(), pools, journals, lock, "test@" + "workstation", cancel, seen);
            journals.flush();
            return new Run(c, j);
        }
    }

    static List<Activation> activations(String poolName) {
        return lab.clients.ssm("us-west-2").describeActivations(b -> b.filters(DescribeActivationsFilter.builder()
                .filterKey(DescribeActivationsFilterKeys.DEFAULT_INSTANCE_NAME).filterValues(poolName).build())).activationList();
    }

    static String code(String host) {
        String cfg = lab.hosts().exec(host, "sudo -n cat /etc/hybridpane/nodeconfig.yaml", null).stdout();
        Matcher m = Pattern.compile("activationCode: \"?([^\"\\n]+)\"?").matcher(cfg);
        assertThat(m.find()).as("a NodeConfig with a code on " + host).isTrue();
        return m.group(1);
    }

    /** Everything a workstation or the cluster keeps: journals, pools, Events, as text. */
    static String stored() {
        StringBuilder b = new StringBuilder();
        for (ConfigMap cm : lab.kube().configMaps().inNamespace(NS).list().getItems()) {
            b.append(cm.getData()).append('\n');
        }
        lab.kube().genericKubernetesResources("hybridpane.dev/v1alpha1", "HybridNodePool").inNamespace(NS).list().getItems()
                .forEach(p -> b.append(p.getAdditionalProperties()).append('\n'));
        for (Event e : lab.kube().v1().events().inNamespace(NS).list().getItems()) {
            b.append(e.getReason()).append(' ').append(e.getMessage()).append('\n');
        }
        return b.toString();
    }

    @Test
    void createsTheActivationAndNodesSurvivesADroppedHostAndReRunsCreateNothingNew() throws Exception {
        PoolService service = lab.service();
        HybridNodePool p = pool("edge-a", "dallas-dc", "dallas-08", "dallas-09", "dallas-10", "dallas-17");
        String plan;
        try (InventoryPort.Inventory inv = lab.inventory(); ProfileStore.Profiles profiles = lab.profiles();
             PoolStore.Pools pools = lab.pools()) {
            PoolService.Checked c = service.check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60));
            assertThat(c.errors()).isEmpty();
            plan = service.plan(c.inputs(), pools).planText();
        }
        assertThat(plan).contains("ssm:CreateActivation", "RegistrationLimit: 4", "Tags: EKSClusterARN="
                        + "arn:aws:eks:us-west-2:111122223333:cluster/retail-edge", "IamRole: retail-edge-hybrid-ssm",
                "sudo -n nodeadm install 1.31 -p ssm -s distro", "sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig.yaml",
                "sudo -n install -D -m 0600 /dev/stdin /etc/hybridpane/nodeconfig.yaml", "HybridNodePool",
                "dallas-17:", "hybridpane.dev/pool=edge-a");
        assertThat(plan).doesNotContain("the activation's code, created in memory");
        assertThat(activations("edge-a")).as("the plan calls nothing").isEmpty();

        Run first = apply(service, p, new CancelToken(), j -> { });
        assertThat(first.journal().status()).isEqualTo(OperationStatus.FAILED);
        assertThat(first.journal().error()).contains("dallas-17").doesNotContain("dallas-08 (");
        assertThat(first.journal().outputs()).containsKeys("dallas-08/node", "dallas-09/node", "dallas-10/node")
                .doesNotContainKey("dallas-17/node");

        Run second = apply(service, p, new CancelToken(), j -> { });
        assertThat(second.journal().status()).as(String.valueOf(second.journal().error())).isEqualTo(OperationStatus.SUCCEEDED);
        Map<String, String> nodes = new TreeMap<>();
        for (String h : p.hostNames()) {
            nodes.put(h, second.journal().outputs().get(h + "/node"));
        }
        assertThat(nodes.values()).allMatch(n -> n != null && n.matches("mi-[0-9a-f]{17}"));
        assertThat(nodes.values()).doesNotHaveDuplicates();
        for (String n : nodes.values()) {
            var node = lab.kube().nodes().withName(n).get();
            assertThat(node.getMetadata().getLabels()).containsEntry("hybridpane.dev/pool", "edge-a");
            assertThat(node.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Ready");
                assertThat(c.getStatus()).isEqualTo("True");
            });
        }
        assertThat(activations("edge-a")).hasSize(1);
        try (PoolStore.Pools pools = lab.pools()) {
            PoolStore.Stored s = pools.get("edge-a").orElseThrow();
            assertThat(s.status().phase()).isEqualTo("Running");
            assertThat(s.status().readyText()).isEqualTo("4/4");
            assertThat(s.status().members()).extracting(PoolStore.Member::node).containsExactlyElementsOf(
                    p.hostNames().stream().map(nodes::get).toList());
        }

        Run third = apply(lab.service(), p, new CancelToken(), j -> { });
        assertThat(third.journal().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(third.journal().steps().get(1).state()).isEqualTo(StepState.ALREADY_DONE);
        assertThat(activations("edge-a")).as("a re-run creates no activation").hasSize(1);
        for (String h : p.hostNames()) {
            assertThat(third.journal().outputs().get(h + "/node")).isEqualTo(nodes.get(h));
        }
        List<Event> joined = new ArrayList<>(lab.kube().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "edge-a".equals(e.getInvolvedObject().getName()) && "NodeJoined".equals(e.getReason())).toList());
        assertThat(joined).as("one Event per host joined, not one per run").hasSize(4);

        String code = code("dallas-08");
        assertThat(code.length()).isGreaterThanOrEqualTo(20);
        assertThat(stored()).doesNotContain(code);
        assertThat(plan).doesNotContain(code);
        assertThat(String.valueOf(first.journal()) + second.journal() + third.journal()).doesNotContain(code);
    }

    @Test
    void cancelledAfterTheActivationThenResumedByAnotherServiceLeavesOneActivation() throws Exception {
        HybridNodePool p = pool("edge-b", "dallas-dc", "dallas-12", "dallas-13");
        CancelToken cancel = new CancelToken();
        Run first = apply(lab.service(), p, cancel, j -> {
            if (j.steps().size() > 1 && j.steps().get(1).state() == StepState.DONE) {
                cancel.cancel();
            }
        });
        assertThat(first.journal().status()).isEqualTo(OperationStatus.CANCELLED);
        String firstActivation = first.journal().outputs().get("activation/id");
        assertThat(firstActivation).isNotNull();
        assertThat(first.journal().outputs()).doesNotContainKeys("dallas-12/node", "dallas-13/node");

        Run second = apply(lab.service(), p, new CancelToken(), j -> { });
        assertThat(second.journal().status()).as(String.valueOf(second.journal().error())).isEqualTo(OperationStatus.SUCCEEDED);
        List<Activation> live = activations("edge-b");
        assertThat(live).as("the orphaned activation is deleted, one remains").hasSize(1);
        assertThat(live.get(0).activationId()).isNotEqualTo(firstActivation);
        assertThat(live.get(0).registrationsCount()).isEqualTo(2);
        assertThat(second.journal().outputs()).containsKeys("dallas-12/node", "dallas-13/node");
    }

    @Test
    void aHostWithoutPasswordlessSudoFailsTheOperationNamingIt() throws Exception {
        Run r = apply(lab.service(), poolOf("rhel-ssm", "store-b", "austin-store-112", "austin-04"), new CancelToken(), j -> { });
        assertThat(r.journal().status()).isEqualTo(OperationStatus.FAILED);
        assertThat(r.journal().error()).contains("austin-04 (Host austin-04 has no passwordless sudo (sudo: a password is "
                + "required)");
        assertThat(r.journal().outputs()).doesNotContainKey("austin-04/node");
    }

    @Test
    void ntpServersAndAVpnRouteAreSetUpOnTheHost() throws Exception {
        HybridNodePool p = new HybridNodePool("edge-c", "dallas-dc", new ProfileRef("gpu-ssm", 1), Map.of(), List.of(), "",
                List.of("time.example.net"), List.of(new PoolHost("dallas-14", "10.200.1.1")));
        Run r = apply(lab.service(), p, new CancelToken(), j -> { });
        assertThat(r.journal().status()).as(String.valueOf(r.journal().error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(r.checked().inputs().vpcCidrs()).isNotEmpty();
        String vpc = r.checked().inputs().vpcCidrs().get(0);
        var chrony = lab.hosts().exec("dallas-14", "sudo -n cat /etc/chrony/conf.d/hybridpane.conf", null);
        assertThat(chrony.stdout()).endsWith("\nserver time.example.net iburst\n");
        var unit = lab.hosts().exec("dallas-14", "sudo -n cat /etc/systemd/system/hybridpane-route.service", null);
        assertThat(unit.stdout()).contains("ExecStart=/sbin/ip route replace " + vpc + " via 10.200.1.1", "RemainAfterExit=yes");
        assertThat(lab.hosts().exec("dallas-14", "systemctl is-active hybridpane-route.service", null).stdout())
                .isEqualTo("active\n");
        assertThat(r.journal().log()).anySatisfy(l -> assertThat(l.text()).contains("[dallas-14] Route the VPC through VPN "
                + "server 10.200.1.1"));
    }
}
