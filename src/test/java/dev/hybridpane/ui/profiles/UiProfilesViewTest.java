package dev.hybridpane.ui.profiles;

import static dev.hybridpane.ui.profiles.ProfileFixtures.ACCESS;
import static dev.hybridpane.ui.profiles.ProfileFixtures.NOT_IMPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.common.FxExecutor;
import dev.hybridpane.ui.common.FxTaskRunner;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
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

/** The Profiles view on fake stores: a profile selected, two versions picked, the changed field side by side. */
@ExtendWith(ApplicationExtension.class)
class UiProfilesViewTest {
    static {
        System.setProperty("monocle.headless.geometry", "1440x900-32");
    }

    private final ProfileFixtures fx = new ProfileFixtures();
    private ExecutorService io;
    private ProfilesView view;

    @Start
    void start(Stage stage) {
        io = Executors.newCachedThreadPool();
        ProfilesViewModel vm = new ProfilesViewModel(fx.fleet, c -> Optional.of(ACCESS), fx.services(), fx.launcher,
                new FxTaskRunner(io, new FxExecutor()));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        view = new ProfilesView(vm);
        // the view's share of a 1280-px window beside the sidebar
        Scene scene = new Scene(view, 1060, 760);
        scene.getStylesheets().add(ProfilesView.class.getResource("/dev/hybridpane/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    @Test
    void aSelectedProfilesTwoVersionsAreComparedSideBySide(FxRobot robot) throws Exception {
        ProfilesViewModel vm = view.viewModel();
        FxWait.until(10, () -> vm.rows().size() == 2 && vm.notices().size() == 1 && !vm.busyProperty().get());
        // the cluster that was never imported says so in one sentence; the others show
        FxWait.until(5, () -> robot.lookup("#profiles-notices .message").queryAll().stream()
                .anyMatch(n -> NOT_IMPORTED.equals(((Message) n).getDescription())));
        assertThat(robot.lookup("#profiles-new").queryButton().isDisabled()).as("no cluster chosen yet").isTrue();

        robot.clickOn(cell("store-pos"));
        FxWait.until(5, () -> vm.selectedProperty().get() != null && "store-pos".equals(vm.selectedProperty().get().name()));
        assertThat(robot.lookup("#profiles-detail-title").queryAs(Label.class).getText()).isEqualTo("store-pos");
        assertThat(robot.lookup("#profiles-detail-update").queryAs(Label.class).getText())
                .isEqualTo("Update available: dallas-gpu");
        assertThat(texts(robot, "#profiles-kubernetes")).contains("Version", "1.31", "ssm (SSM hybrid activations)");
        assertThat(robot.lookup("#profiles-new").queryButton().isDisabled()).as("the selected profile's cluster").isFalse();

        // version 1 is in use by a pool: Delete version is refused before the store is asked
        pick(robot, "#profiles-version", "v1");
        FxWait.until(5, () -> robot.lookup("#profiles-delete-version").queryButton().isDisabled());
        assertThat(texts(robot, "#profiles-kubernetes")).contains("1.30");
        pick(robot, "#profiles-version", "v2 (latest)");
        FxWait.until(5, () -> !robot.lookup("#profiles-delete-version").queryButton().isDisabled());
        if (shots()) {
            shoot(robot, "/tmp/pview-layers-light.png");
        }

        robot.clickOn(tabHeader(robot, "Compare versions"));
        FxWait.until(5, () -> view.detail().tabs().getSelectionModel().getSelectedIndex() == 2);
        pick(robot, "#profiles-diff-from", "v2 (latest)");
        pick(robot, "#profiles-diff-to", "v1");
        FxWait.until(5, () -> vm.detail().diffFromProperty().get() == 2 && vm.detail().diffToProperty().get() == 1);
        List<String> diff = texts(robot, "#profiles-diff");
        int row = diff.indexOf("version");
        assertThat(row).as("the changed field is listed: %s", diff).isGreaterThan(0);
        assertThat(diff.subList(row, row + 3)).containsExactly("version", "1.31", "1.30");
        assertThat(diff).contains("Version 2", "Version 1", "Kubernetes", "OS", "jq");
        assertThat(robot.lookup("#profiles-diff-summary").queryAs(Label.class).getText())
                .isEqualTo("5 changes from version 2 to version 1.");

        pick(robot, "#profiles-diff-to", "v2 (latest)");
        FxWait.until(5, () -> vm.detail().diff().isEmpty());
        assertThat(robot.lookup("#profiles-diff-summary").queryAs(Label.class).getText()).contains("no differences");
        assertThat(robot.lookup("#profiles-diff").query().isVisible()).isFalse();

        pick(robot, "#profiles-diff-from", "v1");
        FxWait.until(5, () -> vm.detail().diff().size() == 5);
        if (shots()) {
            shoot(robot, "/tmp/pview-light.png");
            robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
            WaitForAsyncUtils.waitForFxEvents();
            shoot(robot, "/tmp/pview-dark.png");
            robot.interact(() -> view.detail().tabs().getSelectionModel().select(0));
            WaitForAsyncUtils.waitForFxEvents();
            shoot(robot, "/tmp/pview-layers-dark.png");
            robot.interact(() -> view.dialogs().export());
            WaitForAsyncUtils.waitForFxEvents();
            shoot(robot, "/tmp/pview-export-dark.png");
            robot.interact(() -> view.dialogs().close());
            robot.interact(() -> view.detail().tabs().getSelectionModel().select(1));
            WaitForAsyncUtils.waitForFxEvents();
            shoot(robot, "/tmp/pview-history-dark.png");
            robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        }

        // version 2 is unused: Delete asks first, then the store writes the profile without it
        robot.clickOn("#profiles-delete-version");
        FxWait.until(5, () -> robot.lookup("#profiles-delete-confirm").tryQuery().isPresent());
        assertThat(fx.stores.get("retail-edge").writes).as("nothing before the confirmation").isEmpty();
        robot.clickOn("#profiles-delete-confirm");
        FxWait.until(10, () -> vm.detail().versions().equals(List.of(1)) && !vm.busyProperty().get());
        assertThat(fx.stores.get("retail-edge").writes).containsExactly("update store-pos v1");
        assertThat(robot.lookup("#profiles-status").queryAs(Label.class).getText())
                .isEqualTo("Deleted version 2 of store-pos.");
        assertThat(robot.lookup("#profiles-delete-version").queryButton().isDisabled())
                .as("v1 is the only version left, and a pool uses it").isTrue();
    }

    private static boolean shots() {
        return System.getProperty("hybridpane.shots") != null;
    }

    private TableCell<?, ?> cell(String text) {
        return (TableCell<?, ?>) new FxRobot().lookup((Node n) -> n instanceof TableCell<?, ?> c && text.equals(c.getText()))
                .query();
    }

    private static Node tabHeader(FxRobot robot, String title) {
        return robot.lookup(".tab-header-area .tab-label").queryAll().stream()
                .filter(n -> n instanceof Label l && title.equals(l.getText())).findFirst().orElseThrow();
    }

    /** Opens a version ComboBox and clicks the entry with this text. */
    private static void pick(FxRobot robot, String combo, String entry) throws Exception {
        robot.clickOn(combo);
        FxWait.until(5, () -> robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
                .anyMatch(n -> entry.equals(((ListCell<?>) n).getText())));
        Node item = robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
                .filter(n -> n.isVisible() && entry.equals(((ListCell<?>) n).getText())).findFirst().orElseThrow();
        robot.clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((ComboBox<?>) robot.lookup(combo).query()).isShowing()).isFalse();
    }

    /** The texts of the labels in a grid, in their order. */
    private static List<String> texts(FxRobot robot, String grid) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(grid).queryParent().getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).toList()).get(5, TimeUnit.SECONDS);
    }

    private void shoot(FxRobot robot, String file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] img = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> img[0] = view.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", new File(file));
    }
}
