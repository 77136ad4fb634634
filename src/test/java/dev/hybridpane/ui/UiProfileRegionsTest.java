package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hybridpane.app.ConsolePorts;
import dev.hybridpane.core.Settings;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.shell.ShellStart;
import dev.hybridpane.ui.shell.ShellViewModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A profile opens first on its own region (as the aws CLI chooses it), then on the regions picked for it. */
class UiProfileRegionsTest {
    private final FakeAws aws = new FakeAws();
    private final FakeClusterPort kube = new FakeClusterPort();
    private final MemorySettingsStore store = new MemorySettingsStore(null);

    UiProfileRegionsTest() {
        aws.regions.add("eu-central-1");
        aws.clustersByProfile.put("default", List.of(
                cluster("us-west-2", "edge-prod", "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE),
                cluster("us-east-1", "core-legacy", "1.29", false, AuthenticationMode.API, EndpointAccess.PUBLIC)));
        aws.clustersByProfile.put("deploy", List.of(
                cluster("eu-central-1", "edge-eu", "1.32", true, AuthenticationMode.API, EndpointAccess.PUBLIC)));
        aws.clustersByProfile.put("plain", List.of());
        aws.defaultRegions.put("default", "us-west-2");
        aws.defaultRegions.put("deploy", "eu-central-1");
    }

    private ShellViewModel shell() {
        ConsolePorts ctx = TestConsole.ports(aws, kube, store, Runnable::run, false, null, Path.of("/tmp/hp"));
        return TestConsole.shell(ctx, new SyncTaskRunner());
    }

    @Test
    void firstOpenIsOnTheProfilesRegionThenOnTheRegionsPickedForIt() {
        ShellViewModel vm = shell();
        assertEquals("default", vm.profileProperty().get());
        assertEquals(List.of("us-west-2"), vm.selectedRegions(), "the profile's own region, not us-east-1");
        vm.startDiscovery();
        vm.bridge().drain();
        assertEquals(List.of("edge-prod"), vm.fleet().clusterRows().stream().map(r -> r.cluster().name()).toList());

        vm.setRegions(List.of("us-east-1", "us-west-2"));
        vm.bridge().drain();
        vm.switchProfile("deploy");
        vm.bridge().drain();
        assertEquals(List.of("eu-central-1"), vm.selectedRegions(), "another profile's first open: its own region");
        assertEquals(List.of("edge-eu"), vm.fleet().clusterRows().stream().map(r -> r.cluster().name()).toList());
        vm.switchProfile("plain");
        assertEquals(List.of("us-east-1"), vm.selectedRegions(), "a profile with no region: us-east-1, as before");
        vm.switchProfile("default");
        assertEquals(List.of("us-east-1", "us-west-2"), vm.selectedRegions(), "the regions picked for it");
        vm.close();

        Settings saved = store.saved;
        assertEquals("default", saved.profile());
        assertEquals(List.of("us-east-1", "us-west-2"), saved.regionsOf("default").orElseThrow());
        assertEquals(List.of(), saved.regionsOf("deploy").orElse(List.of()), "nothing picked for deploy: not remembered");

        // the next start: the remembered set, not the profile's region
        ShellStart again = ShellStart.read(store, aws, TestConsole.environment(false, null));
        assertEquals("default", again.profile());
        assertEquals(List.of("us-east-1", "us-west-2"), again.regions());
    }

    @Test
    void regionsPickedForOneProfileAreNotAnothersFirstOpen() {
        store.saved = Settings.DEFAULTS.withProfileRegions("deploy", List.of("us-west-2"))
                .withProfile("default", List.of("us-west-2"));
        ShellStart start = ShellStart.read(store, aws, TestConsole.environment(false, null));
        assertEquals(List.of("us-west-2"), start.regions());
        assertEquals(List.of("us-west-2"), start.regionsFor(store.saved, "deploy"), "deploy's own pick");
        assertEquals(List.of("us-east-1"), start.regionsFor(store.saved, "plain"));
        aws.defaultRegions.put("plain", "ap-south-1"); // not on offer: us-east-1, as before
        assertEquals(List.of("us-east-1"), ShellStart.read(store, aws, TestConsole.environment(false, null))
                .regionsFor(store.saved, "plain"));
    }

    @Test
    void settingsOfEarlierVersionsKeepTheLastProfilesRegions() {
        // written before regions were remembered per profile: the last profile and its regions only
        store.saved = Settings.DEFAULTS.withProfile("default", List.of("eu-central-1"));
        assertEquals(List.of("eu-central-1"), ShellStart.read(store, aws, TestConsole.environment(false, null)).regions());
        assertEquals(List.of("eu-central-1"), shell().selectedRegions());
    }

    @Test
    void anEmbeddedEnvironmentStillShowsEveryRegionFirst() {
        ShellStart start = ShellStart.read(store, aws, TestConsole.environment(true, "lab"));
        assertEquals(List.of("us-east-1", "us-west-2", "eu-central-1"), start.regions());
    }
}
