package dev.hybridpane.ui.pools.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.common.FxTaskRunner;
import dev.hybridpane.ui.wizard.WizardView;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Create-pool wizard in a window on the lab, walked with the robot from the name to a created pool; each page is
 * saved as target/pool-wizard-STEP-light.png, and Hosts, Review and Apply in dark too (-dark.png).
 */
@ExtendWith(ApplicationExtension.class)
class UiPoolWizardTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    @TempDir
    static Path dir;
    static PoolWizardLab lab;
    private final List<String> created = new CopyOnWriteArrayList<>();
    private ExecutorService io;
    private PoolWizards wizards;
    private StackPane root;

    @BeforeAll
    static void startLab() {
        lab = new PoolWizardLab(dir, List.of("dallas-08", "dallas-11", "dallas-16"));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Start
    void start(Stage stage) {
        io = Executors.newCachedThreadPool();
        wizards = new PoolWizards(lab.services, () -> List.of(lab.retail, lab.payments), c -> Optional.of(lab.lab.access),
                new FxTaskRunner(io, new FxExecutor()), new FxExecutor(), j -> { });
        root = new StackPane(new Label("the Node Pools view"), WizardView.modal(wizards.openProperty()));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(root, 1280, 840);
        scene.getStylesheets().add(WizardView.class.getResource("/dev/hybridpane/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    @Test
    void aPoolIsNamedGivenAProfileAndHostsReviewedAndCreated(FxRobot robot) throws Exception {
        robot.interact(() -> wizards.newPool(null, created::add));
        FxWait.until(20, () -> shown(robot, "#pwiz2-name") && !busy());
        @SuppressWarnings("unchecked")
        ComboBox<String> site = robot.lookup("#pwiz2-site").queryAs(ComboBox.class);
        FxWait.until(10, () -> site.getItems().contains("dallas-dc"));
        robot.interact(() -> site.getSelectionModel().select("dallas-dc"));
        robot.clickOn("#pwiz2-name").write("Edge");
        FxWait.until(10, () -> visible(robot, "#pwiz2-name-error"));
        assertThat(text(robot, "#pwiz2-name-error")).contains("lower-case letters");
        robot.interact(() -> robot.lookup("#pwiz2-name").queryAs(TextInputControl.class).clear());
        robot.interact(() -> robot.lookup("#pwiz2-name").queryAs(TextInputControl.class).setText("other"));
        FxWait.until(10, () -> text(robot, "#pwiz2-name-error").contains("already has a pool named other"));
        assertThat(nextEnabled(robot)).isFalse();
        shoot(robot, "pool-wizard-name-light.png");
        robot.interact(() -> robot.lookup("#pwiz2-name").queryAs(TextInputControl.class).setText("edge-ui"));
        FxWait.until(10, () -> nextEnabled(robot) && !visible(robot, "#pwiz2-name-error"));
        robot.clickOn("#pool-wizard-next");

        FxWait.until(10, () -> shown(robot, "#pwiz2-profile-details")
                && text(robot, "#pwiz2-profile-details").contains("Kubernetes 1.31"));
        assertThat(text(robot, "#pwiz2-profile-details")).contains("(ssm)").contains("CNI Cilium");
        shoot(robot, "pool-wizard-profile-light.png");
        robot.clickOn("#pool-wizard-next");

        FxWait.until(10, () -> shown(robot, "#pwiz2-labels"));
        robot.interact(() -> robot.lookup("#pwiz2-labels").queryAs(TextInputControl.class).setText("workload=ui"));
        robot.interact(() -> robot.lookup("#pwiz2-taints").queryAs(TextInputControl.class).setText("dedicated=ui"));
        FxWait.until(10, () -> visible(robot, "#pwiz2-taints-error"));
        assertThat(text(robot, "#pwiz2-taints-error")).contains("is not key=value:Effect");
        assertThat(nextEnabled(robot)).isFalse();
        shoot(robot, "pool-wizard-nodes-light.png");
        robot.interact(() -> robot.lookup("#pwiz2-taints").queryAs(TextInputControl.class).setText("dedicated=ui:NoSchedule"));
        FxWait.until(10, () -> nextEnabled(robot) && !visible(robot, "#pwiz2-taints-error"));
        robot.clickOn("#pool-wizard-next");

        FxWait.until(20, () -> shown(robot, "#pwiz2-host-dallas-16") && !busy());
        assertThat(robot.lookup("#pwiz2-host-dallas-11").queryAs(CheckBox.class).isDisabled()).isTrue();
        assertThat(text(robot, "#pwiz2-host-dallas-11-state")).contains("containerd");
        assertThat(text(robot, "#pwiz2-host-dallas-12-state")).contains("already in pool other");
        assertThat(text(robot, "#pwiz2-host-dallas-16-state")).startsWith("Offered");
        robot.clickOn("#pwiz2-host-dallas-08");
        robot.clickOn("#pwiz2-host-dallas-16");
        robot.clickOn("#pwiz2-host-dallas-16-vpn").write("10.200.9.1");
        FxWait.until(10, () -> visible(robot, "#pwiz2-host-dallas-16-vpn-error"));
        assertThat(text(robot, "#pwiz2-host-dallas-16-vpn-error")).contains("outside site dallas-dc");
        assertThat(nextEnabled(robot)).isFalse();
        shootBoth(robot, "hosts");
        robot.interact(() -> robot.lookup("#pwiz2-host-dallas-16-vpn").queryAs(TextInputControl.class).clear());
        FxWait.until(10, () -> nextEnabled(robot));
        assertThat(text(robot, "#pwiz2-hosts-summary")).contains("2 chosen");
        robot.clickOn("#pool-wizard-next");

        FxWait.until(30, () -> shown(robot, "#pwiz2-plan") && !busy()
                && robot.lookup("#pwiz2-plan").queryAs(TextArea.class).getText().contains("ssm:CreateActivation"));
        assertThat(robot.lookup("#pwiz2-plan").queryAs(TextArea.class).getText()).contains("dallas-08:", "dallas-16:",
                "RegistrationLimit: 2", "dedicated=ui:NoSchedule");
        assertThat(robot.lookup("#pool-wizard-next").queryAs(Button.class).getText()).isEqualTo("Create pool");
        shootBoth(robot, "review");
        robot.clickOn("#pool-wizard-next");

        FxWait.until(50, () -> status() == OperationStatus.SUCCEEDED || status() == OperationStatus.FAILED);
        assertThat(status()).as(text(robot, "#pwiz2-run-summary")).isEqualTo(OperationStatus.SUCCEEDED);
        FxWait.until(10, () -> text(robot, "#pwiz2-run-host-dallas-08").equals("Done")
                && text(robot, "#pwiz2-run-host-dallas-16").equals("Done"));
        assertThat(text(robot, "#pwiz2-run-summary")).contains("2 of 2 hosts joined");
        assertThat(robot.lookup("#pool-wizard-next").queryAs(Button.class).getText()).isEqualTo("Done");
        shootBoth(robot, "apply");
        assertThat(created).containsExactly("edge-ui");
        try (PoolStore.Pools pools = lab.lab.pools()) {
            assertThat(pools.get("edge-ui").orElseThrow().pool().hostNames()).containsExactly("dallas-08", "dallas-16");
        }
        robot.clickOn("#pool-wizard-next");
        FxWait.until(10, () -> wizards.openProperty().get() == null);
        assertThat(robot.lookup("#pool-wizard").tryQuery()).as("the card is gone").isEmpty();
    }

    private OperationStatus status() {
        return ((PoolWizardViewModel) wizards.openProperty().get()).run().statusProperty().get();
    }

    private boolean busy() {
        return wizards.openProperty().get() != null && !wizards.openProperty().get().busyProperty().get().isEmpty();
    }

    private static boolean shown(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    private static boolean visible(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> n.isVisible() && n.isManaged()).orElse(false);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static boolean nextEnabled(FxRobot robot) {
        return robot.lookup("#pool-wizard-next").tryQuery().map(n -> !n.isDisabled()).orElse(false);
    }

    private void theme(FxRobot robot, boolean dark) {
        robot.interact(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            root.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), dark);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** target/pool-wizard-STEP-light.png and -dark.png. */
    private void shootBoth(FxRobot robot, String step) throws Exception {
        shoot(robot, "pool-wizard-" + step + "-light.png");
        theme(robot, true);
        shoot(robot, "pool-wizard-" + step + "-dark.png");
        theme(robot, false);
    }

    private void shoot(FxRobot robot, String file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] img = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> img[0] = root.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        Path out = Path.of("target", file);
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File(out.toString()));
        assertThat(Files.size(out)).isPositive();
    }
}
