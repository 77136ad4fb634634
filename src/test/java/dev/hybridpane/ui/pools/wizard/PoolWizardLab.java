package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.app.Composition;
import dev.hybridpane.adapters.kube.Fabric8InventoryPort;
import dev.hybridpane.adapters.kube.Fabric8PoolOps;
import dev.hybridpane.adapters.kube.Fabric8PoolStore;
import dev.hybridpane.adapters.kube.Fabric8ProfileStore;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.core.edge.SshSettingsStore;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The lab as the pool wizard's tests see it: retail-edge's inventory holds dallas-dc (10.200.1.0/24) with the hosts a
 * test class probes, and dallas-12 (in pool "other") and dallas-13 never probed; the services the composition root
 * would give the wizard, on the lab's adapters.
 */
final class PoolWizardLab implements AutoCloseable {
    static final String CALLER = "arn:aws:iam::111122223333:user/lab-admin";
    final PoolLab lab;
    final PoolsServices services;
    final Cluster retail;
    final Cluster payments;

    /** @param probed the dallas-dc hosts put in the inventory with their facts */
    PoolWizardLab(Path dir, List<String> probed) {
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", probed);
        try (InventoryPort.Inventory inv = lab.inventory(); PoolStore.Pools pools = lab.pools()) {
            for (String n : List.of("dallas-12", "dallas-13")) {
                var h = lab.hosts().hosts().stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow();
                inv.saveHost(new EdgeHostSpec(n, "127.0.0.1", h.port(), h.user(), "dallas-dc", SudoMode.PASSWORDLESS));
            }
            pools.create(new HybridNodePool("other", "dallas-dc", new ProfileRef("gpu-ssm", 1), Map.of(), List.of(), "",
                    List.of(), List.of(PoolHost.of("dallas-12"))));
        }
        retail = lab.aws.describeCluster(PoolLab.REF);
        payments = lab.aws.describeCluster(new ClusterRef("us-west-2", "payments"));
        PoolTools tools = Composition.poolTools(p -> lab.service(), lab.clusters);
        SshSettingsStore ssh = new SshSettingsStore() {
            @Override
            public SshSettings load() {
                return SshSettings.EMPTY;
            }

            @Override
            public void save(SshSettings settings) {
                throw new AssertionError("the wizard saves no SSH settings");
            }
        };
        services = new PoolsServices(tools, new Fabric8ProfileStore(lab.clusters), new Fabric8InventoryPort(lab.clusters),
                ssh, () -> lab.hosts().loginKeyPath().toString(), () -> "lab", () -> CALLER, Clock.systemUTC());
    }

    @Override
    public void close() {
        lab.close();
    }
}
