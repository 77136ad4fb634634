package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Check;
import dev.hybridpane.domain.CheckStatus;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.HybridRequirements;
import dev.hybridpane.ui.activity.ActivityRow;
import dev.hybridpane.ui.clusters.ClusterDetailViewModel;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.shell.ShellViewModel;
import dev.hybridpane.app.ConsolePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After an operation changed a cluster, the fleet reads it again and every view sees the new record. */
class UiFleetRefreshTest {
    private static final ClusterRef EDGE = new ClusterRef("us-west-2", "edge-prod");

    @Test
    void refreshingAClusterReplacesItsRowAndTheDetailChecksFollow() {
        FakeAws aws = new FakeAws();
        List<Cluster> clusters = new ArrayList<>(List.of(cluster("us-west-2", "edge-prod", "1.31", false, AuthenticationMode.API,
                EndpointAccess.PRIVATE)));
        aws.clustersByProfile.put("prod", clusters);
        ConsolePorts ctx = TestConsole.ports(aws, new FakeClusterPort(), new MemorySettingsStore(null), Runnable::run, true, "lab",
                Path.of("/tmp/hp"));
        SyncTaskRunner runner = new SyncTaskRunner();
        ShellViewModel vm = TestConsole.shell(ctx, runner);
        vm.startDiscovery();
        vm.bridge().drain();
        ClusterDetailViewModel detail = TestConsole.detail(vm.fleet(), runner, vm.session()::loadDetail);
        detail.show(EDGE);
        assertThat(vm.fleet().row(EDGE).orElseThrow().hybridText()).isEqualTo("—");
        assertThat(remoteNetworks(detail).status()).isEqualTo(CheckStatus.WARN);

        // an enable-hybrid operation changed the cluster in AWS
        clusters.set(0, cluster("us-west-2", "edge-prod", "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE));
        assertThat(vm.fleet().row(EDGE).orElseThrow().hybridText()).as("stale until re-read").isEqualTo("—");
        vm.session().refreshCluster(EDGE);
        vm.bridge().drain();

        assertThat(vm.fleet().clusterRows()).hasSize(1);
        assertThat(vm.fleet().row(EDGE).orElseThrow().hybridText()).isEqualTo("10.200.0.0/16 / 10.201.0.0/16");
        assertThat(remoteNetworks(detail).status()).isEqualTo(CheckStatus.PASS);
        assertThat(remoteNetworks(detail).reason()).contains("Nodes 10.200.0.0/16; pods 10.201.0.0/16");
        assertThat(vm.activity().rows()).extracting(ActivityRow::message)
                .contains("Re-read the cluster after the change (hybrid mode on)");
    }

    private static Check remoteNetworks(ClusterDetailViewModel detail) {
        return detail.detailProperty().get().checks().stream().filter(c -> c.id().equals(HybridRequirements.REMOTE_NETWORKS))
                .findFirst().orElseThrow();
    }
}
