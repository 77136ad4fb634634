package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.lab.aws.AwsInspection.RemoteNetworks;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.TestConsole;
import dev.hybridpane.ui.hybrid.EnableHybridViewModel;
import dev.hybridpane.ui.shell.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The enable-hybrid wizard in the real window on the lab: payments gets hybrid mode; every step shot in both themes. */
@ExtendWith(ApplicationExtension.class)
class UiEnableHybridWalkTest {
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
        composition.lab().orElseThrow().aws().setUpdateDelay(Duration.ofMillis(300));
        console = TestConsole.window(composition.ports());
        window = console.window();
        window.show(stage);
    }

    @AfterEach
    void stop() {
        composition.close();
    }

    @Test
    void enablesHybridModeOnPaymentsStepByStep(FxRobot robot) throws Exception {
        Files.createDirectories(dir);
        var fleet = window.viewModel().fleet();
        FxWait.until(20, () -> window.readyProperty().get() && fleet.row(PAYMENTS)
                .map(r -> r.connection() instanceof ConnectionState.Connected).orElse(false));
        robot.interact(() -> window.viewModel().openCluster(PAYMENTS));
        FxWait.until(10, () -> robot.lookup("#enable-hybrid").tryQuery().isPresent());
        robot.clickOn("#enable-hybrid");
        EnableHybridViewModel vm = (EnableHybridViewModel) console.hybrid().openProperty().get();
        FxWait.until(15, () -> vm.reviewProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Button next = robot.lookup("#enable-wizard-next").queryButton();
        assertThat(next.isDisabled()).as("no node CIDR yet").isTrue();

        robot.clickOn("#node-cidr-0").write("10.110.4.0/24");
        WaitForAsyncUtils.waitForFxEvents();
        Label message = robot.lookup("#enable-networks .field-error").match(n -> n.isVisible()).queryAs(Label.class);
        assertThat(message.getText()).isEqualTo("10.110.4.0/24 overlaps the VPC CIDR 10.110.0.0/16.");
        assertThat(next.isDisabled()).isTrue();
        shootBoth(robot, "wizard-enable-networks-invalid");

        robot.interact(() -> vm.networks().nodes().get(0).textProperty().set(""));
        robot.clickOn("#node-cidr-0").write("10.200.0.0/16");
        WaitForAsyncUtils.waitForFxEvents();
        shootBoth(robot, "wizard-enable-networks-nopods");
        robot.clickOn("#pod-cidr-add");
        robot.clickOn("#pod-cidr-0").write("10.201.0.0/16");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(next.isDisabled()).isFalse();
        shootBoth(robot, "wizard-enable-networks");

        robot.clickOn("#enable-wizard-next");
        assertThat(robot.lookup("#enable-credentials").tryQuery()).isPresent();
        shootBoth(robot, "wizard-enable-credentials");
        robot.clickOn("#cred-ra");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(next.isDisabled()).as("Roles Anywhere without a CA").isTrue();
        shootBoth(robot, "wizard-enable-credentials-rolesanywhere");
        robot.clickOn("#cred-ssm");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(next.isDisabled()).isFalse();

        robot.clickOn("#enable-wizard-next");
        shootBoth(robot, "wizard-enable-access");
        robot.clickOn("#enable-wizard-next");
        shootBoth(robot, "wizard-enable-cni");
        robot.clickOn("#enable-wizard-next");
        assertThat(vm.planTextProperty().get()).contains("iam:CreateRole AmazonEKSHybridNodesRole");
        assertThat(composition.lab().orElseThrow().aws().inspect().requestCount("iam:CreateRole")).isZero();
        assertThat(next.getText()).isEqualTo("Apply");
        shootBoth(robot, "wizard-enable-plan");

        robot.clickOn("#enable-wizard-next");
        FxWait.until(30, () -> vm.run().statusProperty().get() == OperationStatus.SUCCEEDED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(next.getText()).isEqualTo("Done");
        shootBoth(robot, "wizard-enable-apply");

        robot.clickOn("#enable-wizard-next");
        FxWait.until(5, () -> console.hybrid().openProperty().get() == null);
        FxWait.until(15, () -> robot.lookup("#hybrid-config .check-title").queryAll().size() >= 5
                && remoteNetworks(robot));
        shootBoth(robot, "wizard-enable-detail");
        assertThat(composition.lab().orElseThrow().aws().inspect().remoteNetworks("us-west-2", "payments"))
                .contains(new RemoteNetworks(List.of("10.200.0.0/16"), List.of("10.201.0.0/16")));
        robot.interact(() -> stage.close());
    }

    private static boolean remoteNetworks(FxRobot robot) {
        return robot.lookup("#hybrid-config .check-value").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().contains("nodes 10.200.0.0/16; pods 10.201.0.0/16"));
    }

    private void shootBoth(FxRobot robot, String name) throws Exception {
        WalkShots.both(robot, window, stage, dir, name);
    }
}
