package dev.hybridpane.ui.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Edge Hosts modal: pages of one flow follow each other in one card, and a prompt waits for the open page. */
@ExtendWith(ApplicationExtension.class)
class UiHostModalsTest {
    private HostModals modals;
    private final List<String> dismissed = new ArrayList<>();

    @Start
    void start(Stage stage) {
        modals = new HostModals();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage.setScene(new Scene(new StackPane(new Label("the view"), modals.pane()), 800, 600));
        stage.show();
    }

    private HostModal page(String title) {
        HostModal p = new HostModal("test-page", title, null);
        p.setId(title);
        p.setOnDismiss(() -> dismissed.add(title));
        p.dismissButton("Close", title + "-close");
        return p;
    }

    private static boolean shown(FxRobot robot, String title) {
        return robot.lookup("#" + title).tryQuery().isPresent();
    }

    @Test
    void aPromptWaitsForTheOpenPageAndAConfirmationGoesBackToItsPage(FxRobot robot) {
        HostModal a = page("import");
        HostModal b = page("keys");
        HostModal c = page("confirm");
        robot.interact(() -> modals.open(a));
        robot.interact(() -> modals.offer(b));
        assertThat(shown(robot, "import")).isTrue();
        assertThat(shown(robot, "keys")).as("waits, no second dialog").isFalse();
        assertThat(robot.lookup("#hosts-modal-next").query().isVisible()).as("announced").isTrue();

        robot.interact(() -> modals.open(c));
        assertThat(shown(robot, "confirm")).isTrue();
        assertThat(shown(robot, "import")).isFalse();
        assertThat(robot.lookup("#hosts-modal-trail").queryAs(Label.class).getText()).contains("import");
        robot.interact(c::close);
        assertThat(shown(robot, "import")).as("back to the page it was opened from").isTrue();
        assertThat(dismissed).as("closed after an answer: not dismissed").isEmpty();

        robot.clickOn("#hosts-modal-continue");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dismissed).containsExactly("import");
        assertThat(shown(robot, "keys")).as("follows in the same modal").isTrue();
        assertThat(robot.lookup("#hosts-modal-trail").queryAs(Label.class).getText()).contains("import");

        robot.clickOn("#keys-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dismissed).containsExactly("import", "keys");
        assertThat(modals.isOpen()).isFalse();
        assertThat(modals.pane().getContent()).as("nothing left in the scene").isNull();

        robot.interact(() -> modals.offer(page("alone")));
        assertThat(shown(robot, "alone")).as("nothing open: shown at once").isTrue();
        assertThat(robot.lookup("#hosts-modal-trail").queryAs(Label.class).isVisible()).as("a new flow").isFalse();
        robot.interact(() -> robot.lookup("#alone").queryAs(Node.class).requestFocus());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dismissed).as("Escape dismisses").containsExactly("import", "keys", "alone");
        assertThat(modals.isOpen()).isFalse();
    }
}
