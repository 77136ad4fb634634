package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.aws.EndpointAwsProfiles;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.TestConsole;
import dev.hybridpane.ui.clusters.ClusterAccessViewModel;
import dev.hybridpane.ui.shell.MainWindow;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ComboBox;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A cluster can be reached through a kubeconfig context instead of the console's EKS token; the choice sticks. */
@ExtendWith(ApplicationExtension.class)
class AppKubeContextTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    private static final ClusterRef RETAIL = new ClusterRef("us-west-2", "retail-edge");

    @TempDir
    static Path dir;

    private Lab lab;
    private ExecutorService io;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        LabWorld world = LabWorld.load();
        lab = Lab.start(world, null);
        Path kubeconfig = lab.writeKubeconfig(dir.resolve("kubeconfig"));
        io = Executors.newCachedThreadPool();
        ConsolePorts ctx = TestConsole.ports(new EndpointAwsProfiles(Composition.LAB_PROFILE, lab::awsEndpoint,
                Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, world.regions()), new Fabric8ClusterPort(kubeconfig,
                        Clock.systemUTC()), new JsonSettingsStore(dir), io, true, "lab", dir, "test");
        window = TestConsole.window(ctx).window();
        window.show(stage);
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
        lab.close();
    }

    @Test
    void switchesAClusterToAKubeconfigContextAndBack(FxRobot robot) throws Exception {
        var fleet = window.viewModel().fleet();
        FxWait.until(20, () -> fleet.row(RETAIL)
                .map(r -> r.connection() instanceof ConnectionState.Connected).orElse(false));
        robot.interact(() -> window.viewModel().selectedClusterProperty().set(RETAIL));
        robot.clickOn("#nav-clusters");
        @SuppressWarnings("unchecked")
        ComboBox<String> access = robot.lookup("#cluster-access").queryAs(ComboBox.class);
        FxWait.until(10, () -> access.getItems().contains("retail-edge"));
        assertThat(access.getValue()).isEqualTo(ClusterAccessViewModel.EKS_TOKEN);
        assertThat(access.getItems()).contains("payments", "factory-floor");

        robot.interact(() -> access.getSelectionModel().select("retail-edge"));
        FxWait.until(10, () -> window.viewModel().activity().rows().stream()
                .anyMatch(r -> r.message().contains("at context retail-edge")));
        FxWait.until(10, () -> fleet.row(RETAIL)
                .map(r -> r.connection() instanceof ConnectionState.Connected).orElse(false));
        assertThat(fleet.row(RETAIL).orElseThrow().counts().hybridTotal()).isEqualTo(8);
        assertThat(new JsonSettingsStore(dir).load().kubeContexts()).containsEntry("us-west-2/retail-edge", "retail-edge");
        shoot(robot, Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"), "clusters-access-light.png"));

        robot.interact(() -> access.getSelectionModel().select(ClusterAccessViewModel.EKS_TOKEN));
        FxWait.until(10, () -> window.viewModel().activity().rows().stream()
                .filter(r -> r.message().contains("Connecting to retail-edge at http://")).count() >= 2);
        assertThat(new JsonSettingsStore(dir).load().kubeContexts()).doesNotContainKey("us-west-2/retail-edge");
        assertThat(window.viewModel().activity().rows()).extracting(r -> r.message())
                .contains("Connecting to retail-edge at context retail-edge").noneMatch(m -> m.startsWith("Connecting: Connecting"));
        robot.interact(() -> stage.close());
    }

    private void shoot(FxRobot robot, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = stage.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File(file.toString()));
    }
}
