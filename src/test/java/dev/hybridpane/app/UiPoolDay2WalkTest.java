package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.TestConsole;
import dev.hybridpane.ui.shell.MainWindow;
import dev.hybridpane.ui.shell.NavTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The pool detail's day-2 actions in the real window on the lab, through the wired port (core's use cases, the lab's
 * API servers and hosts): store-pos (IAM Roles Anywhere, v1 with v2 available) shows no lock and offers Rotate
 * certificates…, and Upgrade… reviews core's real plan, one row per node; shot in both themes.
 */
@ExtendWith(ApplicationExtension.class)
class UiPoolDay2WalkTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    @TempDir
    static Path configDir;

    private Composition composition;
    private MainWindow window;
    private Stage stage;
    private final Path dir = Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"));

    @Start
    void start(Stage stage) {
        this.stage = stage;
        composition = Composition.create(new Composition.Options(true, 0, null, List.of()), configDir, false, null);
        window = TestConsole.window(composition.ports()).window();
        window.show(stage);
    }

    @AfterEach
    void stop() {
        composition.close();
    }

    @Test
    void storePosShowsItsCertificatesAndReviewsTheRealUpgradePlan(FxRobot robot) throws Exception {
        Files.createDirectories(dir);
        composition.lab().orElseThrow().awaitSeeded();
        composition.lab().orElseThrow().edgeHosts(); // the lab's SSH hosts are up: the day-2 port logs in with their key
        FxWait.until(20, () -> window.readyProperty().get());
        robot.clickOn("#nav-" + NavTarget.POOLS.id());
        FxWait.until(20, () -> robot.lookup("#pools-table .table-cell").match(n -> n instanceof Labeled l
                && "store-pos".equals(l.getText())).tryQuery().isPresent());
        Node cell = robot.lookup("#pools-table .table-cell").match(n -> n instanceof Labeled l
                && "store-pos".equals(l.getText())).query();
        robot.clickOn(cell);
        FxWait.until(20, () -> robot.lookup("#day2-upgrade").tryQuery().map(n -> n.isVisible() && !n.isDisabled()).orElse(false));
        // the pool's state came from core: its credential provider (Roles Anywhere: Rotate certificates… is offered)
        FxWait.until(30, () -> robot.lookup("#day2-rotate").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(robot.lookup("#day2-upgrade").queryButton().isDisabled()).as("nobody holds the pool's lock: actions on")
                .isFalse();
        shootBoth(robot, "pool-day2-detail");

        robot.clickOn("#day2-upgrade");
        FxWait.until(10, () -> robot.lookup("#day2-upgrade-review").tryQuery().isPresent());
        robot.clickOn("#day2-upgrade-review");
        FxWait.until(30, () -> robot.lookup("#day2-upgrade-plan-nodes").tryQuery()
                .map(n -> ((TableView<?>) n).getItems().size() == 4).orElse(false));
        assertThat(robot.lookup("#day2-upgrade-approve").queryAs(Button.class).isDisabled()).isFalse();
        shootBoth(robot, "pool-day2-upgrade-review");
        robot.clickOn("#day2-upgrade-close");
    }

    private void shootBoth(FxRobot robot, String name) throws Exception {
        WalkShots.both(robot, window, stage, dir, name);
    }
}
