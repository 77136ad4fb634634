package dev.hybridpane.ui;

import dev.hybridpane.core.AwsProfiles;
import dev.hybridpane.core.ClusterPort;
import dev.hybridpane.core.SettingsStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Everything the UI needs from the composition root.
 *
 * @param io executor for blocking work (AWS calls, detail loads, OS theme detection)
 * @param lab true when running on the embedded lab
 * @param labDescription one sentence about the lab shown in the top bar tooltip and Settings, may be null
 * @param configDir where settings live, shown in Settings
 * @param version the application version shown in Settings, may be null
 * @param clock time source for the activity log and discovery
 * @param hosts SSH, inventory and known hosts for the Edge Hosts view; null shows the view's empty state
 * @param hybrid the import and enable-hybrid use cases, journals and CA (null: the wizards are unavailable)
 */
public record UiContext(AwsProfiles profiles, ClusterPort clusterPort, SettingsStore settingsStore, Executor io,
        boolean lab, String labDescription, Path configDir, String version, Clock clock,
        dev.hybridpane.ui.hosts.HostsServices hosts, HybridTools hybrid) {

    public UiContext {
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(clusterPort, "clusterPort");
        Objects.requireNonNull(settingsStore, "settingsStore");
        Objects.requireNonNull(io, "io");
        version = version == null ? "dev" : version;
        clock = clock == null ? Clock.systemDefaultZone() : clock;
    }

    /** Without edge hosts and hybrid tools (their views show what is missing). */
    public UiContext(AwsProfiles profiles, ClusterPort clusterPort, SettingsStore settingsStore, Executor io,
            boolean lab, String labDescription, Path configDir, String version, Clock clock) {
        this(profiles, clusterPort, settingsStore, io, lab, labDescription, configDir, version, clock,
                (dev.hybridpane.ui.hosts.HostsServices) null, (HybridTools) null);
    }

    /** With edge hosts, without the hybrid tools. */
    public UiContext(AwsProfiles profiles, ClusterPort clusterPort, SettingsStore settingsStore, Executor io,
            boolean lab, String labDescription, Path configDir, String version, Clock clock,
            dev.hybridpane.ui.hosts.HostsServices hosts) {
        this(profiles, clusterPort, settingsStore, io, lab, labDescription, configDir, version, clock, hosts, null);
    }

    /** With the hybrid tools, without edge hosts. */
    public UiContext(AwsProfiles profiles, ClusterPort clusterPort, SettingsStore settingsStore, Executor io,
            boolean lab, String labDescription, Path configDir, String version, Clock clock, HybridTools hybrid) {
        this(profiles, clusterPort, settingsStore, io, lab, labDescription, configDir, version, clock, null, hybrid);
    }

    /** The shape the composition root was promised: version "dev", system clock. */
    public UiContext(AwsProfiles profiles, ClusterPort clusterPort, SettingsStore settingsStore, Executor io,
            boolean lab, String labDescription, Path configDir) {
        this(profiles, clusterPort, settingsStore, io, lab, labDescription, configDir, null, null);
    }
}
