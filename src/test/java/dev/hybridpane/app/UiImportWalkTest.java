package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.ops.StepState;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.TestConsole;
import dev.hybridpane.ui.activity.OperationRow;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.hybrid.ImportClusterViewModel;
import dev.hybridpane.ui.shell.MainWindow;
import dev.hybridpane.ui.shell.NavTarget;
import dev.hybridpane.ui.wizard.StepRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The import wizard in the real window on the lab: payments is imported, then imported again; every step shot in both themes. */
@ExtendWith(ApplicationExtension.class)
class UiImportWalkTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    private static final ClusterRef PAYMENTS = new ClusterRef("us-west-2", "payments");

    @TempDir
    static Path configDir;

    private Composition composition;
    private MainWindow window;
    private ConsoleUi.Console console;
    private Stage stage;
    private final Path dir = Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"));

    @Start
    void start(Stage stage) {
        this.stage = stage;
        composition = Composition.create(new Composition.Options(true, 0, null, List.of()), configDir, false, null);
        console = TestConsole.window(composition.ports());
        window = console.window();
        window.show(stage);
    }

    @AfterEach
    void stop() {
        composition.close();
    }

    @Test
    void importsPaymentsStepByStepThenAgainAndListsTheOperations(FxRobot robot) throws Exception {
        Files.createDirectories(dir);
        var fleet = window.viewModel().fleet();
        FxWait.until(20, () -> window.readyProperty().get() && fleet.row(PAYMENTS)
                .map(r -> r.connection() instanceof ConnectionState.Connected).orElse(false));
        robot.interact(() -> window.viewModel().navigate(NavTarget.CLUSTERS));
        robot.clickOn("#import-cluster");
        ImportClusterViewModel vm = (ImportClusterViewModel) console.hybrid().openProperty().get();
        Button next = robot.lookup("#import-wizard-next").queryButton();
        assertThat(next.isDisabled()).isTrue();

        robot.clickOn("#import-region").write("us-west");
        robot.clickOn("#import-name").write("-payments");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.choice().regionErrorProperty().get()).contains("not a region code");
        assertThat(next.isDisabled()).isTrue();
        shootBoth(robot, "wizard-import-cluster-invalid");

        clickCluster(robot, "factory-floor");
        assertThat(vm.choice().regionProperty().get()).isEqualTo("eu-central-1");
        robot.clickOn("#import-wizard-next");
        FxWait.until(15, () -> vm.currentProperty().get() == vm.requirementsStep());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.blockedProperty().get()).contains("Endpoint access");
        assertThat(next.isDisabled()).isTrue();
        shootBoth(robot, "wizard-import-requirements-blocked");

        robot.clickOn("#import-wizard-back");
        clickCluster(robot, "payments");
        shootBoth(robot, "wizard-import-cluster");
        robot.clickOn("#import-wizard-next");
        FxWait.until(15, () -> vm.currentProperty().get() == vm.requirementsStep()
                && vm.reviewProperty().get().cluster().name().equals("payments"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(next.isDisabled()).isFalse();
        shootBoth(robot, "wizard-import-requirements");

        robot.clickOn("#import-wizard-next");
        assertThat(robot.lookup("#import-manifest").tryQuery()).isPresent();
        shootBoth(robot, "wizard-import-manifest");
        robot.clickOn("#import-apply-myself");
        robot.clickOn("#import-wizard-next");
        FxWait.until(10, () -> vm.waitForFootprint().statusProperty().get().contains("0 of 9"));
        assertThat(next.isDisabled()).isTrue();
        shootBoth(robot, "wizard-import-manifest-waiting");
        robot.clickOn("#import-wait-cancel");
        robot.clickOn("#import-apply-now");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.waitForFootprint().waitingProperty().get()).isFalse();

        robot.clickOn("#import-wizard-next");
        assertThat(vm.currentProperty().get()).isSameAs(vm.planStep());
        assertThat(next.getText()).isEqualTo("Apply");
        shootBoth(robot, "wizard-import-plan");
        robot.clickOn("#import-wizard-next");
        FxWait.until(30, () -> vm.run().statusProperty().get() == OperationStatus.SUCCEEDED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.run().steps()).extracting(StepRow::state).containsOnly(StepState.DONE);
        shootBoth(robot, "wizard-import-apply");
        robot.clickOn("#import-wizard-next");
        assertThat(next.getText()).isEqualTo("Close");
        shootBoth(robot, "wizard-import-done");
        robot.clickOn("#import-wizard-next");
        FxWait.until(5, () -> console.hybrid().openProperty().get() == null);

        // again, from Ctrl+K: every step is already done
        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("Import cluster");
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER);
        FxWait.until(5, () -> console.hybrid().openProperty().get() instanceof ImportClusterViewModel);
        ImportClusterViewModel again = (ImportClusterViewModel) console.hybrid().openProperty().get();
        clickCluster(robot, "payments");
        robot.clickOn("#import-wizard-next");
        FxWait.until(15, () -> again.currentProperty().get() == again.requirementsStep());
        robot.clickOn("#import-wizard-next");
        robot.clickOn("#import-wizard-next");
        robot.clickOn("#import-wizard-next");
        FxWait.until(30, () -> again.run().statusProperty().get() == OperationStatus.SUCCEEDED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(again.run().steps()).extracting(StepRow::state).containsOnly(StepState.ALREADY_DONE);
        shootBoth(robot, "wizard-import-reimport");
        robot.clickOn("#import-wizard-next");
        robot.clickOn("#import-wizard-next");

        robot.interact(() -> window.viewModel().navigate(NavTarget.ACTIVITY));
        var ops = console.operations();
        // both runs are listed: the first import is kept as history when the cluster is imported again
        FxWait.until(5, () -> ops.rows().size() == 2);
        assertThat(ops.rows()).extracting(OperationRow::kind, OperationRow::status).containsExactly(
                tuple("Import", OperationStatus.SUCCEEDED),
                tuple("Import", OperationStatus.SUCCEEDED));
        robot.clickOn(robot.lookup("#operations-table .table-row-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ops.steps()).hasSize(10);
        assertThat(ops.log()).isNotEmpty();
        shootBoth(robot, "activity-operations");
        robot.interact(() -> stage.close());
    }

    @SuppressWarnings("unchecked")
    private static void clickCluster(FxRobot robot, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup("#import-clusters .list-cell").match(n -> n instanceof ListCell<?> c && c.getItem() instanceof ClusterRow r
                && r.cluster().name().equals(name)).query();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shootBoth(FxRobot robot, String name) throws Exception {
        WalkShots.both(robot, window, stage, dir, name);
    }
}
