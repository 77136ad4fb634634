package dev.hybridpane.ui.settings;

import dev.hybridpane.ui.common.TaskRunner;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Theme choice and what the console knows about its environment. */
public final class SettingsViewModel {
    private final ObjectProperty<ThemeChoice> theme;
    private final BooleanProperty osDark = new SimpleBooleanProperty(this, "osDark");
    private final BooleanBinding dark;
    private final ReadOnlyStringWrapper configDir;
    private final ReadOnlyStringWrapper environment = new ReadOnlyStringWrapper(this, "environment", "");
    private final ReadOnlyStringWrapper version;
    private final TaskRunner runner;

    public SettingsViewModel(ThemeChoice initial, String configDir, String version, TaskRunner runner,
            Consumer<ThemeChoice> onThemeChanged) {
        this.theme = new SimpleObjectProperty<>(this, "theme", initial);
        this.configDir = new ReadOnlyStringWrapper(this, "configDir", configDir == null ? "(not set)" : configDir);
        this.version = new ReadOnlyStringWrapper(this, "version", version);
        this.runner = runner;
        this.dark = Bindings.createBooleanBinding(
                () -> theme.get() == ThemeChoice.DARK || (theme.get() == ThemeChoice.SYSTEM && osDark.get()), theme, osDark);
        theme.addListener((o, a, b) -> onThemeChanged.accept(b));
    }

    /** Asks the OS for its preference in the background; SYSTEM follows it. */
    public void detectOsTheme(OsThemeDetector detector) {
        runner.task("Reading the system theme", detector::prefersDark)
                .onSuccess(osDark::set).onError(e -> osDark.set(false)).start();
    }

    /** Follows an answer the OS is already being asked for (see {@link OsThemeDetector}); light if it fails. */
    public void followOsTheme(CompletableFuture<Boolean> answer) {
        runner.await("Reading the system theme", answer)
                .onSuccess(osDark::set).onError(e -> osDark.set(false)).start();
    }

    public ObjectProperty<ThemeChoice> themeProperty() {
        return theme;
    }

    public BooleanProperty osDarkProperty() {
        return osDark;
    }

    /** Whether the dark theme applies now. */
    public BooleanBinding darkBinding() {
        return dark;
    }

    public ReadOnlyStringProperty configDirProperty() {
        return configDir.getReadOnlyProperty();
    }

    public ReadOnlyStringWrapper environmentWrapper() {
        return environment;
    }

    public ReadOnlyStringProperty environmentProperty() {
        return environment.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty versionProperty() {
        return version.getReadOnlyProperty();
    }
}
