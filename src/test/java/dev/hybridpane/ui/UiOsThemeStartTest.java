package dev.hybridpane.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.Settings;
import dev.hybridpane.ui.shell.MainWindow;
import dev.hybridpane.app.ConsolePorts;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** With the theme on "System", the window starts in the OS's theme when the OS answered in time, else follows it. */
@ExtendWith(ApplicationExtension.class)
class UiOsThemeStartTest {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private ConsolePorts context() {
        return TestConsole.ports(new FakeAws(), new FakeClusterPort(), new MemorySettingsStore(Settings.DEFAULTS.withTheme("SYSTEM")),
                Runnable::run, true, "test lab", Path.of("/tmp/hybridpane-test"), "0.1.0-test");
    }

    @Test
    void anEarlyAnswerIsTheThemeTheWindowIsBuiltIn(FxRobot robot) {
        AtomicReference<MainWindow> built = new AtomicReference<>();
        AtomicReference<String> stylesheetAtBuild = new AtomicReference<>();
        robot.interact(() -> {
            built.set(TestConsole.window(context(), CompletableFuture.completedFuture(true)).window());
            stylesheetAtBuild.set(Application.getUserAgentStylesheet());
        });
        // dark from the first control on: no light window that turns dark once shown
        assertThat(stylesheetAtBuild.get()).contains("primer-dark");
        assertThat(built.get().root().getPseudoClassStates()).contains(DARK);
    }

    @Test
    void aLateAnswerIsFollowedOnceItComes(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        AtomicReference<MainWindow> built = new AtomicReference<>();
        robot.interact(() -> {
            built.set(TestConsole.window(context(), answer).window());
            built.get().show(stage);
        });
        assertThat(built.get().root().getPseudoClassStates()).doesNotContain(DARK);
        answer.complete(true);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> built.get().root().getPseudoClassStates().contains(DARK));
        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        robot.interact(stage::close);
    }
}
