package dev.hybridpane.app;

import dev.hybridpane.core.AwsProfiles;
import dev.hybridpane.core.ClusterPort;
import dev.hybridpane.core.SettingsStore;
import dev.hybridpane.core.SsoAccounts;
import dev.hybridpane.core.pool.PoolEventsPort;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.ui.EnvironmentInfo;
import dev.hybridpane.ui.HybridTools;
import dev.hybridpane.ui.hosts.HostsServices;
import dev.hybridpane.ui.pools.wizard.PoolTools;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What the console's window is built from: the ports of the environment it opened on, filled once by
 * {@link Composition} (or by a test with fakes) and turned into view models by {@link ConsoleUi}. Every feature is
 * present; one that an environment lacks is given as an implementation that says so, never as null.
 *
 * @param io          executor for blocking work (AWS calls, detail loads, OS theme detection)
 * @param configDir   where the settings live, shown in Settings
 * @param environment what the UI is told about the environment (badge, suggestions)
 * @param hosts       SSH, inventory and known hosts for the Edge Hosts view
 * @param hybrid      the import and enable-hybrid use cases, journals and CA
 * @param profileStore the cluster profiles, kept in each cluster
 * @param pools       node pool creation: the use case per AWS profile, the pool objects, journals and locks
 * @param poolEvents  a pool's history (its Events and members), read once when the pool detail opens
 * @param day2        the day-2 use cases per AWS profile (host changes, removal, upgrade, rotation, SSM hygiene); null
 *                    where the environment has none (the pool detail's actions then say so)
 * @param network     the network doctor and its fixes per AWS profile; null where the environment has none (the Network
 *                    view then says so)
 * @param accounts    the accounts and roles of AWS SSO profiles, for the account picker and the fleet of many accounts;
 *                    {@link SsoAccounts#NONE} where no profile signs in through AWS SSO (the lab's static keys, tests)
 */
public record ConsolePorts(AwsProfiles profiles, ClusterPort clusterPort, SettingsStore settingsStore, Executor io,
        Clock clock, Path configDir, String version, EnvironmentInfo environment, HostsServices hosts,
        HybridTools hybrid, ProfileStore profileStore, PoolTools pools, PoolEventsPort poolEvents,
        Function<String, Day2Core> day2, Function<String, NetworkDoctors> network, SsoAccounts accounts) {

    /** Where no profile signs in through AWS SSO. */
    public ConsolePorts(AwsProfiles profiles, ClusterPort clusterPort, SettingsStore settingsStore, Executor io,
            Clock clock, Path configDir, String version, EnvironmentInfo environment, HostsServices hosts,
            HybridTools hybrid, ProfileStore profileStore, PoolTools pools, PoolEventsPort poolEvents,
            Function<String, Day2Core> day2, Function<String, NetworkDoctors> network) {
        this(profiles, clusterPort, settingsStore, io, clock, configDir, version, environment, hosts, hybrid, profileStore,
                pools, poolEvents, day2, network, SsoAccounts.NONE);
    }

    /** Without the network doctor (tests of other features). */
    public ConsolePorts(AwsProfiles profiles, ClusterPort clusterPort, SettingsStore settingsStore, Executor io,
            Clock clock, Path configDir, String version, EnvironmentInfo environment, HostsServices hosts,
            HybridTools hybrid, ProfileStore profileStore, PoolTools pools, PoolEventsPort poolEvents,
            Function<String, Day2Core> day2) {
        this(profiles, clusterPort, settingsStore, io, clock, configDir, version, environment, hosts, hybrid, profileStore,
                pools, poolEvents, day2, null);
    }

    /** Without day-2 use cases (tests of other features). */
    public ConsolePorts(AwsProfiles profiles, ClusterPort clusterPort, SettingsStore settingsStore, Executor io,
            Clock clock, Path configDir, String version, EnvironmentInfo environment, HostsServices hosts,
            HybridTools hybrid, ProfileStore profileStore, PoolTools pools, PoolEventsPort poolEvents) {
        this(profiles, clusterPort, settingsStore, io, clock, configDir, version, environment, hosts, hybrid, profileStore,
                pools, poolEvents, null);
    }

    /** Without node pool creation (tests of other features): creating one says it is not available here. */
    public ConsolePorts(AwsProfiles profiles, ClusterPort clusterPort, SettingsStore settingsStore, Executor io,
            Clock clock, Path configDir, String version, EnvironmentInfo environment, HostsServices hosts,
            HybridTools hybrid, ProfileStore profileStore, PoolEventsPort poolEvents) {
        this(profiles, clusterPort, settingsStore, io, clock, configDir, version, environment, hosts, hybrid, profileStore,
                PoolTools.unavailable("Node pools are not available in this environment."), poolEvents);
    }

    public ConsolePorts {
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(clusterPort, "clusterPort");
        Objects.requireNonNull(settingsStore, "settingsStore");
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(hybrid, "hybrid");
        Objects.requireNonNull(profileStore, "profileStore");
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(poolEvents, "poolEvents");
        accounts = accounts == null ? SsoAccounts.NONE : accounts;
    }
}
