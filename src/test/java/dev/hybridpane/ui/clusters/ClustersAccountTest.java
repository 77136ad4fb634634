package dev.hybridpane.ui.clusters;

import static dev.hybridpane.ui.TestData.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.TestConsole;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.FleetViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/** Every row names its AWS account: read from the cluster's ARN, by the picked account's name when one names it. */
class ClustersAccountTest {
    private final FleetViewModel fleet = new FleetViewModel();
    private final Map<String, String> names = Map.of("444455556666", "hybridpane-lab-staging");
    private final ClustersViewModel vm = new ClustersViewModel(fleet, new SimpleObjectProperty<>(),
            TestConsole.detail(fleet, new SyncTaskRunner(), c -> new CompletableFuture<>()), () -> { }, names::get);

    private static Cluster inAccount(String account, String region, String name) {
        return inAccount(account, new ClusterRef(region, name));
    }

    /** @param ref with an account when the cluster is found through a picked pair */
    private static Cluster inAccount(String account, ClusterRef ref) {
        String region = ref.region();
        String name = ref.name();
        Cluster c = cluster(region, name, "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE);
        return new Cluster(ref, "arn:aws:eks:" + region + ":" + account + ":cluster/" + name, c.version(), c.status(),
                c.endpoint(), c.endpointAccess(), c.authenticationMode(), c.ipFamily(), c.vpcId(), c.subnetIds(),
                c.securityGroupIds(), c.clusterSecurityGroupId(), c.serviceCidr(), c.remoteNodeCidrs(),
                c.remotePodCidrs(), c.certificateAuthority(), c.createdAt(), c.tags());
    }

    private ClusterRow row(String name) {
        return fleet.clusterRows().stream().filter(r -> r.cluster().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theAccountComesFromTheArnAndIsNamedWhenAPickNamesIt() {
        fleet.apply(List.of(new FleetUpdate.ClusterFound(inAccount("111122223333", "us-west-2", "edge-prod")),
                new FleetUpdate.ClusterFound(inAccount("444455556666", "us-west-2", "staging-edge"))));
        assertThat(vm.account(row("edge-prod"))).isEqualTo("111122223333");
        assertThat(vm.accountLabel(row("edge-prod"))).isEqualTo("111122223333");
        assertThat(vm.account(row("staging-edge"))).isEqualTo("hybridpane-lab-staging");
        assertThat(vm.accountLabel(row("staging-edge"))).isEqualTo("hybridpane-lab-staging (444455556666)");
        assertThat(ClustersViewModel.accountId(row("staging-edge"))).isEqualTo("444455556666");
    }

    @Test
    void theFilterMatchesTheAccountsNameAndId() {
        fleet.apply(List.of(new FleetUpdate.ClusterFound(inAccount("111122223333", "us-west-2", "edge-prod")),
                new FleetUpdate.ClusterFound(inAccount("444455556666", "us-west-2", "staging-edge")),
                new FleetUpdate.ClusterFound(inAccount("444455556666", "eu-west-1", "staging-eu"))));
        vm.filterProperty().set("lab-staging");
        assertThat(vm.sorted()).extracting(r -> r.cluster().name()).containsExactly("staging-edge", "staging-eu");
        vm.filterProperty().set("1111222");
        assertThat(vm.sorted()).extracting(r -> r.cluster().name()).containsExactly("edge-prod");
        vm.filterProperty().set("");
        assertThat(vm.sorted()).hasSize(3);
    }

    @Test
    void anotherAccountsClusterIsReadOnlyInTheDetail() {
        ClusterRef staging = new ClusterRef("us-west-2", "staging-edge", "444455556666");
        ClusterRef own = new ClusterRef("us-west-2", "edge-prod");
        fleet.apply(List.of(new FleetUpdate.ClusterFound(inAccount("111122223333", own)),
                new FleetUpdate.ClusterFound(inAccount("444455556666", staging))));
        List<ClusterRef> enabled = new ArrayList<>();
        SyncTaskRunner runner = new SyncTaskRunner();
        // the synchronous runner waits for the load: it fails at once (the detail's reading is not what this checks)
        ClusterDetailViewModel detail = new ClusterDetailViewModel(fleet, runner,
                c -> CompletableFuture.failedFuture(new IllegalStateException("no detail in this test")),
                new ClusterAccessViewModel(runner, List::of, ref -> null, (ref, context) -> { }),
                new HybridConfigViewModel(runner, ref -> List.of()), enabled::add);
        detail.show(staging);
        assertThat(detail.rowProperty().get().ref()).isEqualTo(staging);
        assertThat(detail.otherAccountProperty().get()).isTrue();
        detail.enableHybrid();
        assertThat(enabled).as("no change on another account's cluster").isEmpty();
        detail.show(own);
        assertThat(detail.otherAccountProperty().get()).isFalse();
        detail.enableHybrid();
        assertThat(enabled).containsExactly(own);
    }

    @Test
    void anArnWithNoAccountShowsNone() {
        Cluster c = inAccount("111122223333", "us-west-2", "odd");
        fleet.apply(List.of(new FleetUpdate.ClusterFound(new Cluster(c.ref(), "", c.version(), c.status(), c.endpoint(),
                c.endpointAccess(), c.authenticationMode(), c.ipFamily(), c.vpcId(), c.subnetIds(), c.securityGroupIds(),
                c.clusterSecurityGroupId(), c.serviceCidr(), c.remoteNodeCidrs(), c.remotePodCidrs(),
                c.certificateAuthority(), c.createdAt(), c.tags()))));
        assertThat(vm.account(row("odd"))).isEmpty();
        assertThat(vm.accountLabel(row("odd"))).isEmpty();
    }
}
