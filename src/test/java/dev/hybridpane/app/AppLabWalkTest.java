package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.kube.LabSimulation;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.TestConsole;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.NodeKey;
import dev.hybridpane.ui.settings.ThemeChoice;
import dev.hybridpane.ui.shell.MainWindow;
import dev.hybridpane.ui.shell.NavTarget;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole app on the embedded lab, end to end: the production AWS and fabric8 adapters talk to the
 * lab's emulator and Kubernetes API servers over loopback; the test visits every view in both themes.
 */
@ExtendWith(ApplicationExtension.class)
class AppLabWalkTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    private static final ClusterRef RETAIL = new ClusterRef("us-west-2", "retail-edge");
    private static final ClusterRef FACTORY = new ClusterRef("eu-central-1", "factory-floor");

    @TempDir
    static Path configDir;

    private Composition composition;
    private MainWindow window;
    private Stage stage;

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
    void opensOnTheLabShowsLiveNodesAndEveryView(FxRobot robot) throws Exception {
        FxWait.until(20, () -> window.readyProperty().get());
        var fleet = window.viewModel().fleet();
        FxWait.until(20, () -> fleet.clusterRows().size() == 4
                && fleet.clusterRows().stream().allMatch(r -> r.connection() instanceof ConnectionState.Connected)
                && fleet.row(RETAIL).map(r -> r.counts().hybridTotal() == 8).orElse(false));
        assertThat(robot.lookup("#env-badge").tryQuery()).isPresent();

        ClusterRow retail = fleet.row(RETAIL).orElseThrow();
        assertThat(retail.cluster().hybridEnabled()).isTrue();
        assertThat(retail.counts().cloud()).isEqualTo(3);
        assertThat(retail.counts().hybridReady()).isEqualTo(8);
        assertThat(fleet.pools(RETAIL)).extracting(p -> p.pool()).containsExactlyInAnyOrder("dallas-gpu", "store-pos");
        assertThat(fleet.row(FACTORY).orElseThrow().cluster().endpointAccess().name()).isEqualTo("PUBLIC_AND_PRIVATE");

        // a hybrid node goes NotReady in the cluster (as the lab's simulation does it): the UI follows, no refresh
        var sim = new LabSimulation(composition.lab().orElseThrow().kube().server(LabKube.key("us-west-2", "retail-edge")));
        String flapped = sim.tick();
        NodeKey key = new NodeKey(RETAIL, flapped);
        FxWait.until(5, () -> fleet.node(key).map(n -> !n.ready()).orElse(false)
                && fleet.row(RETAIL).orElseThrow().counts().hybridReady() == 7);
        assertThat(fleet.node(key).orElseThrow().readyReason()).isEqualTo("NodeStatusUnknown");
        assertThat(fleet.pools(RETAIL)).anyMatch(p -> p.ready() == p.total() - 1);

        Path dir = Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        for (ThemeChoice theme : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
            robot.interact(() -> window.viewModel().settingsViewModel().themeProperty().set(theme));
            String suffix = theme.name().toLowerCase(Locale.ROOT);
            for (NavTarget t : NavTarget.values()) {
                robot.clickOn("#nav-" + t.id());
                WaitForAsyncUtils.waitForFxEvents();
                assertThat(window.viewModel().viewProperty().get()).isEqualTo(t);
                shoot(robot, dir.resolve("lab-" + t.id() + "-" + suffix + ".png"));
            }
            robot.interact(() -> window.viewModel().selectedClusterProperty().set(RETAIL));
            robot.clickOn("#nav-clusters");
            FxWait.until(10, () -> robot.lookup(".mini-table").tryQuery().isPresent());
            // the hybrid configuration has been read: retail-edge's roles (from its access entries) all pass
            FxWait.until(10, () -> robot.lookup("#hybrid-config .check-row").queryAll().size() >= 10);
            assertThat(robot.lookup("#hybrid-config .check-danger").queryAll()).isEmpty();
            WaitForAsyncUtils.waitForFxEvents();
            shoot(robot, dir.resolve("lab-clusters-detail-" + suffix + ".png"));
        }

        // the node comes back: the next tick restores it
        sim.tick();
        FxWait.until(5, () -> fleet.row(RETAIL).orElseThrow().counts().hybridReady() == 8);
        robot.interact(() -> stage.close());
    }

    private void shoot(FxRobot robot, Path file) throws Exception {
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = stage.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File(file.toString()));
    }
}
