package dev.hybridpane.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.hybridpane.core.Settings;
import dev.hybridpane.ui.EnvironmentInfo;
import dev.hybridpane.ui.UiContext;
import dev.hybridpane.ui.activity.ActivityView;
import dev.hybridpane.ui.activity.OperationsViewModel;
import dev.hybridpane.ui.clusters.ClusterAccessViewModel;
import dev.hybridpane.ui.clusters.ClusterDetailViewModel;
import dev.hybridpane.ui.clusters.ClustersView;
import dev.hybridpane.ui.clusters.HybridConfigViewModel;
import dev.hybridpane.ui.hybrid.HybridActions;
import dev.hybridpane.ui.hybrid.WizardHost;
import dev.hybridpane.ui.clusters.ClustersViewModel;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.common.FxTaskRunner;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.hosts.HostsView;
import dev.hybridpane.ui.hosts.HostsViewModel;
import dev.hybridpane.ui.network.NetworkView;
import dev.hybridpane.ui.overview.OverviewView;
import dev.hybridpane.ui.overview.OverviewViewModel;
import dev.hybridpane.ui.pools.PoolsView;
import dev.hybridpane.ui.profiles.ProfilesView;
import dev.hybridpane.ui.settings.OsThemeDetector;
import dev.hybridpane.ui.settings.SettingsView;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The one window: sidebar, top bar, the current view, status bar and the command palette. Built by
 * the composition root with a {@link UiContext}; {@link #show(Stage)} applies the theme and the saved
 * layout, starts discovery, and saves the settings when the window closes.
 */
public final class MainWindow {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final String STYLESHEET = "/dev/hybridpane/ui/app.css";

    private final ShellViewModel vm;
    private final CommandPaletteViewModel palette;
    private final StackPane root = new StackPane();
    private final BorderPane frame = new BorderPane();
    private final StackPane content = new StackPane();
    private final Map<NavTarget, Node> views = new EnumMap<>(NavTarget.class);
    private final Map<NavTarget, Supplier<Node>> factories = new EnumMap<>(NavTarget.class);
    private final CompletableFuture<Void> firstViewPopulated = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final HybridActions hybrid;
    private final OperationsViewModel operations;
    private ClustersView clustersView;
    private Scene scene;
    private boolean started;
    private final CompletableFuture<Boolean> osPrefersDark;
    /** The OS had answered when the window was built, which then started in its theme. */
    private final boolean osThemeKnown;

    public MainWindow(UiContext ctx) {
        this(ctx, (CompletableFuture<Boolean>) null);
    }

    /**
     * @param osPrefersDark the OS's theme preference, asked for early by the caller: when it has answered, the
     *                      window starts in that theme (no light-to-dark switch once shown); else it follows the
     *                      answer when it comes. Null: asked when the window is shown.
     */
    public MainWindow(UiContext ctx, CompletableFuture<Boolean> osPrefersDark) {
        this(ctx, null, osPrefersDark);
    }

    /**
     * @param start what the window opens with, read before (off the FX thread) and with its discovery begun; null:
     *              read now
     */
    public MainWindow(UiContext ctx, ShellStart start, CompletableFuture<Boolean> osPrefersDark) {
        this(ctx, new FxTaskRunner(ctx.io(), new FxExecutor()), start, osPrefersDark);
    }

    /** With a chosen task runner (tests). */
    public MainWindow(UiContext ctx, TaskRunner runner) {
        this(ctx, runner, null, null);
    }

    private MainWindow(UiContext ctx, TaskRunner runner, ShellStart start, CompletableFuture<Boolean> osPrefersDark) {
        this.vm = new ShellViewModel(ctx, runner, start != null ? start : ShellStart.read(ctx));
        this.osPrefersDark = osPrefersDark;
        this.osThemeKnown = osPrefersDark != null && osPrefersDark.isDone() && !osPrefersDark.isCompletedExceptionally();
        if (osThemeKnown) {
            vm.settingsViewModel().osDarkProperty().set(osPrefersDark.join());
        }
        // discovery runs on I/O threads while the theme loads and the views are built; its updates wait in the
        // bridge's queue. It starts first (or takes over the one begun before the window): the first view waits for
        // its data longer than for its window.
        vm.startDiscovery();
        // before any control exists: the first control class to load otherwise loads JavaFX's own Modena
        // stylesheet, which the theme would replace at once
        applyTheme(vm.settingsViewModel().darkBinding().get());
        this.palette = new CommandPaletteViewModel(vm.fleet().clusterRows(), vm::choose,
                () -> hybrid() == null ? java.util.List.of() : HybridCommands.of(hybrid(), vm.fleet().clusterRows()));
        ClusterDetailViewModel detail = new ClusterDetailViewModel(vm.fleet(), runner, vm::loadDetail);
        detail.setAccess(new ClusterAccessViewModel(runner, vm::kubeconfigContexts, vm::kubeContext, vm::useKubeContext));
        this.operations = ctx.hybrid() == null ? null : new OperationsViewModel(ctx.hybrid().journals(), runner, ctx.clock());
        this.hybrid = ctx.hybrid() == null ? null : new HybridActions(ctx.hybrid(), vm.profileProperty()::get, runner,
                new FxExecutor(), ctx.clock(), operations::onJournal);
        if (operations != null) {
            operations.load();
        }
        if (hybrid != null) {
            HybridConfigViewModel config = new HybridConfigViewModel(runner, hybrid::hybridStatus);
            detail.setHybrid(config, hybrid::enableHybrid);
            hybrid.setOnFinished(r -> {
                // the fleet reads the cluster again; the detail reloads its checks when the new record arrives
                vm.refreshCluster(r);
                config.reload();
            });
        }
        ClustersViewModel clusters = new ClustersViewModel(vm.fleet(), vm.selectedClusterProperty(), detail);
        if (hybrid != null) {
            clusters.setImportCluster(() -> hybrid.importCluster(vm.fleet().clusterRows(), null));
        }
        OverviewViewModel overview = new OverviewViewModel(vm.fleet(), vm::openCluster);
        factories.put(NavTarget.OVERVIEW, () -> new OverviewView(overview));
        factories.put(NavTarget.CLUSTERS, () -> {
            clustersView = new ClustersView(clusters);
            clustersView.setDividerPosition(vm.settings().detailDivider());
            return clustersView;
        });
        factories.put(NavTarget.HOSTS, () -> ctx.hosts() == null ? new HostsView()
                : new HostsView(new HostsViewModel(vm.fleet().clusterRows(), vm::clusterAccess, ctx.hosts(),
                        EnvironmentInfo.awsAccount(), runner, new FxExecutor(), ctx.clock())));
        factories.put(NavTarget.PROFILES, ProfilesView::new);
        factories.put(NavTarget.POOLS, PoolsView::new);
        factories.put(NavTarget.NETWORK, NetworkView::new);
        factories.put(NavTarget.ACTIVITY, () -> new ActivityView(vm.activity(), operations));
        factories.put(NavTarget.SETTINGS, () -> new SettingsView(vm.settingsViewModel()));

        root.getStyleClass().add("hybridpane");
        frame.setTop(new TopBar(vm, palette::show));
        frame.setLeft(new Sidebar(vm));
        content.getStyleClass().add("content");
        frame.setCenter(content);
        frame.setBottom(new StatusBarView(vm.fleet(), runner));
        root.getChildren().add(frame);
        // the palette's controls are made the first time it opens: nothing of it is styled or laid out at startup
        palette.openProperty().addListener(new javafx.beans.value.ChangeListener<Boolean>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean open) {
                if (open) {
                    palette.openProperty().removeListener(this);
                    CommandPaletteView view = new CommandPaletteView(palette);
                    root.getChildren().add(1, view);
                    view.focusField();
                }
            }
        });
        if (hybrid != null) {
            root.getChildren().add(new WizardHost(hybrid));
        }
        vm.viewProperty().addListener((o, a, b) -> showView(b));
        showView(vm.viewProperty().get());
        vm.readyProperty().addListener((o, a, ready) -> {
            if (ready) {
                firstViewPopulated.complete(null);
            }
        });
        vm.settingsViewModel().darkBinding().addListener((o, a, dark) -> applyTheme(dark));
    }

    private void showView(NavTarget target) {
        Node view = views.computeIfAbsent(target, t -> factories.get(t).get());
        content.getChildren().setAll(view);
    }

    public Parent root() {
        return root;
    }

    /** The scene with the app stylesheet and Ctrl+K (the theme applies from the start: see the constructor). */
    public Scene createScene() {
        if (scene == null) {
            Settings s = vm.settings();
            scene = new Scene(root, s.windowWidth() > 200 ? s.windowWidth() : 1360,
                    s.windowHeight() > 200 ? s.windowHeight() : 860);
            scene.getStylesheets().add(MainWindow.class.getResource(STYLESHEET).toExternalForm());
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), palette::show);
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.CONTROL_DOWN), palette::show);
        }
        return scene;
    }

    /** Applies theme and saved layout, starts live updates and discovery, and shows the stage. */
    public void show(Stage stage) {
        Settings s = vm.settings();
        stage.setTitle("HybridPane");
        stage.setScene(createScene());
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double w = Math.min(s.windowWidth() > 200 ? s.windowWidth() : 1360, screen.getWidth());
        double h = Math.min(s.windowHeight() > 200 ? s.windowHeight() : 860, screen.getHeight());
        stage.setWidth(w);
        stage.setHeight(h);
        boolean onScreen = !Double.isNaN(s.windowX()) && !Double.isNaN(s.windowY())
                && javafx.stage.Screen.getScreensForRectangle(s.windowX(), s.windowY(), w, h).size() > 0;
        if (onScreen) {
            stage.setX(s.windowX());
            stage.setY(s.windowY());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(s.maximized());
        stage.setOnHidden(e -> close(stage));
        start();
        stage.show();
    }

    /** Starts live updates, OS theme detection and discovery (show() calls it). */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        if (osPrefersDark == null) {
            vm.settingsViewModel().detectOsTheme(new OsThemeDetector());
        } else if (!osThemeKnown) {
            vm.settingsViewModel().followOsTheme(osPrefersDark);
        }
        vm.bridge().start();
    }

    private void close(Stage stage) {
        Settings s = vm.settings();
        double divider = clustersView == null ? s.detailDivider() : clustersView.dividerPosition();
        vm.updateSettings(old -> {
            Settings w = stage.isMaximized() ? old.withWindow(old.windowX(), old.windowY(), old.windowWidth(),
                    old.windowHeight(), true) : old.withWindow(stage.getX(), stage.getY(), stage.getWidth(),
                            stage.getHeight(), false);
            return w.withDetailDivider(divider);
        });
        vm.close().thenRun(() -> closed.complete(null));
    }

    /** Completes once the window was closed and its settings (size, layout, theme, last view) are written. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    private void applyTheme(boolean dark) {
        // the themes' precompiled binary stylesheets: no CSS parsing at startup or on a theme switch
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS());
        root.pseudoClassStateChanged(DARK, dark);
    }

    /** True once discovery has settled and every cluster found has its nodes loaded or has failed with a reason. */
    public ReadOnlyBooleanProperty readyProperty() {
        return vm.readyProperty();
    }

    public CompletableFuture<Void> firstViewPopulated() {
        return firstViewPopulated;
    }

    /** The view models, for tests and the startup benchmark. */
    public ShellViewModel viewModel() {
        return vm;
    }

    /** The hybrid wizards' entry points, or null when the composition gave no hybrid tools. */
    public HybridActions hybrid() {
        return hybrid;
    }

    /** The operations listed in Activity, or null without hybrid tools. */
    public OperationsViewModel operations() {
        return operations;
    }

    public CommandPaletteViewModel palette() {
        return palette;
    }
}
