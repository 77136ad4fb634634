package dev.hybridpane.ui;

import dev.hybridpane.core.ops.MemoryJournalStore;
import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.app.ConsolePorts;
import dev.hybridpane.app.ConsoleUi;
import dev.hybridpane.app.JsonSshSettingsStore;
import dev.hybridpane.core.AwsProfiles;
import dev.hybridpane.core.ClusterPort;
import dev.hybridpane.core.SettingsStore;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.pool.PoolEventsPort;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.core.ClusterDetail;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.ui.clusters.ClusterAccessViewModel;
import dev.hybridpane.ui.clusters.ClusterDetailViewModel;
import dev.hybridpane.ui.clusters.HybridConfigViewModel;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.fleet.FleetViewModel;
import java.util.List;
import java.util.function.Function;
import dev.hybridpane.ui.common.FxTaskRunner;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.hosts.HostsServices;
import dev.hybridpane.ui.shell.ShellStart;
import dev.hybridpane.ui.shell.ShellViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Ports for a console window on fakes: the environment is an embedded one (a badge, every region first) or an AWS
 * account; edge hosts and the hybrid setup are there but disabled, saying so when used, as the composition root's
 * rule is (a feature is never null).
 */
public final class TestConsole {
    private TestConsole() {
    }

    /** @param embedded an environment like the lab's (a badge, no account named); else an AWS account */
    public static EnvironmentInfo environment(boolean embedded, String summary) {
        return embedded ? new EnvironmentInfo("LAB", "Embedded lab · no AWS account used", summary, false, true,
                () -> null, () -> null) : EnvironmentInfo.awsAccount();
    }

    public static ConsolePorts ports(AwsProfiles aws, ClusterPort kube, SettingsStore store, Executor io,
            boolean embedded, String summary, Path configDir) {
        return ports(aws, kube, store, io, embedded, summary, configDir, "dev");
    }

    public static ConsolePorts ports(AwsProfiles aws, ClusterPort kube, SettingsStore store, Executor io,
            boolean embedded, String summary, Path configDir, String version) {
        return new ConsolePorts(aws, kube, store, io, Clock.systemDefaultZone(), configDir, version,
                environment(embedded, summary), hostsUnavailable(configDir), hybridUnavailable(),
                profilesUnavailable(), poolEventsUnavailable());
    }

    /** The window's state on these ports, reading what it opens with now (no discovery begun). */
    public static ShellViewModel shell(ConsolePorts ports, TaskRunner runner) {
        return ConsoleUi.shell(ports, runner, ShellStart.read(ports.settingsStore(), ports.profiles(), ports.environment()));
    }

    /** What a window opens with, its discovery begun on the ports' I/O executor. */
    public static ShellStart begin(ConsolePorts ports) {
        return ShellStart.begin(ports.settingsStore(), ports.profiles(), ports.environment(), ports.clusterPort(),
                ports.io(), ports.clock());
    }

    /** The console's window on these ports with the FX runner, reading what it opens with now. */
    public static ConsoleUi.Console window(ConsolePorts ports) {
        return ConsoleUi.build(ports, new FxTaskRunner(ports.io(), new FxExecutor()));
    }

    /** The same, with the OS's theme preference asked for before. */
    public static ConsoleUi.Console window(ConsolePorts ports, CompletableFuture<Boolean> osPrefersDark) {
        return ConsoleUi.build(ports, new FxTaskRunner(ports.io(), new FxExecutor()),
                ShellStart.read(ports.settingsStore(), ports.profiles(), ports.environment()), osPrefersDark);
    }

    /** A cluster detail with the given loader; its API access and hybrid configuration read nothing. */
    public static ClusterDetailViewModel detail(FleetViewModel fleet, TaskRunner runner,
            Function<Cluster, CompletableFuture<ClusterDetail>> loader) {
        return new ClusterDetailViewModel(fleet, runner, loader,
                new ClusterAccessViewModel(runner, List::of, ref -> null, (ref, context) -> { }),
                new HybridConfigViewModel(runner, ref -> List.of()), ref -> { });
    }

    /** SSH that would work, with an inventory that refuses: this window has no cluster inventory. */
    public static HostsServices hostsUnavailable(Path configDir) {
        FileKnownHostsStore known = new FileKnownHostsStore(configDir.resolve("known_hosts"));
        InventoryPort none = (ref, access) -> {
            throw new IllegalStateException("The edge host inventory is not available in this window.");
        };
        return new HostsServices(new MinaEdgePort(known), none, known, new JsonSshSettingsStore(configDir));
    }

    /** No profile store: opening one says so. */
    public static ProfileStore profilesUnavailable() {
        return (ref, access) -> {
            throw new IllegalStateException("Cluster profiles are not available in this window.");
        };
    }

    public static PoolEventsPort poolEventsUnavailable() {
        return (ref, access, pool, nodes) -> {
            throw new IllegalStateException("Pool events are not available in this window.");
        };
    }

    /** No AWS setup: opening it says so; journals in memory. */
    public static HybridTools hybridUnavailable() {
        return new HybridTools(profile -> {
            throw new IllegalStateException("Import and hybrid setup are not available in this window.");
        }, new MemoryJournalStore(), new BcCertificateAuthority());
    }
}
