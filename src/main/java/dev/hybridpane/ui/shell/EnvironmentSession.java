package dev.hybridpane.ui.shell;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.AwsProfiles;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ClusterDetail;
import dev.hybridpane.core.ClusterPort;
import dev.hybridpane.core.EarlyDiscovery;
import dev.hybridpane.core.FleetService;
import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.core.Settings;
import dev.hybridpane.core.SsoAccounts;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.EnvironmentInfo;
import dev.hybridpane.ui.activity.ActivityRow.Level;
import dev.hybridpane.ui.activity.ActivityViewModel;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.FxBatchingBridge;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.FleetViewModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The environment the window shows: the AWS profile and regions, the account, and the discovery and live watch of their
 * clusters. Switching profile or regions closes the old {@link FleetService} and discovers again; updates reach the
 * fleet and the activity log once per pulse through the batching bridge.
 */
public final class EnvironmentSession {
    private final AwsProfiles awsProfiles;
    private final ClusterPort clusterPort;
    private final Executor io;
    private final Clock clock;
    private final EnvironmentInfo environment;
    private final TaskRunner runner;
    private final FleetViewModel fleet;
    private final ActivityViewModel activity;
    private final SettingsWriter settings;
    private final FxBatchingBridge bridge;
    /** What the window opened with: each profile's own region, for its first open. */
    private final ShellStart start;
    /** The accounts and roles of AWS SSO profiles: the other accounts picked join the fleet. */
    private final SsoAccounts accounts;
    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final ObservableList<String> availableRegions = FXCollections.observableArrayList();
    private final ObservableList<String> selectedRegions = FXCollections.observableArrayList();
    private final ObjectProperty<String> profile = new SimpleObjectProperty<>(this, "profile");
    private final ReadOnlyStringWrapper account = new ReadOnlyStringWrapper(this, "account", "");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    /** The discovery begun before the window, until the first {@link #startDiscovery()} claims or closes it. */
    private EarlyDiscovery early;
    private volatile int generation;
    /** The environment shown now: its AWS clients and the service watching its clusters (null until opened). */
    private FleetService.Opened current;

    /** Opens with what was read before; the first {@link #startDiscovery()} claims the discovery it began, if any. */
    public EnvironmentSession(AwsProfiles awsProfiles, ClusterPort clusterPort, Executor io, Clock clock,
            EnvironmentInfo environment, TaskRunner runner, FleetViewModel fleet, ActivityViewModel activity,
            SettingsWriter settings, ShellStart start) {
        this.awsProfiles = awsProfiles;
        this.clusterPort = clusterPort;
        this.io = io;
        this.clock = clock;
        this.environment = environment;
        this.runner = runner;
        this.fleet = fleet;
        this.activity = activity;
        this.settings = settings;
        this.bridge = new FxBatchingBridge(this::applyBatch);
        this.start = start;
        this.accounts = start.accounts();
        this.early = start.discovery();
        profiles.setAll(start.profiles());
        availableRegions.setAll(start.availableRegions());
        profile.set(start.profile());
        selectedRegions.setAll(start.regions());
        updateDescription();
    }

    private void applyBatch(List<FleetUpdate> batch) {
        fleet.apply(batch);
        activity.apply(batch);
    }

    /**
     * Closes the current environment (if any) and discovers the selected profile and regions. The first call takes over
     * the discovery begun before the window ({@link ShellStart#begin}) when it is of the same profile and regions.
     */
    public void startDiscovery() {
        closeService();
        // updates of the environment being replaced that the FX thread has not applied yet
        bridge.discardPending();
        fleet.reset();
        account.set("");
        int gen = ++generation;
        Consumer<FleetUpdate> sink = u -> {
            if (gen == generation) {
                bridge.accept(u);
            }
        };
        String p = profile.get();
        List<String> regions = List.copyOf(selectedRegions);
        List<String> picks = pickedAccounts();
        Function<ClusterRef, String> kubeContexts = this::kubeContext;
        EarlyDiscovery begun = early;
        early = null;
        Optional<CompletableFuture<FleetService.Opened>> claimed = begun != null && p != null
                && begun.isFor(p, regions, picks) ? begun.claim(sink, kubeContexts) : Optional.empty();
        if (begun != null && claimed.isEmpty()) {
            begun.close(); // another choice (or none) was made before the window's first discovery
        }
        if (p == null) {
            sink.accept(new FleetUpdate.EnvironmentFailed("No AWS profile is configured."));
            return;
        }
        if (environment.namesAccount()) {
            activity.log(Level.INFO, "", "Using profile " + p);
        }
        Consumer<FleetService.Opened> onOpened = opened -> opened(gen, opened, sink);
        Consumer<Throwable> onFailed = e -> sink.accept(new FleetUpdate.EnvironmentFailed(Errors.sentence(e)));
        if (claimed.isPresent()) {
            runner.await("Opening profile " + p, claimed.get()).onSuccess(onOpened).onError(onFailed).start();
            return;
        }
        // discovery starts on the I/O thread that opened the profile: it must not wait for the FX thread, which may
        // still be building and showing the window
        runner.task("Opening profile " + p, () -> FleetService.openAndDiscover(awsProfiles, accounts, picks, p, regions,
                clusterPort, io, sink, kubeContexts, clock)).onSuccess(onOpened).onError(onFailed).start();
    }

    /** The environment of discovery {@code gen} is open: keeps it, unless another was chosen since. */
    private void opened(int gen, FleetService.Opened opened, Consumer<FleetUpdate> sink) {
        opened.discovery().whenComplete((r, e) -> {
            if (e != null) {
                sink.accept(new FleetUpdate.EnvironmentFailed(Errors.sentence(e)));
            }
        });
        AwsPort port = opened.aws();
        if (gen != generation) {
            opened.close();
            return;
        }
        current = opened;
        if (!environment.namesAccount()) {
            // no account to name: an STS client and call would be work for nothing at startup
            return;
        }
        runner.task("Reading account", port::callerIdentity).onSuccess(id -> {
            if (gen == generation) {
                account.set(id.account());
            }
        }).onError(e -> {
            if (gen == generation) {
                account.set("unknown");
                activity.log(Level.WARNING, "", "Could not read the account: " + Errors.sentence(e));
            }
        }).start();
    }

    /**
     * Reads a cluster again after an operation changed it (import, enable hybrid): the fleet emits ClusterFound with
     * the new record, so the table, the detail's checks and the overview show it.
     */
    public void refreshCluster(ClusterRef ref) {
        FleetService s = service();
        if (s == null) {
            return;
        }
        String name = ref.name() + " · " + ref.region();
        runner.await("Re-reading " + ref.name(), s.refresh(ref))
                .onSuccess(c -> activity.log(Level.INFO, name,
                        "Re-read the cluster after the change" + (c.hybridEnabled() ? " (hybrid mode on)" : "")))
                .onError(e -> activity.log(Level.WARNING, name, "Could not re-read the cluster: " + Errors.sentence(e)))
                .start();
    }

    public void switchProfile(String p) {
        if (p == null || p.equals(profile.get())) {
            return;
        }
        // the regions picked for that profile before; on its first open, its own region (as the aws CLI has it)
        List<String> regions = start.regionsFor(settings.settings(), p);
        profile.set(p);
        selectedRegions.setAll(regions);
        settings.update(s -> s.withProfile(p, regions));
        updateDescription();
        startDiscovery();
    }

    public void setRegions(List<String> regions) {
        List<String> ordered = new ArrayList<>(availableRegions.stream().filter(regions::contains).toList());
        if (ordered.isEmpty() || ordered.equals(selectedRegions)) {
            return;
        }
        selectedRegions.setAll(ordered);
        settings.update(s -> s.withProfileRegions(profile.get(), ordered));
        updateDescription();
        startDiscovery();
    }

    /** The accounts and roles of AWS SSO profiles, for the account picker (its calls block: off the FX thread). */
    public SsoAccounts ssoAccounts() {
        return accounts;
    }

    /** The other accounts' roles picked for the current profile, as keys "accountId/roleName"; empty when none. */
    public List<String> pickedAccounts() {
        return settings.settings().accountsOf(profile.get());
    }

    /**
     * Picks the other accounts' roles whose clusters join the current profile's fleet (none: the profile's own account
     * alone), remembers them for the profile, and discovers again.
     */
    public void pickAccounts(List<SsoAccounts.AccountRole> picks) {
        String p = profile.get();
        List<String> keys = picks.stream().map(SsoAccounts.AccountRole::key).distinct().toList();
        if (p == null || keys.equals(pickedAccounts())) {
            return;
        }
        settings.update(s -> s.withProfileAccounts(p, keys));
        settings.save();
        activity.log(Level.INFO, "", keys.isEmpty() ? "Showing the clusters of profile " + p + "'s own account"
                : "Showing the clusters of profile " + p + " and of " + String.join(", ", keys));
        startDiscovery();
    }

    /** The environment's own sentence or the profile, then the regions shown. */
    private void updateDescription() {
        String env = environment.summary() != null ? environment.summary().replaceFirst("\\.$", "")
                : "AWS profile " + profile.get();
        description.set(env + " · showing " + String.join(", ", selectedRegions));
    }

    /** The kubeconfig context chosen for a cluster, or null when the console uses its own EKS token. */
    public String kubeContext(ClusterRef ref) {
        return kubeContext(settings.settings(), ref);
    }

    /** Context names in the user's kubeconfig. Reads a file: call it off the FX thread. */
    public List<String> kubeconfigContexts() {
        return clusterPort.kubeconfigContexts();
    }

    /** Reaches a cluster through a kubeconfig context (null: the console's EKS token), remembers it, reconnects. */
    public void useKubeContext(ClusterRef ref, String context) {
        String key = kubeContextKey(ref);
        settings.update(old -> {
            Map<String, String> contexts = new HashMap<>(old.kubeContexts());
            if (context == null) {
                contexts.remove(key);
            } else {
                contexts.put(key, context);
            }
            return old.withKubeContexts(contexts);
        });
        settings.save();
        activity.log(Level.INFO, ref.name() + " · " + ref.region(), context == null
                ? "Reaching the API with HybridPane's EKS token" : "Reaching the API through kubeconfig context " + context);
        FleetService s = service();
        Optional<Cluster> cluster = fleet.row(ref).map(ClusterRow::cluster);
        if (s != null && cluster.isPresent()) {
            runner.task("Reconnecting " + ref.name(), () -> {
                s.connect(cluster.get());
            }).onError(e -> activity.log(Level.ERROR, ref.name(), "Could not reconnect: " + Errors.sentence(e))).start();
        }
    }

    /**
     * The key of a cluster's chosen kubeconfig context in the settings: "region/name" for the profile's own clusters,
     * "account/region/name" for a cluster of another picked account.
     */
    static String kubeContextKey(ClusterRef ref) {
        return (ref.account() == null ? "" : ref.account() + "/") + ref.region() + "/" + ref.name();
    }

    /** The kubeconfig context these settings choose for a cluster, or null for the console's own EKS token. */
    public static String kubeContext(Settings settings, ClusterRef ref) {
        return settings.kubeContexts().get(kubeContextKey(ref));
    }

    /** Loads a cluster's detail through the current service. */
    public CompletableFuture<ClusterDetail> loadDetail(Cluster cluster) {
        FleetService s = service();
        if (s == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Not connected to an AWS environment."));
        }
        return s.loadDetail(cluster);
    }

    /** How to reach a cluster's API through the current environment, if connected to one. */
    public Optional<ClusterAccess> clusterAccess(Cluster cluster) {
        FleetService s = service();
        return s == null ? Optional.empty() : Optional.of(s.accessFor(cluster));
    }

    private void closeService() {
        generation++;
        FleetService.Opened o = current;
        current = null;
        if (o != null) {
            runner.task("Closing connections", o::close).onError(e -> { }).start();
        }
    }

    /**
     * Who this console acts as in the environment shown now: the caller's IAM ARN (blocking: an STS call; call it off
     * the FX thread). Not opened yet: an IllegalStateException saying so.
     */
    public String callerArn() {
        FleetService.Opened o = current;
        if (o == null) {
            throw new IllegalStateException("The AWS profile is not open yet.");
        }
        return o.aws().callerIdentity().arn();
    }

    /** The service of the environment shown now, or null. */
    private FleetService service() {
        FleetService.Opened o = current;
        return o == null ? null : o.fleet();
    }

    /** Stops live updates and closes the environment (and a discovery begun before the window and never claimed). */
    public void close() {
        bridge.stop();
        if (early != null) {
            early.close();
            early = null;
        }
        closeService();
    }

    public EnvironmentInfo environment() {
        return environment;
    }

    public FxBatchingBridge bridge() {
        return bridge;
    }

    public FleetViewModel fleet() {
        return fleet;
    }

    public ActivityViewModel activity() {
        return activity;
    }

    public ObservableList<String> profiles() {
        return profiles;
    }

    public ObservableList<String> availableRegions() {
        return availableRegions;
    }

    public ObservableList<String> selectedRegions() {
        return selectedRegions;
    }

    public ObjectProperty<String> profileProperty() {
        return profile;
    }

    public ReadOnlyStringProperty accountProperty() {
        return account.getReadOnlyProperty();
    }

    /** One line for Settings: the environment and the regions shown. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }
}
