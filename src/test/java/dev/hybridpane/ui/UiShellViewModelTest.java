package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.app.ConsolePorts;
import dev.hybridpane.app.ConsoleUi;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.AwsProfiles;
import dev.hybridpane.core.Settings;
import dev.hybridpane.core.SettingsStore;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.activity.ActivityRow;
import dev.hybridpane.ui.common.AbstractTaskRunner;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.fleet.DiscoveryState;
import dev.hybridpane.ui.shell.CommandPaletteViewModel;
import dev.hybridpane.ui.shell.NavTarget;
import dev.hybridpane.ui.shell.PaletteItem;
import dev.hybridpane.ui.shell.ShellStart;
import dev.hybridpane.ui.shell.ShellViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
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
        ConsolePorts ctx = TestConsole.ports(aws, kube, store, Runnable::run, lab, "3 clusters in 2 regions", Path.of("/tmp/hp"));
        return TestConsole.shell(ctx, new SyncTaskRunner());
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
        assertEquals("", vm.accountProperty().get(), "the lab names no account");
        assertEquals("3 clusters in 2 regions · showing us-east-1, us-west-2",
                vm.settingsViewModel().environmentProperty().get());
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
        assertEquals("111122223333", vm.accountProperty().get(), "a real profile's account is read");
        assertEquals("AWS profile " + vm.profileProperty().get() + " · showing us-east-1",
                vm.settingsViewModel().environmentProperty().get());
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

    /** Runs work at once but holds the callbacks, like an FX thread busy building the window. */
    private static final class BusyFxRunner extends AbstractTaskRunner {
        final List<Runnable> callbacks = new ArrayList<>();

        @Override
        protected <T> void execute(String t, Callable<T> work,
                BiConsumer<T, Throwable> done) {
            try {
                T result = work.call();
                callbacks.add(() -> done.accept(result, null));
            } catch (Exception e) {
                callbacks.add(() -> done.accept(null, e));
            }
        }

        @Override
        protected <T> void follow(CompletableFuture<T> future,
                BiConsumer<T, Throwable> done) {
            future.whenComplete((r, e) -> callbacks.add(() -> done.accept(r, e)));
        }

        void runCallbacks() {
            List<Runnable> now = new ArrayList<>(callbacks);
            callbacks.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void theWindowTakesOverTheDiscoveryBegunBeforeIt() {
        shell(true);
        ConsolePorts ctx = TestConsole.ports(aws, kube, store, Runnable::run, true, "lab", Path.of("/tmp/hp"));
        ShellStart start = TestConsole.begin(ctx);
        assertEquals(List.of("prod"), aws.opened, "begun before any window exists");
        assertEquals(List.of("us-east-1", "us-west-2"), start.regions());

        ShellViewModel vm = ConsoleUi.shell(ctx, new SyncTaskRunner(), start);
        vm.startDiscovery();
        vm.bridge().drain();

        assertEquals(List.of("prod"), aws.opened, "taken over, not opened again");
        assertEquals(DiscoveryState.DONE, vm.fleet().discoveryProperty().get());
        assertEquals(List.of("core-legacy", "edge-prod"), names(vm));
        assertTrue(vm.readyProperty().get());
        vm.close();
        assertEquals(List.of("prod"), aws.closedPorts, "the window closes what it took over");
    }

    @Test
    void aRealProfileTakenOverFromTheStartHasItsAccountRead() {
        shell(false);
        ConsolePorts ctx = TestConsole.ports(aws, kube, store, Runnable::run, false, null, Path.of("/tmp/hp"));
        ShellViewModel vm = ConsoleUi.shell(ctx, new SyncTaskRunner(), TestConsole.begin(ctx));
        vm.startDiscovery();
        vm.bridge().drain();

        assertEquals(1, aws.opened.size(), "taken over");
        assertEquals("111122223333", vm.accountProperty().get());
        assertEquals(List.of("core-legacy"), names(vm));
    }

    @Test
    void aProfileThatCouldNotOpenBeforeTheWindowShowsWhyInTheWindow() {
        shell(true);
        AwsProfiles expired = new AwsProfiles() {
            @Override
            public List<String> profiles() {
                return List.of("sso-admin");
            }

            @Override
            public List<String> availableRegions() {
                return List.of("us-east-1");
            }

            @Override
            public AwsPort open(String profile) {
                throw new AwsFailure(FailureKind.EXPIRED_CREDENTIALS, "sso", "ExpiredToken",
                        "The SSO session for sso-admin has expired. Run aws sso login --profile sso-admin.", null);
            }
        };
        ConsolePorts ctx = TestConsole.ports(expired, kube, store, Runnable::run, false, null, Path.of("/tmp/hp"));
        ShellViewModel vm = ConsoleUi.shell(ctx, new SyncTaskRunner(), TestConsole.begin(ctx));
        vm.startDiscovery();
        vm.bridge().drain();

        assertEquals(DiscoveryState.FAILED, vm.fleet().discoveryProperty().get());
        assertTrue(vm.fleet().statusTextProperty().get().contains("The SSO session for sso-admin has expired"),
                vm.fleet().statusTextProperty().get());
        assertTrue(vm.readyProperty().get(), "settled: the view shows the reason, not a spinner");
    }

    @Test
    void aDiscoveryBegunForOtherRegionsIsClosedAndTheChosenOnesAreDiscovered() {
        shell(true);
        ConsolePorts ctx = TestConsole.ports(aws, kube, store, Runnable::run, true, "lab", Path.of("/tmp/hp"));
        ShellStart start = TestConsole.begin(ctx);
        ShellViewModel vm = ConsoleUi.shell(ctx, new SyncTaskRunner(), start);

        vm.setRegions(List.of("us-west-2")); // chosen before the first discovery started
        vm.bridge().drain();

        assertEquals(List.of("prod", "prod"), aws.opened);
        assertEquals(List.of("prod"), aws.closedPorts, "the one begun for both regions");
        assertTrue(kube.closed.contains(new ClusterRef("us-east-1", "core-legacy")));
        assertEquals(List.of("edge-prod"), names(vm));
    }

    @Test
    void settingsAreWrittenOffTheCallersThreadOneAfterAnotherInOrder() {
        shell(true);
        List<Runnable> io = new ArrayList<>();
        ConsolePorts ctx = TestConsole.ports(aws, kube, store, io::add, true, "lab", Path.of("/tmp/hp"));
        ShellViewModel vm = TestConsole.shell(ctx, new BusyFxRunner());
        vm.navigate(NavTarget.CLUSTERS);
        vm.save();
        vm.navigate(NavTarget.HOSTS);
        var closed = vm.close();

        assertEquals(0, store.saves, "the caller (the FX thread) does not write");
        assertEquals(1, io.size(), "the second write waits for the first");
        io.remove(0).run();
        assertEquals("clusters", store.saved.lastView());
        assertTrue(!closed.isDone());
        io.remove(0).run();
        assertEquals("hosts", store.saved.lastView(), "the last write wins");
        assertTrue(closed.isDone());
        assertTrue(io.isEmpty());
    }

    @Test
    void aFailedSettingsWriteIsLoggedAndDoesNotHoldTheNextOneBack() {
        shell(true);
        var failing = new SettingsStore() {
            boolean fail = true;
            Settings saved;

            @Override
            public Settings load() {
                return Settings.DEFAULTS;
            }

            @Override
            public void save(Settings settings) {
                if (fail) {
                    fail = false;
                    throw new UncheckedIOException("Could not write settings.json: disk full",
                            new IOException("disk full"));
                }
                saved = settings;
            }
        };
        ConsolePorts ctx = TestConsole.ports(aws, kube, failing, Runnable::run, true, "lab", Path.of("/tmp/hp"));
        ShellViewModel vm = TestConsole.shell(ctx, new SyncTaskRunner());
        vm.save();
        vm.navigate(NavTarget.HOSTS);
        vm.close().join();

        assertTrue(vm.activity().rows().stream().anyMatch(r -> r.level() == ActivityRow.Level.ERROR
                && r.message().contains("Could not save settings") && r.message().contains("disk full")),
                vm.activity().rows().toString());
        assertEquals("hosts", failing.saved.lastView());
    }

    @Test
    void discoveryDoesNotWaitForTheFxThread() {
        shell(true);
        BusyFxRunner busy = new BusyFxRunner();
        ConsolePorts ctx = TestConsole.ports(aws, kube, store, Runnable::run, true, "lab", Path.of("/tmp/hp"));
        ShellViewModel vm = TestConsole.shell(ctx, busy);
        vm.startDiscovery();
        vm.bridge().drain();
        assertEquals(DiscoveryState.DONE, vm.fleet().discoveryProperty().get(),
                "clusters are listed and described while the callbacks still wait for the FX thread");
        assertEquals(2, vm.fleet().clusterRows().size());
        busy.runCallbacks();
        assertTrue(vm.readyProperty().get());
    }

    @Test
    void anEnvironmentOpenedForAnOldChoiceIsClosedWhenItsCallbackFinallyRuns() {
        shell(false);
        BusyFxRunner busy = new BusyFxRunner();
        ConsolePorts ctx = TestConsole.ports(aws, kube, store, Runnable::run, false, null, Path.of("/tmp/hp"));
        ShellViewModel vm = TestConsole.shell(ctx, busy);
        vm.startDiscovery();
        String first = vm.profileProperty().get();
        vm.switchProfile("prod".equals(first) ? "dev" : "prod");
        busy.runCallbacks();
        vm.bridge().drain();
        assertEquals(List.of(first), aws.closedPorts, "the first profile's port is closed, the second stays open");
        List<String> expected = aws.clustersByProfile.get(vm.profileProperty().get()).stream()
                .filter(c -> vm.selectedRegions().contains(c.ref().region())).map(c -> c.ref().name()).sorted().toList();
        assertEquals(expected, names(vm), "only the current profile's clusters are listed");
    }

    @Test
    void paletteFindsViewsAndClustersByFuzzyText() {
        ShellViewModel vm = shell(true);
        vm.startDiscovery();
        vm.bridge().drain();
        List<PaletteItem> chosen = new ArrayList<>();
        CommandPaletteViewModel palette = new CommandPaletteViewModel(vm.fleet().clusterRows(), chosen::add, List::of);
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
