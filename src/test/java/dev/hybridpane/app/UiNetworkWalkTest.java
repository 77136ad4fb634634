package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.TestConsole;
import dev.hybridpane.ui.network.NetworkDoctorPort.DoctorTarget;
import dev.hybridpane.ui.settings.ThemeChoice;
import dev.hybridpane.ui.shell.MainWindow;
import dev.hybridpane.ui.shell.NavTarget;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Network view in the real window on the lab, through the wired port (core's doctor on the SDK and fabric8 against
 * the lab's emulator and API servers): warehouse-edge's three planted faults are found and drawn, and Fix… plans the
 * route and the 443 rule; shot in both themes.
 */
@ExtendWith(ApplicationExtension.class)
class UiNetworkWalkTest {
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
    void warehouseEdgesPlantedFaultsAreFoundDrawnAndPlannedForFixing(FxRobot robot) throws Exception {
        Files.createDirectories(dir);
        composition.lab().orElseThrow().awaitSeeded();
        FxWait.until(20, () -> window.readyProperty().get());
        robot.clickOn("#nav-" + NavTarget.NETWORK.id());
        DoctorTarget warehouse = new DoctorTarget("warehouse-edge", "eu-central-1");
        @SuppressWarnings("unchecked")
        ComboBox<DoctorTarget> clusters = robot.lookup("#network-cluster").queryAs(ComboBox.class);
        FxWait.until(30, () -> clusters.getItems().contains(warehouse));
        assertThat(clusters.getItems()).as("the fleet's hybrid clusters").contains(new DoctorTarget("retail-edge", "us-west-2"));
        robot.interact(() -> clusters.setValue(warehouse));
        robot.clickOn("#network-run");
        FxWait.until(90, () -> robot.lookup("#network-count-fail").tryQuery().isPresent());
        String fails = robot.lookup("#network-count-fail").queryLabeled().getText();
        assertThat(Integer.parseInt(fails.split(" ")[0])).as(fails).isGreaterThanOrEqualTo(2);
        List<String> cells = robot.lookup("#network-checks .tree-table-cell").queryAllAs(Labeled.class).stream()
                .map(Labeled::getText).filter(t -> t != null).toList();
        assertThat(String.join("\n", cells)).as("the missing pod route and 443 rule, named in the table")
                .contains("10.211.0.0/16").contains("443");
        shootBoth(robot, "network-warehouse-edge");

        robot.clickOn("#network-fix-open");
        FxWait.until(30, () -> robot.lookup("#network-fix-changes").tryQuery().map(n -> n instanceof Pane p
                && p.getChildren().size() >= 2).orElse(false));
        String plan = String.join("\n", robot.lookup("#network-fix-changes .label").queryAllAs(Labeled.class).stream()
                .map(Labeled::getText).toList());
        assertThat(plan).as("the planned changes").contains("10.211.0.0/16");
        shootBoth(robot, "network-warehouse-edge-fix");
    }

    private void shootBoth(FxRobot robot, String name) throws Exception {
        for (ThemeChoice theme : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
            robot.interact(() -> window.viewModel().settingsViewModel().themeProperty().set(theme));
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage[] img = new WritableImage[1];
            robot.interact(() -> img[0] = stage.getScene().snapshot(null));
            ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png",
                    new File(dir.resolve(name + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png").toString()));
        }
        robot.interact(() -> window.viewModel().settingsViewModel().themeProperty().set(ThemeChoice.LIGHT));
    }
}
