package dev.hybridpane.app;

import dev.hybridpane.ui.settings.ThemeChoice;
import dev.hybridpane.ui.shell.MainWindow;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The walk tests' screenshots: the window as it stands, in the light theme then the dark one (NAME-light.png, NAME-dark.png). */
final class WalkShots {
    private WalkShots() {
    }

    static void both(FxRobot robot, MainWindow window, Stage stage, Path dir, String name) throws Exception {
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
