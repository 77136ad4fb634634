package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.core.Settings;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.activity.ActivityRow;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.fleet.DiscoveryState;
import dev.hybridpane.ui.shell.CommandPaletteViewModel;
import dev.hybridpane.ui.shell.NavTarget;
import dev.hybridpane.ui.shell.PaletteItem;
import dev.hybridpane.ui.shell.ShellViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UiShellViewModelTest {
    private final FakeAws aws = new FakeAws();
    private final FakeClusterPort kube = new FakeClusterPort();
    private final MemorySettingsStore store = new MemorySettingsStore(null);

    private ShellViewModel shell(boolean lab) {
        aws.clustersByProfile.put("prod", List.of(
                cluster("us-west-2", "edge-prod", "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE),
                cluster("us-east-1", "core-legacy", "1.29", false, AuthenticationMode.CONFIG_MAP, EndpointAccess.PUBLIC)));
        aws.clustersByProfile.put("dev", List.of(
                cluster("us-east-1", "edge-dev", "1.32", true, AuthenticationMode.API, EndpointAccess.PUBLIC)));
        kube.failures.put(new ClusterRef("us-east-1", "core-legacy"), "The API server rejected the token (401).");
        UiContext ctx = new UiContext(aws, kube, store, Runnable::run, lab, "3 clusters in 2 regions", Path.of("/tmp/hp"));
        return new ShellViewModel(ctx, new SyncTaskRunner());
    }

    @Test
    void discoversConnectsAndLogsActivity() {
        ShellViewModel vm = shell(true);
        assertEquals(List.of("us-east-1", "us-west-2"), vm.selectedRegions(), "lab: all regions");
        vm.startDiscovery();
        vm.bridge().drain();
        assertEquals(DiscoveryState.DONE, vm.fleet().discoveryProperty().get());
        assertTrue(vm.readyProperty().get());
        assertEquals(2, vm.fleet().clusterRows().size());
        assertEquals("2 clusters · 1 connected · 1 failed", vm.fleet().statusTextProperty().get());
        assertEquals("111122223333", vm.accountProperty().get());
        List<String> messages = vm.activity().rows().stream().map(ActivityRow::message).toList();
        assertTrue(messages.contains("Connection failed: The API server rejected the token (401)."), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Discovery finished: 2 clusters in")), messages.toString());
        assertEquals(ActivityRow.Level.ERROR, vm.activity().rows().stream()
                .filter(r -> r.message().startsWith("Connection failed")).findFirst().orElseThrow().level());
    }

    @Test
    void switchingProfileClosesTheOldEnvironmentAndRemembersIt() {
        ShellViewModel vm = shell(false);
        assertEquals(List.of("us-east-1"), vm.selectedRegions(), "real: us-east-1 by default");
        vm.startDiscovery();
        vm.bridge().drain();
        assertEquals(List.of("core-legacy"), names(vm));
        vm.switchProfile("prod".equals(vm.profileProperty().get()) ? "dev" : "prod");
        vm.bridge().drain();
        assertEquals(List.of("prod"), aws.closedPorts);
        assertTrue(kube.closed.contains(new ClusterRef("us-east-1", "core-legacy")));
        assertEquals(List.of("edge-dev"), names(vm));
        vm.setRegions(List.of("us-west-2", "us-east-1"));
        vm.bridge().drain();
        assertEquals(List.of("us-east-1", "us-west-2"), vm.selectedRegions());
        vm.close();
        Settings saved = store.saved;
        assertEquals("dev", saved.profile());
        assertEquals(List.of("us-east-1", "us-west-2"), saved.regions());
    }

    @Test
    void paletteFindsViewsAndClustersByFuzzyText() {
        ShellViewModel vm = shell(true);
        vm.startDiscovery();
        vm.bridge().drain();
        List<PaletteItem> chosen = new ArrayList<>();
        CommandPaletteViewModel palette = new CommandPaletteViewModel(vm.fleet().clusterRows(), chosen::add);
        palette.show();
        assertEquals(NavTarget.values().length + 2, palette.results().size());
        palette.queryProperty().set("edprd");
        assertEquals("edge-prod", palette.results().get(0).title());
        palette.queryProperty().set("act");
        assertEquals("Activity", palette.results().get(0).title());
        palette.queryProperty().set("legacy");
        palette.choose();
        assertEquals(new ClusterRef("us-east-1", "core-legacy"), chosen.get(0).cluster());
        vm.choose(chosen.get(0));
        assertEquals(NavTarget.CLUSTERS, vm.viewProperty().get());
        assertEquals(new ClusterRef("us-east-1", "core-legacy"), vm.selectedClusterProperty().get());
    }

    private static List<String> names(ShellViewModel vm) {
        return vm.fleet().clusterRows().stream().map(r -> r.cluster().name()).sorted().toList();
    }
}
