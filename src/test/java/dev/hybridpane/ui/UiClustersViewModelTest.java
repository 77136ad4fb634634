package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hybridpane.core.ClusterDetail;
import dev.hybridpane.core.FleetService;
import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ComputeType;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.clusters.ClusterDetailViewModel;
import dev.hybridpane.ui.clusters.ClustersViewModel;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.FleetViewModel;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class UiClustersViewModelTest {
    private final FleetViewModel fleet = new FleetViewModel();
    private final FakeAws aws = new FakeAws();

    private ClustersViewModel model(ClusterDetailViewModel detail) {
        return new ClustersViewModel(fleet, new SimpleObjectProperty<>(), detail, () -> { }, id -> null);
    }

    private void load() {
        fleet.apply(List.of(
                new FleetUpdate.ClusterFound(cluster("us-west-2", "edge-prod", "1.31", true, AuthenticationMode.API,
                        EndpointAccess.PRIVATE)),
                new FleetUpdate.ClusterFound(cluster("us-east-1", "edge-stage", "1.30", true, AuthenticationMode.API,
                        EndpointAccess.PUBLIC)),
                new FleetUpdate.ClusterFound(cluster("us-east-1", "core-legacy", "1.29", false,
                        AuthenticationMode.CONFIG_MAP, EndpointAccess.PUBLIC_AND_PRIVATE))));
    }

    private ClusterDetailViewModel detail(CompletableFuture<ClusterDetail> answer) {
        return TestConsole.detail(fleet, new SyncTaskRunner(), c -> answer);
    }

    @Test
    void filtersOverNameRegionVersionAndStatus() {
        load();
        ClustersViewModel vm = model(detail(new CompletableFuture<>()));
        assertEquals(3, vm.sorted().size());
        vm.filterProperty().set("edge");
        assertEquals(2, vm.sorted().size());
        vm.filterProperty().set("us-east-1 1.29");
        assertEquals(List.of("core-legacy"), vm.sorted().stream().map(r -> r.cluster().name()).toList());
        vm.filterProperty().set("ACTIVE");
        assertEquals(3, vm.sorted().size());
        vm.filterProperty().set("connecting");
        assertEquals(3, vm.sorted().size(), "status includes the connection state");
        vm.filterProperty().set("nope");
        assertEquals(0, vm.sorted().size());
        vm.filterProperty().set("");
        assertEquals(3, vm.sorted().size());
    }

    @Test
    void withoutASortColumnTheClustersAreInNameOrderWhateverOrderDiscoveryFoundThemIn() {
        ClustersViewModel vm = model(detail(new CompletableFuture<>()));
        var tableComparator = new SimpleObjectProperty<Comparator<ClusterRow>>();
        vm.sortBy(tableComparator);
        load(); // found as edge-prod, edge-stage, core-legacy
        fleet.apply(List.of(new FleetUpdate.ClusterFound(cluster("eu-west-1", "edge-prod", "1.31", true,
                AuthenticationMode.API, EndpointAccess.PRIVATE))));
        assertEquals(List.of("core-legacy", "edge-prod", "edge-prod", "edge-stage"), names(vm));
        assertEquals("eu-west-1", vm.sorted().get(1).ref().region(), "same name: by region");
        tableComparator.set(Comparator.comparing((ClusterRow r) -> r.cluster().version()));
        assertEquals("core-legacy", names(vm).get(0));
        assertEquals("edge-prod", names(vm).get(3), "the table's column sort wins");
        tableComparator.set(null);
        assertEquals(List.of("core-legacy", "edge-prod", "edge-prod", "edge-stage"), names(vm), "unsorted again: by name");
    }

    @Test
    void sortsByTheBoundComparatorAndKeepsSortingLiveRows() {
        load();
        ClustersViewModel vm = model(detail(new CompletableFuture<>()));
        assertEquals(List.of("core-legacy", "edge-prod", "edge-stage"), names(vm));
        vm.sorted().setComparator(Comparator.comparing((ClusterRow r) -> r.cluster().version()).reversed());
        assertEquals(List.of("edge-prod", "edge-stage", "core-legacy"), names(vm));
        vm.sorted().setComparator(Comparator.comparingInt((ClusterRow r) -> r.counts().hybridTotal()).reversed()
                .thenComparing(ClusterRow::ref));
        fleet.apply(List.of(new FleetUpdate.NodeUpserted(new ClusterRef("us-east-1", "edge-stage"),
                TestData.hybrid("mi-1", "p", "s", true))));
        assertEquals("edge-stage", names(vm).get(0), "a live count change re-sorts");
    }

    @Test
    void detailLoadsShowsPartErrorsAndLiveCounts() {
        load();
        aws.accessEntriesDenied = true;
        FleetService service = new FleetService(aws.open("x"), new FakeClusterPort(), Runnable::run, u -> { }, r -> null,
                Clock.systemUTC());
        ClusterDetailViewModel detail = TestConsole.detail(fleet, new SyncTaskRunner(), service::loadDetail);
        ClustersViewModel vm = model(detail);
        ClusterRef edge = new ClusterRef("us-west-2", "edge-prod");
        vm.selectedProperty().set(edge);
        ClusterDetail d = detail.detailProperty().get();
        assertNotNull(d);
        assertEquals("Not allowed to call eks:ListAccessEntries on edge-prod.", d.accessEntriesError());
        assertNotNull(d.network(), "network still shows when access entries fail");
        assertEquals(4, d.checks().size());
        assertEquals(0, detail.byTypeProperty().get().get(ComputeType.HYBRID).total());
        fleet.apply(List.of(new FleetUpdate.NodeUpserted(edge, TestData.hybrid("mi-1", "p", "s", false))));
        assertEquals(1, detail.byTypeProperty().get().get(ComputeType.HYBRID).total());
        assertEquals(0, detail.byTypeProperty().get().get(ComputeType.HYBRID).ready());
    }

    @Test
    void detailFailureIsASentence() {
        load();
        ClusterDetailViewModel detail = detail(CompletableFuture.failedFuture(new IllegalStateException("VPC gone.")));
        ClustersViewModel vm = model(detail);
        vm.selectedProperty().set(new ClusterRef("us-east-1", "edge-stage"));
        assertNull(detail.detailProperty().get());
        assertEquals("VPC gone.", detail.errorProperty().get());
    }

    private static List<String> names(ClustersViewModel vm) {
        return vm.sorted().stream().map(r -> r.cluster().name()).toList();
    }
}
