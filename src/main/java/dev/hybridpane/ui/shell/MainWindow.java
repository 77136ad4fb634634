package dev.hybridpane.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.hybridpane.core.Settings;
import dev.hybridpane.ui.common.TaskRunner;
import dev.hybridpane.ui.settings.OsThemeDetector;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The one window: sidebar, top bar, the current view, status bar, the command palette and the modal layers. It only
 * lays out: the composition root builds every view model and hands over the views as factories, made the first time
 * each is shown. {@link #show(Stage)} applies the theme and the saved layout, starts live updates, and saves the
 * settings when the window closes.
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
    private final Map<NavTarget, Supplier<Node>> factories;
    private final CompletableFuture<Void> firstViewPopulated = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private Scene scene;
    private boolean started;
    private final CompletableFuture<Boolean> osPrefersDark;
    /** The OS had answered when the window was built, which then started in its theme. */
    private final boolean osThemeKnown;

    /**
     * @param views         every view of the sidebar, made the first time it is shown
     * @param layers        what lies over the frame (wizards, dialogs), made after the theme is applied
     * @param osPrefersDark the OS's theme preference, asked for early by the caller: when it has answered, the window
     *                      starts in that theme (no light-to-dark switch once shown); else it follows the answer when it
     *                      comes. Null: asked when the window is shown.
     */
    public MainWindow(ShellViewModel vm, CommandPaletteViewModel palette, TaskRunner runner,
            Map<NavTarget, Supplier<Node>> views, List<Supplier<Node>> layers, CompletableFuture<Boolean> osPrefersDark) {
        this.vm = vm;
        this.palette = palette;
        this.factories = new EnumMap<>(views);
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

        root.getStyleClass().add("hybridpane");
        frame.setTop(new TopBar(vm, palette::show));
        frame.setLeft(new Sidebar(vm));
        content.getStyleClass().add("content");
        // why the fleet could not be listed, above whichever view is shown
        ProblemBanner banner = new ProblemBanner(vm.fleet().problems(), vm.credentialActions(), vm::startDiscovery);
        BorderPane main = new BorderPane(content);
        main.setTop(banner);
        frame.setCenter(main);
        frame.setBottom(new StatusBarView(vm.fleet(), runner));
        root.getChildren().add(frame);
        // the palette's controls are made the first time it opens: nothing of it is styled or laid out at startup
        palette.openProperty().addListener(new ChangeListener<Boolean>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean open) {
                if (open) {
                    palette.openProperty().removeListener(this);
                    CommandPaletteView view = new CommandPaletteView(palette);
                    root.getChildren().add(1, view);
                    view.focusField();
                }
            }
        });
        layers.forEach(layer -> root.getChildren().add(layer.get()));
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
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = Math.min(s.windowWidth() > 200 ? s.windowWidth() : 1360, screen.getWidth());
        double h = Math.min(s.windowHeight() > 200 ? s.windowHeight() : 860, screen.getHeight());
        stage.setWidth(w);
        stage.setHeight(h);
        boolean onScreen = !Double.isNaN(s.windowX()) && !Double.isNaN(s.windowY())
                && Screen.getScreensForRectangle(s.windowX(), s.windowY(), w, h).size() > 0;
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
        vm.updateSettings(old -> stage.isMaximized() ? old.withWindow(old.windowX(), old.windowY(), old.windowWidth(),
                old.windowHeight(), true) : old.withWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                        false));
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

    /** The window's state, for tests and the startup benchmark. */
    public ShellViewModel viewModel() {
        return vm;
    }

    public CommandPaletteViewModel palette() {
        return palette;
    }
}
