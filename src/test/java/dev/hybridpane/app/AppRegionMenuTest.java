package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.TestConsole;
import dev.hybridpane.ui.shell.MainWindow;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.MenuButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The region menu stays open while regions are ticked, and closing it rediscovers with the new choice. */
@ExtendWith(ApplicationExtension.class)
class AppRegionMenuTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    @TempDir
    static Path configDir;

    private Composition composition;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        composition = Composition.create(new Composition.Options(true, 0, null, List.of()), configDir, false, null);
        window = TestConsole.window(composition.ports()).window();
        window.show(stage);
    }

    @AfterEach
    void stop() {
        composition.close();
    }

    @Test
    void ticksRegionsWithoutClosingThenRediscoversOnce(FxRobot robot) throws Exception {
        var fleet = window.viewModel().fleet();
        FxWait.until(20, () -> fleet.clusterRows().size() == 4);
        MenuButton menu = robot.lookup("#region-chooser").queryAs(MenuButton.class);
        robot.clickOn(menu);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#region-eu-central-1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(menu.isShowing()).as("the menu stays open after a tick").isTrue();
        assertThat(window.viewModel().selectedRegions()).containsExactlyInAnyOrder("us-west-2", "eu-central-1");

        robot.interact(menu::hide);
        FxWait.until(20, () -> window.viewModel().selectedRegions().equals(List.of("us-west-2"))
                && fleet.clusterRows().size() == 2);
        assertThat(fleet.clusterRows()).allMatch(r -> r.ref().region().equals("us-west-2"));
    }
}
