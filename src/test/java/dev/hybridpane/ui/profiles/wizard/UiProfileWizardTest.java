package dev.hybridpane.ui.profiles.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.profile.MemoryProfiles;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ContainerdSource;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.common.FxTaskRunner;
import dev.hybridpane.ui.profiles.ProfilesServices;
import dev.hybridpane.ui.wizard.WizardView;
import java.io.File;
import java.time.Clock;
import java.time.ZoneOffset;
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
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
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
 * The profile wizard in a window, as WizardView shows it: typed into with the robot, step by step to Review, saved,
 * and the store checked. With -Dhybridpane.shots the Review page is saved in light and dark
 * (/tmp/pwiz-light.png, /tmp/pwiz-dark.png).
 */
@ExtendWith(ApplicationExtension.class)
class UiProfileWizardTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    private final MemoryProfiles store = new MemoryProfiles();
    private final List<ClusterProfile> saved = new CopyOnWriteArrayList<>();
    private ExecutorService io;
    private ProfileWizards wizards;
    private StackPane root;

    @Start
    void start(Stage stage) {
        io = Executors.newCachedThreadPool();
        ProfilesServices services = new ProfilesServices((ref, access) -> store,
                () -> ProfileWizardViewModelTest.ANA, Clock.fixed(ProfileWizardViewModelTest.T0, ZoneOffset.UTC));
        wizards = new ProfileWizards(services, c -> Optional.of(new ClusterAccess.KubeconfigContext("retail-edge")),
                new FxTaskRunner(io, new FxExecutor()));
        root = new StackPane(new Label("the Profiles view"), WizardView.modal(wizards.openProperty()));
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
    void aNewProfileIsTypedInStepByStepReviewedAndSaved(FxRobot robot) throws Exception {
        store.put(ProfileWizardViewModelTest.storePos());
        robot.interact(() -> wizards.newProfile(ProfileWizardViewModelTest.CLUSTER, saved::add));
        FxWait.until(10, () -> shown(robot, "#pwiz-name"));

        robot.clickOn("#pwiz-name").write("store-pos");
        FxWait.until(10, () -> visible(robot, "#pwiz-name-error") && text(robot, "#pwiz-name-error").contains("already has"));
        assertThat(nextEnabled(robot)).isFalse();
        robot.interact(() -> robot.lookup("#pwiz-name").queryAs(TextInputControl.class).clear());
        robot.clickOn("#pwiz-name").write("kiosk");
        FxWait.until(10, () -> nextEnabled(robot) && !visible(robot, "#pwiz-name-error"));
        robot.clickOn("#profile-wizard-next");

        FxWait.until(10, () -> shown(robot, "#pwiz-os-packages"));
        robot.clickOn("#pwiz-os-packages").write("chrony\nbad pkg!");
        FxWait.until(10, () -> visible(robot, "#pwiz-os-packages-error"));
        assertThat(text(robot, "#pwiz-os-packages-error")).startsWith("Line 2: 'bad pkg!'");
        assertThat(nextEnabled(robot)).as("an error of the step blocks Next").isFalse();
        shootIfAsked(robot, "/tmp/pwiz-os-light.png");
        robot.interact(() -> robot.lookup("#pwiz-os-packages").queryAs(TextArea.class).setText("chrony\nconntrack"));
        robot.clickOn("#pwiz-os-ntp").write("time.example.com");
        FxWait.until(10, () -> nextEnabled(robot) && !visible(robot, "#pwiz-os-packages-error"));
        robot.clickOn("#profile-wizard-next");

        FxWait.until(10, () -> shown(robot, "#pwiz-k8s-version"));
        assertThat(visible(robot, "#pwiz-k8s-containerd-warning")).as("distro on RHEL: a warning").isTrue();
        robot.interact(() -> combo(robot, "#pwiz-k8s-version").setValue("1.32"));
        FxWait.until(10, () -> visible(robot, "#pwiz-k8s-version-error"));
        assertThat(text(robot, "#pwiz-k8s-version-error")).contains("1.32").contains("1.31");
        assertThat(nextEnabled(robot)).isFalse();
        shootIfAsked(robot, "/tmp/pwiz-k8s-light.png");
        robot.interact(() -> combo(robot, "#pwiz-k8s-version").setValue("1.30"));
        robot.clickOn("#pwiz-k8s-flags").write("--node-labels=tier=edge");
        FxWait.until(10, () -> nextEnabled(robot));
        robot.clickOn("#profile-wizard-next");

        FxWait.until(10, () -> shown(robot, "#pwiz-net-pod-cidrs"));
        shootIfAsked(robot, "/tmp/pwiz-net-light.png");
        assertThat(robot.lookup("#pwiz-net-pod-cidrs").queryAs(TextArea.class).getText()).isEqualTo("10.201.0.0/16");
        robot.clickOn("#profile-wizard-next");

        FxWait.until(10, () -> shown(robot, "#pwiz-yaml"));
        assertThat(robot.lookup("#pwiz-yaml").queryAs(TextArea.class).getText()).contains("name: kiosk")
                .contains("- conntrack").contains("version: \"1.30\"");
        assertThat(robot.lookup("#profile-wizard-next").queryAs(Button.class).getText()).isEqualTo("Save");
        assertThat(store.writes).isEmpty();
        robot.clickOn("#profile-wizard-next");

        FxWait.until(10, () -> wizards.openProperty().get() == null);
        assertThat(store.writes).containsExactly("create kiosk");
        ClusterProfile kiosk = store.objects.get("kiosk").profile();
        assertThat(kiosk.latest().os().packages()).containsExactly("chrony", "conntrack");
        assertThat(kiosk.latest().os().ntpServers()).containsExactly("time.example.com");
        assertThat(kiosk.latest().kubernetes().version()).isEqualTo("1.30");
        assertThat(kiosk.latest().kubernetes().kubeletFlags()).containsExactly("--node-labels=tier=edge");
        assertThat(saved).extracting(ClusterProfile::name).containsExactly("kiosk");
        assertThat(robot.lookup("#profile-wizard").tryQuery()).as("the card is gone").isEmpty();
    }

    @Test
    void aNewVersionShowsItsDiffOnReviewAndIsSavedAsVersionTwo(FxRobot robot) throws Exception {
        ClusterProfile base = ProfileWizardViewModelTest.storePos();
        store.put(base);
        robot.interact(() -> wizards.newVersion(ProfileWizardViewModelTest.CLUSTER, base, saved::add));
        FxWait.until(10, () -> shown(robot, "#pwiz-name") && nextEnabled(robot));
        assertThat(robot.lookup("#pwiz-name").queryAs(TextInputControl.class).isEditable()).isFalse();
        robot.clickOn("#profile-wizard-next");
        FxWait.until(10, () -> shown(robot, "#pwiz-os-packages"));
        robot.clickOn("#pwiz-os-packages").write("\nhtop");
        robot.clickOn("#profile-wizard-next");
        FxWait.until(10, () -> shown(robot, "#pwiz-k8s-version"));
        robot.interact(() -> combo(robot, "#pwiz-k8s-version").setValue("1.31"));
        assertThat(visible(robot, "#pwiz-k8s-containerd-warning")).as("none: valid everywhere").isFalse();
        robot.interact(() -> robot.lookup("#pwiz-k8s-containerd").queryAs(ComboBox.class).getSelectionModel().select(1));
        FxWait.until(10, () -> visible(robot, "#pwiz-k8s-containerd-warning") && nextEnabled(robot));
        robot.clickOn("#profile-wizard-next");
        FxWait.until(10, () -> shown(robot, "#pwiz-net-pod-cidrs"));
        robot.clickOn("#profile-wizard-next");
        FxWait.until(10, () -> shown(robot, "#pwiz-diff"));
        assertThat(robot.lookup("#pwiz-diff").queryAs(TextArea.class).getText()).contains("os.packages: +htop")
                .contains("kubernetes.version: 1.30 → 1.31").contains("kubernetes.containerdSource: none → distro");
        assertThat(visible(robot, "#pwiz-warnings")).as("distro on RHEL, listed on Review").isTrue();

        if (System.getProperty("hybridpane.shots") != null) {
            shoot(robot, "/tmp/pwiz-light.png");
            theme(robot, true);
            shoot(robot, "/tmp/pwiz-dark.png");
            theme(robot, false);
        }

        robot.clickOn("#profile-wizard-next");
        FxWait.until(10, () -> wizards.openProperty().get() == null);
        assertThat(store.writes).containsExactly("update store-pos v2");
        assertThat(store.objects.get("store-pos").profile().latest().os().packages()).containsExactly("chrony", "htop");
        assertThat(store.objects.get("store-pos").profile().latest().kubernetes().containerdSource())
                .isEqualTo(ContainerdSource.DISTRO);
        assertThat(saved).extracting(p -> p.latest().number()).containsExactly(2);
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
        return robot.lookup("#profile-wizard-next").tryQuery().map(n -> !n.isDisabled()).orElse(false);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> combo(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ComboBox.class);
    }

    private void theme(FxRobot robot, boolean dark) {
        robot.interact(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            root.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), dark);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shootIfAsked(FxRobot robot, String file) throws Exception {
        if (System.getProperty("hybridpane.shots") != null) {
            shoot(robot, file);
        }
    }

    private void shoot(FxRobot robot, String file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] img = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> img[0] = root.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File(file));
    }
}
