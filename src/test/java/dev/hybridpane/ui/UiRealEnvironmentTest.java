package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.core.Settings;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.shell.MainWindow;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A real AWS environment: profile and account in the top bar, switching profile rediscovers. */
@ExtendWith(ApplicationExtension.class)
class UiRealEnvironmentTest {
    private final FakeAws aws = new FakeAws();
    private final FakeClusterPort kube = new FakeClusterPort();
    private final MemorySettingsStore store = new MemorySettingsStore(Settings.DEFAULTS.withTheme("LIGHT")
            .withLastView("clusters"));
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        aws.clustersByProfile.put("prod-admin", List.of(
                cluster("us-east-1", "retail-edge", "1.31", true, AuthenticationMode.API, EndpointAccess.PUBLIC),
                cluster("us-east-1", "payments", "1.30", false, AuthenticationMode.API_AND_CONFIG_MAP,
                        EndpointAccess.PRIVATE)));
        aws.clustersByProfile.put("staging", List.of(
                cluster("us-east-1", "retail-edge-staging", "1.32", true, AuthenticationMode.API, EndpointAccess.PRIVATE)));
        window = TestConsole.window(TestConsole.ports(aws, kube, store, Runnable::run, false, null,
                Path.of("/home/admin/.config/hybridpane"))).window();
        window.show(stage);
    }

    @Test
    void showsProfileAndAccountAndSwitchesProfile(FxRobot robot) throws Exception {
        FxWait.until(5, () -> window.readyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Label env = robot.lookup("#env-text").queryAs(Label.class);
        assertEquals("Profile prod-admin · account 111122223333", env.getText());
        assertTrue(robot.lookup("#env-badge").tryQuery().isEmpty(), "no lab badge on a real account");
        assertEquals(2, window.viewModel().fleet().clusterRows().size());
        Path dir = Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = stage.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File(dir.resolve("real-clusters-light.png").toString()));

        ComboBox<String> profiles = robot.lookup("#profile-switcher").queryComboBox();
        robot.interact(() -> profiles.setValue("staging"));
        FxWait.until(5, () -> window.viewModel().fleet().clusterRows().size() == 1);
        assertEquals("retail-edge-staging", window.viewModel().fleet().clusterRows().get(0).cluster().name());
        assertEquals(List.of("prod-admin"), aws.closedPorts, "the old environment was closed");
        robot.interact(() -> stage.close());
        assertEquals("staging", store.saved.profile());
        assertEquals(List.of("us-east-1"), store.saved.regions());
    }
}
