package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.adapters.kube.Fabric8InventoryPort;
import dev.hybridpane.adapters.kube.Fabric8ProfileStore;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.core.edge.SshSettingsStore;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.CertRotation;
import dev.hybridpane.core.pool.HostCertificates;
import dev.hybridpane.core.pool.NodeRemoval;
import dev.hybridpane.core.pool.NodeRemovalService;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.core.pool.PoolUpgrade;
import dev.hybridpane.core.pool.SsmHygiene;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.ui.pools.day2.PoolDay2Port;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.DrainOptions;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.HostChange;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.HostOption;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.PoolTarget;
import dev.hybridpane.ui.pools.day2.RunControl;
import dev.hybridpane.ui.pools.wizard.PoolsServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool detail's day-2 port as the console wires it ({@link CorePoolDay2} over the composition's {@link Day2Core}),
 * on the lab with the production adapters: a pool created through the port's Edit hosts (a change from one host to
 * two), its state, its hosts, a node removed with the plan in AWS's order, and an upgrade to a version that does not
 * exist refused in one sentence.
 */
class CorePoolDay2LabTest {
    @TempDir
    static Path dir;
    static PoolLab lab;
    static PoolDay2Port port;
    static PoolTarget target;

    @BeforeAll
    static void start() throws Exception {
        lab = new PoolLab(dir);
        lab.lab.nodeadmBackend().kubelets().setTimings(Duration.ofMillis(300), Duration.ofSeconds(2));
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-08", "dallas-09", "dallas-10"));
        Clock clock = Clock.systemUTC();
        Day2Core core = new Day2Core(lab.service(), new NodeRemovalService(lab.ssm, lab.edge, clock).withTimings(
                new NodeRemoval.Timings(Duration.ofSeconds(60), Duration.ofMillis(200), Duration.ofSeconds(5))),
                new PoolUpgrade(lab.aws, lab.edge, clock), new CertRotation(lab.aws, lab.iam, lab.edge, clock),
                new SsmHygiene(lab.ssm, clock), new HostCertificates(lab.edge, clock));
        String key = lab.hosts().loginKeyPath().toString();
        SshSettingsStore ssh = new SshSettingsStore() {
            @Override
            public SshSettings load() {
                return SshSettings.EMPTY.withDefault(key);
            }

            @Override
            public void save(SshSettings settings) {
            }
        };
        PoolsServices services = new PoolsServices(Composition.poolTools(p -> lab.service(), lab.clusters),
                new Fabric8ProfileStore(lab.clusters), new Fabric8InventoryPort(lab.clusters), ssh, () -> key, () -> "lab",
                () -> "arn:aws:iam::111122223333:user/admin", clock);
        port = CorePoolDay2.of(services, p -> core);
        target = new PoolTarget(lab.aws.describeCluster(PoolLab.REF), lab.access, "day2-ui");
        // the pool exists with one host (as the Create-pool wizard leaves it)
        try (var inv = lab.inventory(); var profiles = lab.profiles(); var pools = lab.pools();
             var ops = services.tools().operations().open(lab.access)) {
            HybridNodePool p = new HybridNodePool("day2-ui", "dallas-dc", new ProfileRef("gpu-ssm", 1), Map.of(), List.of(), "",
                    List.of(), List.of(PoolHost.of("dallas-08")));
            var c = lab.service().check(p, PoolLab.REF, profiles, inv, pools, lab.identity, 8, Duration.ofSeconds(60));
            assertThat(c.errors()).isEmpty();
            Journal j = lab.service().apply(c.inputs(), pools, inv, null, ops.journals(), ops.lock(), "test", new RunControl()
                    .cancelToken(), x -> { });
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
        }
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void hostsAreAddedAndANodeRemovedThroughThePortAsTheDetailDoesIt() throws Exception {
        PoolDay2Port.Day2State state = port.state(target);
        assertThat(state.lock()).isInstanceOf(PoolDay2Port.LockState.Free.class);
        assertThat(state.unfinished()).isEmpty();
        assertThat(state.provider()).isEqualTo(CredentialProvider.SSM);

        List<HostOption> hosts = port.hosts(target);
        assertThat(hosts).filteredOn(HostOption::member).extracting(HostOption::host).containsExactly("dallas-08");
        assertThat(hosts).filteredOn(h -> !h.member()).extracting(HostOption::host).contains("dallas-09", "dallas-10");
        assertThat(hosts).filteredOn(h -> h.host().equals("dallas-09")).singleElement()
                .satisfies(h -> assertThat(h.offered()).as(String.valueOf(h.reasons())).isTrue());

        HostChange grow = new HostChange(List.of("dallas-09"), List.of(), DrainOptions.DEFAULT);
        assertThat(port.planHosts(target, grow).planText()).contains("hosts that join: dallas-09");
        List<Journal> seen = new ArrayList<>();
        Journal grown = port.changeHosts(target, grow, new RunControl(), seen::add);
        assertThat(grown.status()).as(String.valueOf(grown.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(seen).isNotEmpty();
        List<HostOption> after = port.hosts(target);
        assertThat(after).filteredOn(HostOption::member).extracting(HostOption::host).containsExactly("dallas-08", "dallas-09");
        String node = after.stream().filter(h -> h.host().equals("dallas-09")).findFirst().orElseThrow().node();
        assertThat(node).startsWith("mi-");

        Operation plan = port.planRemoval(target, node, DrainOptions.DEFAULT);
        String text = plan.planText();
        assertThat(text.indexOf("Cordon")).isNotNegative().isLessThan(text.indexOf("Drain"));
        assertThat(text.indexOf("Drain")).isLessThan(text.indexOf("nodeadm uninstall"));
        Journal removed = port.removeNode(target, node, DrainOptions.DEFAULT, new RunControl(), x -> { });
        assertThat(removed.status()).as(String.valueOf(removed.error())).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(lab.kube().nodes().withName(node).get()).isNull();
        assertThat(port.hosts(target)).filteredOn(h -> h.host().equals("dallas-09")).singleElement()
                .satisfies(h -> assertThat(h.member()).isFalse())
                .satisfies(h -> assertThat(h.offered()).as(String.valueOf(h.reasons())).isTrue());
        assertThat(port.state(target).lock()).as("the lock is released").isInstanceOf(PoolDay2Port.LockState.Free.class);
    }

    @Test
    void anUpgradeToAVersionThatDoesNotExistIsRefusedInOneSentence() {
        assertThatThrownBy(() -> port.planUpgrade(target, new PoolDay2Port.UpgradeOptions(9, PoolDay2Port.Strategy.IN_PLACE, 1,
                1, true, Duration.ZERO))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9")
                .hasMessageNotContaining("Exception");
    }
}
