package dev.hybridpane.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A lazy tooltip is made when the pointer first enters its control, with its text, and only once. */
@ExtendWith(ApplicationExtension.class)
class UiLazyTooltipTest {
    private Label label;

    @Start
    void start(Stage stage) {
        label = new Label("LAB");
        Widgets.lazyTooltip(label, "Embedded lab");
        stage.setScene(new Scene(new StackPane(label), 300, 200));
        stage.show();
    }

    @Test
    void madeOnFirstEntry(FxRobot robot) {
        assertNull(label.getTooltip());
        robot.moveTo(label);
        WaitForAsyncUtils.waitForFxEvents();
        var first = label.getTooltip();
        assertEquals("Embedded lab", first.getText());
        // the pointer resting on the control shows it after the usual delay
        robot.moveBy(2, 0);
        WaitForAsyncUtils.sleep(1800, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Assertions.assertTrue(first.isShowing(), "shown while the pointer rests on the control");
        robot.moveBy(200, 0).moveTo(label);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(first, label.getTooltip(), "entering again keeps the same tooltip");
    }
}
