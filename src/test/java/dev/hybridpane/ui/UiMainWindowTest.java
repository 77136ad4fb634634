package dev.hybridpane.ui;

import atlantafx.base.theme.Styles;
import static dev.hybridpane.ui.TestData.cluster;
import static dev.hybridpane.ui.TestData.hybrid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.core.Settings;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ClusterNode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.settings.ThemeChoice;
import dev.hybridpane.ui.shell.MainWindow;
import dev.hybridpane.ui.shell.NavTarget;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class UiMainWindowTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    private static final ClusterRef EDGE = new ClusterRef("us-west-2", "edge-prod");
    private static final ClusterRef LEGACY = new ClusterRef("us-east-1", "core-legacy");

    private final FakeAws aws = new FakeAws();
    private final FakeClusterPort kube = new FakeClusterPort();
    private final MemorySettingsStore store = new MemorySettingsStore(Settings.DEFAULTS.withTheme("LIGHT"));
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        aws.clustersByProfile.put("lab", List.of(
                cluster("us-west-2", "edge-prod", "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE),
                cluster("us-east-1", "edge-stage", "1.30", true, AuthenticationMode.API_AND_CONFIG_MAP, EndpointAccess.PUBLIC),
                cluster("us-east-1", "core-legacy", "1.29", false, AuthenticationMode.CONFIG_MAP,
                        EndpointAccess.PUBLIC_AND_PRIVATE)));
        List<ClusterNode> edge = new ArrayList<>();
        edge.add(TestData.cloud("ip-192-168-1-10"));
        edge.add(TestData.cloud("ip-192-168-2-11"));
        for (int i = 1; i <= 6; i++) {
            edge.add(hybrid("mi-store12-" + i, "racks-a", "store-12", i != 4));
        }
        for (int i = 1; i <= 4; i++) {
            edge.add(hybrid("mi-store40-" + i, "racks-b", "store-40", true));
        }
        kube.initialNodes.put(EDGE, edge);
        kube.initialNodes.put(new ClusterRef("us-east-1", "edge-stage"),
                List.of(hybrid("mi-lab-1", "bench", "lab-1", true), hybrid("mi-lab-2", "bench", "lab-1", true)));
        kube.failures.put(LEGACY, "The API server rejected the token: is there an access entry for your role?");
        window = TestConsole.window(TestConsole.ports(aws, kube, store, Runnable::run, true,
                "embedded AWS and Kubernetes on loopback", Path.of("/home/admin/.config/hybridpane"), "0.1.0-test")).window();
        window.show(stage);
    }

    @Test
    void visitsEveryViewJumpsWithThePaletteAndShootsBothThemes(FxRobot robot) throws Exception {
        FxWait.until(5, () -> window.readyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.firstViewPopulated().isDone());
        assertNotNull(robot.lookup("#env-badge").query(), "lab badge shows");
        assertTrue(robot.lookup("#profile-switcher").tryQuery().isEmpty(), "one profile: no switcher that switches nothing");

        // live: events and a node going NotReady arrive from a worker thread
        kube.listener(EDGE).onEvent(TestData.event("ev-1", "mi-store12-4", true, "NodeNotReady"));
        kube.listener(EDGE).onEvent(TestData.event("ev-2", "mi-store40-2", false, "RegisteredNode"));
        Thread worker = new Thread(() -> kube.listener(EDGE).onNodeUpsert(hybrid("mi-store40-3", "racks-b", "store-40", false)));
        worker.start();
        worker.join();
        FxWait.until(2, () -> window.viewModel().fleet().row(EDGE).orElseThrow().counts().hybridReady() == 8);

        Path dir = Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        for (ThemeChoice theme : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
            robot.interact(() -> window.viewModel().settingsViewModel().themeProperty().set(theme));
            String suffix = theme.name().toLowerCase(Locale.ROOT);
            for (NavTarget t : NavTarget.values()) {
                robot.clickOn("#nav-" + t.id());
                WaitForAsyncUtils.waitForFxEvents();
                assertEquals(t, window.viewModel().viewProperty().get());
                shoot(robot, dir.resolve("fake-" + t.id() + "-" + suffix + ".png"));
            }
            // palette: Ctrl+K, type, Enter jumps to the cluster and opens its detail
            robot.clickOn("#nav-overview");
            robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(window.palette().openProperty().get(), "Ctrl+K opens the palette");
            robot.write("edge-p");
            WaitForAsyncUtils.waitForFxEvents();
            shoot(robot, dir.resolve("palette-" + suffix + ".png"));
            robot.type(KeyCode.ENTER);
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(window.palette().openProperty().get());
            assertEquals(NavTarget.CLUSTERS, window.viewModel().viewProperty().get());
            assertEquals(EDGE, window.viewModel().selectedClusterProperty().get());
            Label title = robot.lookup(".detail-title").queryAs(Label.class);
            assertEquals("edge-prod", title.getText());
            shoot(robot, dir.resolve("clusters-detail-" + suffix + ".png"));
            ScrollPane detailScroll = robot.lookup("#cluster-detail .scroll-pane")
                    .queryAs(ScrollPane.class);
            robot.interact(() -> detailScroll.setVvalue(1.0));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(robot.lookup(".mini-table").tryQuery().isPresent(), "subnets, routes and access entries show");
            shoot(robot, dir.resolve("clusters-detail-bottom-" + suffix + ".png"));
        }

        // selecting a failed cluster in the table shows its reason in the detail header
        TableView<ClusterRow> table = robot.lookup("#clusters-table").queryTableView();
        int legacy = -1;
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).ref().equals(LEGACY)) {
                legacy = i;
            }
        }
        int row = legacy;
        robot.interact(() -> table.getSelectionModel().select(row));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(LEGACY, window.viewModel().selectedClusterProperty().get());
        assertTrue(robot.lookup("#detail-connection").queryAs(Label.class).getStyleClass().contains(Styles.DANGER),
                "failed connection shows in red (AtlantaFX's danger label)");
        shoot(robot, dir.resolve("clusters-failed-dark.png"));

        SplitPane split = robot.lookup("#clusters-split").queryAs(SplitPane.class);
        robot.interact(() -> split.setDividerPositions(0.62));
        robot.interact(() -> stage.close());
        assertEquals(0.62, store.saved.detailDivider(), 0.01, "the divider is remembered");
        assertEquals("DARK", store.saved.theme());
        assertEquals("clusters", store.saved.lastView());
    }

    @Test
    void theProfileSwitcherComesWithASecondProfile(FxRobot robot) throws Exception {
        FxWait.until(5, () -> window.readyProperty().get());
        assertTrue(robot.lookup("#profile-switcher").tryQuery().isEmpty());
        robot.interact(() -> window.viewModel().profiles().add("staging"));
        ComboBox<String> switcher = robot.lookup("#profile-switcher").queryComboBox();
        assertEquals(List.of("lab", "staging"), switcher.getItems());
        assertEquals("lab", switcher.getValue());
        Node regions = robot.lookup("#region-chooser").query();
        assertTrue(switcher.getParent() == regions.getParent() && switcher.getParent().getChildrenUnmodifiable()
                .indexOf(switcher) + 1 == switcher.getParent().getChildrenUnmodifiable().indexOf(regions),
                "just before the region chooser");
        robot.interact(() -> window.viewModel().profiles().add("prod"));
        assertEquals(1, robot.lookup("#profile-switcher").queryAll().size(), "made once");
    }

    private void shoot(FxRobot robot, Path file) throws IOException {
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = stage.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File(file.toString()));
    }
}
