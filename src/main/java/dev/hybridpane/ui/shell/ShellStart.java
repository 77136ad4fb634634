package dev.hybridpane.ui.shell;

import dev.hybridpane.core.AwsProfiles;
import dev.hybridpane.core.ClusterPort;
import dev.hybridpane.core.EarlyDiscovery;
import dev.hybridpane.core.Settings;
import dev.hybridpane.core.SettingsStore;
import dev.hybridpane.core.SsoAccounts;
import dev.hybridpane.ui.EnvironmentInfo;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What the window opens with: the saved settings, the profiles and regions on offer, and the profile and regions shown
 * first. The settings and the AWS profile files are on disk: the console reads this before the window is built, off
 * the FX thread. {@link #begin} also starts discovering that environment at once, so that the first view's data is on
 * its way while the toolkit starts and the window is built; the window claims that discovery when it starts its own.
 * It is a snapshot of the start: later changes are the window's.
 *
 * @param profile        null when no profile is configured
 * @param discovery      the discovery begun for {@code profile} and {@code regions}, or null
 * @param defaultRegions each profile's own region as the aws CLI would choose it (profiles without one are absent)
 * @param allRegionsFirst whether a profile with no regions remembered shows every region (an embedded environment)
 * @param accounts       the accounts and roles of an AWS SSO profile's sign-in, whose picks join the fleet
 *                       ({@link SsoAccounts#NONE} where no profile signs in through AWS SSO)
 */
public record ShellStart(Settings settings, List<String> profiles, List<String> availableRegions, String profile,
        List<String> regions, EarlyDiscovery discovery, Map<String, String> defaultRegions, boolean allRegionsFirst,
        SsoAccounts accounts) implements AutoCloseable {

    public ShellStart {
        profiles = List.copyOf(profiles);
        availableRegions = List.copyOf(availableRegions);
        regions = List.copyOf(regions);
        defaultRegions = Map.copyOf(defaultRegions);
        accounts = accounts == null ? SsoAccounts.NONE : accounts;
    }

    /** Reads the settings and the profiles and regions on offer, and chooses the profile and regions to show first. */
    public static ShellStart read(SettingsStore store, AwsProfiles awsProfiles, EnvironmentInfo environment) {
        return read(store, awsProfiles, environment, SsoAccounts.NONE);
    }

    /** As above, with the accounts and roles of AWS SSO profiles (the other accounts picked join the fleet). */
    public static ShellStart read(SettingsStore store, AwsProfiles awsProfiles, EnvironmentInfo environment,
            SsoAccounts accounts) {
        Settings loaded;
        try {
            loaded = store.load();
        } catch (RuntimeException e) {
            loaded = null;
        }
        Settings settings = loaded == null ? Settings.DEFAULTS : loaded;
        List<String> profiles = awsProfiles.profiles();
        List<String> available = awsProfiles.availableRegions();
        Map<String, String> defaults = defaultRegions(awsProfiles);
        String profile = settings.profile() != null && profiles.contains(settings.profile()) ? settings.profile()
                : profiles.isEmpty() ? null : profiles.get(0);
        boolean allFirst = environment.allRegionsFirst();
        return new ShellStart(settings, profiles, available, profile,
                regionsFor(settings, profile, available, profile == null ? null : defaults.get(profile), allFirst), null,
                defaults, allFirst, accounts);
    }

    private static Map<String, String> defaultRegions(AwsProfiles awsProfiles) {
        try {
            return awsProfiles.defaultRegions();
        } catch (RuntimeException e) {
            return Map.of(); // an unreadable profile file: the window says so when the profile opens
        }
    }

    /** {@link #read}, then starts discovering the chosen profile and regions on the I/O threads. */
    public static ShellStart begin(SettingsStore store, AwsProfiles awsProfiles, EnvironmentInfo environment,
            ClusterPort clusterPort, Executor io, Clock clock) {
        return begin(store, awsProfiles, environment, SsoAccounts.NONE, clusterPort, io, clock);
    }

    /** As above, discovering the other accounts' roles picked for the profile too, opened through {@code accounts}. */
    public static ShellStart begin(SettingsStore store, AwsProfiles awsProfiles, EnvironmentInfo environment,
            SsoAccounts accounts, ClusterPort clusterPort, Executor io, Clock clock) {
        ShellStart start = read(store, awsProfiles, environment, accounts);
        if (start.profile() == null) {
            return start;
        }
        Settings settings = start.settings();
        EarlyDiscovery discovery = EarlyDiscovery.start(awsProfiles, accounts, settings.accountsOf(start.profile()),
                start.profile(), start.regions(), clusterPort, io, ref -> EnvironmentSession.kubeContext(settings, ref),
                clock);
        return new ShellStart(settings, start.profiles(), start.availableRegions(), start.profile(), start.regions(),
                discovery, start.defaultRegions(), start.allRegionsFirst(), accounts);
    }

    /** The regions a profile opens on, as {@link #regionsFor(Settings, String, List, String, boolean)} chooses them. */
    public List<String> regionsFor(Settings current, String p) {
        return regionsFor(current, p, availableRegions, p == null ? null : defaultRegions.get(p), allRegionsFirst);
    }

    /**
     * The regions a profile opens on: those the user picked for it, still on offer; else (settings written before
     * regions were remembered per profile) the regions shown last, when they were this profile's; else every region
     * on offer in an embedded environment; else the profile's own region (its first open); else us-east-1, or the
     * first region on offer.
     */
    static List<String> regionsFor(Settings settings, String profile, List<String> available, String profileRegion,
            boolean allFirst) {
        List<String> remembered = settings.regionsOf(profile).orElse(List.of()).stream().filter(available::contains)
                .toList();
        if (!remembered.isEmpty()) {
            return remembered;
        }
        if (settings.profileRegions().isEmpty() && profile != null && profile.equals(settings.profile())) {
            List<String> last = settings.regions().stream().filter(available::contains).toList();
            if (!last.isEmpty()) {
                return last;
            }
        }
        if (allFirst) {
            return List.copyOf(available);
        }
        if (profileRegion != null && (available.contains(profileRegion) || available.isEmpty())) {
            return List.of(profileRegion);
        }
        if (available.contains("us-east-1") || available.isEmpty()) {
            return List.of("us-east-1");
        }
        return List.of(available.get(0));
    }

    /** Closes the discovery begun here, unless the window claimed it. */
    @Override
    public void close() {
        if (discovery != null) {
            discovery.close();
        }
    }
}
