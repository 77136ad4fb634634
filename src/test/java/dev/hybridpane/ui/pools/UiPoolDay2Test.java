package dev.hybridpane.ui.pools;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.common.FxTaskRunner;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.ui.pools.day2.Day2Flow;
import dev.hybridpane.ui.pools.day2.EditHostsViewModel;
import dev.hybridpane.ui.pools.day2.RotateCertsViewModel;
import dev.hybridpane.ui.pools.day2.SsmHygieneViewModel;
import dev.hybridpane.ui.pools.day2.FakeDay2Port;
import dev.hybridpane.ui.pools.day2.PoolDay2Port;
import dev.hybridpane.ui.pools.day2.PoolDay2ViewModel;
import dev.hybridpane.ui.pools.day2.RemoveNodeViewModel;
import dev.hybridpane.ui.pools.day2.TargetProgress;
import dev.hybridpane.ui.pools.day2.UpgradeViewModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
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
 * The day-2 dialogs in the real Node Pools view on the fake port, in light and dark: the upgrade's options (a field
 * error), review, approval, a row per node, Pause at a node boundary and Resume; a stale lock taken over after its
 * confirmation, then Remove node with its drain choices, its plan, and the PDB that blocks the drain. Screenshots go to
 * /tmp/day2-*.png.
 */
@ExtendWith(ApplicationExtension.class)
class UiPoolDay2Test {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    private PoolFixtures fx;
    private FakeDay2Port port;
    private ExecutorService io;
    private PoolsView view;
    private PoolDay2ViewModel day2;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        io = Executors.newCachedThreadPool();
        fx = new PoolFixtures();
        port = new FakeDay2Port();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FxTaskRunner runner = new FxTaskRunner(io, new FxExecutor());
        day2 = new PoolDay2ViewModel(port, fx::access, runner, new FxExecutor(), j -> { }, fx.clock);
        view = new PoolsView(new PoolsViewModel(fx.fleet, fx::access, fx.services(), fx.history, day2, runner, fx.clock),
                null);
        Scene scene = new Scene(view, 1180, 800);
        scene.getStylesheets().add(PoolsView.class.getResource("/dev/hybridpane/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        Semaphore g = port.gate;
        if (g != null) {
            g.release(100);
        }
        io.shutdownNow();
    }

    @Test
    void upgradeReviewRunPauseResumeLight(FxRobot robot) throws Exception {
        upgrade(robot, "light");
    }

    @Test
    void upgradeReviewRunPauseResumeDark(FxRobot robot) throws Exception {
        dark(robot);
        upgrade(robot, "dark");
    }

    @Test
    void staleLockTakeOverThenRemoveNodeLight(FxRobot robot) throws Exception {
        removeNode(robot, "light");
    }

    @Test
    void staleLockTakeOverThenRemoveNodeDark(FxRobot robot) throws Exception {
        dark(robot);
        removeNode(robot, "dark");
    }

    @Test
    void editHostsSsmHygieneAndRotationDialogsLight(FxRobot robot) throws Exception {
        openPool(robot);
        robot.clickOn("#day2-edit-hosts");
        FxWait.until(5, () -> day2.openProperty().get() instanceof EditHostsViewModel e && e.hosts().size() == 5);
        EditHostsViewModel e = (EditHostsViewModel) day2.openProperty().get();
        assertThat(robot.lookup("#day2-hosts-review").queryButton().isDisabled()).as("no change yet").isTrue();
        robot.interact(() -> {
            e.hosts().get(3).chosenProperty().set(true);
            e.hosts().get(1).chosenProperty().set(false);
        });
        FxWait.until(5, () -> !robot.lookup("#day2-hosts-review").queryButton().isDisabled());
        assertThat(robot.lookup("#day2-hosts-summary").queryAs(Label.class).getText()).startsWith("1 host joins; 1 node");
        shoot("day2-edit-hosts-light.png");
        robot.clickOn("#day2-hosts-close");
        FxWait.until(5, () -> day2.openProperty().get() == null);

        robot.clickOn("#day2-ssm");
        FxWait.until(5, () -> day2.openProperty().get() instanceof SsmHygieneViewModel h && h.loadedProperty().get());
        assertThat(texts(robot, "#day2-ssm-orphans")).contains("mi-0dead");
        shoot("day2-ssm-hygiene-light.png");
        robot.clickOn("#day2-ssm-clean");
        FxWait.until(5, () -> robot.lookup("#day2-ssm-clean-confirm").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(port.calls).noneMatch(c -> c.startsWith("cleanUp"));
        shoot("day2-ssm-confirm-light.png");
        robot.clickOn("#day2-ssm-clean-confirm");
        FxWait.until(5, () -> port.calls.contains("cleanUp 1 1")
                && robot.lookup("#day2-ssm-result").tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("#day2-ssm-close");

        port.provider = CredentialProvider.IAM_RA;
        port.certificates = List.of(new PoolDay2Port.HostCertificate("dallas-01", "mi-0a",
                        FakeDay2Port.T0.plus(Duration.ofDays(200))),
                new PoolDay2Port.HostCertificate("dallas-02", "mi-0b", FakeDay2Port.T0.plus(Duration.ofDays(12))),
                new PoolDay2Port.HostCertificate("dallas-03", "mi-0c", FakeDay2Port.T0.minus(Duration.ofDays(3))));
        robot.clickOn("#day2-refresh");
        FxWait.until(5, () -> day2.certificates().size() == 3
                && robot.lookup("#day2-rotate").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(texts(robot, "#pools-nodes")).contains("Certificate", "200 days", "12 days", "expired");
        shoot("day2-certificates-light.png");
        robot.clickOn("#day2-rotate");
        FxWait.until(5, () -> day2.openProperty().get() instanceof RotateCertsViewModel);
        assertThat(robot.lookup("#day2-rotate-review").queryButton().isDisabled()).as("no key file yet").isTrue();
        robot.clickOn("#day2-rotate-key").write("/nonexistent/ca.key");
        robot.clickOn("#day2-rotate-review");
        FxWait.until(5, () -> robot.lookup("#day2-rotate-key-row-error").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(robot.lookup("#day2-rotate-key-row-error").queryAs(Label.class).getText())
                .isEqualTo("No readable file at /nonexistent/ca.key.");
        shoot("day2-rotate-light.png");
    }

    private void upgrade(FxRobot robot, String theme) throws Exception {
        openPool(robot);
        Button upgrade = robot.lookup("#day2-upgrade").queryButton();
        assertThat(upgrade.isVisible()).as("v1 → v2 is available").isTrue();
        robot.clickOn(upgrade);
        FxWait.until(5, () -> day2.openProperty().get() instanceof UpgradeViewModel);
        UpgradeViewModel u = (UpgradeViewModel) day2.openProperty().get();
        TextField unavailable = robot.lookup("#day2-upgrade-max-unavailable").queryAs(TextField.class);
        robot.doubleClickOn(unavailable).eraseText(3).write("0");
        robot.clickOn("#day2-upgrade-review");
        FxWait.until(5, () -> robot.lookup("#day2-upgrade-max-unavailable-error").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#day2-upgrade-max-unavailable-error").queryAs(Label.class).getText())
                .isEqualTo("Max unavailable must be between 1 and 3.");
        shoot("day2-upgrade-options-" + theme + ".png");
        robot.interact(() -> unavailable.setText("1"));
        robot.clickOn("#day2-upgrade-review");
        FxWait.until(5, () -> u.phaseProperty().get() == Day2Flow.Phase.REVIEW);
        assertThat(port.calls).noneMatch(c -> c.startsWith("upgrade "));
        FxWait.until(5, () -> robot.lookup("#day2-upgrade-plan-nodes").tryQuery().map(Node::isVisible).orElse(false));
        shoot("day2-upgrade-review-" + theme + ".png");

        port.gate = new Semaphore(0);
        robot.clickOn("#day2-upgrade-approve");
        FxWait.until(5, () -> u.run().targets().size() == 3
                && u.run().targets().get(0).state() == TargetProgress.State.RUNNING);
        assertThat(robot.lookup("#day2-edit-hosts").queryButton().isDisabled()).as("no other action while it runs")
                .isTrue();
        robot.clickOn("#day2-upgrade-pause");
        FxWait.until(5, () -> u.run().pauseAskedProperty().get());
        port.gate.release();
        FxWait.until(5, () -> u.run().pausedProperty().get());
        assertThat(u.run().targets().get(0).state()).isEqualTo(TargetProgress.State.DONE);
        assertThat(u.run().targets().get(1).state()).as("no node starts while paused").isEqualTo(TargetProgress.State.WAITING);
        assertThat(robot.lookup("#day2-upgrade-run-summary").queryAs(Label.class).getText())
                .startsWith("Paused at a node boundary: 1 of 3 done.");
        assertThat(robot.lookup("#day2-upgrade-close").queryButton().isDisabled()).isTrue();
        shoot("day2-upgrade-paused-" + theme + ".png");

        robot.clickOn("#day2-upgrade-resume");
        port.gate.release(2);
        FxWait.until(10, () -> u.run().statusProperty().get() == OperationStatus.SUCCEEDED
                && !u.run().runningProperty().get());
        assertThat(port.calls).contains("paused after mi-0a");
        assertThat(port.upgraded.maxUnavailable()).isEqualTo(1);
        shoot("day2-upgrade-done-" + theme + ".png");
        robot.clickOn("#day2-upgrade-close");
        FxWait.until(5, () -> day2.openProperty().get() == null);
    }

    private void removeNode(FxRobot robot, String theme) throws Exception {
        port.lock = new PoolDay2Port.LockState.Stale("bo@laptop", FakeDay2Port.T0.minusSeconds(3600),
                FakeDay2Port.T0.minusSeconds(900));
        openPool(robot);
        FxWait.until(5, () -> robot.lookup("#day2-takeover").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(robot.lookup("#pools-remove-node").queryButton().isDisabled()).isTrue();
        shoot("day2-stale-lock-" + theme + ".png");
        robot.clickOn("#day2-takeover");
        FxWait.until(5, () -> robot.lookup("#day2-takeover-confirm").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(texts(robot, "#day2-takeover-card")).anyMatch(t -> t.contains("recorded as an Event"));
        shoot("day2-takeover-" + theme + ".png");
        robot.clickOn("#day2-takeover-confirm");
        FxWait.until(5, () -> day2.lockProperty().get() instanceof PoolDay2Port.LockState.Free
                && !day2.actionsDisabledProperty().get());
        assertThat(port.calls).contains("takeOver dallas-gpu");

        robot.clickOn(robot.lookup("#pools-nodes .table-cell").queryAll().stream()
                .filter(n -> n instanceof Labeled)
                .filter(n -> "mi-0b".equals(((Labeled) n).getText())).findFirst().orElseThrow());
        FxWait.until(5, () -> !robot.lookup("#pools-remove-node").queryButton().isDisabled());
        robot.clickOn("#pools-remove-node");
        FxWait.until(5, () -> day2.openProperty().get() instanceof RemoveNodeViewModel);
        RemoveNodeViewModel r = (RemoveNodeViewModel) day2.openProperty().get();
        assertThat(r.node()).isEqualTo("mi-0b");
        robot.clickOn("#day2-remove-disable-eviction");
        FxWait.until(5, () -> robot.lookup("#day2-remove-disable-eviction-warning").queryAs(Label.class).isVisible());
        robot.clickOn("#day2-remove-emptydir");
        robot.interact(() -> robot.lookup("#day2-remove-timeout").queryAs(TextField.class).setText("soon"));
        robot.clickOn("#day2-remove-review");
        FxWait.until(5, () -> robot.lookup("#day2-remove-timeout-error").queryAs(Label.class).isVisible());
        shoot("day2-remove-options-" + theme + ".png");
        robot.clickOn("#day2-remove-disable-eviction");
        robot.interact(() -> robot.lookup("#day2-remove-timeout").queryAs(TextField.class).setText("15"));
        robot.clickOn("#day2-remove-review");
        FxWait.until(5, () -> r.phaseProperty().get() == Day2Flow.Phase.REVIEW);
        shoot("day2-remove-review-" + theme + ".png");

        port.gate = new Semaphore(0);
        port.blockDrainOnce = true;
        robot.clickOn("#day2-remove-approve");
        FxWait.until(5, () -> r.run().targets().get(0).stepText().equals("Cordon"));
        port.gate.release(); // cordoned: the drain starts, and a PDB refuses the eviction
        FxWait.until(5, () -> !r.run().blockedProperty().get().isEmpty());
        FxWait.until(5, () -> robot.lookup("#day2-remove-run-blocked").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(r.run().blockedProperty().get()).contains("web-pdb", "shop/web-7d9c");
        assertThat(robot.lookup("#day2-remove-pause").queryButton().isVisible()).as("one node: no pause").isFalse();
        shoot("day2-remove-blocked-" + theme + ".png");
        port.gate.release(20);
        FxWait.until(10, () -> r.run().statusProperty().get() == OperationStatus.SUCCEEDED && !r.run().runningProperty().get());
        assertThat(port.drained.deleteEmptyDirData()).isTrue();
        assertThat(port.drained.disableEviction()).isFalse();
        shoot("day2-remove-done-" + theme + ".png");
    }

    private void openPool(FxRobot robot) throws Exception {
        PoolsViewModel vm = view.viewModel();
        FxWait.until(10, () -> vm.rows().size() == 2 && "v1 → v2 available".equals(vm.rows().get(0).updateText()));
        robot.interact(() -> vm.selectedProperty().set(vm.rows().get(0)));
        FxWait.until(5, () -> day2.lockProperty().get() != null && !day2.loadingProperty().get()
                && vm.detail().nodes().size() == 4);
    }

    private void dark(FxRobot robot) {
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
    }

    private static List<String> texts(FxRobot robot, String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            collect(robot.lookup(id).query(), out);
            return out;
        }).get(5, TimeUnit.SECONDS);
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof Labeled l && l.getText() != null && n.isVisible()) {
            out.add(l.getText());
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }

    private void shoot(String file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] img = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> img[0] = view.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        Files.createDirectories(Path.of("/tmp"));
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File("/tmp", file));
    }
}
