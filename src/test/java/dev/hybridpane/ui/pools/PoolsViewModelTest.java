package dev.hybridpane.ui.pools;

import static dev.hybridpane.ui.pools.PoolFixtures.FACTORY;
import static dev.hybridpane.ui.pools.PoolFixtures.GPU;
import static dev.hybridpane.ui.pools.PoolFixtures.REF;
import static dev.hybridpane.ui.pools.PoolFixtures.RETAIL;
import static dev.hybridpane.ui.pools.PoolFixtures.T0;
import static dev.hybridpane.ui.pools.PoolFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.pool.LivePool;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.ui.TestData;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.profiles.ClusterChoice;
import dev.hybridpane.ui.profiles.ClusterNotice;
import dev.hybridpane.ui.profiles.DiffRow;
import dev.hybridpane.ui.profiles.LayerField;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Node Pools view model fed by the fleet's updates: rows, update availability, filters, detail, chart samples. */
class PoolsViewModelTest {
    private final PoolFixtures fx = new PoolFixtures();
    private final PoolsViewModel vm = new PoolsViewModel(fx.fleet, fx::access, fx.services(), fx.history,
            fx.day2(new SyncTaskRunner(), Runnable::run), new SyncTaskRunner(), fx.clock);

    private PoolRow row(String pool) {
        return vm.rows().stream().filter(r -> r.name().equals(pool)).findFirst().orElseThrow();
    }

    @Test
    void listsTheHybridClustersPoolsWithHealthStatusAndUpdateAvailability() {
        assertThat(vm.rows()).as("nothing is followed before load").isEmpty();
        vm.load();

        assertThat(vm.rows()).extracting(PoolRow::key)
                .containsExactly("us-west-2/retail-edge/dallas-gpu", "us-west-2/retail-edge/store-pos");
        PoolRow gpu = row("dallas-gpu");
        assertThat(List.of(gpu.healthText(), gpu.statusText(), gpu.readyText(), gpu.siteText(), gpu.profileText(),
                gpu.updateText())).containsExactly("degraded", "Running", "2/4", "dallas-dc", "gpu-ssm@1",
                "v1 → v2 available");
        assertThat(gpu.updateAvailable()).isTrue();
        PoolRow pos = row("store-pos");
        assertThat(List.of(pos.healthText(), pos.statusText(), pos.readyText(), pos.profileText(), pos.updateText()))
                .as("a label-only pool: its nodes' profile labels, as the store reads them")
                .containsExactly("healthy", "unmanaged", "1/1", "gpu-ssm@2", "up to date");
        assertThat(vm.notices()).extracting(ClusterNotice::cluster).containsExactly(FACTORY);
        assertThat(vm.notices().get(0).message()).startsWith("Not connected to factory yet");
        assertThat(fx.profileReads).containsExactly("retail-edge");

        // the nodes go down: the pool is down; its object goes: the pool is only labels now
        fx.fleet.apply(List.of(new FleetUpdate.NodeUpserted(REF, TestData.hybrid("mi-0a", "dallas-gpu", "dallas-dc", false)),
                new FleetUpdate.NodeUpserted(REF, TestData.hybrid("mi-0b", "dallas-gpu", "dallas-dc", false))));
        assertThat(row("dallas-gpu").healthText()).isEqualTo("down");
        fx.fleet.apply(List.of(new FleetUpdate.PoolUpserted(REF, new LivePool(GPU, "Error"))));
        assertThat(row("dallas-gpu").statusText()).isEqualTo("Error");
        fx.fleet.apply(List.of(new FleetUpdate.PoolDeleted(REF, "dallas-gpu")));
        assertThat(row("dallas-gpu").statusText()).isEqualTo("unmanaged");
        assertThat(row("dallas-gpu").readyText()).isEqualTo("0/3");
    }

    @Test
    void aPoolWhoseProfileChangesRereadsItsClustersProfiles() {
        vm.load();
        assertThat(fx.profileReads).hasSize(1);
        fx.fleet.apply(List.of(new FleetUpdate.PoolUpserted(REF, new LivePool(GPU, "Updating"))));
        assertThat(fx.profileReads).as("the same profile version: nothing to read").hasSize(1);

        fx.fleet.apply(List.of(new FleetUpdate.PoolUpserted(REF,
                new LivePool(GPU.withProfile(new ProfileRef("gpu-ssm", 2)), "Running"))));
        assertThat(fx.profileReads).hasSize(2);
        assertThat(row("dallas-gpu").updateText()).isEqualTo("up to date");

        // a new version saved elsewhere shows on Refresh
        fx.retailProfiles.put(fx.retailProfiles.list().get(0).save(PoolFixtures.v1(), T0, "cy").profile());
        assertThat(row("dallas-gpu").updateText()).isEqualTo("up to date");
        vm.refreshProfiles();
        assertThat(row("dallas-gpu").updateText()).isEqualTo("v2 → v3 available");
        assertThat(row("store-pos").updateText()).isEqualTo("v2 → v3 available");
    }

    @Test
    void anotherEnvironmentEmptiesTheListAndItsPoolsShowAgainWhenTheyArrive() {
        vm.load();
        vm.selectedProperty().set(row("dallas-gpu"));
        fx.fleet.reset();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.clusters()).isEmpty();
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.detail().nodes()).isEmpty();

        fx.fleet.apply(List.of(new FleetUpdate.ClusterFound(RETAIL),
                new FleetUpdate.NodeUpserted(REF, TestData.hybrid("mi-9", "new-pool", "dallas-dc", true))));
        assertThat(vm.rows()).extracting(PoolRow::name, PoolRow::statusText)
                .containsExactly(tuple("new-pool", "unmanaged"));
        assertThat(fx.profileReads).as("the cluster's profiles read again").hasSize(2);
    }

    @Test
    void filtersByClusterAndText() {
        vm.load();
        assertThat(vm.clusterChoices()).extracting(ClusterChoice::toString)
                .containsExactly("All clusters", "retail-edge  (us-west-2)", "factory  (us-east-1)");
        vm.filterProperty().set("unmanaged");
        assertThat(vm.filteredRows()).extracting(PoolRow::name).containsExactly("store-pos");
        vm.filterProperty().set("dallas available");
        assertThat(vm.filteredRows()).extracting(PoolRow::name).containsExactly("dallas-gpu");
        vm.filterProperty().set("");
        vm.selectedProperty().set(row("dallas-gpu"));
        vm.clusterChoiceProperty().set(vm.clusterChoices().get(2));
        assertThat(vm.filteredRows()).isEmpty();
        assertThat(vm.selectedProperty().get()).as("a pool of another cluster is no longer selected").isNull();
        vm.clusterChoiceProperty().set(vm.clusterChoices().get(1));
        assertThat(vm.filteredRows()).hasSize(2);
    }

    @Test
    void theDetailShowsThePoolsSummaryNodesUpdateAndMergedEventStream() {
        vm.load();
        fx.fleet.apply(List.of(
                new FleetUpdate.EventSeen(REF, event("l1", "Node", "mi-0a", false, "NodeReady", T0.minusSeconds(60))),
                new FleetUpdate.EventSeen(REF, event("h2", "Node", "mi-0c", true, "NodeNotReady", T0.minusSeconds(300))),
                new FleetUpdate.EventSeen(REF, event("o1", "Node", "pos-1", false, "NodeReady", T0)),
                new FleetUpdate.EventSeen(FACTORY.ref(), event("f1", "HybridNodePool", "dallas-gpu", false, "X", T0))));
        vm.selectedProperty().set(row("dallas-gpu"));
        PoolDetailViewModel d = vm.detail();

        assertThat(fx.historyReads).containsExactly("dallas-gpu [mi-0a, mi-0b, mi-0c]");
        assertThat(d.summary()).extracting(LayerField::label, LayerField::value).contains(
                tuple("Labels", "workload=gpu"),
                tuple("Taints", "dedicated=gpu:NoSchedule"),
                tuple("Architecture", "amd64"),
                tuple("NTP servers", "time.example.net"),
                tuple("Hosts", "dallas-01, dallas-02 (VPN 10.200.1.1), dallas-03, dallas-04"));
        assertThat(d.nodes()).extracting(PoolNodeRow::hostText, PoolNodeRow::nodeText, PoolNodeRow::readyText)
                .as("hosts from the pool's status members; a host whose node has not joined")
                .containsExactly(tuple("dallas-01", "mi-0a", "Ready"),
                        tuple("dallas-02", "mi-0b", "Ready"),
                        tuple("dallas-03", "mi-0c", "NotReady"),
                        tuple("dallas-04", "(not joined)", "—"));
        assertThat(d.nodes().get(2).conditionsText()).isEqualTo("NodeStatusUnknown: Kubelet stopped posting node status.");
        assertThat(d.nodes().get(0).nodeConfigText()).isEqualTo("/etc/hybridpane/nodeconfig.yaml");

        // read and live, by uid, newest first; another pool's node and another cluster's pool are not the pool's
        assertThat(d.events().events()).extracting(ClusterEvent::uid).containsExactly("l1", "h2", "h1");
        fx.fleet.apply(List.of(new FleetUpdate.EventSeen(REF,
                event("l2", "HybridNodePool", "dallas-gpu", true, "HostFailed", T0.plusSeconds(5)))));
        assertThat(d.events().events()).extracting(ClusterEvent::uid).containsExactly("l2", "l1", "h2", "h1");
        d.events().typeProperty().set("Warning");
        assertThat(d.events().shown()).extracting(ClusterEvent::uid).containsExactly("l2", "h2");
        d.events().typeProperty().set(PoolEventsViewModel.ALL_TYPES);
        assertThat(d.events().sources()).containsExactly(PoolEventsViewModel.ALL_SOURCES, "Pool dallas-gpu", "mi-0a",
                "mi-0b", "mi-0c");
        d.events().sourceProperty().set("mi-0c");
        assertThat(d.events().shown()).extracting(ClusterEvent::uid).containsExactly("h2");
        d.events().sourceProperty().set("Pool dallas-gpu");
        assertThat(d.events().shown()).extracting(ClusterEvent::uid).containsExactly("l2", "h1");

        // the update: gpu-ssm v1 → v2, field by field
        assertThat(d.updateSummaryProperty().get()).startsWith("v1 → v2 of gpu-ssm: ");
        assertThat(d.diff()).extracting(DiffRow::field, DiffRow::from, DiffRow::to)
                .contains(tuple("version", "1.30", "1.31"));
        assertThat(d.diffFromProperty().get()).isEqualTo(1);
        assertThat(d.diffToProperty().get()).isEqualTo(2);

        // a live change of the pool keeps its events and filters
        fx.fleet.apply(List.of(new FleetUpdate.NodeUpserted(REF, TestData.hybrid("mi-0c", "dallas-gpu", "dallas-dc", true))));
        assertThat(vm.selectedProperty().get().readyText()).isEqualTo("3/4");
        assertThat(d.nodes().get(2).readyText()).isEqualTo("Ready");
        assertThat(d.events().sourceProperty().get()).isEqualTo("Pool dallas-gpu");
        assertThat(fx.historyReads).hasSize(1);

        // the fleet keeps the last 300 events fleet-wide; the open pool keeps what it saw
        List<FleetUpdate> noise = new ArrayList<>();
        for (int i = 0; i < FleetViewModel.MAX_EVENTS; i++) {
            noise.add(new FleetUpdate.EventSeen(REF, event("n" + i, "Node", "pos-1", false, "Noise", T0.plusSeconds(60 + i))));
        }
        fx.fleet.apply(noise);
        assertThat(fx.fleet.recentEvents()).extracting(r -> r.event().uid()).doesNotContain("l1", "l2");
        assertThat(d.events().events()).extracting(ClusterEvent::uid).containsExactly("l2", "l1", "h2", "h1");

        vm.selectedProperty().set(row("store-pos"));
        assertThat(d.summary()).extracting(LayerField::label).contains("Object");
        assertThat(d.events().events()).extracting(ClusterEvent::uid).as("only what the fleet still lists")
                .hasSize(FleetViewModel.MAX_EVENTS).doesNotContain("l1", "h2").contains("n299");
        assertThat(d.updateSummaryProperty().get()).startsWith("Up to date");
        assertThat(d.diff()).isEmpty();
    }

    @Test
    void readyNodesAreSampledOnChangesAndTicksForTheLastHour() {
        vm.load();
        vm.selectedProperty().set(row("dallas-gpu"));
        PoolDetailViewModel d = vm.detail();
        assertThat(d.chart()).extracting(ReadySamples.Sample::ready).containsExactly(2);

        fx.clock.advance(Duration.ofMinutes(5));
        fx.fleet.apply(List.of(new FleetUpdate.NodeUpserted(REF, TestData.hybrid("mi-0c", "dallas-gpu", "dallas-dc", true))));
        assertThat(d.chart()).extracting(ReadySamples.Sample::ready).containsExactly(2, 3);
        // an event batch that changes no pool adds no sample
        fx.fleet.apply(List.of(new FleetUpdate.NodeUpserted(REF, TestData.hybrid("pos-1", "store-pos", "austin-112", true))));
        assertThat(d.chart()).hasSize(2);

        // ticks of an unchanged count: the line reaches the present with one moving point
        for (int i = 0; i < 10; i++) {
            fx.clock.advance(Duration.ofMinutes(1));
            vm.sample();
        }
        assertThat(d.chart()).extracting(ReadySamples.Sample::ready).containsExactly(2, 3, 3);
        assertThat(d.chart().get(2).at()).isEqualTo(fx.clock.instant());

        // after an hour, the oldest point moves to the hour's start
        fx.clock.advance(Duration.ofMinutes(50));
        vm.sample();
        assertThat(d.chart().get(0).at()).isEqualTo(fx.clock.instant().minus(Duration.ofHours(1)));
        assertThat(d.chart()).allSatisfy(s -> assertThat(s.at()).isAfterOrEqualTo(fx.clock.instant().minusSeconds(3600)));
        for (int i = 0; i < 500; i++) {
            fx.clock.advance(Duration.ofSeconds(5));
            boolean ready = i % 2 == 0;
            fx.fleet.apply(List.of(new FleetUpdate.NodeUpserted(REF,
                    TestData.hybrid("mi-0c", "dallas-gpu", "dallas-dc", ready))));
        }
        assertThat(d.chart()).as("kept light").hasSizeLessThanOrEqualTo(ReadySamples.MAX_POINTS);
        assertThat(d.chart().get(d.chart().size() - 1).ready()).isEqualTo(2);
        assertThat(RETAIL.hybridEnabled()).isTrue();
    }
}
