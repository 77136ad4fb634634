package dev.hybridpane.ui.pools;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.TestData;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.common.FxTaskRunner;
import dev.hybridpane.ui.fleet.FleetViewModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ComboBox;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Node Pools view on a fake fleet: the list with health, status and an update one click from its diff, the
 * detail's nodes, chart and event stream filtered by type and node, in light and dark (screenshots in target/), and
 * its empty states.
 */
@ExtendWith(ApplicationExtension.class)
class UiPoolsViewTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    static final Path SHOTS = Path.of("target", "screenshots");

    private PoolFixtures fx;
    private ExecutorService io;
    private PoolsView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        io = Executors.newCachedThreadPool();
        fx = new PoolFixtures();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        view = new PoolsView(viewModel(fx.fleet), null);
        show(view);
        stage.show();
    }

    private PoolsViewModel viewModel(FleetViewModel fleet) {
        FxTaskRunner runner = new FxTaskRunner(io, new FxExecutor());
        return new PoolsViewModel(fleet, fx::access, fx.services(), fx.history, fx.day2(runner, new FxExecutor()), runner,
                fx.clock);
    }

    private void show(Parent root) {
        // the view's share of a 1280-px window beside the sidebar
        Scene scene = new Scene(root, 1180, 800);
        scene.getStylesheets().add(PoolsView.class.getResource("/dev/hybridpane/ui/app.css").toExternalForm());
        stage.setScene(scene);
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    @Test
    void aPoolsUpdateIsOneClickFromItsDiffAndItsDetailShowsNodesChartAndEvents(FxRobot robot) throws Exception {
        PoolsViewModel vm = view.viewModel();
        FxWait.until(10, () -> vm.rows().size() == 2 && !vm.busyProperty().get()
                && "v1 → v2 available".equals(vm.rows().get(0).updateText()));
        assertThat(texts(robot, "#pools-table")).contains("dallas-gpu", "store-pos", "degraded", "healthy", "Running",
                "unmanaged", "2/4", "1/1", "gpu-ssm@1", "gpu-ssm@2", "up to date", "v1 → v2 available");
        assertThat(robot.lookup("#pools-new").queryButton().isDisabled()).as("no wizard given").isTrue();
        robot.moveTo("#pools-new-why");
        FxWait.until(5, () -> robot.lookup("#pools-new-why").queryAs(Label.class).getTooltip() != null);
        assertThat(robot.lookup("#pools-new-why").queryAs(Label.class).getTooltip().getText())
                .as("why New pool is disabled").contains("hybridpane pool apply");
        assertThat(robot.lookup("#pools-count").queryAs(Label.class).getText()).isEqualTo("2 of 2 pools");

        robot.clickOn(robot.lookup(".pools-update-link").queryAs(Node.class));
        FxWait.until(5, () -> vm.selectedProperty().get() != null
                && view.detail().tabs().getSelectionModel().getSelectedItem().getText().equals("Update"));
        assertThat(robot.lookup("#pools-detail-title").queryAs(Label.class).getText()).isEqualTo("dallas-gpu");
        assertThat(robot.lookup("#pools-update-summary").queryAs(Label.class).getText()).startsWith("v1 → v2 of gpu-ssm: ");
        List<String> diff = texts(robot, "#pools-diff");
        int row = diff.indexOf("version");
        assertThat(row).as("the changed field is listed: %s", diff).isGreaterThan(0);
        assertThat(diff.subList(row, row + 3)).containsExactly("version", "1.30", "1.31");
        assertThat(diff).contains("Version 1", "Version 2");
        assertThat(texts(robot, "#pools-summary")).contains("Labels", "workload=gpu", "Taints", "dedicated=gpu:NoSchedule",
                "Architecture", "amd64", "NTP servers", "time.example.net");
        shoot(robot, "pools-update-light.png");

        robot.interact(() -> view.detail().tabs().getSelectionModel().select(0));
        FxWait.until(5, () -> vm.detail().nodes().size() == 4 && "dallas-01".equals(vm.detail().nodes().get(0).hostText()));
        assertThat(texts(robot, "#pools-nodes")).contains("dallas-01", "mi-0a", "Ready", "NotReady", "dallas-04",
                "(not joined)", "/etc/hybridpane/nodeconfig.yaml", "v1.31.4-eks");
        assertThat(view.detail().chart().points()).as("the ready count since the view opened").isNotEmpty();
        assertThat(view.detail().chart().points().get(view.detail().chart().points().size() - 1).getYValue().intValue())
                .isEqualTo(2);
        // 20 minutes later mi-0c is Ready, then 10 minutes of ticks: the line steps from 2 to 3
        robot.interact(() -> {
            fx.clock.advance(Duration.ofMinutes(20));
            fx.fleet.apply(List.of(new FleetUpdate.NodeUpserted(PoolFixtures.REF,
                    TestData.hybrid("mi-0c", "dallas-gpu", "dallas-dc", true))));
            fx.clock.advance(Duration.ofMinutes(10));
            vm.sample();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> view.detail().chart().points().stream()
                .map(p -> p.getXValue().intValue() + ":" + p.getYValue().intValue()).toList()).get(5, TimeUnit.SECONDS))
                .containsExactly("-30:2", "-10:2", "-10:3", "0:3");
        shoot(robot, "pools-nodes-light.png");

        // the event stream: read once from the cluster, then live
        robot.interact(() -> view.detail().tabs().getSelectionModel().select(1));
        FxWait.until(5, () -> vm.detail().events().events().size() == 2 && vm.detail().eventsStatusProperty().get().isEmpty());
        robot.interact(() -> fx.fleet.apply(List.of(new FleetUpdate.EventSeen(PoolFixtures.REF, PoolFixtures.event("l1",
                "Node", "mi-0a", false, "NodeReady", PoolFixtures.T0.minusSeconds(30))))));
        FxWait.until(5, () -> vm.detail().events().shown().size() == 3);
        assertThat(robot.lookup("#pools-events-count").queryAs(Label.class).getText()).isEqualTo("3 of 3 events");
        pick(robot, "#pools-events-type", "Warning");
        FxWait.until(5, () -> vm.detail().events().shown().size() == 1);
        assertThat(texts(robot, "#pools-events")).contains("NodeNotReady", "mi-0c").doesNotContain("NodeReady");
        pick(robot, "#pools-events-type", PoolEventsViewModel.ALL_TYPES);
        pick(robot, "#pools-events-source", "Pool dallas-gpu");
        FxWait.until(5, () -> vm.detail().events().shown().stream().map(ClusterEvent::uid).toList().equals(List.of("h1")));
        pick(robot, "#pools-events-source", PoolEventsViewModel.ALL_SOURCES);
        shoot(robot, "pools-events-light.png");

        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        try {
            shoot(robot, "pools-events-dark.png");
            robot.interact(() -> view.detail().tabs().getSelectionModel().select(0));
            shoot(robot, "pools-nodes-dark.png");
            robot.interact(() -> view.detail().tabs().getSelectionModel().select(2));
            shoot(robot, "pools-update-dark.png");
            assertThat(robot.lookup("#pools-diff").query().isVisible()).isTrue();
        } finally {
            robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        }

        // the text filter
        robot.clickOn("#pools-filter").write("unmanaged");
        FxWait.until(5, () -> vm.filteredRows().size() == 1);
        assertThat(robot.lookup("#pools-count").queryAs(Label.class).getText()).isEqualTo("1 of 2 pools");
    }

    @Test
    void emptyStatesSayWhyAndHowToCreateAPoolAndNewPoolOpensTheWizard(FxRobot robot) throws Exception {
        FleetViewModel none = new FleetViewModel();
        AtomicInteger opened = new AtomicInteger();
        PoolsView[] v = new PoolsView[1];
        robot.interact(() -> {
            v[0] = new PoolsView(viewModel(none), opened::incrementAndGet);
            show(v[0]);
        });
        FxWait.until(5, () -> robot.lookup("#pools-empty-clusters").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(texts(robot, "#pools-empty-clusters")).contains("No hybrid cluster");
        shoot(robot, v[0], "pools-empty-clusters-light.png");

        robot.interact(() -> none.apply(List.of(new FleetUpdate.ClusterFound(PoolFixtures.RETAIL))));
        FxWait.until(5, () -> robot.lookup("#pools-empty-pools").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(texts(robot, "#pools-empty-pools")).contains("No node pools yet", PoolsView.NO_POOLS_TEXT);
        assertThat(PoolsView.NO_POOLS_TEXT).contains("New pool", "hybridpane pool apply");
        Button add = robot.lookup("#pools-new").queryButton();
        assertThat(add.isDisabled()).isFalse();
        robot.clickOn(add);
        assertThat(opened.get()).isEqualTo(1);
        shoot(robot, v[0], "pools-empty-pools-light.png");

        // the first node of a pool: the list replaces the empty state
        robot.interact(() -> none.apply(List.of(new FleetUpdate.NodeUpserted(PoolFixtures.REF,
                TestData.hybrid("mi-1", "first-pool", "dallas-dc", true)))));
        FxWait.until(5, () -> robot.lookup("#pools-split").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(robot.lookup("#pools-empty-pools").tryQuery()).isEmpty();
    }

    /** Opens a ComboBox and clicks the entry with this text. */
    private static void pick(FxRobot robot, String combo, String entry) throws Exception {
        robot.clickOn(combo);
        FxWait.until(5, () -> robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
                .anyMatch(n -> n.isVisible() && entry.equals(((ListCell<?>) n).getText())));
        Node item = robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
                .filter(n -> n.isVisible() && entry.equals(((ListCell<?>) n).getText())).findFirst().orElseThrow();
        robot.clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((ComboBox<?>) robot.lookup(combo).query()).isShowing()).isFalse();
    }

    /** The texts of the labels and cells under a node, in scene order. */
    private static List<String> texts(FxRobot robot, String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            collect(robot.lookup(id).query(), out);
            return out;
        }).get(5, TimeUnit.SECONDS);
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && n.isVisible()) {
            out.add(l.getText());
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }

    private void shoot(FxRobot robot, String file) throws Exception {
        shoot(robot, view, file);
    }

    private void shoot(FxRobot robot, Parent root, String file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Files.createDirectories(SHOTS);
        WritableImage[] img = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> img[0] = root.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File(SHOTS.toFile(), file));
    }
}
