package dev.hybridpane.ui.shell;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.EarlyDiscovery;
import dev.hybridpane.core.FleetService;
import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.core.Settings;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.UiContext;
import dev.hybridpane.ui.activity.ActivityRow.Level;
import dev.hybridpane.ui.activity.ActivityViewModel;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.FxBatchingBridge;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.DiscoveryState;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.settings.SettingsViewModel;
import dev.hybridpane.ui.settings.ThemeChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's state: environment (profile, regions, account), the current view and cluster, and the
 * discovery lifecycle. Switching profile or regions closes the old FleetService and discovers again.
 */
public final class ShellViewModel {
    private final UiContext ctx;
    private final TaskRunner runner;
    private final FleetViewModel fleet = new FleetViewModel();
    private final ActivityViewModel activity;
    private final SettingsViewModel settingsVm;
    private final FxBatchingBridge bridge;
    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final ObservableList<String> availableRegions = FXCollections.observableArrayList();
    private final ObservableList<String> selectedRegions = FXCollections.observableArrayList();
    private final ObjectProperty<String> profile = new SimpleObjectProperty<>(this, "profile");
    private final ReadOnlyStringWrapper account = new ReadOnlyStringWrapper(this, "account", "");
    private final ObjectProperty<NavTarget> view = new SimpleObjectProperty<>(this, "view", NavTarget.OVERVIEW);
    private final ObjectProperty<ClusterRef> selectedCluster = new SimpleObjectProperty<>(this, "selectedCluster");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private Settings settings;
    /** The latest settings write (each one starts after the one before). */
    private CompletableFuture<Void> saving = CompletableFuture.completedFuture(null);
    /** The discovery begun before the window, until the first {@link #startDiscovery()} claims or closes it. */
    private EarlyDiscovery early;
    private volatile int generation;
    /** The environment shown now: its AWS clients and the service watching its clusters (null until opened). */
    private FleetService.Opened current;

    /** Reads what it opens with itself (on the calling thread: settings and AWS profile files are read from disk). */
    public ShellViewModel(UiContext ctx, TaskRunner runner) {
        this(ctx, runner, ShellStart.read(ctx));
    }

    /** Opens with what was read before; the first {@link #startDiscovery()} claims the discovery it began, if any. */
    public ShellViewModel(UiContext ctx, TaskRunner runner, ShellStart start) {
        this.ctx = ctx;
        this.runner = runner;
        this.activity = new ActivityViewModel(ctx.clock());
        this.bridge = new FxBatchingBridge(this::applyBatch);
        this.settings = start.settings();
        this.early = start.discovery();
        this.settingsVm = new SettingsViewModel(ThemeChoice.parse(settings.theme()),
                ctx.configDir() == null ? null : ctx.configDir().toString(), ctx.version(), runner, this::themeChanged);
        profiles.setAll(start.profiles());
        availableRegions.setAll(start.availableRegions());
        profile.set(start.profile());
        selectedRegions.setAll(start.regions());
        view.set(NavTarget.byId(settings.lastView()));
        updateEnvironmentText();
        // ready: discovery has settled and every cluster found has its nodes loaded (or has failed with a reason)
        fleet.discoveryProperty().addListener((o, a, b) -> updateReady());
        fleet.clusterRows().addListener((javafx.collections.ListChangeListener<ClusterRow>) c -> updateReady());
    }

    private void updateReady() {
        DiscoveryState d = fleet.discoveryProperty().get();
        if (!ready.get() && (d == DiscoveryState.DONE || d == DiscoveryState.FAILED)
                && fleet.clusterRows().stream().allMatch(r -> r.connected() || r.failed())) {
            ready.set(true);
        }
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
        Function<ClusterRef, String> kubeContexts = this::kubeContext;
        EarlyDiscovery begun = early;
        early = null;
        Optional<CompletableFuture<FleetService.Opened>> claimed = begun != null && p != null && begun.isFor(p, regions)
                ? begun.claim(sink, kubeContexts) : Optional.empty();
        if (begun != null && claimed.isEmpty()) {
            begun.close(); // another choice (or none) was made before the window's first discovery
        }
        if (p == null) {
            sink.accept(new FleetUpdate.EnvironmentFailed("No AWS profile is configured."));
            return;
        }
        if (!ctx.lab()) {
            activity.log(Level.INFO, "", "Using profile " + p);
        }
        Consumer<FleetService.Opened> onOpened = opened -> opened(gen, opened, sink);
        Consumer<Throwable> onFailed = e -> sink.accept(new FleetUpdate.EnvironmentFailed(Errors.sentence(e)));
        if (claimed.isPresent()) {
            runner.await("Opening profile " + p, claimed.get(), onOpened, onFailed);
            return;
        }
        // discovery starts on the I/O thread that opened the profile: it must not wait for the FX thread, which may
        // still be building and showing the window
        runner.run("Opening profile " + p, () -> FleetService.openAndDiscover(ctx.profiles(), p, regions,
                ctx.clusterPort(), ctx.io(), sink, kubeContexts, ctx.clock()), onOpened, onFailed);
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
        if (ctx.lab()) {
            // the lab's top bar names no account: an STS client and call would be work for nothing at startup
            return;
        }
        runner.run("Reading account", port::callerIdentity, id -> {
            if (gen == generation) {
                account.set(id.account());
            }
        }, e -> {
            if (gen == generation) {
                account.set("unknown");
                activity.log(Level.WARNING, "", "Could not read the account: " + Errors.sentence(e));
            }
        });
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
        runner.await("Re-reading " + ref.name(), s.refresh(ref), c -> activity.log(Level.INFO, name,
                "Re-read the cluster after the change" + (c.hybridEnabled() ? " (hybrid mode on)" : "")),
                e -> activity.log(Level.WARNING, name, "Could not re-read the cluster: " + Errors.sentence(e)));
    }

    public void switchProfile(String p) {
        if (p == null || p.equals(profile.get())) {
            return;
        }
        profile.set(p);
        settings = settings.withProfile(p, List.copyOf(selectedRegions));
        updateEnvironmentText();
        startDiscovery();
    }

    public void setRegions(List<String> regions) {
        List<String> ordered = new ArrayList<>(availableRegions.stream().filter(regions::contains).toList());
        if (ordered.isEmpty() || ordered.equals(selectedRegions)) {
            return;
        }
        selectedRegions.setAll(ordered);
        settings = settings.withProfile(profile.get(), ordered);
        updateEnvironmentText();
        startDiscovery();
    }

    /** Settings' environment line: the lab's own sentence or the profile, then the regions shown. */
    private void updateEnvironmentText() {
        String env = !ctx.lab() ? "AWS profile " + profile.get()
                : ctx.labDescription() == null ? "Embedded lab" : ctx.labDescription().replaceFirst("\\.$", "");
        settingsVm.environmentWrapper().set(env + " · showing " + String.join(", ", selectedRegions));
    }

    private void themeChanged(ThemeChoice t) {
        settings = settings.withTheme(t.name());
        save();
    }

    public void navigate(NavTarget target) {
        view.set(target);
    }

    /** Opens the clusters view with the cluster selected. */
    public void openCluster(ClusterRef ref) {
        selectedCluster.set(ref);
        view.set(NavTarget.CLUSTERS);
    }

    public void choose(PaletteItem item) {
        if (item.action() != null) {
            item.action().run();
        } else if (item.cluster() != null) {
            openCluster(item.cluster());
        } else {
            navigate(item.target());
        }
    }

    public Settings settings() {
        return settings;
    }

    /** The kubeconfig context chosen for a cluster, or null when the console uses its own EKS token. */
    public String kubeContext(ClusterRef ref) {
        return kubeContext(settings, ref);
    }

    /** Context names in the user's kubeconfig. Reads a file: call it off the FX thread. */
    public List<String> kubeconfigContexts() {
        return ctx.clusterPort().kubeconfigContexts();
    }

    /** Reaches a cluster through a kubeconfig context (null: the console's EKS token), remembers it, reconnects. */
    public void useKubeContext(ClusterRef ref, String context) {
        String key = kubeContextKey(ref);
        updateSettings(old -> {
            java.util.Map<String, String> contexts = new java.util.HashMap<>(old.kubeContexts());
            if (context == null) {
                contexts.remove(key);
            } else {
                contexts.put(key, context);
            }
            return old.withKubeContexts(contexts);
        });
        save();
        activity.log(Level.INFO, ref.name() + " · " + ref.region(), context == null
                ? "Reaching the API with HybridPane's EKS token" : "Reaching the API through kubeconfig context " + context);
        FleetService s = service();
        var cluster = fleet.row(ref).map(dev.hybridpane.ui.fleet.ClusterRow::cluster);
        if (s != null && cluster.isPresent()) {
            runner.run("Reconnecting " + ref.name(), () -> {
                s.connect(cluster.get());
                return null;
            }, v -> { }, e -> activity.log(Level.ERROR, ref.name(), "Could not reconnect: " + Errors.sentence(e)));
        }
    }

    /** The key of a cluster's chosen kubeconfig context in the settings. */
    private static String kubeContextKey(ClusterRef ref) {
        return ref.region() + "/" + ref.name();
    }

    /** The kubeconfig context these settings choose for a cluster, or null for the console's own EKS token. */
    static String kubeContext(Settings settings, ClusterRef ref) {
        return settings.kubeContexts().get(kubeContextKey(ref));
    }

    public void updateSettings(java.util.function.UnaryOperator<Settings> change) {
        settings = change.apply(settings);
    }

    /**
     * Writes the settings as they are now, on an I/O thread after any earlier write (in order: the last one wins); the
     * FX thread does not wait for the disk. A failure shows in the activity log.
     */
    public void save() {
        Settings snapshot = settings.withLastView(view.get().id());
        // an earlier write that failed does not hold this one back
        CompletableFuture<Void> write = saving.handle((v, e) -> (Void) null)
                .thenRunAsync(() -> ctx.settingsStore().save(snapshot), ctx.io());
        saving = write;
        runner.await("Saving settings", write, v -> { },
                e -> activity.log(Level.ERROR, "", "Could not save settings: " + Errors.sentence(e)));
    }

    private void closeService() {
        generation++;
        FleetService.Opened o = current;
        current = null;
        if (o != null) {
            runner.run("Closing connections", () -> {
                o.close();
                return null;
            }, r -> { }, e -> { });
        }
    }

    /** The service of the environment shown now, or null. */
    private FleetService service() {
        FleetService.Opened o = current;
        return o == null ? null : o.fleet();
    }

    /**
     * Stops live updates, closes the environment and saves the settings.
     *
     * @return completes when the settings are written (or could not be)
     */
    public CompletableFuture<Void> close() {
        bridge.stop();
        if (early != null) {
            early.close();
            early = null;
        }
        closeService();
        save();
        return saving.handle((v, e) -> (Void) null);
    }

    public boolean lab() {
        return ctx.lab();
    }

    public String labDescription() {
        return ctx.labDescription();
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

    public SettingsViewModel settingsViewModel() {
        return settingsVm;
    }

    public TaskRunner runner() {
        return runner;
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

    public ObjectProperty<NavTarget> viewProperty() {
        return view;
    }

    public ObjectProperty<ClusterRef> selectedClusterProperty() {
        return selectedCluster;
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** Loads a cluster's detail through the current service. */
    public java.util.concurrent.CompletableFuture<dev.hybridpane.core.ClusterDetail> loadDetail(
            dev.hybridpane.domain.Cluster cluster) {
        FleetService s = service();
        if (s == null) {
            return java.util.concurrent.CompletableFuture.failedFuture(
                    new IllegalStateException("Not connected to an AWS environment."));
        }
        return s.loadDetail(cluster);
    }

    /** How to reach a cluster's API through the current environment, if connected to one. */
    public java.util.Optional<dev.hybridpane.core.ClusterAccess> clusterAccess(dev.hybridpane.domain.Cluster cluster) {
        FleetService s = service();
        return s == null ? java.util.Optional.empty() : java.util.Optional.of(s.accessFor(cluster));
    }
}
